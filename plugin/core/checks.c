/* Gathers on the first pass, in frame order, what gnutls will need to check
 * a message when it is drawn: randoms, the leaf certificates (shared between
 * handshakes with the same certificate), the SNI, the transcript hash before
 * each CertificateVerify and Finished, and the master secret of RSA key
 * exchange when the server's key is given. The transcript itself lives only
 * while the handshake runs.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "keys.h"
#include "registry.h"
#include "session_priv.h"
#include "verify.h"

struct running_checks {
    struct transcript *t;
    struct check_context *ctx;
    guint16 client_version;   /* ClientHello.legacy_version, for RSA pre-master checks */
};

static struct running_checks *running(struct analyzer *a, struct handshake *h)
{
    if (!h->rc) {
        h->rc = g_new0(struct running_checks, 1);
        h->rc->t = a->spare_transcripts->len
                 ? g_ptr_array_steal_index_fast(a->spare_transcripts, a->spare_transcripts->len - 1)
                 : transcript_new();
        h->rc->ctx = analyzer_alloc(a, sizeof(struct check_context));
    }
    return h->rc;
}

void checks_free(struct handshake *h)
{
    if (!h->rc)
        return;
    transcript_free(h->rc->t);  /* NULL when released for reuse */
    g_free(h->rc);
    h->rc = NULL;
}

void checks_release(struct analyzer *a, struct handshake *h)
{
    if (h->rc && a->spare_transcripts->len < SPARES_KEPT) {
        transcript_reset(h->rc->t);
        g_ptr_array_add(a->spare_transcripts, h->rc->t);
        h->rc->t = NULL;
    }
    checks_free(h);
}

/* hash_room: bytes for a transcript hash; chains and signatures need none. */
static struct checks *checks_of(struct analyzer *a, struct handshake *h, struct item *out,
                                enum check_kind kind, gsize hash_room)
{
    struct checks *c = analyzer_alloc(a, sizeof *c + hash_room);
    c->kind = (guint8)kind;
    c->ctx = h->rc->ctx;
    item_extra_of(a, out)->checks = c;
    return c;
}

/* One copy of each distinct certificate, however many connections send it.
 * Looked up without copying; the table hashes only a certificate's tail
 * (its signature, different for every certificate) and compares in full. */
static GBytes *shared_cert(struct analyzer *a, const guint8 *der, gsize len)
{
    GBytes *probe = g_bytes_new_static(der, len);
    GBytes *have = g_hash_table_lookup(a->chains, probe);
    g_bytes_unref(probe);
    if (have)
        return have;
    have = g_bytes_new(der, len);
    g_hash_table_add(a->chains, have);
    return have;
}

guint checks_cert_hash(gconstpointer key)
{
    gsize len;
    const guint8 *p = g_bytes_get_data((GBytes *)key, &len);
    gsize from = len > 64 ? len - 64 : 0;
    return offer_hash(p + from, len - from) ^ (guint)len;
}

static void read_random(const struct hs_message *m, const struct event *ev, guint8 out[32])
{
    const struct span *s = m->type == HS_CLIENT_HELLO ? &m->u.ch.random : &m->u.sh.random;
    struct reader v;
    if (!rd_view(ev->data, ev->len, s, &v) || !rd_copy(&v, out, 32))
        memset(out, 0, 32);
}

/* The chain is checked later from the message's bytes, at the places the
 * parser found each certificate, kept here relative to the body. */
static void note_certificate(struct analyzer *a, struct handshake *h, const struct event *ev,
                             const struct hs_message *m, struct item *out)
{
    struct check_context *ctx = h->rc->ctx;
    guint n = MIN(m->cert_count, HS_CERTS_KEPT);
    struct reader leaf;
    struct checks *c;
    if (n == 0 || !rd_view(ev->data, ev->len, &m->certs[0], &leaf) || rd_left(&leaf) == 0)
        return;
    if (out->sender == SENDER_SERVER) {
        ctx->server_leaf = shared_cert(a, rd_ptr(&leaf), rd_left(&leaf));
        if (h->offer && h->offer->sni[0])
            ctx->sni = analyzer_intern(a, h->offer->sni);
    } else {
        ctx->client_leaf = shared_cert(a, rd_ptr(&leaf), rd_left(&leaf));
    }
    c = checks_of(a, h, out, CHECK_CHAIN, n * 2 * sizeof(guint32));
    c->n_certs = (guint8)n;
    for (guint i = 0; i < n; i++) {
        guint32 at[2] = { (guint32)(m->certs[i].offset - m->body.offset),
                          (guint32)m->certs[i].length };
        memcpy(c->hash + i * sizeof at, at, sizeof at);
    }
}

/* The signature covers the parameters the parser delimited. Anonymous and
 * pre-shared-key exchanges sign nothing (RFC 5246 §7.4.3, RFC 4279 §2). */
static void note_server_key_exchange(struct analyzer *a, struct handshake *h,
                                     const struct hs_message *m, struct item *out)
{
    struct checks *c;
    if (h->kx != KX_ECDHE && h->kx != KX_DHE && h->kx != KX_RSA_EXPORT)
        return;
    c = checks_of(a, h, out, CHECK_SKE, 0);
    c->params_len = (guint16)MIN(m->ske_params.length, G_MAXUINT16);
}

static void note_hash(struct analyzer *a, struct handshake *h, struct item *out,
                      enum check_kind kind, enum keys_hash alg)
{
    guint8 hash[KEYS_HASH_MAX];
    gsize len = 0;
    gboolean ok = transcript_hash(h->rc->t, alg, hash, &len);
    struct checks *c = checks_of(a, h, out, kind, ok ? len : 0);
    if (ok) {
        memcpy(c->hash, hash, len);
        c->hash_len = (guint8)len;
    }
}

/* TLS 1.2 CertificateVerify signs the transcript bytes, which are not
 * kept, so it is verified now. */
static void check_cv12(struct analyzer *a, struct handshake *h, const struct event *ev,
                       const struct hs_message *m, struct item *out)
{
    struct check_context *ctx = h->rc->ctx;
    GBytes *leaf = out->sender == SENDER_SERVER ? ctx->server_leaf : ctx->client_leaf;
    struct checks *c = checks_of(a, h, out, CHECK_CV12, 0);
    struct verify_result r = { VERIFY_UNKNOWN, REASON_NO_KEY, FALSE };
    gsize tlen = 0, leaf_len = 0;
    const guint8 *bytes = transcript_bytes(h->rc->t, &tlen);
    const guint8 *der = leaf ? g_bytes_get_data(leaf, &leaf_len) : NULL;
    if (der && (!transcript_ok(h->rc->t) || !bytes))
        r.reason = REASON_TRUNCATED_TRANSCRIPT;
    else if (der)
        r = verify_certificate_verify12(der, leaf_len, h->version, bytes, tlen,
                                        ev->data + m->body.offset, m->body.length);
    c->verdict = (guint8)r.verdict;
    c->reason = (guint8)r.reason;
    c->weak = r.weak;
}

/* The hash of the handshake's transcript and PRF. */
static enum keys_hash handshake_hash(const struct handshake *h)
{
    return keys_handshake_hash(h->version, reg_suite(h->suite));
}

/* RSA key exchange with the server's private key: the pre-master secret,
 * then the master secret (RFC 5246 §8.1), or the extended master secret
 * over the session hash through ClientKeyExchange when both hellos asked for
 * it (RFC 7627 §4). Runs after the ClientKeyExchange joined the transcript. */
static void rsa_master(struct analyzer *a, struct handshake *h, const struct event *ev,
                       const struct hs_message *m)
{
    struct running_checks *rc = h->rc;
    struct check_context *ctx = rc->ctx;
    enum keys_hash prf = handshake_hash(h);
    guint8 pms[48];
    if (!a->rsa || h->kx != KX_RSA || ctx->have_master || !ctx->have_randoms)
        return;
    ctx->master = analyzer_alloc(a, KEYS_MASTER_LEN);
    ctx->rsa_reason = (guint8)keys_rsa_premaster(a->rsa, ev->data + m->body.offset, m->body.length,
                                                 h->version, rc->client_version, pms);
    if (ctx->rsa_reason != REASON_NONE)
        return;
    if (h->offer && h->offer->ems && h->offer->choice.ems) {
        guint8 session_hash[KEYS_HASH_MAX];
        gsize hlen = 0;
        ctx->have_master = transcript_hash(rc->t, prf, session_hash, &hlen) &&
                           keys_extended_master_secret(h->version, prf, pms, sizeof pms,
                                                       session_hash, hlen, ctx->master);
    } else {
        ctx->have_master = keys_master_secret(h->version, prf, pms, sizeof pms,
                                              ctx->client_random, ctx->server_random, ctx->master);
    }
}

static void add(struct transcript *t, const struct event *ev)
{
    if (ev->proto == TLSX_DTLS)
        transcript_add_dtls(t, ev->data, ev->len);
    else
        transcript_add(t, ev->data, ev->len);
}

const struct check_context *checks_context(const struct handshake *h)
{
    return h->randoms;
}

void checks_message(struct analyzer *a, struct handshake *h, const struct event *ev,
                    const struct hs_message *m, struct item *out)
{
    struct running_checks *rc;
    /* An SSL 2.0-style ClientHello is hashed in its own form, not kept here. */
    if (ev->proto == TLSX_SSL2 || out->malformed)
        return;
    rc = running(a, h);
    switch (out->msg_type) {
    case HS_CLIENT_HELLO:
        read_random(m, ev, rc->ctx->client_random);
        rc->client_version = m->u.ch.legacy_version;
        break;
    case HS_HELLO_RETRY_REQUEST:
        transcript_hrr_rewrite(rc->t, keys_handshake_hash(TLSX_VERSION_TLS13, reg_suite(h->suite)));
        break;
    case HS_SERVER_HELLO:
        read_random(m, ev, rc->ctx->server_random);
        rc->ctx->have_randoms = TRUE;
        h->randoms = rc->ctx;
        break;
    case HS_CERTIFICATE: note_certificate(a, h, ev, m, out); break;
    case HS_SERVER_KEY_EXCHANGE: note_server_key_exchange(a, h, m, out); break;
    case HS_CERTIFICATE_VERIFY:
        /* Drafts signed and hashed with other labels: not checked. */
        if (tlsx_version_draft(h->version))
            break;
        if (h->tls13)
            note_hash(a, h, out, CHECK_CV13, handshake_hash(h));
        else
            check_cv12(a, h, ev, m, out);
        break;
    case HS_CLIENT_KEY_EXCHANGE:
        add(rc->t, ev);
        rsa_master(a, h, ev, m);
        return;
    case HS_FINISHED:
        if (!tlsx_version_draft(h->version))
            note_hash(a, h, out, CHECK_FINISHED, handshake_hash(h));
        break;
    case HS_HELLO_REQUEST:
        return;  /* never part of the handshake hash (RFC 5246 §7.4.1.1) */
    case HS_HELLO_VERIFY_REQUEST:
        /* Neither it nor the ClientHello before it is hashed (RFC 6347 §4.2.1). */
        transcript_reset(rc->t);
        return;
    case HS_NEW_SESSION_TICKET:
    case HS_KEY_UPDATE:
        /* TLS 1.3 sends these after the handshake, outside its transcript;
         * a TLS 1.2 NewSessionTicket is inside it (RFC 5077 §3.3). */
        if (h->tls13)
            return;
        break;
    default: break;
    }
    /* The message joins the transcript after its own check: a Finished or
     * CertificateVerify covers the messages before it. */
    add(rc->t, ev);
}

void analyzer_set_rsa_key(struct analyzer *a, const struct keys_privkey *rsa)
{
    a->rsa = rsa;
}
