/* Bounded byte reader: the only way core code touches message bytes.
 * Every getter checks that the bytes are there and returns FALSE when they
 * are not, so a short or lying length can never make us read past the span.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_READER_H
#define TLSX_READER_H

#include <glib.h>

struct reader {
    const guint8 *data;  /* start of the whole message, for offsets */
    gsize start;         /* offset of this span within data */
    gsize pos;           /* next byte to read, relative to data */
    gsize end;           /* one past the last readable byte, relative to data */
};

/* A field as parsed: its value's bytes and where they sit in the message. */
struct span {
    gsize offset;
    gsize length;
};

void rd_init(struct reader *r, const guint8 *data, gsize len);
gsize rd_left(const struct reader *r);
gsize rd_offset(const struct reader *r);
gboolean rd_u8(struct reader *r, guint8 *v);
gboolean rd_u16(struct reader *r, guint16 *v);
gboolean rd_u24(struct reader *r, guint32 *v);
gboolean rd_u32(struct reader *r, guint32 *v);
gboolean rd_u48(struct reader *r, guint64 *v);
/* Takes n bytes as a sub-reader (and their span, if asked). */
gboolean rd_bytes(struct reader *r, gsize n, struct reader *out);
gboolean rd_skip(struct reader *r, gsize n);
/* Length-prefixed vectors: the prefix is consumed, the body becomes *out. */
gboolean rd_vec8(struct reader *r, struct reader *out);
gboolean rd_vec16(struct reader *r, struct reader *out);
gboolean rd_vec24(struct reader *r, struct reader *out);
struct span rd_span(const struct reader *r);
const guint8 *rd_ptr(const struct reader *r);

#endif
