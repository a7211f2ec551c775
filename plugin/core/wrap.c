/* Where lines break; see wrap.h.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "wrap.h"

/* Whether the space at `space` is inside an RFC citation, "(RFC 7301)" or
 * "(RFC 8446 §4.1.2, RFC 5246 §7.4.1)", which a student should read on one
 * line: the nearest bracket before it on the line opens one. */
static gboolean in_citation(const char *line, const char *space)
{
    for (const char *q = space; q > line; q--) {
        if (q[-1] == ')')
            return FALSE;
        if (q[-1] == '(')
            return strncmp(q, "RFC ", 4) == 0;
    }
    return FALSE;
}

/* How many of the first n bytes are ASCII before the first that is not,
 * eight at a time. */
static gsize ascii_prefix(const char *p, gsize n)
{
    guint64 word;
    gsize i = 0;
    for (; i + 8 <= n; i += 8) {
        memcpy(&word, p + i, 8);
        if (word & G_GUINT64_CONSTANT(0x8080808080808080))
            break;
    }
    for (; i < n; i++)
        if ((guchar)p[i] >= 0x80)
            break;
    return i;
}

/* Where the line starting at text ends: after at most `columns` columns,
 * at the last space (or before a wide character) that fits, else after
 * `columns` columns. The first `ascii` bytes are known to be ASCII, one
 * column each, and fewer than `columns`. */
static const char *wrap_point_slow(const char *text, guint columns, gsize ascii)
{
    const char *p = text + ascii, *space = NULL;
    guint cols = (guint)ascii;
    for (const char *q = p; q > text; q--)
        if (q[-1] == ' ' && !in_citation(text, q - 1)) {
            space = q - 1;
            break;
        }
    while (*p) {
        guchar c = (guchar)*p;
        gboolean wide = FALSE;
        if (c < 0xe0) {
            /* ASCII and two-byte sequences (Latin, Greek, the § of every
             * citation) are one column and never wide. */
            if (c == ' ' && !in_citation(text, p))
                space = p;
            /* Chinese puts no space before a citation; the line may
             * still break there. */
            else if (c == '(' && p > text && p[-1] != ' ' && strncmp(p, "(RFC ", 5) == 0)
                space = p;
            if (++cols > columns)
                return space && space > text ? space : p;
            p += c < 0xc0 ? 1 : 2;
            if (c >= 0xc0 && !p[-1])
                return p - 1;  /* a sequence cut by the end of the string */
            continue;
        }
        gunichar u = g_utf8_get_char(p);
        GUnicodeType type = g_unichar_type(u);
        wide = g_unichar_iswide(u);
        /* A line may break before a wide (CJK) character, unless it is
         * punctuation that must stay on the line before. */
        if (wide && type != G_UNICODE_OTHER_PUNCTUATION && type != G_UNICODE_CLOSE_PUNCTUATION)
            space = p;
        cols += wide ? 2 : 1;
        if (cols > columns)
            return space && space > text ? space : p;
        p = g_utf8_next_char(p);
    }
    return p;
}

/* ASCII, most of every text, is one byte a column: the same answer from
 * library scans instead of a loop over characters. No UTF-8 character is
 * wider in columns than in bytes, so a text of at most `columns` bytes
 * fits whatever its script. */
const char *wrap_point(const char *text, guint columns)
{
    gsize n = strnlen(text, (gsize)columns + 1), ascii;
    if (n <= columns)
        return text + n;
    ascii = ascii_prefix(text, n);
    if (ascii < n)
        return wrap_point_slow(text, columns, ascii);
    /* The last space among the first columns + 1 characters, not the first. */
    for (const char *q = text + columns; q > text; q--)
        if (*q == ' ' && !in_citation(text, q))
            return q;
    return text + columns;
}

