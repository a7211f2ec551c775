/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "fieldtext.h"
#include "handshake.h"
#include "registry.h"

#define HEX_SHOWN 24  /* bytes of an opaque field shown before "…" */

static char *named(const char *name, guint64 value, guint digits)
{
    if (!name)
        return g_strdup_printf("0x%0*" G_GINT64_MODIFIER "x (unknown)", digits, value);
    return g_strdup_printf("%s (0x%0*" G_GINT64_MODIFIER "x)", name, digits, value);
}

static char *hex(const guint8 *p, guint32 len)
{
    if (len == 0)
        return g_strdup("(0 bytes)");
    GString *s = g_string_sized_new(HEX_SHOWN * 2 + 32);
    for (guint32 i = 0; i < len && i < HEX_SHOWN; i++)
        g_string_append_printf(s, "%02x", p[i]);
    if (len > HEX_SHOWN)
        g_string_append(s, "…");
    g_string_append_printf(s, " (%u byte%s)", len, len == 1 ? "" : "s");
    return g_string_free(s, FALSE);
}

/* Printable text as is; anything else in hex, so odd bytes stay visible. */
static char *text(const guint8 *p, guint32 len)
{
    for (guint32 i = 0; i < len; i++)
        if (p[i] < 0x20 || p[i] > 0x7e)
            return hex(p, len);
    return g_strdup_printf("\"%.*s\"", (int)len, (const char *)p);
}

static char *grease_or(const char *name, guint64 value)
{
    if (reg_is_grease16((guint16)value))
        return g_strdup_printf("GREASE (0x%04" G_GINT64_MODIFIER "x)", value);
    return named(name, value, 4);
}

static char *suite(guint64 v)
{
    const struct reg_suite *s = reg_suite((guint16)v);
    return grease_or(s ? s->name : NULL, v);
}

static char *group(guint64 v)
{
    const struct reg_group *g = reg_group((guint16)v);
    return grease_or(g ? g->name : NULL, v);
}

static char *sigalg(guint64 v)
{
    const struct reg_sigscheme *s = reg_sigscheme((guint16)v);
    return grease_or(s ? s->name : NULL, v);
}

static char *exttype(guint64 v)
{
    const struct reg_extension *e = reg_extension((guint16)v);
    return grease_or(e ? e->name : NULL, v);
}

static char *version(guint64 v)
{
    return grease_or(reg_version_name((guint16)v), v);
}

static char *seconds(guint64 v)
{
    if (v >= 3600 && v % 3600 == 0)
        return g_strdup_printf("%" G_GUINT64_FORMAT " s (%" G_GUINT64_FORMAT " h)", v, v / 3600);
    if (v >= 60 && v % 60 == 0)
        return g_strdup_printf("%" G_GUINT64_FORMAT " s (%" G_GUINT64_FORMAT " min)", v, v / 60);
    return g_strdup_printf("%" G_GUINT64_FORMAT " s", v);
}

static char *small_name(enum reg_table table, guint64 v)
{
    const char *name = reg_name(table, (guint16)v);
    if (table == REG_PSK_KE_MODE || table == REG_EC_POINT_FORMAT) {
        if (reg_is_grease8((guint8)v))
            return g_strdup_printf("GREASE (0x%02" G_GINT64_MODIFIER "x)", v);
    }
    return named(name, v, 2);
}

static char *msgtype(guint64 v)
{
    const char *name = hs_type_name((guint8)v);
    return name ? g_strdup_printf("%s (%" G_GUINT64_FORMAT ")", name, v)
                : g_strdup_printf("%" G_GUINT64_FORMAT " (unknown)", v);
}

static char *curvetype(guint64 v)
{
    /* ECCurveType, RFC 8422 §5.4: only named_curve (3) is still allowed. */
    const char *name = v == 1 ? "explicit_prime" : v == 2 ? "explicit_char2"
                     : v == 3 ? "named_curve" : NULL;
    return named(name, v, 2);
}

static char *keyupdate(guint64 v)
{
    const char *name = v == 0 ? "update_not_requested" : v == 1 ? "update_requested" : NULL;
    return named(name, v, 2);
}

char *field_value_text(const struct field *f, const guint8 *data)
{
    const guint8 *p = data + f->offset;
    switch ((enum field_kind)f->kind) {
    case FK_NONE:
        if (f->count > 1)
            return g_strdup_printf("%u entr%s, %u byte%s", f->count, f->count == 1 ? "y" : "ies",
                                   f->length, f->length == 1 ? "" : "s");
        return g_strdup_printf("%u byte%s", f->length, f->length == 1 ? "" : "s");
    case FK_UINT: return g_strdup_printf("%" G_GUINT64_FORMAT, f->value);
    case FK_LENGTH: return g_strdup_printf("%" G_GUINT64_FORMAT, f->value);
    case FK_HEX: return g_strdup_printf("0x%0*" G_GINT64_MODIFIER "x", f->length * 2, f->value);
    case FK_BYTES: return hex(p, f->length);
    case FK_STRING: return text(p, f->length);
    case FK_VERSION: return version(f->value);
    case FK_MSGTYPE: return msgtype(f->value);
    case FK_SUITE: return suite(f->value);
    case FK_COMPRESSION: return small_name(REG_COMPRESSION_METHOD, f->value);
    case FK_EXTTYPE: return exttype(f->value);
    case FK_GROUP: return group(f->value);
    case FK_SIGALG: return sigalg(f->value);
    case FK_POINTFMT: return small_name(REG_EC_POINT_FORMAT, f->value);
    case FK_PSKMODE: return small_name(REG_PSK_KE_MODE, f->value);
    case FK_CERTTYPE: return small_name(REG_CLIENT_CERT_TYPE, f->value);
    case FK_SECONDS: return seconds(f->value);
    case FK_CURVETYPE: return curvetype(f->value);
    case FK_STATUSTYPE: return small_name(REG_CERT_STATUS_TYPE, f->value);
    case FK_KEYUPDATE: return keyupdate(f->value);
    case FK_CERTCOMP: return small_name(REG_CERT_COMPRESSION, f->value);
    case FK_SUITE3:
        if (f->value <= 0xffff)
            return suite(f->value);
        return g_strdup_printf("SSL 2.0 cipher kind 0x%06" G_GINT64_MODIFIER "x", f->value);
    }
    return g_strdup("");
}
