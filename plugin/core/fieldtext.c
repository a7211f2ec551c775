/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>
#include "fieldtext.h"
#include "handshake.h"
#include "registry.h"
#include "strbuf.h"

#define HEX_SHOWN 24  /* bytes of an opaque field shown before "…" */

/* Every field of every drawn message passes through here, so values are
 * written with these small appenders rather than printf. */
static const char hexdigits[] = "0123456789abcdef";

static void put_hex(GString *s, guint64 v, guint digits)
{
    char buf[17];
    guint n = 0;
    digits = MIN(digits, 16);  /* a guint64 has no more */
    do {
        buf[sizeof buf - 1 - ++n] = hexdigits[v & 0xf];
        v >>= 4;
    } while (v || n < digits);
    sb_put(s, buf + sizeof buf - 1 - n, n);
}

static void put_code(GString *s, guint64 value, guint digits)
{
    sb_puts(s, "0x");
    put_hex(s, value, digits);
}

static void named(GString *s, const char *name, guint64 value, guint digits)
{
    if (!name) {
        put_code(s, value, digits);
        sb_puts(s, " (unknown)");
        return;
    }
    sb_puts(s, name);
    sb_puts(s, " (");
    put_code(s, value, digits);
    g_string_append_c(s, ')');
}

static void count_of(GString *s, guint64 n, const char *one, const char *many)
{
    sb_put_uint(s, n);
    sb_puts(s, n == 1 ? one : many);
}

static void hex(GString *s, const guint8 *p, guint32 len)
{
    if (len == 0) {
        sb_puts(s, "(0 bytes)");
        return;
    }
    for (guint32 i = 0; i < len && i < HEX_SHOWN; i++) {
        g_string_append_c(s, hexdigits[p[i] >> 4]);
        g_string_append_c(s, hexdigits[p[i] & 0xf]);
    }
    if (len > HEX_SHOWN)
        sb_puts(s, "…");
    sb_puts(s, " (");
    count_of(s, len, " byte)", " bytes)");
}

/* Printable text as is; anything else in hex, so odd bytes stay visible. */
static void text(GString *s, const guint8 *p, guint32 len)
{
    for (guint32 i = 0; i < len; i++) {
        if (p[i] < 0x20 || p[i] > 0x7e) {
            hex(s, p, len);
            return;
        }
    }
    g_string_append_c(s, '"');
    sb_put(s, (const char *)p, len);
    g_string_append_c(s, '"');
}

static void grease_or(GString *s, const char *name, guint64 value)
{
    named(s, reg_is_grease16((guint16)value) ? "GREASE" : name, value, 4);
}

static void seconds(GString *s, guint64 v)
{
    sb_put_uint(s, v);
    sb_puts(s, " s");
    if (v >= 3600 && v % 3600 == 0) {
        sb_puts(s, " (");
        sb_put_uint(s, v / 3600);
        sb_puts(s, " h)");
    } else if (v >= 60 && v % 60 == 0) {
        sb_puts(s, " (");
        sb_put_uint(s, v / 60);
        sb_puts(s, " min)");
    }
}

static void small_name(GString *s, enum reg_table table, guint64 v)
{
    const char *name = reg_name(table, (guint16)v);
    if ((table == REG_PSK_KE_MODE || table == REG_EC_POINT_FORMAT) && reg_is_grease8((guint8)v))
        name = "GREASE";
    named(s, name, v, 2);
}

static void msgtype(GString *s, guint64 v)
{
    const char *name = hs_type_name((guint8)v);
    if (name) {
        sb_puts(s, name);
        sb_puts(s, " (");
        sb_put_uint(s, v);
        g_string_append_c(s, ')');
    } else {
        sb_put_uint(s, v);
        sb_puts(s, " (unknown)");
    }
}

static const char *curvetype(guint64 v)
{
    /* ECCurveType, RFC 8422 §5.4: only named_curve (3) is still allowed. */
    return v == 1 ? "explicit_prime" : v == 2 ? "explicit_char2" : v == 3 ? "named_curve" : NULL;
}

static const char *keyupdate(guint64 v)
{
    return v == 0 ? "update_not_requested" : v == 1 ? "update_requested" : NULL;
}

static void container(GString *s, const struct field *f)
{
    if (f->count > 1) {
        sb_put_uint(s, f->count);
        sb_puts(s, " entries, ");
    }
    count_of(s, f->length, " byte", " bytes");
}

/* RFC 9000 §18.2 and the QUIC Transport Parameters registry's common ones. */
static const char *quic_tp_name(guint64 id)
{
    static const char *const names[] = {
        "original_destination_connection_id", "max_idle_timeout", "stateless_reset_token",
        "max_udp_payload_size", "initial_max_data", "initial_max_stream_data_bidi_local",
        "initial_max_stream_data_bidi_remote", "initial_max_stream_data_uni",
        "initial_max_streams_bidi", "initial_max_streams_uni", "ack_delay_exponent",
        "max_ack_delay", "disable_active_migration", "preferred_address",
        "active_connection_id_limit", "initial_source_connection_id",
        "retry_source_connection_id",
    };
    if (id < G_N_ELEMENTS(names))
        return names[id];
    if (id == 0x11)
        return "version_information";  /* RFC 9368 */
    if (id == 0x20)
        return "max_datagram_frame_size";  /* RFC 9221 */
    if (id % 31 == 27)
        return "GREASE";  /* reserved, RFC 9000 §18.1 */
    return NULL;
}

/* The TLS Certificate Types registry (RFC 7250 §3, RFC 8446 §4.4.2). */
static const char *cert_format_name(guint64 v)
{
    static const char *const names[] = { "X509", "OpenPGP", "RawPublicKey", "1609Dot2" };
    return v < G_N_ELEMENTS(names) ? names[v] : NULL;
}

/* The DTLS-SRTP Protection Profiles registry (RFC 5764 §4.1.2, RFC 7714). */
static const char *srtp_name(guint64 v)
{
    static const char *const names[] = {
        NULL, "SRTP_AES128_CM_HMAC_SHA1_80", "SRTP_AES128_CM_HMAC_SHA1_32", NULL, NULL,
        "SRTP_NULL_HMAC_SHA1_80", "SRTP_NULL_HMAC_SHA1_32", "SRTP_AEAD_AES_128_GCM",
        "SRTP_AEAD_AES_256_GCM",
    };
    return v < G_N_ELEMENTS(names) ? names[v] : NULL;
}

static const char *suite_name(guint64 v)
{
    const struct reg_suite *r = reg_suite((guint16)v);
    return r ? r->name : NULL;
}

static const char *group_name(guint64 v)
{
    const struct reg_group *r = reg_group((guint16)v);
    return r ? r->name : NULL;
}

static const char *sigalg_name(guint64 v)
{
    const struct reg_sigscheme *r = reg_sigscheme((guint16)v);
    return r ? r->name : NULL;
}

/* Code points browsers use that IANA never registered. */
static const char *unregistered_ext_name(guint64 v)
{
    return v == 13172 ? "next_protocol_negotiation (unregistered)"
         : v == 17513 ? "application_settings (old, unregistered)"
         : v == 17613 ? "application_settings (unregistered)" : NULL;
}

static const char *exttype_name(guint64 v)
{
    const struct reg_extension *r = reg_extension((guint16)v);
    return r ? r->name : unregistered_ext_name(v);
}

void field_value_append(GString *s, const struct field *f, const guint8 *data)
{
    const guint8 *p = data + f->offset;
    switch ((enum field_kind)f->kind) {
    case FK_NONE: container(s, f); break;
    case FK_UINT:
    case FK_LENGTH: sb_put_uint(s, f->value); break;
    case FK_HEX: put_code(s, f->value, f->length * 2); break;
    case FK_BYTES: hex(s, p, f->length); break;
    case FK_STRING: text(s, p, f->length); break;
    case FK_VERSION: grease_or(s, reg_version_name((guint16)f->value), f->value); break;
    case FK_MSGTYPE: msgtype(s, f->value); break;
    case FK_SUITE: grease_or(s, suite_name(f->value), f->value); break;
    case FK_COMPRESSION: small_name(s, REG_COMPRESSION_METHOD, f->value); break;
    case FK_EXTTYPE: grease_or(s, exttype_name(f->value), f->value); break;
    case FK_GROUP: grease_or(s, group_name(f->value), f->value); break;
    case FK_SIGALG: grease_or(s, sigalg_name(f->value), f->value); break;
    case FK_POINTFMT: small_name(s, REG_EC_POINT_FORMAT, f->value); break;
    case FK_PSKMODE: small_name(s, REG_PSK_KE_MODE, f->value); break;
    case FK_CERTTYPE: small_name(s, REG_CLIENT_CERT_TYPE, f->value); break;
    case FK_SECONDS: seconds(s, f->value); break;
    case FK_CURVETYPE: named(s, curvetype(f->value), f->value, 2); break;
    case FK_STATUSTYPE: small_name(s, REG_CERT_STATUS_TYPE, f->value); break;
    case FK_KEYUPDATE: named(s, keyupdate(f->value), f->value, 2); break;
    case FK_CERTCOMP: small_name(s, REG_CERT_COMPRESSION, f->value); break;
    case FK_QUICTP: named(s, quic_tp_name(f->value), f->value, 2); break;
    case FK_CERTFORMAT: named(s, cert_format_name(f->value), f->value, 2); break;
    case FK_SRTP: named(s, srtp_name(f->value), f->value, 4); break;
    case FK_SUITE3:
        if (f->value <= 0xffff) {
            grease_or(s, suite_name(f->value), f->value);
        } else {
            sb_puts(s, "SSL 2.0 cipher kind ");
            put_code(s, f->value, 6);
        }
        break;
    }
}

char *field_value_text(const struct field *f, const guint8 *data)
{
    GString *s = g_string_sized_new(64);
    field_value_append(s, f, data);
    return g_string_free(s, FALSE);
}
