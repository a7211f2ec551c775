# SPDX-License-Identifier: GPL-2.0-or-later
# Makes sure the Debian packages needed to build and test are installed,
# installing the missing ones when we may (root, or passwordless sudo).
# Silent when nothing is missing. Included by demo.cmake and check.cmake.
cmake_minimum_required(VERSION 3.19)

# make and libc6-dev are only Recommends of cmake and gcc, which
# --no-install-recommends skips.
set(TLSX_PACKAGES
  cmake make gcc libc6-dev pkg-config
  libglib2.0-dev libgnutls28-dev libwireshark-dev libwiretap-dev wireshark-dev
  tshark wireshark-common util-linux python3)
# Only the fuzz test needs clang, and libFuzzer, which is not part of the
# clang package: libclang-rt-dev brings the runtime of the default clang.
set(TLSX_OPTIONAL_PACKAGES clang libclang-rt-dev)
# The GUI test (tests/gui) runs Wireshark's Qt program on a virtual screen.
# Only the test suite asks for it (check.cmake sets TLSX_GUI_TESTS; demo
# leaves a student's machine without a virtual screen), and not where
# TLSX_NO_GUI is set: the matrix chroots, where it would be the largest
# download of all and the test skips instead.
set(TLSX_GUI_PACKAGES wireshark-qt xvfb openbox xdotool imagemagick x11-utils)
if(TLSX_GUI_TESTS AND NOT "$ENV{TLSX_NO_GUI}")
  list(APPEND TLSX_OPTIONAL_PACKAGES ${TLSX_GUI_PACKAGES})
endif()

if(NOT DEFINED TLSX_IS_ROOT)
  execute_process(COMMAND id -u OUTPUT_VARIABLE uid
    OUTPUT_STRIP_TRAILING_WHITESPACE)
  string(COMPARE EQUAL "${uid}" "0" TLSX_IS_ROOT)
endif()

function(tlsx_missing_packages out)
  execute_process(
    COMMAND dpkg-query -W "-f=\${Package}\t\${db:Status-Status}\n" ${ARGN}
    OUTPUT_VARIABLE status ERROR_QUIET)  # unknown names only go to stderr
  set(missing)
  foreach(pkg IN LISTS ARGN)
    string(REPLACE "." "\\." re "${pkg}")
    string(REPLACE "+" "\\+" re "${re}")
    if(NOT status MATCHES "(^|\n)${re}\tinstalled(\n|$)")
      list(APPEND missing "${pkg}")
    endif()
  endforeach()
  set(${out} "${missing}" PARENT_SCOPE)
endfunction()

function(tlsx_apt)
  execute_process(COMMAND ${TLSX_SUDO} env DEBIAN_FRONTEND=noninteractive
    apt-get ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    string(JOIN " " cmd apt-get ${ARGN})
    message(FATAL_ERROR "'${cmd}' failed (${rc})")
  endif()
endfunction()

function(tlsx_ensure_packages)
  find_program(DPKG_QUERY dpkg-query)
  find_program(APT_GET apt-get)
  if(NOT DPKG_QUERY OR NOT APT_GET)
    message(STATUS "Not a Debian-like system: make sure the equivalents of "
      "${TLSX_PACKAGES} are installed")
    return()
  endif()

  tlsx_missing_packages(missing ${TLSX_PACKAGES})
  tlsx_missing_packages(optional ${TLSX_OPTIONAL_PACKAGES})
  if(NOT missing AND NOT optional)
    return()
  endif()

  set(TLSX_SUDO)
  set(can_install FALSE)
  if(TLSX_IS_ROOT)
    set(can_install TRUE)
  else()
    find_program(SUDO sudo)
    if(SUDO)
      # -n: never prompt, so CI without a terminal fails instead of hanging.
      execute_process(COMMAND "${SUDO}" -n true RESULT_VARIABLE rc
        OUTPUT_QUIET ERROR_QUIET)
      if(rc EQUAL 0)
        set(TLSX_SUDO "${SUDO}" -n)
        set(can_install TRUE)
      endif()
    endif()
  endif()

  set(all ${missing} ${optional})
  string(JOIN " " line ${all})
  if(NOT can_install)
    if(missing)
      message(FATAL_ERROR "Missing packages: ${missing}\nInstall them with:\n"
        "  sudo apt-get install --no-install-recommends ${line}\n")
    endif()
    message(STATUS "Optional ${optional} missing (only the fuzz and GUI "
      "tests need them); to add them: sudo apt-get install "
      "--no-install-recommends ${line}")
    return()
  endif()

  message(STATUS "Installing ${line}")
  tlsx_apt(update -q)
  tlsx_apt(install -y -q --no-install-recommends ${all})
endfunction()

tlsx_ensure_packages()
