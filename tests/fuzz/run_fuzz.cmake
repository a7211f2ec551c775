# Builds fuzz_core with clang's libFuzzer and runs it for a short time.
# -DCLANG= -DSRC= (repo root) -DWORK= (scratch dir) -DSECONDS= -DGLIB_CFLAGS= -DGLIB_LIBS=
# SPDX-License-Identifier: GPL-2.0-or-later
file(MAKE_DIRECTORY ${WORK}/corpus)
set(core ${SRC}/plugin/core/walker.c
         ${SRC}/plugin/core/handshake.c ${SRC}/plugin/core/extensions.c
         ${SRC}/plugin/core/messages.c ${SRC}/plugin/core/fieldtext.c
         ${SRC}/plugin/core/session.c ${SRC}/plugin/core/offer.c
         ${SRC}/plugin/core/story.c ${SRC}/plugin/core/checks.c
         ${SRC}/plugin/core/keys.c ${SRC}/plugin/core/keylog.c ${SRC}/plugin/core/verify.c
         ${SRC}/plugin/core/verdicts.c
         ${SRC}/plugin/core/registry.c
         ${SRC}/plugin/core/registry_data.c)
separate_arguments(glib_cflags UNIX_COMMAND "${GLIB_CFLAGS}")
separate_arguments(glib_libs UNIX_COMMAND "${GLIB_LIBS}")
set(includes -I${SRC}/plugin/core -I${SRC}/tests/unit ${glib_cflags})

execute_process(COMMAND ${CLANG} -g -O1 ${includes} ${SRC}/tests/fuzz/fuzz_seeds.c
                        -o ${WORK}/fuzz_seeds ${glib_libs} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building the seed writer failed")
endif()
execute_process(COMMAND ${WORK}/fuzz_seeds ${WORK}/corpus RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "writing seeds failed")
endif()

execute_process(COMMAND ${CLANG} -g -O1 -fsanitize=fuzzer,address,undefined
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
