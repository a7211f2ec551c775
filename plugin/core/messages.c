/* Bodies of the handshake messages other than the hellos. Where a body's
 * form depends on the version or key exchange, the context decides.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <gnutls/gnutls.h>
#include <string.h>
#include "parse.h"

static gboolean is_tls13(const struct parse *p)
{
    return tlsx_version_tls13(p->ctx->version);
}

/* TLS 1.2 and DTLS 1.2 name the signature algorithm; earlier versions don't. */
static gboolean has_sigalg_field(const struct parse *p)
{
    guint16 v = p->ctx->version;
    return v == 0x0303 || v == 0x0304 || v == 0xfefd || v == 0;
}

static gboolean vector_of_bytes(struct parse *p, struct reader *r, guint prefix,
                                const char *name, const char *section, const char *bytes_section)
{
    struct reader v;
    NEED(w_vec(&p->w, r, prefix, name, section, &v));
    if (rd_left(&v) > 0)
        NEED(w_bytes(&p->w, &v, rd_left(&v), name, bytes_section, FK_BYTES, NULL));
    w_end(&p->w);
    return TRUE;
}

static gboolean parse_empty(struct parse *p, struct reader *r)
{
    NEED_OR(rd_left(r) == 0, p, r, "body", "empty");
    return TRUE;
}

static gboolean parse_hello_verify_request(struct parse *p, struct reader *r)
{
    guint16 version;
    NEED(w_u16(&p->w, r, "server_version", "HelloVerifyRequest.server_version", FK_VERSION, &version));
    NEED(vector_of_bytes(p, r, 1, "cookie", "HelloVerifyRequest.cookie", "cookie_bytes"));
    return need_end(p, r, "cookie");
}

/* A TLS 1.2 ticket is opaque, but RFC 5077 §4 recommends a layout most
 * servers follow; long enough tickets are shown in it, as a likely reading. */
static gboolean ticket12(struct parse *p, struct reader *r)
{
    struct reader v;
    NEED(w_vec(&p->w, r, 2, "ticket", "NewSessionTicket.ticket", &v));
    if (rd_left(&v) > 16 + 16 + 32) {
        gsize state = rd_left(&v) - 16 - 16 - 32;
        NEED(w_bytes(&p->w, &v, 16, "key_name", "NewSessionTicket.key_name", FK_BYTES, NULL));
        NEED(w_bytes(&p->w, &v, 16, "iv", "NewSessionTicket.iv", FK_BYTES, NULL));
        NEED(w_bytes(&p->w, &v, state, "encrypted_state", "NewSessionTicket.encrypted_state",
                     FK_BYTES, NULL));
        NEED(w_bytes(&p->w, &v, 32, "mac", "NewSessionTicket.mac", FK_BYTES, NULL));
    } else if (rd_left(&v) > 0) {
        NEED(w_bytes(&p->w, &v, rd_left(&v), "ticket", "ticket_bytes", FK_BYTES, NULL));
    }
    w_end(&p->w);
    return TRUE;
}

static gboolean parse_new_session_ticket(struct parse *p, struct reader *r)
{
    guint32 u32;
    struct hs_extensions ext;
    NEED(w_u32(&p->w, r, is_tls13(p) ? "ticket_lifetime" : "ticket_lifetime_hint",
               is_tls13(p) ? "NewSessionTicket.ticket_lifetime" : "NewSessionTicket.ticket_lifetime_hint",
               FK_SECONDS, &u32));
    if (!is_tls13(p)) {
        NEED(ticket12(p, r));
        return need_end(p, r, "ticket");
    }
    NEED(w_u32(&p->w, r, "ticket_age_add", "NewSessionTicket.ticket_age_add", FK_HEX, &u32));
    NEED(vector_of_bytes(p, r, 1, "ticket_nonce", "NewSessionTicket.ticket_nonce", "opaque_bytes"));
    NEED(vector_of_bytes(p, r, 2, "ticket", "NewSessionTicket.ticket13", "ticket_bytes"));
    NEED(parse_extensions(p, r, IN_NST, &ext));
    return need_end(p, r, "extensions");
}

static gboolean parse_encrypted_extensions(struct parse *p, struct reader *r)
{
    struct hs_extensions ext;
    NEED(parse_extensions(p, r, IN_EE, &ext));
    return need_end(p, r, "extensions");
}

static gboolean certificate_entry(struct parse *p, struct reader *list, guint index)
{
    gsize start = rd_offset(list);
    guint mark = w_mark(&p->w);
    w_open(&p->w, start, 0, "CertificateEntry", "Certificate.entry", FK_UINT, index);
    NEED(vector_of_bytes(p, list, 3, "cert_data", "Certificate.cert_data", "der_bytes"));
    if (index < HS_CERTS_KEPT) {
        p->msg->certs[index].offset = start + 3;
        p->msg->certs[index].length = rd_offset(list) - start - 3;
    }
    if (is_tls13(p)) {
        struct hs_extensions ext;
        NEED(parse_extensions(p, list, IN_CERT, &ext));
    }
    w_end(&p->w);
    if (w_at(&p->w, mark)) {
        w_at(&p->w, mark)->length = (guint32)(rd_offset(list) - start);
        w_at(&p->w, mark)->variant = index == 0 ? "text_leaf" : "text_chain";
    }
    return TRUE;
}

static gboolean parse_certificate(struct parse *p, struct reader *r)
{
    struct reader list;
    guint mark, n = 0;
    if (is_tls13(p))
        NEED(vector_of_bytes(p, r, 1, "certificate_request_context",
                             "Certificate.certificate_request_context", "opaque_bytes"));
    mark = w_mark(&p->w);
    NEED(w_vec(&p->w, r, 3, "certificate_list", "Certificate.certificate_list", &list));
    while (rd_left(&list) > 0) {
        NEED(certificate_entry(p, &list, n++));
        p->msg->cert_count = n;
    }
    w_end(&p->w);
    if (w_at(&p->w, mark)) {
        w_at(&p->w, mark)->count = (guint16)MIN(n, G_MAXUINT16);
        if (n == 0)
            w_at(&p->w, mark)->variant = "text_empty";
    }
    return need_end(p, r, "certificate_list");
}

static gboolean parse_certificate_request(struct parse *p, struct reader *r)
{
    struct reader v, list;
    if (is_tls13(p)) {
        struct hs_extensions ext;
        NEED(vector_of_bytes(p, r, 1, "certificate_request_context",
                             "CertificateRequest.certificate_request_context", "opaque_bytes"));
        NEED(parse_extensions(p, r, IN_CR, &ext));
        return need_end(p, r, "extensions");
    }
    NEED(w_vec(&p->w, r, 1, "certificate_types", "CertificateRequest.certificate_types", &v));
    while (rd_left(&v) > 0) {
        guint8 t;
        NEED(w_u8(&p->w, &v, "ClientCertificateType", "client_certificate_type", FK_CERTTYPE, &t));
    }
    w_end(&p->w);
    if (has_sigalg_field(p))
        NEED(parse_u16_list(p, r, 2, "supported_signature_algorithms",
                            "CertificateRequest.supported_signature_algorithms",
                            "SignatureAndHashAlgorithm", "signature_scheme", FK_SIGALG, 0, NULL));
    NEED(w_vec(&p->w, r, 2, "certificate_authorities", "CertificateRequest.certificate_authorities",
               &list));
    while (rd_left(&list) > 0)
        NEED(vector_of_bytes(p, &list, 2, "DistinguishedName", "distinguished_name", "der_bytes"));
    w_end(&p->w);
    return need_end(p, r, "certificate_authorities");
}

/* The signature over the key-exchange parameters (RFC 5246 §7.4.3), which
 * run from the body's start to here. */
static gboolean signed_params(struct parse *p, struct reader *r)
{
    guint16 scheme;
    p->msg->ske_params.offset = p->msg->body.offset;
    p->msg->ske_params.length = rd_offset(r) - p->msg->body.offset;
    if (has_sigalg_field(p))
        NEED(w_u16(&p->w, r, "algorithm", "ServerKeyExchange.algorithm", FK_SIGALG, &scheme));
    NEED(vector_of_bytes(p, r, 2, "signature", "ServerKeyExchange.signature", "signature_bytes"));
    return TRUE;
}

static gboolean psk_hint(struct parse *p, struct reader *r)
{
    return vector_of_bytes(p, r, 2, "psk_identity_hint", "ServerKeyExchange.psk_identity_hint",
                           "identity_bytes");
}

static gboolean ecdh_params(struct parse *p, struct reader *r)
{
    guint8 curve_type;
    guint16 group;
    NEED(w_u8(&p->w, r, "curve_type", "ServerKeyExchange.curve_type", FK_CURVETYPE, &curve_type));
    /* Only named curves are allowed now (RFC 8422 §5.4). */
    NEED_OR(curve_type == 3, p, r, "curve_type", "named_curve");
    NEED(w_u16(&p->w, r, "namedcurve", "ServerKeyExchange.namedcurve", FK_GROUP, &group));
    p->msg->ske_group = group;
    return vector_of_bytes(p, r, 1, "public", "ServerKeyExchange.ec_public", "public_key_bytes");
}

/* The RFC 7919 group whose prime p is, as a NamedGroup code; 0 if none.
 * Servers that follow RFC 7919 §3 send these primes, and naming the group
 * tells a reader more than its size. */
static guint16 ffdhe_group(const struct reader *prime)
{
    const gnutls_datum_t *primes[] = {
        &gnutls_ffdhe_2048_group_prime, &gnutls_ffdhe_3072_group_prime,
        &gnutls_ffdhe_4096_group_prime, &gnutls_ffdhe_6144_group_prime,
        &gnutls_ffdhe_8192_group_prime,
    };
    for (guint i = 0; i < G_N_ELEMENTS(primes); i++)
        if (rd_equal(prime, primes[i]->data, primes[i]->size))
            return (guint16)(0x0100 + i);  /* ffdhe2048 .. ffdhe8192 */
    return 0;
}

static gboolean dh_params(struct parse *p, struct reader *r)
{
    struct reader peek = *r, prime;
    guint mark = w_mark(&p->w);
    guint16 group = 0;
    if (rd_vec16(&peek, &prime)) {
        p->msg->dh_bits = (guint16)MIN(rd_left(&prime) * 8, G_MAXUINT16);
        group = ffdhe_group(&prime);
        p->msg->ske_group = group;
    }
    NEED(vector_of_bytes(p, r, 2, "dh_p", "ServerKeyExchange.dh_p", "number_bytes"));
    if (group && w_at(&p->w, mark))
        w_at(&p->w, mark)->variant = "text_ffdhe";
    NEED(vector_of_bytes(p, r, 2, "dh_g", "ServerKeyExchange.dh_g", "number_bytes"));
    return vector_of_bytes(p, r, 2, "dh_Ys", "ServerKeyExchange.dh_Ys", "public_key_bytes");
}

static gboolean parse_server_key_exchange(struct parse *p, struct reader *r)
{
    switch (p->ctx->kx) {
    case KX_ECDHE:
        NEED(ecdh_params(p, r) && signed_params(p, r));
        break;
    case KX_ECDH_ANON:
        NEED(ecdh_params(p, r));
        break;
    case KX_ECDHE_PSK:
        NEED(psk_hint(p, r) && ecdh_params(p, r));
        break;
    case KX_DHE:
        NEED(dh_params(p, r) && signed_params(p, r));
        break;
    case KX_DH_ANON:
        NEED(dh_params(p, r));
        break;
    case KX_DHE_PSK:
        NEED(psk_hint(p, r) && dh_params(p, r));
        break;
    case KX_PSK:
    case KX_RSA_PSK:
        NEED(psk_hint(p, r));
        break;
    case KX_RSA_EXPORT:
        NEED(vector_of_bytes(p, r, 2, "rsa_modulus", "ServerKeyExchange.rsa_modulus", "number_bytes"));
        NEED(vector_of_bytes(p, r, 2, "rsa_exponent", "ServerKeyExchange.rsa_exponent", "number_bytes"));
        NEED(signed_params(p, r));
        break;
    default:
        return parse_opaque_rest(p, r, "body", "ServerKeyExchange.unknown_form");
    }
    return need_end(p, r, "signature");
}

static gboolean parse_client_key_exchange(struct parse *p, struct reader *r)
{
    const char *psk = "ClientKeyExchange.psk_identity";
    switch (p->ctx->kx) {
    case KX_RSA:
    case KX_RSA_EXPORT:
        /* SSL 3.0, and DTLS as OpenSSL sent it before 0.9.8f (version
         * 0x0100), put the ciphertext without its length (RFC 5246 §7.4.7.1). */
        if (p->ctx->version == 0x0300 || p->ctx->version == 0x0100)
            NEED(parse_opaque_rest(p, r, "EncryptedPreMasterSecret",
                             "ClientKeyExchange.encrypted_pre_master_secret_bare"));
        else
            NEED(vector_of_bytes(p, r, 2, "EncryptedPreMasterSecret",
                                 "ClientKeyExchange.encrypted_pre_master_secret",
                                 "ciphertext_bytes"));
        break;
    case KX_DHE:
    case KX_DH_ANON:
    case KX_DH:
        NEED(vector_of_bytes(p, r, 2, "dh_Yc", "ClientKeyExchange.dh_Yc", "public_key_bytes"));
        break;
    case KX_ECDHE:
    case KX_ECDH_ANON:
    case KX_ECDH:
        NEED(vector_of_bytes(p, r, 1, "ecdh_Yc", "ClientKeyExchange.ecdh_Yc", "public_key_bytes"));
        break;
    case KX_PSK:
        NEED(vector_of_bytes(p, r, 2, "psk_identity", psk, "identity_bytes"));
        break;
    case KX_DHE_PSK:
        NEED(vector_of_bytes(p, r, 2, "psk_identity", psk, "identity_bytes"));
        NEED(vector_of_bytes(p, r, 2, "dh_Yc", "ClientKeyExchange.dh_Yc", "public_key_bytes"));
        break;
    case KX_ECDHE_PSK:
        NEED(vector_of_bytes(p, r, 2, "psk_identity", psk, "identity_bytes"));
        NEED(vector_of_bytes(p, r, 1, "ecdh_Yc", "ClientKeyExchange.ecdh_Yc", "public_key_bytes"));
        break;
    case KX_RSA_PSK:
        NEED(vector_of_bytes(p, r, 2, "psk_identity", psk, "identity_bytes"));
        NEED(vector_of_bytes(p, r, 2, "EncryptedPreMasterSecret",
                             "ClientKeyExchange.encrypted_pre_master_secret", "ciphertext_bytes"));
        break;
    default:
        return parse_opaque_rest(p, r, "body", "ClientKeyExchange.unknown_form");
    }
    return need_end(p, r, "exchange_keys");
}

static gboolean parse_certificate_verify(struct parse *p, struct reader *r)
{
    guint16 scheme;
    guint mark;
    if (has_sigalg_field(p))
        NEED(w_u16(&p->w, r, "algorithm", "CertificateVerify.algorithm", FK_SIGALG, &scheme));
    mark = w_mark(&p->w);
    NEED(vector_of_bytes(p, r, 2, "signature", "CertificateVerify.signature", "signature_bytes"));
    if (is_tls13(p) && w_at(&p->w, mark))
        w_at(&p->w, mark)->variant = "text_tls13";
    return need_end(p, r, "signature");
}

static gboolean parse_finished(struct parse *p, struct reader *r)
{
    guint mark = w_mark(&p->w);
    NEED_OR(rd_left(r) > 0, p, r, "verify_data", "nonempty");
    NEED(w_bytes(&p->w, r, rd_left(r), "verify_data", "Finished.verify_data", FK_BYTES, NULL));
    if (w_at(&p->w, mark))
        w_at(&p->w, mark)->variant = is_tls13(p) ? "text_tls13" : "text";
    return TRUE;
}

static gboolean parse_certificate_status(struct parse *p, struct reader *r)
{
    guint8 type;
    NEED(w_u8(&p->w, r, "status_type", "CertificateStatus.status_type", FK_STATUSTYPE, &type));
    NEED(vector_of_bytes(p, r, 3, "response", "CertificateStatus.response", "der_bytes"));
    return need_end(p, r, "response");
}

static gboolean parse_key_update(struct parse *p, struct reader *r)
{
    guint8 request;
    NEED(w_u8(&p->w, r, "request_update", "KeyUpdate.request_update", FK_KEYUPDATE, &request));
    return need_end(p, r, "request_update");
}

static gboolean parse_compressed_certificate(struct parse *p, struct reader *r)
{
    guint16 algorithm;
    guint32 length;
    NEED(w_u16(&p->w, r, "algorithm", "CompressedCertificate.algorithm", FK_CERTCOMP, &algorithm));
    NEED(w_u24(&p->w, r, "uncompressed_length", "CompressedCertificate.uncompressed_length",
               FK_UINT, &length));
    NEED(vector_of_bytes(p, r, 3, "compressed_certificate_message",
                         "CompressedCertificate.compressed", "opaque_bytes"));
    return need_end(p, r, "compressed_certificate_message");
}

gboolean parse_message_body(struct parse *p, struct reader *r)
{
    switch (p->msg->type) {
    case HS_HELLO_REQUEST:
    case HS_SERVER_HELLO_DONE:
    case HS_END_OF_EARLY_DATA: return parse_empty(p, r);
    case HS_HELLO_VERIFY_REQUEST: return parse_hello_verify_request(p, r);
    case HS_NEW_SESSION_TICKET: return parse_new_session_ticket(p, r);
    case HS_ENCRYPTED_EXTENSIONS: return parse_encrypted_extensions(p, r);
    case HS_CERTIFICATE: return parse_certificate(p, r);
    case HS_CERTIFICATE_REQUEST: return parse_certificate_request(p, r);
    case HS_SERVER_KEY_EXCHANGE: return parse_server_key_exchange(p, r);
    case HS_CLIENT_KEY_EXCHANGE: return parse_client_key_exchange(p, r);
    case HS_CERTIFICATE_VERIFY: return parse_certificate_verify(p, r);
    case HS_FINISHED: return parse_finished(p, r);
    case HS_CERTIFICATE_STATUS: return parse_certificate_status(p, r);
    case HS_KEY_UPDATE: return parse_key_update(p, r);
    case HS_COMPRESSED_CERTIFICATE: return parse_compressed_certificate(p, r);
    default: return parse_opaque_rest(p, r, "body", "opaque_body");
    }
}
