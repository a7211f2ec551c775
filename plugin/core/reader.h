/* Bounded byte reader: the only way core code touches message bytes.
 * Every getter checks that the bytes are there and returns FALSE when they
 * are not, so a short or lying length can never make us read past the span.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_READER_H
#define TLSX_READER_H

#include <glib.h>
#include <string.h>

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

static inline void rd_init(struct reader *r, const guint8 *data, gsize len)
{
    r->data = data;
    r->start = 0;
    r->pos = 0;
    r->end = len;
}

static inline gsize rd_left(const struct reader *r)
{
    return r->end - r->pos;
}

static inline gsize rd_offset(const struct reader *r)
{
    return r->pos;
}

static inline gboolean rd_be(struct reader *r, guint n, guint64 *v)
{
    if (rd_left(r) < n)
        return FALSE;
    guint64 x = 0;
    for (guint i = 0; i < n; i++)
        x = (x << 8) | r->data[r->pos + i];
    r->pos += n;
    *v = x;
    return TRUE;
}

static inline gboolean rd_u8(struct reader *r, guint8 *v)
{
    guint64 x;
    if (!rd_be(r, 1, &x))
        return FALSE;
    *v = (guint8)x;
    return TRUE;
}

static inline gboolean rd_u16(struct reader *r, guint16 *v)
{
    guint64 x;
    if (!rd_be(r, 2, &x))
        return FALSE;
    *v = (guint16)x;
    return TRUE;
}

static inline gboolean rd_u24(struct reader *r, guint32 *v)
{
    guint64 x;
    if (!rd_be(r, 3, &x))
        return FALSE;
    *v = (guint32)x;
    return TRUE;
}

static inline gboolean rd_u32(struct reader *r, guint32 *v)
{
    guint64 x;
    if (!rd_be(r, 4, &x))
        return FALSE;
    *v = (guint32)x;
    return TRUE;
}

static inline gboolean rd_u48(struct reader *r, guint64 *v)
{
    return rd_be(r, 6, v);
}

static inline gboolean rd_bytes(struct reader *r, gsize n, struct reader *out)
{
    if (rd_left(r) < n)
        return FALSE;
    if (out) {
        out->data = r->data;
        out->start = r->pos;
        out->pos = r->pos;
        out->end = r->pos + n;
    }
    r->pos += n;
    return TRUE;
}

static inline gboolean rd_skip(struct reader *r, gsize n)
{
    return rd_bytes(r, n, NULL);
}

static inline gboolean rd_vec(struct reader *r, guint prefix, struct reader *out)
{
    struct reader save = *r;
    guint64 len;
    if (!rd_be(r, prefix, &len) || !rd_bytes(r, (gsize)len, out)) {
        *r = save;  /* leave the reader where the vector began */
        return FALSE;
    }
    return TRUE;
}

static inline gboolean rd_vec8(struct reader *r, struct reader *out)
{
    return rd_vec(r, 1, out);
}

static inline gboolean rd_vec16(struct reader *r, struct reader *out)
{
    return rd_vec(r, 2, out);
}

static inline gboolean rd_vec24(struct reader *r, struct reader *out)
{
    return rd_vec(r, 3, out);
}

static inline struct span rd_span(const struct reader *r)
{
    struct span s = { r->start, r->end - r->start };
    return s;
}

/* A QUIC variable-length integer (RFC 9000 §16): the first byte's two
 * high bits give its length, 1, 2, 4 or 8 bytes. */
static inline gboolean rd_varint(struct reader *r, guint64 *v)
{
    guint64 x;
    guint n;
    if (rd_left(r) < 1)
        return FALSE;
    n = 1u << (r->data[r->pos] >> 6);
    if (!rd_be(r, n, &x))
        return FALSE;
    *v = x & ((G_GUINT64_CONSTANT(1) << (8 * n - 2)) - 1);
    return TRUE;
}

/* The unread bytes, for code that hashes or hands them on whole (with
 * rd_left for their length); reading them goes through the getters. */
static inline const guint8 *rd_ptr(const struct reader *r)
{
    return r->data + r->pos;
}

/* A reader over the bytes a span names in a message of len bytes: FALSE
 * when they are not all there. */
static inline gboolean rd_view(const guint8 *data, gsize len, const struct span *s,
                               struct reader *out)
{
    struct reader r;
    rd_init(&r, data, len);
    return rd_skip(&r, s->offset) && rd_bytes(&r, s->length, out);
}

/* Copies the next n bytes without moving: FALSE, and nothing copied, when
 * fewer are left. */
static inline gboolean rd_copy(const struct reader *r, void *out, gsize n)
{
    if (rd_left(r) < n)
        return FALSE;
    if (n)
        memcpy(out, r->data + r->pos, n);
    return TRUE;
}

/* Whether the n bytes `at` bytes into the unread part are these. */
static inline gboolean rd_equal_at(const struct reader *r, gsize at, const void *bytes, gsize n)
{
    return at <= rd_left(r) && n <= rd_left(r) - at &&
           (n == 0 || memcmp(r->data + r->pos + at, bytes, n) == 0);
}

/* Whether the unread bytes are exactly these. */
static inline gboolean rd_equal(const struct reader *r, const void *bytes, gsize n)
{
    return rd_left(r) == n && rd_equal_at(r, 0, bytes, n);
}

#endif
