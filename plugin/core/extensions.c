/* Extension bodies (RFC 8446 §4.2, RFC 6066, 7301, 7627, 8422, 8449, 8879,
 * 5077, 5746, 7685, 7919). Each knows what it looks like in each message.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "parse.h"
#include "registry.h"
#include "testing.h"

typedef gboolean (*ext_body_fn)(struct parse *p, struct reader *r, enum ext_where where);

struct ext_parser {
    guint16 type;
    const char *name;      /* IANA name */
    const char *section;   /* catalog section */
    ext_body_fn body;
};

static gboolean body_opaque(struct parse *p, struct reader *r, enum ext_where where)
{
    (void)where;
    if (rd_left(r) > 0)
        NEED(w_bytes(&p->w, r, rd_left(r), "extension_data", "ext.opaque", FK_BYTES, NULL));
    return TRUE;
}

static gboolean body_empty(struct parse *p, struct reader *r, enum ext_where where)
{
    (void)where;
    NEED_OR(rd_left(r) == 0, p, r, "extension_data", "empty_ext");
    return TRUE;
}

static gboolean body_server_name(struct parse *p, struct reader *r, enum ext_where where)
{
    struct reader list;
    if (where != IN_CH)
        return body_empty(p, r, where);
    NEED(w_vec(&p->w, r, 2, "server_name_list", "ext.server_name.list", &list));
    for (guint index = 0; rd_left(&list) > 0; index++) {
        /* One node per ServerName, so the list counts names, not their parts. */
        gsize start = rd_offset(&list);
        guint mark = w_mark(&p->w);
        struct reader host;
        guint8 type;
        w_open(&p->w, start, 0, "ServerName", "ext.server_name.entry", FK_UINT, index);
        NEED(w_u8(&p->w, &list, "name_type", "ext.server_name.name_type", FK_UINT, &type));
        NEED(w_vec(&p->w, &list, 2, "host_name", "ext.server_name.host_name", &host));
        NEED(w_bytes(&p->w, &host, rd_left(&host), "HostName", "ext.server_name.host",
                     FK_STRING, NULL));
        w_end(&p->w);
        w_end(&p->w);
        if (w_at(&p->w, mark))
            w_at(&p->w, mark)->length = (guint32)(rd_offset(&list) - start);
    }
    w_end(&p->w);
    return TRUE;
}

static gboolean body_u8(struct parse *p, struct reader *r, const char *name,
                        const char *section, enum field_kind kind)
{
    guint8 v;
    NEED(w_u8(&p->w, r, name, section, kind, &v));
    return need_end(p, r, name);
}

static gboolean body_u16(struct parse *p, struct reader *r, const char *name,
                         const char *section, enum field_kind kind)
{
    guint16 v;
    NEED(w_u16(&p->w, r, name, section, kind, &v));
    return need_end(p, r, name);
}

static gboolean body_max_fragment_length(struct parse *p, struct reader *r, enum ext_where where)
{
    (void)where;
    return body_u8(p, r, "MaxFragmentLength", "ext.max_fragment_length.value", FK_UINT);
}

static gboolean opaque_vector(struct parse *p, struct reader *r, guint prefix,
                              const char *name, const char *section, const char *item)
{
    struct reader v;
    NEED(w_vec(&p->w, r, prefix, name, section, &v));
    if (rd_left(&v) > 0)
        NEED(w_bytes(&p->w, &v, rd_left(&v), item, "opaque_bytes", FK_BYTES, NULL));
    w_end(&p->w);
    return TRUE;
}

/* An extension whose whole data is one opaque vector. */
static gboolean whole_opaque(struct parse *p, struct reader *r, guint prefix, const char *name,
                             const char *section, const char *item)
{
    NEED(opaque_vector(p, r, prefix, name, section, item));
    return need_end(p, r, name);
}

/* An extension whose whole data is a vector of one-byte codes. */
static gboolean u8_list(struct parse *p, struct reader *r, const char *name, const char *section,
                        const char *item, const char *item_section, enum field_kind kind)
{
    struct reader v;
    guint8 x;
    NEED(w_vec(&p->w, r, 1, name, section, &v));
    while (rd_left(&v) > 0)
        NEED(w_u8(&p->w, &v, item, item_section, kind, &x));
    w_end(&p->w);
    return need_end(p, r, name);
}

static gboolean body_status_request(struct parse *p, struct reader *r, enum ext_where where)
{
    guint8 type;
    if (where == IN_SH || where == IN_EE || (where == IN_CR && rd_left(r) == 0))
        return body_empty(p, r, where);
    NEED(w_u8(&p->w, r, "status_type", "ext.status_request.status_type", FK_STATUSTYPE, &type));
    if (where == IN_CERT) {
        /* TLS 1.3 carries the OCSP response here (RFC 8446 §4.4.2.1). */
        NEED(opaque_vector(p, r, 3, "OCSPResponse", "ext.status_request.response", "response"));
        return need_end(p, r, "OCSPResponse");
    }
    NEED(opaque_vector(p, r, 2, "responder_id_list", "ext.status_request.responder_id_list",
                       "ResponderID"));
    NEED(opaque_vector(p, r, 2, "request_extensions", "ext.status_request.request_extensions",
                       "Extensions"));
    return need_end(p, r, "request_extensions");
}

static gboolean body_supported_groups(struct parse *p, struct reader *r, enum ext_where where)
{
    (void)where;
    NEED(parse_u16_list(p, r, 2, "named_group_list", "ext.supported_groups.list", "NamedGroup",
                        "named_group", FK_GROUP, 2, NULL));
    return need_end(p, r, "named_group_list");
}

static gboolean body_ec_point_formats(struct parse *p, struct reader *r, enum ext_where where)
{
    (void)where;
    return u8_list(p, r, "ec_point_format_list", "ext.ec_point_formats.list", "ECPointFormat",
                   "ec_point_format", FK_POINTFMT);
}

static gboolean body_signature_algorithms(struct parse *p, struct reader *r, enum ext_where where)
{
    (void)where;
    NEED(parse_u16_list(p, r, 2, "supported_signature_algorithms",
                        "ext.signature_algorithms.list", "SignatureScheme", "signature_scheme",
                        FK_SIGALG, 2, NULL));
    return need_end(p, r, "supported_signature_algorithms");
}

static gboolean body_alpn(struct parse *p, struct reader *r, enum ext_where where)
{
    struct reader list;
    guint mark = w_mark(&p->w);
    NEED(w_vec(&p->w, r, 2, "protocol_name_list", "ext.alpn.list", &list));
    while (rd_left(&list) > 0) {
        struct reader name;
        NEED(w_vec(&p->w, &list, 1, "ProtocolName", "ext.alpn.protocol", &name));
        NEED_OR(rd_left(&name) > 0, p, &name, "ProtocolName", "nonempty");
        NEED(w_bytes(&p->w, &name, rd_left(&name), "ProtocolName", "ext.alpn.name",
                     FK_STRING, NULL));
        w_end(&p->w);
    }
    w_end(&p->w);
    /* The server answers with exactly one protocol (RFC 7301 §3.1). */
    if (where != IN_CH && w_at(&p->w, mark))
        w_at(&p->w, mark)->variant = "text_server";
    return need_end(p, r, "protocol_name_list");
}

/* One length-prefixed protocol name, as ALPN writes it. */
static gboolean protocol_name(struct parse *p, struct reader *r, const char *section)
{
    struct reader name;
    NEED(w_vec(&p->w, r, 1, "ProtocolName", section, &name));
    NEED_OR(rd_left(&name) > 0, p, &name, "ProtocolName", "nonempty");
    NEED(w_bytes(&p->w, &name, rd_left(&name), "ProtocolName", "ext.alpn.name", FK_STRING, NULL));
    w_end(&p->w);
    return TRUE;
}

/* ALPS (Chrome's application_settings, never registered): the client lists
 * the ALPN protocols it has settings for, like ALPN; the server's settings
 * in EncryptedExtensions are shown as bytes. */
static gboolean body_alps(struct parse *p, struct reader *r, enum ext_where where)
{
    struct reader list;
    if (where != IN_CH)
        return body_opaque(p, r, where);
    NEED(w_vec(&p->w, r, 2, "supported_protocols", "ext.alps.list", &list));
    while (rd_left(&list) > 0)
        NEED(protocol_name(p, &list, "ext.alpn.protocol"));
    w_end(&p->w);
    return need_end(p, r, "supported_protocols");
}

/* NPN, ALPN's predecessor (never registered): an empty request from the
 * client, the server's protocols one after another with no list length. */
static gboolean body_npn(struct parse *p, struct reader *r, enum ext_where where)
{
    if (where == IN_CH)
        return body_empty(p, r, where);
    while (rd_left(r) > 0)
        NEED(protocol_name(p, r, "ext.alpn.protocol"));
    return TRUE;
}

static gboolean body_padding(struct parse *p, struct reader *r, enum ext_where where)
{
    (void)where;
    if (rd_left(r) > 0)
        NEED(w_bytes(&p->w, r, rd_left(r), "padding", "ext.padding.bytes", FK_BYTES, NULL));
    return TRUE;
}

static gboolean body_compress_certificate(struct parse *p, struct reader *r, enum ext_where where)
{
    struct reader v;
    (void)where;
    NEED(w_vec(&p->w, r, 1, "algorithms", "ext.compress_certificate.list", &v));
    NEED_OR(rd_left(&v) % 2 == 0 && rd_left(&v) >= 2, p, &v, "algorithms", "pairs");
    while (rd_left(&v) > 0) {
        guint16 a;
        NEED(w_u16(&p->w, &v, "CertificateCompressionAlgorithm", "cert_compression_algorithm",
                   FK_CERTCOMP, &a));
    }
    w_end(&p->w);
    return need_end(p, r, "algorithms");
}

static gboolean body_record_size_limit(struct parse *p, struct reader *r, enum ext_where where)
{
    (void)where;
    return body_u16(p, r, "RecordSizeLimit", "ext.record_size_limit.value", FK_UINT);
}

static gboolean body_session_ticket(struct parse *p, struct reader *r, enum ext_where where)
{
    /* Empty in a ClientHello: "I would like a ticket"; with bytes: "resume
     * with this ticket"; empty in a ServerHello: "a ticket will follow"
     * (RFC 5077 §3.2). The extension's own field carries the variant. */
    const char *variant = where != IN_CH ? "text_server" : rd_left(r) ? "text_ticket" : "text_empty";
    struct field *ext;
    if (rd_left(r) > 0)
        NEED(w_bytes(&p->w, r, rd_left(r), "ticket", "ext.session_ticket.ticket", FK_BYTES, NULL));
    /* Looked up only now: recording fields may have moved the array. */
    if ((ext = w_at(&p->w, p->ext_mark)) != NULL)
        ext->variant = variant;
    return TRUE;
}

static gboolean body_pre_shared_key(struct parse *p, struct reader *r, enum ext_where where)
{
    struct reader ids, binders;
    if (where != IN_CH)
        return body_u16(p, r, "selected_identity", "ext.pre_shared_key.selected_identity", FK_UINT);
    NEED(w_vec(&p->w, r, 2, "identities", "ext.pre_shared_key.identities", &ids));
    while (rd_left(&ids) > 0) {
        guint32 age;
        NEED(opaque_vector(p, &ids, 2, "identity", "ext.pre_shared_key.identity", "identity"));
        NEED(w_u32(&p->w, &ids, "obfuscated_ticket_age", "ext.pre_shared_key.obfuscated_ticket_age",
                   FK_UINT, &age));
    }
    w_end(&p->w);
    NEED(w_vec(&p->w, r, 2, "binders", "ext.pre_shared_key.binders", &binders));
    while (rd_left(&binders) > 0)
        NEED(opaque_vector(p, &binders, 1, "PskBinderEntry", "ext.pre_shared_key.binder", "binder"));
    w_end(&p->w);
    return need_end(p, r, "binders");
}

static gboolean body_early_data(struct parse *p, struct reader *r, enum ext_where where)
{
    guint32 max;
    if (where != IN_NST)
        return body_empty(p, r, where);
    NEED(w_u32(&p->w, r, "max_early_data_size", "ext.early_data.max_early_data_size", FK_UINT, &max));
    return need_end(p, r, "max_early_data_size");
}

static gboolean body_supported_versions(struct parse *p, struct reader *r, enum ext_where where)
{
    if (where == IN_CH) {
        NEED(parse_u16_list(p, r, 1, "versions", "ext.supported_versions.list",
                            "ProtocolVersion", "version", FK_VERSION, 2, NULL));
        return need_end(p, r, "versions");
    }
    return body_u16(p, r, "selected_version", "ext.supported_versions.selected", FK_VERSION);
}

static gboolean body_cookie(struct parse *p, struct reader *r, enum ext_where where)
{
    (void)where;
    return whole_opaque(p, r, 2, "cookie", "ext.cookie.value", "cookie");
}

static gboolean body_psk_key_exchange_modes(struct parse *p, struct reader *r, enum ext_where where)
{
    (void)where;
    return u8_list(p, r, "ke_modes", "ext.psk_key_exchange_modes.list", "PskKeyExchangeMode",
                   "psk_ke_mode", FK_PSKMODE);
}

static gboolean body_certificate_authorities(struct parse *p, struct reader *r, enum ext_where where)
{
    struct reader list;
    (void)where;
    NEED(w_vec(&p->w, r, 2, "authorities", "ext.certificate_authorities.list", &list));
    while (rd_left(&list) > 0)
        NEED(opaque_vector(p, &list, 2, "DistinguishedName", "distinguished_name", "DER"));
    w_end(&p->w);
    return need_end(p, r, "authorities");
}

static gboolean body_signature_algorithms_cert(struct parse *p, struct reader *r, enum ext_where where)
{
    (void)where;
    NEED(parse_u16_list(p, r, 2, "supported_signature_algorithms",
                        "ext.signature_algorithms_cert.list", "SignatureScheme",
                        "signature_scheme", FK_SIGALG, 2, NULL));
    return need_end(p, r, "supported_signature_algorithms");
}

static gboolean key_share_entry(struct parse *p, struct reader *r, const char *section)
{
    struct reader v;
    gsize start = rd_offset(r);
    guint16 group;
    guint mark = w_mark(&p->w);
    w_open(&p->w, start, 0, "KeyShareEntry", section, FK_GROUP, 0);
    NEED(w_u16(&p->w, r, "group", "ext.key_share.group", FK_GROUP, &group));
    note_group_kind(p, group);
    NEED(w_vec(&p->w, r, 2, "key_exchange", "ext.key_share.key_exchange", &v));
    NEED_OR(rd_left(&v) > 0, p, &v, "key_exchange", "nonempty");
    NEED(w_bytes(&p->w, &v, rd_left(&v), "key_exchange", "public_key_bytes", FK_BYTES, NULL));
    w_end(&p->w);
    w_end(&p->w);
    if (w_at(&p->w, mark)) {
        w_at(&p->w, mark)->length = (guint32)(rd_offset(r) - start);
        w_at(&p->w, mark)->value = group;
    }
    return TRUE;
}

static gboolean body_key_share(struct parse *p, struct reader *r, enum ext_where where)
{
    struct reader list;
    if (where == IN_HRR)
        return body_u16(p, r, "selected_group", "ext.key_share.selected_group", FK_GROUP);
    if (where == IN_SH) {
        NEED(key_share_entry(p, r, "ext.key_share.server_share"));
        return need_end(p, r, "server_share");
    }
    NEED(w_vec(&p->w, r, 2, "client_shares", "ext.key_share.client_shares", &list));
    while (rd_left(&list) > 0)
        NEED(key_share_entry(p, &list, "ext.key_share.client_share"));
    w_end(&p->w);
    return need_end(p, r, "client_shares");
}

static gboolean body_renegotiation_info(struct parse *p, struct reader *r, enum ext_where where)
{
    struct reader peek = *r;
    struct field *ext;
    guint8 len = 0;
    gboolean initial = rd_left(r) == 1 && rd_u8(&peek, &len) && len == 0;
    (void)where;
    NEED(opaque_vector(p, r, 1, "renegotiated_connection", "ext.renegotiation_info.value",
                       "verify_data"));
    /* Empty in a first handshake; the previous Finished data when
     * renegotiating (RFC 5746 §3.2). */
    if ((ext = w_at(&p->w, p->ext_mark)) != NULL)
        ext->variant = initial ? "text" : "text_reneg";
    return need_end(p, r, "renegotiated_connection");
}

static gboolean body_heartbeat(struct parse *p, struct reader *r, enum ext_where where)
{
    (void)where;
    return body_u8(p, r, "HeartbeatMode", "ext.heartbeat.mode", FK_UINT);
}

/* RFC 9345: the client (or a TLS 1.3 CertificateRequest) lists the
 * schemes it accepts for delegated credentials; in a CertificateEntry the
 * credential itself. */
static gboolean body_delegated_credential(struct parse *p, struct reader *r, enum ext_where where)
{
    guint32 valid;
    guint16 scheme;
    if (where != IN_CERT) {
        NEED(parse_u16_list(p, r, 2, "supported_signature_algorithms",
                            "ext.delegated_credential.list", "SignatureScheme",
                            "signature_scheme", FK_SIGALG, 2, NULL));
        return need_end(p, r, "supported_signature_algorithms");
    }
    NEED(w_u32(&p->w, r, "valid_time", "ext.delegated_credential.valid_time", FK_SECONDS, &valid));
    NEED(w_u16(&p->w, r, "dc_cert_verify_algorithm", "ext.delegated_credential.dc_algorithm",
               FK_SIGALG, &scheme));
    NEED(opaque_vector(p, r, 3, "ASN1_subjectPublicKeyInfo", "ext.delegated_credential.spki",
                       "spki"));
    NEED(w_u16(&p->w, r, "algorithm", "ext.delegated_credential.algorithm", FK_SIGALG, &scheme));
    NEED(opaque_vector(p, r, 2, "signature", "ext.delegated_credential.signature", "signature"));
    return need_end(p, r, "signature");
}

/* RFC 7250: the client lists certificate formats it can send or take;
 * the server answers with the one chosen. */
static gboolean cert_type_ext(struct parse *p, struct reader *r, enum ext_where where,
                              const char *section)
{
    guint8 t;
    if (where != IN_CH) {
        NEED(w_u8(&p->w, r, "certificate_type", "ext.certificate_type.chosen", FK_CERTFORMAT, &t));
        return need_end(p, r, "certificate_type");
    }
    return u8_list(p, r, "certificate_types", section, "CertificateType",
                   "ext.certificate_type.entry", FK_CERTFORMAT);
}

static gboolean body_client_certificate_type(struct parse *p, struct reader *r,
                                             enum ext_where where)
{
    return cert_type_ext(p, r, where, "ext.client_certificate_type.list");
}

static gboolean body_server_certificate_type(struct parse *p, struct reader *r,
                                             enum ext_where where)
{
    return cert_type_ext(p, r, where, "ext.server_certificate_type.list");
}

/* RFC 6091's older form of the same, for OpenPGP certificates. */
static gboolean body_cert_type(struct parse *p, struct reader *r, enum ext_where where)
{
    return cert_type_ext(p, r, where, "ext.cert_type.list");
}

/* Encrypted Client Hello (RFC 9849): the outer ClientHello carries the
 * real one encrypted with HPKE; the inner one only marks itself; the
 * server may send retry configs (EncryptedExtensions) or an acceptance
 * confirmation (HelloRetryRequest). */
static gboolean body_encrypted_client_hello(struct parse *p, struct reader *r,
                                            enum ext_where where)
{
    guint8 type, config_id;
    guint16 kdf, aead;
    if (where == IN_HRR) {
        NEED(w_bytes(&p->w, r, 8, "confirmation", "ext.ech.confirmation", FK_BYTES, NULL));
        return need_end(p, r, "confirmation");
    }
    if (where != IN_CH) {
        return whole_opaque(p, r, 2, "retry_configs", "ext.ech.retry_configs", "ECHConfigList");
    }
    NEED(w_u8(&p->w, r, "type", "ext.ech.type", FK_UINT, &type));
    if (type == 1)
        return need_end(p, r, "type");  /* inner: the marker alone */
    NEED_OR(type == 0, p, r, "type", "ech_type");
    NEED(w_u16(&p->w, r, "kdf_id", "ext.ech.kdf_id", FK_HEX, &kdf));
    NEED(w_u16(&p->w, r, "aead_id", "ext.ech.aead_id", FK_HEX, &aead));
    NEED(w_u8(&p->w, r, "config_id", "ext.ech.config_id", FK_UINT, &config_id));
    NEED(opaque_vector(p, r, 2, "enc", "ext.ech.enc", "enc"));
    NEED(opaque_vector(p, r, 2, "payload", "ext.ech.payload", "payload"));
    return need_end(p, r, "payload");
}

/* DTLS-SRTP (RFC 5764 §4.1.1): protection profiles and an optional MKI;
 * the server's list holds the one it chose. */
static gboolean body_use_srtp(struct parse *p, struct reader *r, enum ext_where where)
{
    (void)where;
    NEED(parse_u16_list(p, r, 2, "SRTPProtectionProfiles", "ext.use_srtp.profiles",
                        "SRTPProtectionProfile", "ext.use_srtp.profile", FK_SRTP, 2, NULL));
    NEED(opaque_vector(p, r, 1, "srtp_mki", "ext.use_srtp.mki", "mki"));
    return need_end(p, r, "srtp_mki");
}

/* DTLS 1.2 connection IDs (RFC 9146 §3): the CID the sender wants to see
 * in records sent to it; empty means "none for me, but I can send one". */
static gboolean body_connection_id(struct parse *p, struct reader *r, enum ext_where where)
{
    (void)where;
    return whole_opaque(p, r, 1, "cid", "ext.connection_id.cid", "cid");
}

/* RFC 9149: how many tickets the client would like; the server says how
 * many it will send. */
static gboolean body_ticket_request(struct parse *p, struct reader *r, enum ext_where where)
{
    guint8 n;
    if (where != IN_CH) {
        NEED(w_u8(&p->w, r, "expected_count", "ext.ticket_request.expected", FK_UINT, &n));
        return need_end(p, r, "expected_count");
    }
    NEED(w_u8(&p->w, r, "new_session_count", "ext.ticket_request.new", FK_UINT, &n));
    NEED(w_u8(&p->w, r, "resumption_count", "ext.ticket_request.resumption", FK_UINT, &n));
    return need_end(p, r, "resumption_count");
}

/* TLS 1.3 CertificateRequest (RFC 8446 §4.2.5): certificate extension
 * OIDs and the values the client's certificate must match. */
static gboolean body_oid_filters(struct parse *p, struct reader *r, enum ext_where where)
{
    struct reader list;
    (void)where;
    NEED(w_vec(&p->w, r, 2, "filters", "ext.oid_filters.list", &list));
    while (rd_left(&list) > 0) {
        NEED(opaque_vector(p, &list, 1, "certificate_extension_oid", "ext.oid_filters.oid", "oid"));
        NEED(opaque_vector(p, &list, 2, "certificate_extension_values", "ext.oid_filters.values",
                           "values"));
    }
    w_end(&p->w);
    return need_end(p, r, "filters");
}

/* RFC 9849: in the inner ClientHello, the extensions to copy from the
 * outer one, so they need not be sent twice. */
static gboolean body_ech_outer_extensions(struct parse *p, struct reader *r, enum ext_where where)
{
    (void)where;
    NEED(parse_u16_list(p, r, 1, "outer_extensions", "ext.ech_outer_extensions.list",
                        "ExtensionType", "ext.ech_outer_extensions.type", FK_EXTTYPE, 2, NULL));
    return need_end(p, r, "outer_extensions");
}

/* RFC 6066 §7: truncated HMAC is asked for and granted with no data. */
static gboolean body_truncated_hmac(struct parse *p, struct reader *r, enum ext_where where)
{
    return body_empty(p, r, where);
}

/* RFC 6961: the client asks for several OCSP responses, one per
 * certificate of the chain; the server's extension is empty. */
static gboolean body_status_request_v2(struct parse *p, struct reader *r, enum ext_where where)
{
    struct reader list, req;
    guint8 type;
    if (where != IN_CH)
        return body_empty(p, r, where);
    NEED(w_vec(&p->w, r, 2, "certificate_status_req_list", "ext.status_request_v2.list", &list));
    while (rd_left(&list) > 0) {
        struct reader peek = list, body;
        if (!rd_u8(&peek, &type) || !rd_vec16(&peek, &body))
            return w_fail(&p->w, &list, "CertificateStatusRequestItemV2", "vector16");
        w_open(&p->w, rd_offset(&list), rd_offset(&peek) - rd_offset(&list),
               "CertificateStatusRequestItemV2", "ext.status_request_v2.item", FK_STATUSTYPE, type);
        NEED(w_u8(&p->w, &list, "status_type", "ext.status_request_v2.status_type", FK_STATUSTYPE,
                  &type));
        NEED(w_vec(&p->w, &list, 2, "request", "ext.status_request_v2.request", &req));
        NEED(opaque_vector(p, &req, 2, "responder_id_list", "ext.status_request.responder_id_list",
                           "ResponderID"));
        NEED(opaque_vector(p, &req, 2, "request_extensions",
                           "ext.status_request.request_extensions", "Extensions"));
        NEED(need_end(p, &req, "request_extensions"));
        w_end(&p->w);
        w_end(&p->w);
    }
    w_end(&p->w);
    return need_end(p, r, "certificate_status_req_list");
}

/* RFC 4681: user mapping data formats, sent later in SupplementalData. */
static gboolean body_user_mapping(struct parse *p, struct reader *r, enum ext_where where)
{
    (void)where;
    return u8_list(p, r, "user_mapping_types", "ext.user_mapping.list", "UserMappingType",
                   "ext.user_mapping.type", FK_UINT);
}

/* RFC 5878: authorization data formats, likewise. */
static gboolean body_authz(struct parse *p, struct reader *r, enum ext_where where)
{
    (void)where;
    return u8_list(p, r, "authz_format_list", "ext.authz.list", "AuthzDataFormat",
                   "ext.authz.format", FK_UINT);
}

/* RFC 8870: the EKT ciphers for SRTP a client supports; the server's
 * answer is shown as bytes. */
static gboolean body_supported_ekt_ciphers(struct parse *p, struct reader *r, enum ext_where where)
{
    if (where != IN_CH)
        return body_opaque(p, r, where);
    return u8_list(p, r, "supported_ciphers", "ext.supported_ekt_ciphers.list", "EKTCipher",
                   "ext.supported_ekt_ciphers.cipher", FK_UINT);
}

/* RFC 5054 §2.8.1: the SRP user name, in clear. */
static gboolean body_srp(struct parse *p, struct reader *r, enum ext_where where)
{
    struct reader v;
    (void)where;
    NEED(w_vec(&p->w, r, 1, "srp_I", "ext.srp.user", &v));
    if (rd_left(&v) > 0)
        NEED(w_bytes(&p->w, &v, rd_left(&v), "srp_I", "ext.srp.name", FK_STRING, NULL));
    w_end(&p->w);
    return need_end(p, r, "srp_I");
}

/* RFC 8472 §2: Token Binding version and key parameters. */
static gboolean body_token_binding(struct parse *p, struct reader *r, enum ext_where where)
{
    guint8 major, minor;
    (void)where;
    NEED(w_u8(&p->w, r, "major", "ext.token_binding.major", FK_UINT, &major));
    NEED(w_u8(&p->w, r, "minor", "ext.token_binding.minor", FK_UINT, &minor));
    return u8_list(p, r, "key_parameters_list", "ext.token_binding.list",
                   "TokenBindingKeyParameters", "ext.token_binding.key_parameters", FK_UINT);
}

/* RFC 6066 §6: CA keys the client holds; the server's extension is empty. */
static gboolean body_trusted_ca_keys(struct parse *p, struct reader *r, enum ext_where where)
{
    struct reader list;
    guint8 type;
    if (where != IN_CH)
        return body_empty(p, r, where);
    NEED(w_vec(&p->w, r, 2, "trusted_authorities_list", "ext.trusted_ca_keys.list", &list));
    while (rd_left(&list) > 0) {
        struct reader peek = list, name;
        gsize at = rd_offset(&list), size = 1;
        if (rd_u8(&peek, &type) && (type == 1 || type == 3))
            size = 21;
        else if (type == 2 && rd_vec16(&peek, &name))
            size = rd_offset(&peek) - at;
        w_open(&p->w, at, MIN(size, rd_left(&list)), "TrustedAuthority",
               "ext.trusted_ca_keys.authority", FK_NONE, 0);
        NEED(w_u8(&p->w, &list, "identifier_type", "ext.trusted_ca_keys.type", FK_UINT, &type));
        if (type == 1 || type == 3)  /* key_sha1_hash, cert_sha1_hash */
            NEED(w_bytes(&p->w, &list, 20, "SHA1Hash", "ext.trusted_ca_keys.hash", FK_BYTES, NULL));
        else if (type == 2)  /* x509_name */
            NEED(opaque_vector(p, &list, 2, "DistinguishedName", "ext.trusted_ca_keys.name",
                               "DistinguishedName"));
        else
            NEED_OR(type == 0, p, &list, "identifier_type", "identifier_type");
        w_end(&p->w);
    }
    w_end(&p->w);
    return need_end(p, r, "trusted_authorities_list");
}

/* RFC 8844: a hash of the external session's identity, or its ID. */
static gboolean body_external_id_hash(struct parse *p, struct reader *r, enum ext_where where)
{
    (void)where;
    return whole_opaque(p, r, 1, "external_id_hash", "ext.external_id_hash.hash", "hash");
}

static gboolean body_external_session_id(struct parse *p, struct reader *r, enum ext_where where)
{
    (void)where;
    return whole_opaque(p, r, 1, "external_session_id", "ext.external_session_id.id", "id");
}

/* Transport parameters whose value is one variable-length integer
 * (RFC 9000 §18.2); the others are bytes or empty. */
static gboolean quic_tp_is_int(guint64 id)
{
    return id == 0x01 || (id >= 0x03 && id <= 0x0b) || id == 0x0e || id == 0x20;
}

static gboolean quic_tp_value(struct parse *p, struct reader *r, guint64 id, guint64 len)
{
    struct reader v;
    guint64 x;
    if (len == 0)
        return TRUE;
    if (!quic_tp_is_int(id))
        return w_bytes(&p->w, r, (gsize)len, "value", "ext.quic_transport_parameters.bytes",
                       FK_BYTES, NULL);
    NEED(w_bytes(&p->w, r, (gsize)len, "value", NULL, FK_BYTES, &v));
    NEED(w_varint(&p->w, &v, "value", "ext.quic_transport_parameters.integer", FK_UINT, &x));
    return need_end(p, &v, "value");
}

/* A list of (id, length, value) with QUIC's variable-length integers, not
 * TLS vectors (RFC 9001 §8.2, RFC 9000 §18). */
static gboolean body_quic_transport_parameters(struct parse *p, struct reader *r,
                                               enum ext_where where)
{
    (void)where;
    while (rd_left(r) > 0) {
        struct reader peek = *r;
        gsize at = rd_offset(r);
        guint64 id, len;
        if (!rd_varint(&peek, &id) || !rd_varint(&peek, &len) || rd_left(&peek) < len)
            return w_fail(&p->w, r, "TransportParameter", "quic_tp");
        w_open(&p->w, at, rd_offset(&peek) - at + (gsize)len, "TransportParameter",
               "ext.quic_transport_parameters.parameter", FK_QUICTP, id);
        NEED(w_varint(&p->w, r, "id", "ext.quic_transport_parameters.id", FK_QUICTP, &id));
        NEED(w_varint(&p->w, r, "value", "vector_length", FK_LENGTH, &len));
        NEED(quic_tp_value(p, r, id, len));
        w_end(&p->w);
    }
    return TRUE;
}

static const struct ext_parser parsers[] = {
    { 0, "server_name", "ext.server_name", body_server_name },
    { 1, "max_fragment_length", "ext.max_fragment_length", body_max_fragment_length },
    { 2, "client_certificate_url", "ext.client_certificate_url", body_empty },
    { 3, "trusted_ca_keys", "ext.trusted_ca_keys", body_trusted_ca_keys },
    { 4, "truncated_hmac", "ext.truncated_hmac", body_truncated_hmac },
    { 5, "status_request", "ext.status_request", body_status_request },
    { 6, "user_mapping", "ext.user_mapping", body_user_mapping },
    { 7, "client_authz", "ext.client_authz", body_authz },
    { 8, "server_authz", "ext.server_authz", body_authz },
    { 9, "cert_type", "ext.cert_type", body_cert_type },
    { 10, "supported_groups", "ext.supported_groups", body_supported_groups },
    { 11, "ec_point_formats", "ext.ec_point_formats", body_ec_point_formats },
    { 12, "srp", "ext.srp", body_srp },
    { 13, "signature_algorithms", "ext.signature_algorithms", body_signature_algorithms },
    { 14, "use_srtp", "ext.use_srtp", body_use_srtp },
    { 15, "heartbeat", "ext.heartbeat", body_heartbeat },
    { 16, "application_layer_protocol_negotiation", "ext.alpn", body_alpn },
    { 17, "status_request_v2", "ext.status_request_v2", body_status_request_v2 },
    { 18, "signed_certificate_timestamp", "ext.signed_certificate_timestamp", body_opaque },
    { 19, "client_certificate_type", "ext.client_certificate_type", body_client_certificate_type },
    { 20, "server_certificate_type", "ext.server_certificate_type", body_server_certificate_type },
    { 21, "padding", "ext.padding", body_padding },
    { 22, "encrypt_then_mac", "ext.encrypt_then_mac", body_empty },
    { 23, "extended_master_secret", "ext.extended_master_secret", body_empty },
    { 24, "token_binding", "ext.token_binding", body_token_binding },
    { 25, "cached_info", "ext.cached_info", body_opaque },
    { 26, "tls_lts", "ext.tls_lts", body_opaque },
    { 27, "compress_certificate", "ext.compress_certificate", body_compress_certificate },
    { 28, "record_size_limit", "ext.record_size_limit", body_record_size_limit },
    { 34, "delegated_credential", "ext.delegated_credential", body_delegated_credential },
    { 29, "pwd_protect", "ext.pwd_protect", body_opaque },
    { 30, "pwd_clear", "ext.pwd_clear", body_opaque },
    { 31, "password_salt", "ext.password_salt", body_opaque },
    { 32, "ticket_pinning", "ext.ticket_pinning", body_opaque },
    { 33, "tls_cert_with_extern_psk", "ext.tls_cert_with_extern_psk", body_empty },
    { 35, "session_ticket", "ext.session_ticket", body_session_ticket },
    { 36, "TLMSP", "ext.tlmsp", body_opaque },
    { 37, "TLMSP_proxying", "ext.tlmsp", body_opaque },
    { 38, "TLMSP_delegate", "ext.tlmsp", body_opaque },
    { 39, "supported_ekt_ciphers", "ext.supported_ekt_ciphers", body_supported_ekt_ciphers },
    { 41, "pre_shared_key", "ext.pre_shared_key", body_pre_shared_key },
    { 42, "early_data", "ext.early_data", body_early_data },
    { 43, "supported_versions", "ext.supported_versions", body_supported_versions },
    { 44, "cookie", "ext.cookie", body_cookie },
    { 45, "psk_key_exchange_modes", "ext.psk_key_exchange_modes", body_psk_key_exchange_modes },
    { 47, "certificate_authorities", "ext.certificate_authorities", body_certificate_authorities },
    { 49, "post_handshake_auth", "ext.post_handshake_auth", body_empty },
    { 50, "signature_algorithms_cert", "ext.signature_algorithms_cert", body_signature_algorithms_cert },
    { 48, "oid_filters", "ext.oid_filters", body_oid_filters },
    { 51, "key_share", "ext.key_share", body_key_share },
    { 52, "transparency_info", "ext.transparency_info", body_opaque },
    { 53, "connection_id (deprecated)", "ext.connection_id_deprecated", body_connection_id },
    { 54, "connection_id", "ext.connection_id", body_connection_id },
    { 55, "external_id_hash", "ext.external_id_hash", body_external_id_hash },
    { 56, "external_session_id", "ext.external_session_id", body_external_session_id },
    { 57, "quic_transport_parameters", "ext.quic_transport_parameters",
      body_quic_transport_parameters },
    { 58, "ticket_request", "ext.ticket_request", body_ticket_request },
    { 59, "dnssec_chain", "ext.dnssec_chain", body_opaque },
    { 60, "sequence_number_encryption_algorithms", "ext.sequence_number_encryption_algorithms",
      body_opaque },
    { 61, "rrc", "ext.rrc", body_opaque },
    { 62, "tls_flags", "ext.tls_flags", body_opaque },
    { 13172, "next_protocol_negotiation", "ext.npn", body_npn },
    { 17513, "application_settings", "ext.alps", body_alps },
    { 17613, "application_settings", "ext.alps", body_alps },
    { 64768, "ech_outer_extensions", "ext.ech_outer_extensions", body_ech_outer_extensions },
    { 65037, "encrypted_client_hello", "ext.ech", body_encrypted_client_hello },
    { 65281, "renegotiation_info", "ext.renegotiation_info", body_renegotiation_info },
};

/* A ClientHello carries a dozen or more extensions, nearly all with small
 * type numbers: those are found by index, the rest by a search. */
#define SMALL_TYPES 64

/* From the end, where the table keeps the large numbers. */
static const struct ext_parser *search_parser(guint16 type)
{
    for (gsize i = G_N_ELEMENTS(parsers); i-- > 0;)
        if (parsers[i].type == type)
            return &parsers[i];
    return NULL;
}

static const struct ext_parser *parser_for(guint16 type)
{
    static const struct ext_parser *small[SMALL_TYPES];
    static gsize indexed;
    if (type >= SMALL_TYPES)
        return search_parser(type);
    if (g_once_init_enter(&indexed)) {
        for (guint16 t = 0; t < SMALL_TYPES; t++)
            small[t] = search_parser(t);
        g_once_init_leave(&indexed, 1);
    }
    return small[type];
}

#ifdef TLSX_TESTING
gboolean hs_extension_parsed(guint16 type)
{
    return parser_for(type) != NULL;
}
#endif

static gboolean parse_one_extension(struct parse *p, struct reader *block,
                                    enum ext_where where, struct hs_extension *e)
{
    struct reader body;
    gsize start = rd_offset(block);
    const struct ext_parser *ep;
    guint mark = w_mark(&p->w), outer = p->ext_mark;
    guint16 type;
    gboolean ok;

    struct reader peek = *block;
    if (rd_left(block) < 4 || !rd_u16(&peek, &type))
        return w_fail(&p->w, block, "extension_type", "fixed");
    ep = parser_for(type);
    w_open(&p->w, start, 0, "Extension",
           ep ? ep->section : reg_is_grease16(type) ? "ext.grease" : "ext.unknown", FK_EXTTYPE, type);
    NEED(w_u16(&p->w, block, "extension_type", "extension_type", FK_EXTTYPE, &e->type));
    NEED(w_vec(&p->w, block, 2, "extension_data", "extension_data", &body));
    e->body = rd_span(&body);
    p->ext_mark = mark;
    ok = ep ? ep->body(p, &body, where) : body_opaque(p, &body, where);
    p->ext_mark = outer;
    NEED(ok);
    w_end(&p->w);
    w_end(&p->w);
    e->whole.offset = start;
    e->whole.length = rd_offset(block) - start;
    if (w_at(&p->w, mark))
        w_at(&p->w, mark)->length = (guint32)e->whole.length;
    return TRUE;
}

gboolean parse_extensions(struct parse *p, struct reader *r, enum ext_where where,
                          struct hs_extensions *ext)
{
    struct reader block;
    guint mark = w_mark(&p->w);
    ext->present = FALSE;
    ext->count = 0;
    NEED(w_vec(&p->w, r, 2, "extensions", "extensions", &block));
    ext->present = TRUE;
    ext->block = rd_span(&block);
    while (rd_left(&block) > 0) {
        struct hs_extension e;
        NEED(parse_one_extension(p, &block, where, &e));
        if (ext->count < G_N_ELEMENTS(ext->items))
            ext->items[ext->count] = e;
        ext->count++;
    }
    w_end(&p->w);
    if (w_at(&p->w, mark))
        w_at(&p->w, mark)->count = (guint16)MIN(ext->count, G_MAXUINT16);
    return TRUE;
}
