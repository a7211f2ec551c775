/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "registry.h"

struct name16 {
    guint16 value;
    const char *name;
};

static const char *lookup(const struct name16 *table, gsize n, guint16 value)
{
    for (gsize i = 0; i < n; i++)
        if (table[i].value == value)
            return table[i].name;
    return NULL;
}

/* TLS Alerts registry (IANA), RFC 8446 §6, RFC 5246 §7.2, RFC 8446 §B.2. */
static const struct name16 alerts[] = {
    { 0, "close_notify" }, { 10, "unexpected_message" }, { 20, "bad_record_mac" },
    { 21, "decryption_failed" }, { 22, "record_overflow" }, { 30, "decompression_failure" },
    { 40, "handshake_failure" }, { 41, "no_certificate" }, { 42, "bad_certificate" },
    { 43, "unsupported_certificate" }, { 44, "certificate_revoked" },
    { 45, "certificate_expired" }, { 46, "certificate_unknown" },
    { 47, "illegal_parameter" }, { 48, "unknown_ca" }, { 49, "access_denied" },
    { 50, "decode_error" }, { 51, "decrypt_error" }, { 52, "too_many_cids_requested" },
    { 60, "export_restriction" }, { 70, "protocol_version" },
    { 71, "insufficient_security" }, { 80, "internal_error" },
    { 86, "inappropriate_fallback" }, { 90, "user_canceled" },
    { 100, "no_renegotiation" }, { 109, "missing_extension" },
    { 110, "unsupported_extension" }, { 111, "certificate_unobtainable" },
    { 112, "unrecognized_name" }, { 113, "bad_certificate_status_response" },
    { 114, "bad_certificate_hash_value" }, { 115, "unknown_psk_identity" },
    { 116, "certificate_required" }, { 120, "no_application_protocol" },
    { 121, "ech_required" },
};

const char *reg_alert_name(guint8 description)
{
    return lookup(alerts, G_N_ELEMENTS(alerts), description);
}

const char *reg_alert_level_name(guint8 level)
{
    return level == 1 ? "warning" : level == 2 ? "fatal" : NULL;
}

static const struct name16 versions[] = {
    { 0x0002, "SSL 2.0" }, { 0x0300, "SSL 3.0" }, { 0x0301, "TLS 1.0" },
    { 0x0302, "TLS 1.1" }, { 0x0303, "TLS 1.2" }, { 0x0304, "TLS 1.3" },
    { 0xfeff, "DTLS 1.0" }, { 0xfefd, "DTLS 1.2" }, { 0xfefc, "DTLS 1.3" },
};

const char *reg_version_name(guint16 version)
{
    return lookup(versions, G_N_ELEMENTS(versions), version);
}
