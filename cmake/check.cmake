# SPDX-License-Identifier: GPL-2.0-or-later
# cmake -P cmake/check.cmake
#
# Builds the plugin (without installing it) and runs the whole test suite.
set(TLSX_GUI_TESTS ON)  # deps.cmake: also the packages of the GUI test
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")
tlsx_configure_and_build()

# One test at a time per core: no test has a timeout a busy machine could
# reach (the longest are about a minute here, their limits 25 times that).
cmake_host_system_information(RESULT jobs QUERY NUMBER_OF_LOGICAL_CORES)
execute_process(
  COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${TLSX_BUILD}" --output-on-failure --parallel ${jobs}
  WORKING_DIRECTORY "${TLSX_ROOT}"
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  # cmake -P can only exit non-zero through an error.
  message(FATAL_ERROR "tests failed")
endif()
