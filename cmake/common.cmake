# SPDX-License-Identifier: GPL-2.0-or-later
# Shared by the cmake -P entry points (demo.cmake, check.cmake): find the
# repository, make sure the packages are there, configure and build.
cmake_minimum_required(VERSION 3.19)

# Located from this file so the scripts work from any directory.
get_filename_component(TLSX_ROOT "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
set(TLSX_BUILD "${TLSX_ROOT}/build")

include("${CMAKE_CURRENT_LIST_DIR}/deps.cmake")  # also sets TLSX_IS_ROOT

# Runs a command from the repository root; any failure stops the script.
function(tlsx_run)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY "${TLSX_ROOT}"
    COMMAND_ERROR_IS_FATAL ANY)
endfunction()

# The project picks its own release-ish default build type.
function(tlsx_configure_and_build)
  cmake_host_system_information(RESULT jobs QUERY NUMBER_OF_LOGICAL_CORES)
  tlsx_run("${CMAKE_COMMAND}" -S "${TLSX_ROOT}" -B "${TLSX_BUILD}")
  tlsx_run("${CMAKE_COMMAND}" --build "${TLSX_BUILD}" --parallel ${jobs})
endfunction()
