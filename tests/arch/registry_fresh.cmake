# registry_data.c is generated: regenerate it into WORK and compare.
# -DPYTHON= -DSRC= (repo root) -DWORK= (scratch dir)
# SPDX-License-Identifier: GPL-2.0-or-later
execute_process(COMMAND ${PYTHON} ${SRC}/plugin/core/gen_registry.py
                        --out ${WORK}/registry_data.c
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gen_registry.py failed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files
                        ${WORK}/registry_data.c ${SRC}/plugin/core/registry_data.c
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "plugin/core/registry_data.c is not what gen_registry.py makes: "
    "run python3 plugin/core/gen_registry.py and commit both")
endif()
message(STATUS "registry_data.c is what gen_registry.py makes")
