# Configures and builds the project with CC and -Werror (on top of the
# project's -Wall -Wextra). -DSRC= -DBIN= -DCC=
# SPDX-License-Identifier: GPL-2.0-or-later
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SRC} -B ${BIN} -DCMAKE_C_COMPILER=${CC}
                        -DCMAKE_C_FLAGS=-Werror -DBUILD_TESTING=OFF
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configuring with ${CC} failed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BIN} -j2 RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building with ${CC} -Werror failed: see the warnings above")
endif()
