# SPDX-License-Identifier: GPL-2.0-or-later
# cmake -P cmake/check.cmake
#
# Builds the plugin (without installing it) and runs the whole test suite.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")
tlsx_configure_and_build()

execute_process(
  COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${TLSX_BUILD}" --output-on-failure --parallel 2
  WORKING_DIRECTORY "${TLSX_ROOT}"
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  # cmake -P can only exit non-zero through an error.
  message(FATAL_ERROR "tests failed")
endif()
