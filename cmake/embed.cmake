# Turns a text file into a C string constant: cmake -DINPUT= -DOUTPUT= -DSYMBOL= -P embed.cmake
# SPDX-License-Identifier: GPL-2.0-or-later
file(READ "${INPUT}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
  "/* Generated from ${INPUT}; do not edit. */\n"
  "#include <stddef.h>\n"
  "const char ${SYMBOL}[] = {\n${bytes}0x00\n};\n"
  "const size_t ${SYMBOL}_len = sizeof ${SYMBOL} - 1;\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
