/* Appending to a GString without GLib's per-call work: texts are built
 * from many pieces of a few bytes, for every field of every message drawn.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_STRBUF_H
#define TLSX_STRBUF_H

#include <glib.h>
#include <string.h>

static inline void sb_put(GString *b, const char *s, gsize n)
{
    if (b->len + n < b->allocated_len) {
        memcpy(b->str + b->len, s, n);
        b->len += n;
        b->str[b->len] = '\0';
    } else {
        g_string_append_len(b, s, (gssize)n);
    }
}

static inline void sb_puts(GString *b, const char *s)
{
    sb_put(b, s, strlen(s));
}

/* Decimal without printf, which costs more than the rest of a short text. */
static inline void sb_put_uint(GString *b, guint64 v)
{
    char buf[20];
    guint n = 0;
    do {
        buf[sizeof buf - ++n] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    sb_put(b, buf + sizeof buf - n, n);
}

#endif
