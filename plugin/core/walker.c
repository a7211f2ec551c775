/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "walker.h"

void w_init(struct walker *w, const guint8 *data, GArray *fields, struct hs_error *err)
{
    w->data = data;
    w->fields = fields;
    w->depth = 0;
    w->err = err;
    for (guint i = 0; i < WALK_MAX_DEPTH; i++)
        w->open[i] = G_MAXUINT;
}

gboolean w_fail(struct walker *w, const struct reader *r, const char *field, const char *expected)
{
    w->err->field = field;
    w->err->expected = expected;
    w->err->offset = (guint32)MIN(rd_offset(r), G_MAXUINT32);
    w->err->left = (guint32)MIN(rd_left(r), G_MAXUINT32);
    return FALSE;
}

static void record(struct walker *w, gsize offset, gsize length, const char *name,
                   const char *section, enum field_kind kind, guint64 value)
{
    struct field f;
    if (!w->fields || !section)
        return;
    f.offset = (guint32)offset;
    f.length = (guint32)length;
    f.depth = (guint8)MIN(w->depth, 255);
    f.kind = (guint8)kind;
    f.count = 0;
    f.name = name;
    f.section = section;
    f.variant = "text";
    f.value = value;
    /* Count entries of lists; a length prefix or the bytes of an opaque
     * vector are not entries. */
    if (w->depth > 0 && w->depth <= WALK_MAX_DEPTH && kind != FK_LENGTH &&
        kind != FK_BYTES && kind != FK_STRING) {
        guint parent = w->open[w->depth - 1];
        if (parent < w->fields->len) {
            struct field *pf = &g_array_index(w->fields, struct field, parent);
            pf->count = (guint16)MIN(pf->count + 1, G_MAXUINT16);
        }
    }
    g_array_append_val(w->fields, f);
}

/* Remembers the field just recorded as the container of what follows. */
static void push(struct walker *w)
{
    if (w->fields && w->depth < WALK_MAX_DEPTH)
        w->open[w->depth] = w->fields->len - 1;
    w->depth++;
}

static gboolean read_be(struct walker *w, struct reader *r, guint n, const char *name,
                        const char *section, enum field_kind kind, guint64 *out)
{
    gsize at = rd_offset(r);
    struct reader v;
    guint64 x = 0;
    if (!rd_bytes(r, n, &v))
        return w_fail(w, r, name, "fixed");
    for (guint i = 0; i < n; i++)
        x = (x << 8) | w->data[at + i];
    record(w, at, n, name, section, kind, x);
    *out = x;
    return TRUE;
}

gboolean w_u8(struct walker *w, struct reader *r, const char *name, const char *section,
              enum field_kind kind, guint8 *out)
{
    guint64 x = 0;
    if (!read_be(w, r, 1, name, section, kind, &x))
        return FALSE;
    *out = (guint8)x;
    return TRUE;
}

gboolean w_u16(struct walker *w, struct reader *r, const char *name, const char *section,
               enum field_kind kind, guint16 *out)
{
    guint64 x = 0;
    if (!read_be(w, r, 2, name, section, kind, &x))
        return FALSE;
    *out = (guint16)x;
    return TRUE;
}

gboolean w_u24(struct walker *w, struct reader *r, const char *name, const char *section,
               enum field_kind kind, guint32 *out)
{
    guint64 x = 0;
    if (!read_be(w, r, 3, name, section, kind, &x))
        return FALSE;
    *out = (guint32)x;
    return TRUE;
}

gboolean w_u32(struct walker *w, struct reader *r, const char *name, const char *section,
               enum field_kind kind, guint32 *out)
{
    guint64 x = 0;
    if (!read_be(w, r, 4, name, section, kind, &x))
        return FALSE;
    *out = (guint32)x;
    return TRUE;
}

gboolean w_bytes(struct walker *w, struct reader *r, gsize n, const char *name,
                 const char *section, enum field_kind kind, struct reader *out)
{
    gsize at = rd_offset(r);
    struct reader v;
    if (!rd_bytes(r, n, &v))
        return w_fail(w, r, name, "fixed");
    record(w, at, n, name, section, kind, n);
    if (out)
        *out = v;
    return TRUE;
}

gboolean w_varint(struct walker *w, struct reader *r, const char *name, const char *section,
                  enum field_kind kind, guint64 *out)
{
    gsize at = rd_offset(r);
    if (!rd_varint(r, out))
        return w_fail(w, r, name, "varint");
    record(w, at, rd_offset(r) - at, name, section, kind, *out);
    return TRUE;
}

static const char *const vector_error[] = { NULL, "vector8", "vector16", "vector24" };

gboolean w_vec(struct walker *w, struct reader *r, guint prefix, const char *name,
               const char *section, struct reader *out)
{
    gsize at = rd_offset(r);
    gboolean ok = prefix == 1 ? rd_vec8(r, out) : prefix == 2 ? rd_vec16(r, out)
                                                              : rd_vec24(r, out);
    if (!ok)
        return w_fail(w, r, name, vector_error[prefix]);
    record(w, at, prefix + rd_left(out), name, section, FK_NONE, rd_left(out));
    push(w);
    record(w, at, prefix, name, "vector_length", FK_LENGTH, rd_left(out));
    return TRUE;
}

void w_open(struct walker *w, gsize offset, gsize length, const char *name,
            const char *section, enum field_kind kind, guint64 value)
{
    record(w, offset, length, name, section, kind, value);
    push(w);
}

void w_end(struct walker *w)
{
    if (w->depth > 0)
        w->depth--;
}

struct field *w_last(struct walker *w)
{
    if (!w->fields || w->fields->len == 0)
        return NULL;
    return &g_array_index(w->fields, struct field, w->fields->len - 1);
}

guint w_mark(const struct walker *w)
{
    return w->fields ? w->fields->len : 0;
}

struct field *w_at(struct walker *w, guint i)
{
    if (!w->fields || i >= w->fields->len)
        return NULL;
    return &g_array_index(w->fields, struct field, i);
}
