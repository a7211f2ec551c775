/* The handshake header, the hello messages, and the dispatch to the others.
 * Section names given to the walker are catalog sections (explanations.ini).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "parse.h"
#include "registry.h"

/* The ServerHello.random that marks a HelloRetryRequest, RFC 8446 §4.1.3. */
static const guint8 hrr_random[32] = {
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
};
/* The last 8 bytes of ServerHello.random when a TLS 1.3 server negotiates
 * TLS 1.2 ("DOWNGRD" 01) or TLS 1.1 and below (00), RFC 8446 §4.1.3. */
static const guint8 downgrade_sentinel[7] = { 0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44 };

#define EXT_SUPPORTED_VERSIONS 43

static const struct hs_extension *hs_find_ext(const struct hs_extensions *ext, guint16 type)
{
    guint n = MIN(ext->count, G_N_ELEMENTS(ext->items));
    for (guint i = 0; i < n; i++)
        if (ext->items[i].type == type)
            return &ext->items[i];
    return NULL;
}

/* A reader over an extension's body, within the message. */
static gboolean ext_reader(const struct reader *msg, const struct hs_extension *e,
                           struct reader *out)
{
    struct reader r = *msg;
    r.pos = r.start;
    return rd_skip(&r, e->body.offset - r.start) && rd_bytes(&r, e->body.length, out);
}

/* Does the ClientHello's supported_versions offer TLS 1.3? */
static gboolean offers_tls13(const struct reader *msg, const struct hs_extensions *ext)
{
    const struct hs_extension *sv = hs_find_ext(ext, EXT_SUPPORTED_VERSIONS);
    struct reader body, list;
    guint16 v;
    if (!sv || !ext_reader(msg, sv, &body) || !rd_vec8(&body, &list))
        return FALSE;
    while (rd_u16(&list, &v))
        if (v == TLSX_VERSION_TLS13)
            return TRUE;
    return FALSE;
}

static void set_variant(struct parse *p, guint mark, const char *variant)
{
    struct field *f = w_at(&p->w, mark);
    if (f)
        f->variant = variant;
}

/* The session ID's meaning depends on who sends it and what else is
 * offered (RFC 5246 §7.4.1.2, RFC 8446 §4.1.2 and §D.4). */
static gboolean parse_session_id(struct parse *p, struct reader *r, const char *name,
                                 const char *section, struct span *out)
{
    struct reader v;
    guint mark = w_mark(&p->w);
    NEED(w_vec(&p->w, r, 1, name, section, &v));
    NEED_OR(rd_left(&v) <= 32, p, &v, name, "too_long");
    *out = rd_span(&v);
    if (rd_left(&v) > 0)
        NEED(w_bytes(&p->w, &v, rd_left(&v), "session_id", "session_id_bytes", FK_BYTES, NULL));
    w_end(&p->w);
    set_variant(p, mark, out->length == 0 ? "text_empty" : "text");
    return TRUE;
}

static gboolean parse_compression_methods(struct parse *p, struct reader *r,
                                          struct span *out)
{
    struct reader v;
    guint mark = w_mark(&p->w);
    gboolean deflate = FALSE;
    NEED(w_vec(&p->w, r, 1, "legacy_compression_methods", "ClientHello.legacy_compression_methods", &v));
    NEED_OR(rd_left(&v) >= 1, p, &v, "legacy_compression_methods", "nonempty");
    *out = rd_span(&v);
    while (rd_left(&v) > 0) {
        guint8 m;
        NEED(w_u8(&p->w, &v, "CompressionMethod", "compression_method", FK_COMPRESSION, &m));
        deflate |= m != 0;
    }
    w_end(&p->w);
    /* Compression lets an attacker learn secrets from sizes (CRIME). */
    set_variant(p, mark, deflate ? "text_compressed" : "text");
    return TRUE;
}

#define EXT_SESSION_TICKET 35

/* A ticket to resume with: a session_ticket extension that is not empty
 * (an empty one only asks for a new ticket, RFC 5077 §3.2). */
static gboolean offers_ticket(const struct hs_extensions *ext)
{
    const struct hs_extension *t = hs_find_ext(ext, EXT_SESSION_TICKET);
    return t && t->body.length > 0;
}

static gboolean parse_client_hello(struct parse *p, struct reader *r)
{
    struct hs_client_hello *ch = &p->msg->u.ch;
    struct reader v;
    guint version_mark = w_mark(&p->w), sid_mark;
    ch->ext.present = FALSE;
    ch->ext.count = 0;
    NEED(w_u16(&p->w, r, "legacy_version", "ClientHello.legacy_version", FK_VERSION,
               &ch->legacy_version));
    NEED(w_bytes(&p->w, r, 32, "random", "ClientHello.random", FK_BYTES, &v));
    ch->random = rd_span(&v);
    sid_mark = w_mark(&p->w);
    NEED(parse_session_id(p, r, "legacy_session_id", "ClientHello.legacy_session_id",
                          &ch->session_id));
    if (p->ctx->proto == TLSX_DTLS) {
        struct reader c;
        NEED(w_vec(&p->w, r, 1, "cookie", "ClientHello.cookie", &c));
        ch->cookie = rd_span(&c);
        if (rd_left(&c) > 0)
            NEED(w_bytes(&p->w, &c, rd_left(&c), "cookie", "cookie_bytes", FK_BYTES, NULL));
        w_end(&p->w);
    }
    NEED(parse_u16_list(p, r, 2, "cipher_suites", "ClientHello.cipher_suites", "CipherSuite",
                        "cipher_suite", FK_SUITE, 2, &ch->cipher_suites));
    NEED(parse_compression_methods(p, r, &ch->compression));
    if (rd_left(r) > 0)
        NEED(parse_extensions(p, r, IN_CH, &ch->ext));
    if (offers_tls13(r, &ch->ext)) {
        set_variant(p, version_mark, "text_tls13");
        if (ch->session_id.length > 0)
            set_variant(p, sid_mark, "text_compat");
    } else if (ch->session_id.length > 0 && offers_ticket(&ch->ext)) {
        set_variant(p, sid_mark, "text_with_ticket");
    }
    return need_end(p, r, "extensions");
}

static void select_version(const struct reader *msg, struct hs_server_hello *sh)
{
    const struct hs_extension *sv = hs_find_ext(&sh->ext, EXT_SUPPORTED_VERSIONS);
    struct reader body;
    guint16 v;
    sh->version_in_ext = sv && ext_reader(msg, sv, &body) && rd_left(&body) == 2 &&
                         rd_u16(&body, &v);
    sh->selected_version = sh->version_in_ext ? v : sh->legacy_version;
}

static const char *server_random_variant(const struct reader *random, gboolean hrr)
{
    static const guint8 tls12 = 1, tls11 = 0;
    if (hrr)
        return "text_hrr";
    if (!rd_equal_at(random, 24, downgrade_sentinel, sizeof downgrade_sentinel))
        return "text";
    if (rd_equal_at(random, 31, &tls12, 1))
        return "text_downgrade12";
    return rd_equal_at(random, 31, &tls11, 1) ? "text_downgrade11" : "text";
}

/* TLS 1.3 drafts up to 21 sent their version here and no session ID or
 * compression: version, random, then (drafts 18-21) the cipher suite and
 * extensions. What differs from draft to draft is left as bytes. */
static gboolean parse_draft_server_hello(struct parse *p, struct reader *r, guint version_mark)
{
    struct hs_server_hello *sh = &p->msg->u.sh;
    guint draft = sh->legacy_version & 0xff;
    struct reader v;
    set_variant(p, version_mark, "text_draft");
    sh->selected_version = sh->legacy_version;
    NEED(w_bytes(&p->w, r, 32, "random", "ServerHello.random", FK_BYTES, &v));
    sh->random = rd_span(&v);
    if (draft >= 18 && draft <= 21 && rd_left(r) >= 2) {
        guint suite_mark = w_mark(&p->w);
        NEED(w_u16(&p->w, r, "cipher_suite", "ServerHello.cipher_suite", FK_SUITE,
                   &sh->cipher_suite));
        set_variant(p, suite_mark, "text_tls13");
    }
    return parse_opaque_rest(p, r, "draft_fields", "ServerHello.draft_rest");
}

static gboolean parse_server_hello(struct parse *p, struct reader *r)
{
    struct hs_server_hello *sh = &p->msg->u.sh;
    struct reader v;
    guint version_mark = w_mark(&p->w), random_mark, suite_mark;
    const char *msg = "ServerHello";
    sh->ext.present = FALSE;
    sh->ext.count = 0;
    sh->is_hrr = FALSE;
    NEED(w_u16(&p->w, r, "legacy_version", "ServerHello.legacy_version", FK_VERSION,
               &sh->legacy_version));
    if (tlsx_version_draft(sh->legacy_version))
        return parse_draft_server_hello(p, r, version_mark);
    random_mark = w_mark(&p->w);
    NEED(w_bytes(&p->w, r, 32, "random", "ServerHello.random", FK_BYTES, &v));
    sh->random = rd_span(&v);
    sh->is_hrr = rd_equal(&v, hrr_random, sizeof hrr_random);
    set_variant(p, random_mark, server_random_variant(&v, sh->is_hrr));
    if (sh->is_hrr)
        msg = "HelloRetryRequest";
    NEED(parse_session_id(p, r, "legacy_session_id_echo", "ServerHello.legacy_session_id_echo",
                          &sh->session_id));
    suite_mark = w_mark(&p->w);
    NEED(w_u16(&p->w, r, "cipher_suite", sh->is_hrr ? "HelloRetryRequest.cipher_suite"
                                                    : "ServerHello.cipher_suite",
               FK_SUITE, &sh->cipher_suite));
    if (!sh->is_hrr && reg_suite(sh->cipher_suite) &&
        (reg_suite(sh->cipher_suite)->flags & REG_SUITE_TLS13))
        set_variant(p, suite_mark, "text_tls13");
    NEED(w_u8(&p->w, r, "legacy_compression_method", "ServerHello.legacy_compression_method",
              FK_COMPRESSION, &sh->compression));
    if (rd_left(r) > 0)
        NEED(parse_extensions(p, r, sh->is_hrr ? IN_HRR : IN_SH, &sh->ext));
    select_version(r, sh);
    if (tlsx_version_tls13(sh->selected_version))
        set_variant(p, version_mark, "text_tls13");
    (void)msg;
    return need_end(p, r, "extensions");
}

/* The SSL 2.0-compatible ClientHello (RFC 5246 §E.2, RFC 6101 §E): three
 * lengths first, then 3-byte cipher specs, the session ID and a challenge
 * that becomes the right end of ClientHello.random. */
static gboolean parse_client_hello_v2(struct parse *p, struct reader *r)
{
    struct hs_client_hello *ch = &p->msg->u.ch;
    guint16 specs_len, sid_len, challenge_len;
    struct reader v;
    gsize start;
    ch->ext.present = FALSE;
    ch->ext.count = 0;
    NEED(w_u16(&p->w, r, "version", "ClientHello.v2.version", FK_VERSION, &ch->legacy_version));
    NEED(w_u16(&p->w, r, "cipher_spec_length", "ClientHello.v2.cipher_spec_length", FK_UINT,
               &specs_len));
    NEED(w_u16(&p->w, r, "session_id_length", "ClientHello.v2.session_id_length", FK_UINT, &sid_len));
    NEED(w_u16(&p->w, r, "challenge_length", "ClientHello.v2.challenge_length", FK_UINT,
               &challenge_len));
    NEED_OR(specs_len % 3 == 0 && specs_len > 0, p, r, "cipher_spec_length", "triples");
    start = rd_offset(r);
    NEED_OR(rd_bytes(r, specs_len, &v), p, r, "cipher_specs", "fixed");
    ch->cipher_suites = rd_span(&v);
    w_open(&p->w, start, specs_len, "cipher_specs", "ClientHello.v2.cipher_specs", FK_NONE, 0);
    while (rd_left(&v) > 0) {
        guint32 spec;
        NEED(w_u24(&p->w, &v, "V2CipherSpec", "ClientHello.v2.cipher_spec", FK_SUITE3, &spec));
        if (spec > 0xffff && w_last(&p->w))
            w_last(&p->w)->variant = "text_ssl2";  /* not a TLS suite */
    }
    w_end(&p->w);
    NEED(w_bytes(&p->w, r, sid_len, "session_id", "ClientHello.v2.session_id", FK_BYTES, &v));
    ch->session_id = rd_span(&v);
    NEED_OR(challenge_len >= 16 && challenge_len <= 32, p, r, "challenge_length", "challenge");
    NEED(w_bytes(&p->w, r, challenge_len, "challenge", "ClientHello.v2.challenge", FK_BYTES, &v));
    ch->random = rd_span(&v);
    return need_end(p, r, "challenge");
}

static gboolean parse_body(struct parse *p, struct reader *r)
{
    switch (p->msg->type) {
    case HS_CLIENT_HELLO:
        if (p->ctx->proto == TLSX_SSL2)
            return parse_client_hello_v2(p, r);
        return parse_client_hello(p, r);
    case HS_SERVER_HELLO: return parse_server_hello(p, r);
    default: return parse_message_body(p, r);
    }
}

gboolean hs_parse_header(const guint8 *data, gsize len, enum tlsx_proto proto,
                         struct hs_message *msg)
{
    struct reader r;
    /* Only the header: the body union is large and each parser fills its own. */
    msg->proto = proto;
    msg->cert_count = 0;
    msg->ske_params.offset = 0;
    msg->ske_params.length = 0;
    msg->ske_group = 0;
    msg->dh_bits = 0;
    msg->message_seq = 0;
    msg->fragment_offset = 0;
    msg->fragment_length = 0;
    rd_init(&r, data, len);
    if (proto == TLSX_SSL2) {
        if (!rd_u8(&r, &msg->type))
            return FALSE;
        msg->length = msg->fragment_length = (guint32)rd_left(&r);
        msg->header_len = 1;
        return TRUE;
    }
    if (!rd_u8(&r, &msg->type) || !rd_u24(&r, &msg->length))
        return FALSE;
    if (proto == TLSX_DTLS) {
        if (!rd_u16(&r, &msg->message_seq) || !rd_u24(&r, &msg->fragment_offset) ||
            !rd_u24(&r, &msg->fragment_length))
            return FALSE;
    } else {
        msg->fragment_length = msg->length;
    }
    msg->header_len = rd_offset(&r);
    return TRUE;
}

static gboolean parse_header_fields(struct parse *p, struct reader *r)
{
    struct hs_message *m = p->msg;
    guint8 type;
    guint16 seq;
    guint32 len, off, flen;
    NEED(w_u8(&p->w, r, "msg_type", "msg_type", FK_MSGTYPE, &type));
    if (m->proto == TLSX_SSL2)
        return TRUE;  /* the SSL 2.0 record header carried the length */
    NEED(w_u24(&p->w, r, "length", "msg_length", FK_UINT, &len));
    if (m->proto == TLSX_DTLS) {
        NEED(w_u16(&p->w, r, "message_seq", "message_seq", FK_UINT, &seq));
        NEED(w_u24(&p->w, r, "fragment_offset", "fragment_offset", FK_UINT, &off));
        NEED(w_u24(&p->w, r, "fragment_length", "fragment_length", FK_UINT, &flen));
    }
    return TRUE;
}

gboolean hs_parse(const guint8 *data, gsize len, const struct hs_context *ctx,
                  struct hs_message *msg, struct hs_error *err, GArray *fields)
{
    struct parse p;
    struct reader whole, body;
    memset(err, 0, sizeof *err);
    w_init(&p.w, data, fields, err);
    p.ctx = ctx;
    p.msg = msg;
    rd_init(&whole, data, len);
    if (!hs_parse_header(data, len, ctx->proto, msg))
        return w_fail(&p.w, &whole, "msg_type", "header");
    NEED(parse_header_fields(&p, &whole));
    if (!rd_bytes(&whole, msg->fragment_length, &body))
        return w_fail(&p.w, &whole, "length", "length");
    msg->body = rd_span(&body);
    if (msg->fragment_offset != 0 || msg->fragment_length != msg->length)
        return w_fail(&p.w, &body, "fragment_length", "fragment");
    NEED(parse_body(&p, &body));
    if (rd_left(&whole) != 0)
        return w_fail(&p.w, &whole, "length", "trailing");
    return TRUE;
}

const char *hs_type_name(guint8 type)
{
    switch (type) {
    case HS_HELLO_REQUEST: return "HelloRequest";
    case HS_CLIENT_HELLO: return "ClientHello";
    case HS_SERVER_HELLO: return "ServerHello";
    case HS_HELLO_VERIFY_REQUEST: return "HelloVerifyRequest";
    case HS_NEW_SESSION_TICKET: return "NewSessionTicket";
    case HS_END_OF_EARLY_DATA: return "EndOfEarlyData";
    case HS_HELLO_RETRY_REQUEST: return "HelloRetryRequest";
    case HS_ENCRYPTED_EXTENSIONS: return "EncryptedExtensions";
    case HS_CERTIFICATE: return "Certificate";
    case HS_SERVER_KEY_EXCHANGE: return "ServerKeyExchange";
    case HS_CERTIFICATE_REQUEST: return "CertificateRequest";
    case HS_SERVER_HELLO_DONE: return "ServerHelloDone";
    case HS_CERTIFICATE_VERIFY: return "CertificateVerify";
    case HS_CLIENT_KEY_EXCHANGE: return "ClientKeyExchange";
    case HS_FINISHED: return "Finished";
    case HS_CERTIFICATE_URL: return "CertificateURL";
    case HS_CERTIFICATE_STATUS: return "CertificateStatus";
    case HS_SUPPLEMENTAL_DATA: return "SupplementalData";
    case HS_KEY_UPDATE: return "KeyUpdate";
    case HS_COMPRESSED_CERTIFICATE: return "CompressedCertificate";
    case HS_MESSAGE_HASH: return "MessageHash";
    default: return NULL;
    }
}
