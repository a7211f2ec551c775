/* What gnutls can check as the handshake goes by: the certificate chain and
 * host name, the ServerKeyExchange and CertificateVerify signatures, and each
 * Finished against the transcript and the secrets of the key log. Verdicts
 * are stored on the items; the transcript and certificates live only while
 * the handshake runs.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "keylog.h"
#include "keys.h"
#include "registry.h"
#include "session_priv.h"
#include "verify.h"

struct running_checks {
    struct transcript *t;
    guint8 client_random[32];
    guint8 server_random[32];
    gboolean have_randoms;
    GBytes *server_leaf;
    GBytes *client_leaf;
    guint8 master[KEYS_MASTER_LEN];
    gboolean have_master;
    guint16 client_version;   /* ClientHello.legacy_version, for RSA pre-master checks */
};

static struct running_checks *running(struct handshake *h)
{
    if (!h->rc) {
        h->rc = g_new0(struct running_checks, 1);
        h->rc->t = transcript_new();
    }
    return h->rc;
}

void checks_free(struct handshake *h)
{
    if (!h->rc)
        return;
    transcript_free(h->rc->t);
    if (h->rc->server_leaf)
        g_bytes_unref(h->rc->server_leaf);
    if (h->rc->client_leaf)
        g_bytes_unref(h->rc->client_leaf);
    g_free(h->rc);
    h->rc = NULL;
}

static struct checks *checks_of(struct analyzer *a, struct item *out)
{
    if (!out->checks) {
        struct checks *c = g_new0(struct checks, 1);
        g_ptr_array_add(a->owned, c);
        out->checks = c;
    }
    return (struct checks *)out->checks;
}

static void set(guint8 *verdict, guint8 *reason, struct verify_result r)
{
    *verdict = (guint8)r.verdict;
    *reason = (guint8)r.reason;
}

/* The body of the message: for DTLS after its 12-byte header. */
static const guint8 *body_of(const struct event *ev, const struct hs_message *m, gsize *len)
{
    *len = m->body.length;
    return ev->data + m->body.offset;
}

static void read_random(const struct hs_message *m, const struct event *ev, guint8 out[32])
{
    const struct span *s = m->type == HS_CLIENT_HELLO ? &m->u.ch.random : &m->u.sh.random;
    struct reader r, v;
    rd_init(&r, ev->data, ev->len);
    if (rd_skip(&r, s->offset) && rd_bytes(&r, 32, &v))
        memcpy(out, rd_ptr(&v), 32);
}

static gint64 capture_time(const struct event *ev)
{
    return (gint64)ev->time;
}

/* Chains seen many times (one server, many connections) are verified once. */
static void check_chain(struct analyzer *a, struct handshake *h, const struct event *ev,
                        const struct hs_message *m, struct item *out)
{
    struct running_checks *rc = running(h);
    guint32 key = offer_hash(ev->data, ev->len);
    struct checks *c = checks_of(a, out), *cached = g_hash_table_lookup(a->chains,
                                                                          GUINT_TO_POINTER(key));
    struct span spans[16];
    const guint8 *certs[16];
    gsize lens[16], blen;
    guint n = 0;
    const guint8 *body = body_of(ev, m, &blen);
    struct verify_chain_result r;

    if (!verify_certificate_entries(body, blen, h->tls13, spans, G_N_ELEMENTS(spans), &n) || n == 0)
        return;
    for (guint i = 0; i < n; i++) {
        certs[i] = body + spans[i].offset;
        lens[i] = spans[i].length;
    }
    if (out->sender == SENDER_SERVER) {
        if (rc->server_leaf)
            g_bytes_unref(rc->server_leaf);
        rc->server_leaf = g_bytes_new(certs[0], lens[0]);
    } else {
        if (rc->client_leaf)
            g_bytes_unref(rc->client_leaf);
        rc->client_leaf = g_bytes_new(certs[0], lens[0]);
    }
    if (cached && out->sender == SENDER_SERVER) {
        *c = *cached;
        return;
    }
    verify_chain(a->trust, certs, lens, n, capture_time(ev),
                 out->sender == SENDER_SERVER && h->offer && h->offer->sni[0] ? h->offer->sni : NULL,
                 &r);
    c->has_chain = TRUE;
    set(&c->chain, &c->chain_reason, r.links.verdict == VERIFY_INVALID ? r.links
                                     : r.time.verdict == VERIFY_INVALID ? r.time : r.trust);
    if (r.links.verdict == VERIFY_VALID && r.time.verdict == VERIFY_VALID &&
        r.trust.verdict != VERIFY_VALID)
        set(&c->chain, &c->chain_reason, r.trust);
    if (out->sender == SENDER_SERVER) {
        set(&c->hostname, &c->hostname_reason, r.hostname);
        struct checks *copy = g_new(struct checks, 1);
        *copy = *c;
        g_hash_table_insert(a->chains, GUINT_TO_POINTER(key), copy);
    }
}

static void check_ske(struct analyzer *a, struct handshake *h, const struct event *ev,
                      const struct hs_message *m, struct item *out)
{
    struct running_checks *rc = running(h);
    struct checks *c;
    struct verify_result r;
    gsize blen, leaf_len = 0;
    const guint8 *body = body_of(ev, m, &blen);
    const guint8 *leaf = rc->server_leaf ? g_bytes_get_data(rc->server_leaf, &leaf_len) : NULL;
    if (!rc->have_randoms || !leaf)
        return;
    r = verify_server_key_exchange(leaf, leaf_len, h->version, h->kx, rc->client_random,
                                   rc->server_random, body, blen);
    if (r.verdict == VERIFY_UNKNOWN && r.reason == REASON_UNSUPPORTED)
        return;  /* anonymous or PSK: nothing was signed */
    c = checks_of(a, out);
    c->has_signature = TRUE;
    c->signature_weak = r.weak;
    set(&c->signature, &c->signature_reason, r);
}

static void check_certificate_verify(struct analyzer *a, struct handshake *h,
                                     const struct event *ev, const struct hs_message *m,
                                     struct item *out)
{
    struct running_checks *rc = running(h);
    gboolean server = out->sender == SENDER_SERVER;
    GBytes *leaf_bytes = server ? rc->server_leaf : rc->client_leaf;
    gsize blen, leaf_len = 0, tlen = 0, hlen = 0;
    const guint8 *body = body_of(ev, m, &blen);
    const guint8 *leaf = leaf_bytes ? g_bytes_get_data(leaf_bytes, &leaf_len) : NULL;
    guint8 hash[KEYS_HASH_MAX];
    struct verify_result r = { VERIFY_UNKNOWN, REASON_NO_KEY, FALSE };
    struct checks *c = checks_of(a, out);
    if (leaf && h->tls13) {
        enum keys_hash hh = keys_handshake_hash(h->version, reg_suite(h->suite));
        r.reason = REASON_TRUNCATED_TRANSCRIPT;
        if (transcript_hash(rc->t, hh, hash, &hlen))
            r = verify_certificate_verify13(leaf, leaf_len, server, hash, hlen, body, blen);
    } else if (leaf) {
        const guint8 *bytes = transcript_bytes(rc->t, &tlen);
        r.reason = REASON_TRUNCATED_TRANSCRIPT;
        if (transcript_ok(rc->t) && bytes)
            r = verify_certificate_verify12(leaf, leaf_len, h->version, bytes, tlen, body, blen);
    }
    c->has_signature = TRUE;
    c->signature_weak = r.weak;
    set(&c->signature, &c->signature_reason, r);
}

/* RSA key exchange with the server's private key: the pre-master secret,
 * then the master secret (RFC 5246 §8.1), or the extended master secret
 * over the session hash through ClientKeyExchange when both hellos asked for
 * it (RFC 7627 §4). Runs after the ClientKeyExchange joined the transcript. */
static void rsa_master(struct analyzer *a, struct handshake *h, const struct event *ev,
                       const struct hs_message *m)
{
    struct running_checks *rc = running(h);
    guint8 pms[48];
    gsize blen;
    const guint8 *body = body_of(ev, m, &blen);
    enum keys_hash prf = keys_handshake_hash(h->version, reg_suite(h->suite));
    if (!a->rsa || h->kx != KX_RSA || rc->have_master || !rc->have_randoms)
        return;
    if (keys_rsa_premaster(a->rsa, body, blen, rc->client_version, pms) != REASON_NONE)
        return;
    if (h->offer && h->offer->ems && h->choice.ems) {
        guint8 session_hash[KEYS_HASH_MAX];
        gsize hlen = 0;
        rc->have_master = transcript_hash(rc->t, prf, session_hash, &hlen) &&
                          keys_extended_master_secret(h->version, prf, pms, sizeof pms,
                                                      session_hash, hlen, rc->master);
    } else {
        rc->have_master = keys_master_secret(h->version, prf, pms, sizeof pms, rc->client_random,
                                             rc->server_random, rc->master);
    }
}

static void check_finished(struct analyzer *a, struct handshake *h, const struct event *ev,
                           const struct hs_message *m, struct item *out)
{
    struct running_checks *rc = running(h);
    const struct reg_suite *suite = reg_suite(h->suite);
    gboolean server = out->sender == SENDER_SERVER;
    gsize blen, slen = 0;
    const guint8 *body = body_of(ev, m, &blen);
    struct checks *c = checks_of(a, out);
    struct verify_result r = { VERIFY_UNKNOWN, REASON_MISSING_SECRET, FALSE };
    if (rc->have_randoms && h->tls13 && a->keylog) {
        const guint8 *secret = keylog_lookup(a->keylog, server
                                             ? KEYLOG_SERVER_HANDSHAKE_TRAFFIC_SECRET
                                             : KEYLOG_CLIENT_HANDSHAKE_TRAFFIC_SECRET,
                                             rc->client_random, &slen);
        r = verify_finished13(suite, secret, secret ? slen : 0, rc->t, body, blen);
    } else if (rc->have_randoms && !h->tls13) {
        const guint8 *master = rc->have_master ? rc->master : NULL;
        slen = rc->have_master ? KEYS_MASTER_LEN : 0;
        if (!master && a->keylog)
            master = keylog_lookup(a->keylog, KEYLOG_CLIENT_RANDOM, rc->client_random, &slen);
        r = verify_finished12(h->version, suite, master, master ? slen : 0, server, rc->t,
                              body, blen);
    }
    c->has_finished = TRUE;
    set(&c->finished, &c->finished_reason, r);
    memcpy(c->client_random, rc->client_random, 32);
    memcpy(c->server_random, rc->server_random, 32);
}

void checks_message(struct analyzer *a, struct handshake *h, const struct event *ev,
                    const struct hs_message *m, struct item *out)
{
    struct running_checks *rc;
    /* DTLS hashes its 12-byte headers; this transcript is TLS's. */
    if (ev->proto == TLSX_DTLS || out->malformed)
        return;
    rc = running(h);
    switch (out->msg_type) {
    case HS_CLIENT_HELLO:
        read_random(m, ev, rc->client_random);
        rc->client_version = m->u.ch.legacy_version;
        break;
    case HS_HELLO_RETRY_REQUEST:
        transcript_hrr_rewrite(rc->t, keys_handshake_hash(TLSX_VERSION_TLS13, reg_suite(h->suite)));
        break;
    case HS_SERVER_HELLO:
        read_random(m, ev, rc->server_random);
        rc->have_randoms = TRUE;
        break;
    case HS_CERTIFICATE: check_chain(a, h, ev, m, out); break;
    case HS_SERVER_KEY_EXCHANGE: check_ske(a, h, ev, m, out); break;
    case HS_CERTIFICATE_VERIFY: check_certificate_verify(a, h, ev, m, out); break;
    case HS_CLIENT_KEY_EXCHANGE:
        transcript_add(rc->t, ev->data, ev->len);
        rsa_master(a, h, ev, m);
        return;
    case HS_FINISHED: check_finished(a, h, ev, m, out); break;
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
    transcript_add(rc->t, ev->data, ev->len);
}

void analyzer_set_checks(struct analyzer *a, const struct keylog *keylog,
                         const struct verify_trust *trust, const struct keys_privkey *rsa)
{
    a->keylog = keylog;
    a->trust = trust;
    a->rsa = rsa;
}
