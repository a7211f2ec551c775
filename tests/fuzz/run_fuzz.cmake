# Builds fuzz_core with clang's libFuzzer and runs it for a short time.
# -DCLANG= -DSRC= (repo root) -DWORK= (scratch dir) -DSECONDS= -DGLIB_CFLAGS= -DGLIB_LIBS=
# -DCORE_SOURCES= (core's sources as the build lists them, |-separated)
# -DVECTORS= (the public vectors' folder, for seeds; may not exist)
# SPDX-License-Identifier: GPL-2.0-or-later
file(MAKE_DIRECTORY ${WORK}/corpus)
# The sources come from the build's own list for the core library, so a
# file added there is fuzzed too; relative ones are relative to plugin/.
string(REPLACE "|" ";" listed "${CORE_SOURCES}")
set(core)
foreach(f IN LISTS listed)
  # Only C files: a generated source also lists the rule that makes it.
  if(NOT f MATCHES "\\.c$")
    continue()
  endif()
  if(NOT IS_ABSOLUTE "${f}")
    set(f "${SRC}/plugin/${f}")
  endif()
  list(APPEND core "${f}")
endforeach()
if(NOT core)
  message(FATAL_ERROR "no core sources were passed")
endif()
separate_arguments(glib_cflags UNIX_COMMAND "${GLIB_CFLAGS}")
separate_arguments(glib_libs UNIX_COMMAND "${GLIB_LIBS}")
set(includes -I${SRC}/plugin/core -I${SRC}/tests/unit ${glib_cflags})

execute_process(COMMAND ${CLANG} -g -O1 ${includes} ${SRC}/tests/fuzz/fuzz_seeds.c
                        -o ${WORK}/fuzz_seeds ${glib_libs} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building the seed writer failed")
endif()
execute_process(COMMAND ${WORK}/fuzz_seeds ${WORK}/corpus ${VECTORS} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "writing seeds failed")
endif()

execute_process(COMMAND ${CLANG} -g -O1 -DTLSX_TESTING -fsanitize=fuzzer,address,undefined
                        -fno-sanitize-recover=all -Wall -Wextra -Werror ${includes} ${SRC}/tests/fuzz/fuzz_core.c
                        ${core} -o ${WORK}/fuzz_core ${glib_libs} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building fuzz_core failed")
endif()

execute_process(COMMAND ${WORK}/fuzz_core -max_total_time=${SECONDS} -print_final_stats=1
                        ${WORK}/corpus RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "fuzz_core found a crash (see above); the input is in the current directory")
endif()
