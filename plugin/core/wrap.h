/* Wrapping explanations into lines of a tree, where a label is one line:
 * by display columns (a CJK character is two), at a space or before a
 * wide character, never inside an RFC citation such as "(RFC 7301)".
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_WRAP_H
#define TLSX_WRAP_H

#include <glib.h>

/* Where the line that starts at text ends: after at most `columns`
 * columns, at the last break point that fits, else after `columns`
 * columns (a word longer than a line is cut). The next line starts there,
 * after any spaces. */
const char *wrap_point(const char *text, guint columns);

#endif
