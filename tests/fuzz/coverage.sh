#!/bin/bash
# Shows which lines of core the fuzz corpus reaches: builds fuzz_core with
# clang's source coverage, replays the corpus the fuzz test left (or grew),
# and prints llvm-cov's per-file report. Not a test: a look for developers.
#   tests/fuzz/coverage.sh BUILD_DIR [SECONDS]
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail
build=$(cd "$1" && pwd)
seconds=${2:-60}
src=$(cd "$(dirname "$0")/../.." && pwd)
work=$build/tests/fuzz/coverage
corpus=$build/tests/fuzz/work/corpus
mkdir -p "$work" "$corpus"
# Every file of core, and the catalog the build embeds.
sources=("$src"/plugin/core/*.c "$build/plugin/catalog_data.c")
flags=(-g -O1 -I"$src/plugin/core" -I"$src/tests/unit" $(pkg-config --cflags glib-2.0 gnutls))
libs=$(pkg-config --libs glib-2.0 gnutls)
# Grow the corpus first with a plain fuzzing run, then measure what it reaches.
clang "${flags[@]}" -fsanitize=fuzzer "$src/tests/fuzz/fuzz_core.c" "${sources[@]}" \
    -o "$work/fuzz_core" $libs
"$work/fuzz_core" -max_total_time="$seconds" "$corpus" > "$work/fuzz.log" 2>&1
clang "${flags[@]}" -fsanitize=fuzzer -fprofile-instr-generate -fcoverage-mapping \
    "$src/tests/fuzz/fuzz_core.c" "${sources[@]}" -o "$work/fuzz_cov" $libs
LLVM_PROFILE_FILE="$work/fuzz.profraw" "$work/fuzz_cov" -runs=0 "$corpus" > /dev/null 2>&1
llvm-profdata merge -sparse "$work/fuzz.profraw" -o "$work/fuzz.profdata"
llvm-cov report "$work/fuzz_cov" -instr-profile="$work/fuzz.profdata" "${sources[@]}"
