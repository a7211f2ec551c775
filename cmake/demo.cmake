# SPDX-License-Identifier: GPL-2.0-or-later
# cmake -P cmake/demo.cmake
#
# Builds the plugin, installs it where this user's Wireshark loads it and
# shows tlsexplain's view of a bundled handshake.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")
tlsx_configure_and_build()
find_program(TSHARK tshark REQUIRED)

file(GLOB plugin RELATIVE "${TLSX_BUILD}/plugins"
  "${TLSX_BUILD}/plugins/*/epan/tlsexplain.so")
list(LENGTH plugin n)
if(NOT n EQUAL 1)
  message(FATAL_ERROR "expected one build/plugins/*/epan/tlsexplain.so, "
    "found ${n}")
endif()

if(TLSX_IS_ROOT)
  # Wireshark ignores personal plugins when run as root.
  tlsx_run("${CMAKE_COMMAND}" --install "${TLSX_BUILD}" --component plugin)
else()
  if(NOT DEFINED ENV{HOME})
    message(FATAL_ERROR "HOME is not set; cannot find the personal plugin folder")
  endif()
  # Same <major.minor>/epan layout as the build tree.
  get_filename_component(dest
    "$ENV{HOME}/.local/lib/wireshark/plugins/${plugin}" DIRECTORY)
  file(INSTALL "${TLSX_BUILD}/plugins/${plugin}" DESTINATION "${dest}")
  # The global folder is scanned first, so a copy there wins over ours.
  execute_process(COMMAND "${TSHARK}" -G plugins OUTPUT_VARIABLE plugins
    ERROR_QUIET)
  string(REGEX MATCH "tlsexplain\\.so[^\n]*\t([^\t\n]+)" loaded "${plugins}")
  set(loaded "${CMAKE_MATCH_1}")
  string(FIND "${loaded}" "${dest}/" ours)
  if(loaded AND ours EQUAL -1)
    message(WARNING "Wireshark loads ${loaded} instead of this copy: "
      "remove it, or update it with\n"
      "  sudo cmake --install ${TLSX_BUILD} --component plugin")
  endif()
endif()

# The "TLS class" profile (profile/): columns, colours, full detail and a
# larger font for teaching. Installed for this user, and updated only while
# it is as we left it: a profile of that name the user changed, or made,
# is kept as it is.
# Wireshark rewrites "recent" itself whenever the profile is used: only the
# preferences and colours tell whether the user changed it.
function(tlsx_files_hash dir out)
  set(all "")
  foreach(f preferences colorfilters)
    if(EXISTS "${dir}/${f}")
      file(SHA256 "${dir}/${f}" h)
      string(APPEND all "${f}:${h};")
    endif()
  endforeach()
  set(${out} "${all}" PARENT_SCOPE)
endfunction()

function(tlsx_install_profile)
  set(src "${TLSX_ROOT}/profile/TLS class")
  if(DEFINED ENV{XDG_CONFIG_HOME} AND NOT "$ENV{XDG_CONFIG_HOME}" STREQUAL "")
    set(config "$ENV{XDG_CONFIG_HOME}/wireshark")
  elseif(DEFINED ENV{HOME})
    set(config "$ENV{HOME}/.config/wireshark")
  else()
    return()
  endif()
  set(dest "${config}/profiles/TLS class")
  set(marker "${dest}/.tlsexplain-installed")
  if(EXISTS "${dest}")
    tlsx_files_hash("${dest}" now)
    set(was "")
    if(EXISTS "${marker}")
      file(READ "${marker}" was)
    endif()
    if(NOT was STREQUAL now)
      message("The Wireshark profile \"TLS class\" in ${dest} was changed "
        "or made by you: it is left as it is (the shipped one is in ${src}).")
      return()
    endif()
  endif()
  file(MAKE_DIRECTORY "${dest}")
  foreach(f preferences recent colorfilters)
    file(COPY "${src}/${f}" DESTINATION "${dest}")
  endforeach()
  tlsx_files_hash("${dest}" now)
  file(WRITE "${marker}" "${now}")
  message("Installed the Wireshark profile \"TLS class\" in ${dest}: "
    "choose it with Edit > Configuration Profiles, or run wireshark -C \"TLS class\".")
endfunction()
tlsx_install_profile()

set(name tls12-ecdhe-rsa-ticket)
if(NOT EXISTS "${TLSX_ROOT}/pcaps/${name}.pcapng")
  file(GLOB pcaps RELATIVE "${TLSX_ROOT}/pcaps" "${TLSX_ROOT}/pcaps/*.pcapng")
  list(SORT pcaps)
  if(NOT pcaps)
    message(FATAL_ERROR "no capture in ${TLSX_ROOT}/pcaps")
  endif()
  list(GET pcaps 0 name)
  string(REGEX REPLACE "\\.pcapng$" "" name "${name}")
endif()
# Two passes show what the GUI shows, including what only later frames
# tell (where a ticket is used again).
set(tshark_args -2 -r pcaps/${name}.pcapng)
set(wireshark_args)
if(EXISTS "${TLSX_ROOT}/pcaps/${name}.keys")
  list(APPEND tshark_args -o tls.keylog_file:pcaps/${name}.keys)
  set(wireshark_args -o "tls.keylog_file:${TLSX_ROOT}/pcaps/${name}.keys")
endif()
list(APPEND tshark_args -Y tlsexplain -O tlsexplain)

string(JOIN " " shown tshark ${tshark_args})
message("\n$ cd ${TLSX_ROOT}\n$ ${shown}")
tlsx_run("${TSHARK}" ${tshark_args})

string(JOIN " " gui wireshark ${wireshark_args}
  "${TLSX_ROOT}/pcaps/${name}.pcapng")
set(dsb "${TLSX_ROOT}/pcaps/${name}.dsb.pcapng")
if(EXISTS "${dsb}")
  string(APPEND gui "\n(or: wireshark ${dsb}, which carries its own keys)")
endif()
message("\nThat is tshark's brief detail, one explanation per message. Every field, "
  "byte by byte: add -o tlsexplain.detail:full.\n"
  "To explore it in Wireshark (every field explained): ${gui}\n"
  "and expand \"TLS Handshake Explainer\" under any handshake packet.")
