/* Verdicts and key schedules from stored check inputs; see verdicts.h.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "keylog.h"
#include "registry.h"
#include "verdicts.h"

struct verdicts {
    const struct keylog *keylog;
    gboolean keylog_configured;
    gboolean system_trust;
    char *ca_file;
    struct verify_trust *trust;
    gboolean trust_tried;
    enum verify_reason trust_why;
    GHashTable *chains;   /* chain_key -> struct chain_verdict */
};

struct chain_verdict {
    struct verify_result chain;
    struct verify_result hostname;
};

struct verdicts *verdicts_new(const struct keylog *keylog, gboolean keylog_configured,
                              gboolean system_trust, const char *ca_file)
{
    struct verdicts *v = g_new0(struct verdicts, 1);
    v->keylog = keylog;
    v->keylog_configured = keylog_configured;
    v->system_trust = system_trust;
    v->ca_file = ca_file && *ca_file ? g_strdup(ca_file) : NULL;
    v->chains = g_hash_table_new_full(g_bytes_hash, g_bytes_equal,
                                      (GDestroyNotify)g_bytes_unref, g_free);
    return v;
}

void verdicts_free(struct verdicts *v)
{
    if (!v)
        return;
    verify_trust_free(v->trust);
    g_hash_table_destroy(v->chains);
    g_free(v->ca_file);
    g_free(v);
}

/* Loading the system's trust store takes a while; only chains need it. */
const struct verify_trust *verdicts_trust(struct verdicts *v, enum verify_reason *why)
{
    if (!v->trust_tried) {
        v->trust_tried = TRUE;
        v->trust_why = REASON_NONE;
        v->trust = verify_trust_new(v->system_trust, v->ca_file, &v->trust_why);
        /* A CA file that cannot be used does not take the system's store
         * with it (the user is told about the file once). */
        if (!v->trust && v->ca_file && v->system_trust)
            v->trust = verify_trust_new(TRUE, NULL, NULL);
    }
    if (why)
        *why = v->trust ? REASON_NONE : v->trust_why;
    return v->trust;
}

static struct verify_result result(enum verify_verdict verdict, enum verify_reason reason)
{
    struct verify_result r = { verdict, reason, FALSE };
    return r;
}

/* ---- Finished ---- */

struct verify_result verdicts_finished12(guint16 version, const struct reg_suite *suite,
                                         const guint8 *master, gsize master_len,
                                         gboolean from_server, const guint8 *hash,
                                         gsize hash_len, const guint8 *verify_data,
                                         gsize vd_len)
{
    guint8 expect[KEYS_VERIFY12_LEN];
    if (!verify_data || vd_len == 0)
        return result(VERIFY_UNKNOWN, REASON_EMPTY_INPUT);
    if (!suite || keys_handshake_hash(version, suite) == KEYS_HASH_UNKNOWN)
        return result(VERIFY_UNKNOWN, REASON_UNKNOWN_ALGORITHM);
    if (!master || master_len != KEYS_MASTER_LEN)
        return result(VERIFY_UNKNOWN, REASON_MISSING_SECRET);
    if (!hash || hash_len == 0)
        return result(VERIFY_UNKNOWN, REASON_TRUNCATED_TRANSCRIPT);
    if (vd_len != KEYS_VERIFY12_LEN)
        return result(VERIFY_INVALID, REASON_BAD_FORMAT);
    if (!keys_finished12(version, keys_hash_by_name(suite->prf), master, from_server, hash,
                         hash_len, expect))
        return result(VERIFY_UNKNOWN, REASON_UNKNOWN_ALGORITHM);
    return memcmp(expect, verify_data, vd_len) == 0 ? result(VERIFY_VALID, REASON_NONE)
                                                    : result(VERIFY_INVALID, REASON_FINISHED_MISMATCH);
}

struct verify_result verdicts_finished13(const struct reg_suite *suite,
                                         const guint8 *traffic_secret, gsize secret_len,
                                         const guint8 *hash, gsize hash_len,
                                         const guint8 *verify_data, gsize vd_len)
{
    guint8 fkey[KEYS_HASH_MAX], expect[KEYS_HASH_MAX];
    enum keys_hash h = suite ? keys_hash_by_name(suite->prf) : KEYS_HASH_UNKNOWN;
    gsize hl = keys_hash_len(h);
    if (!verify_data || vd_len == 0)
        return result(VERIFY_UNKNOWN, REASON_EMPTY_INPUT);
    if (hl == 0 || !(suite->flags & REG_SUITE_TLS13))
        return result(VERIFY_UNKNOWN, REASON_UNKNOWN_ALGORITHM);
    if (!traffic_secret || secret_len != hl)
        return result(VERIFY_UNKNOWN, REASON_MISSING_SECRET);
    if (!hash || hash_len != hl)
        return result(VERIFY_UNKNOWN, REASON_TRUNCATED_TRANSCRIPT);
    if (vd_len != hl)
        return result(VERIFY_INVALID, REASON_BAD_FORMAT);
    if (!keys_hkdf_expand_label(h, traffic_secret, hl, "finished", NULL, 0, fkey, hl) ||
        !keys_finished13(h, fkey, hash, expect))
        return result(VERIFY_UNKNOWN, REASON_INTERNAL);
    return memcmp(expect, verify_data, vd_len) == 0 ? result(VERIFY_VALID, REASON_NONE)
                                                    : result(VERIFY_INVALID, REASON_FINISHED_MISMATCH);
}

/* The TLS 1.2 master secret: from the server's RSA key when the first pass
 * decrypted it, else from the key log. */
static const guint8 *master_of(const struct verdicts *v, const struct check_context *ctx,
                               gsize *len)
{
    *len = KEYS_MASTER_LEN;
    if (ctx->have_master)
        return ctx->master;
    return v->keylog ? keylog_lookup(v->keylog, KEYLOG_CLIENT_RANDOM, ctx->client_random, len)
                     : NULL;
}

static const guint8 *handshake_secret(const struct verdicts *v, const struct item *it,
                                      gsize *len)
{
    gboolean server = it->sender == SENDER_SERVER;
    *len = 0;
    return v->keylog ? keylog_lookup(v->keylog, server ? KEYLOG_SERVER_HANDSHAKE_TRAFFIC_SECRET
                                                       : KEYLOG_CLIENT_HANDSHAKE_TRAFFIC_SECRET,
                                     item_checks(it)->ctx->client_random, len)
                     : NULL;
}

static struct verify_result finished_verdict(const struct verdicts *v, const struct item *it,
                                             const guint8 *vd, gsize vd_len)
{
    const struct checks *c = item_checks(it);
    const struct reg_suite *suite = reg_suite(it->suite);
    gsize slen = 0;
    const guint8 *secret;
    if (it->version == TLSX_VERSION_TLS13) {
        secret = handshake_secret(v, it, &slen);
        return verdicts_finished13(suite, secret, slen, c->hash, c->hash_len, vd, vd_len);
    }
    secret = master_of(v, c->ctx, &slen);
    /* The RSA key given did not decrypt the pre-master secret: say so, not
     * that a key log is missing. */
    if (!secret && c->ctx->rsa_reason != REASON_NONE)
        return result(VERIFY_UNKNOWN, (enum verify_reason)c->ctx->rsa_reason);
    return verdicts_finished12(it->version, suite, secret, slen, it->sender == SENDER_SERVER,
                               c->hash, c->hash_len, vd, vd_len);
}

/* ---- Chains ---- */

/* The whole chain, the name asked for and the day: a verdict is reused
 * only for exactly these, since two chains sharing a hash must never
 * share a verdict. */
static GBytes *chain_key(const guint8 *body, gsize len, const char *sni, gint64 when)
{
    GByteArray *k = g_byte_array_sized_new((guint)len + 32);
    gint64 day = when / 86400;
    guint64 n = len;  /* so that no chain and name run into each other */
    g_byte_array_append(k, (const guint8 *)&n, sizeof n);
    g_byte_array_append(k, body, (guint)len);
    g_byte_array_append(k, (const guint8 *)&day, sizeof day);
    if (sni)
        g_byte_array_append(k, (const guint8 *)sni, (guint)strlen(sni) + 1);
    return g_byte_array_free_to_bytes(k);
}

static struct chain_verdict check_chain(struct verdicts *v, const struct item *it,
                                        const guint8 *body, gsize blen, const char *sni,
                                        gint64 when)
{
    struct chain_verdict out = { result(VERIFY_UNKNOWN, REASON_BAD_FORMAT),
                                 result(VERIFY_UNKNOWN, REASON_NO_HOSTNAME) };
    const guint8 *certs[HS_CERTS_KEPT];
    gsize lens[HS_CERTS_KEPT];
    const struct checks *c = item_checks(it);
    guint n = MIN(c->n_certs, HS_CERTS_KEPT);
    struct verify_chain_result cr;
    /* Where the parser found each certificate on the first pass. */
    for (guint i = 0; i < n; i++) {
        struct span s = checks_cert(c, i);
        struct reader der;
        rd_init(&der, body, blen);
        if (!rd_skip(&der, s.offset) || !rd_bytes(&der, s.length, NULL) || s.length == 0)
            return out;
        certs[i] = body + s.offset;
        lens[i] = s.length;
    }
    if (n == 0)
        return out;
    verify_chain(verdicts_trust(v, NULL), certs, lens, n, when, sni, &cr);
    /* A broken link or date says more than "untrusted". */
    out.chain = cr.links.verdict == VERIFY_INVALID ? cr.links
              : cr.time.verdict == VERIFY_INVALID ? cr.time : cr.trust;
    out.hostname = cr.hostname;
    return out;
}

static struct chain_verdict chain_verdict(struct verdicts *v, const struct item *it,
                                          const guint8 *body, gsize blen, gint64 when)
{
    const char *sni = it->sender == SENDER_SERVER ? item_checks(it)->ctx->sni : NULL;
    GBytes *key = chain_key(body, blen, sni, when);
    struct chain_verdict *cached = g_hash_table_lookup(v->chains, key);
    if (cached) {
        g_bytes_unref(key);
        return *cached;
    }
    cached = g_new(struct chain_verdict, 1);
    *cached = check_chain(v, it, body, blen, sni, when);
    /* A chain that did not parse is not worth remembering. */
    g_hash_table_insert(v->chains, key, cached);
    return *cached;
}

/* ---- Dispatch ---- */

static const guint8 *leaf_of(const struct item *it, gboolean server, gsize *len)
{
    GBytes *b = server ? item_checks(it)->ctx->server_leaf : item_checks(it)->ctx->client_leaf;
    *len = 0;
    return b ? g_bytes_get_data(b, len) : NULL;
}

static struct verify_result signature_verdict(const struct item *it, const guint8 *body,
                                              gsize blen)
{
    const struct checks *c = item_checks(it);
    gboolean server = it->sender == SENDER_SERVER;
    gsize leaf_len;
    const guint8 *leaf;
    struct verify_result r;
    switch (c->kind) {
    case CHECK_SKE:
        leaf = leaf_of(it, TRUE, &leaf_len);
        if (!leaf || !c->ctx->have_randoms)
            return result(VERIFY_UNKNOWN, REASON_NO_KEY);
        return verify_server_key_exchange(leaf, leaf_len, it->version, it->kx,
                                          c->ctx->client_random, c->ctx->server_random, body, blen,
                                          c->params_len);
    case CHECK_CV13:
        leaf = leaf_of(it, server, &leaf_len);
        if (!leaf)
            return result(VERIFY_UNKNOWN, REASON_NO_KEY);
        if (!c->hash_len)
            return result(VERIFY_UNKNOWN, REASON_TRUNCATED_TRANSCRIPT);
        return verify_certificate_verify13(leaf, leaf_len, server, c->hash, c->hash_len,
                                           body, blen);
    case CHECK_CV12:
        /* Checked on the first pass: it signs the whole transcript. */
        r = result(c->verdict, c->reason);
        r.weak = c->weak;
        return r;
    default:
        return result(VERIFY_UNKNOWN, REASON_BAD_FORMAT);
    }
}

struct check_verdict verdicts_check(struct verdicts *v, const struct item *it,
                                    const guint8 *body, gsize blen, gint64 when)
{
    const struct checks *c = item_checks(it);
    struct check_verdict out = { result(VERIFY_UNKNOWN, REASON_BAD_FORMAT),
                                 result(VERIFY_UNKNOWN, REASON_NO_HOSTNAME), FALSE };
    struct chain_verdict cv;
    if (!c || !body)
        return out;
    switch (c->kind) {
    case CHECK_CHAIN:
        cv = chain_verdict(v, it, body, blen, when);
        out.main = cv.chain;
        out.hostname = cv.hostname;
        break;
    case CHECK_FINISHED:
        out.main = finished_verdict(v, it, body, blen);
        out.from_rsa_key = it->version != TLSX_VERSION_TLS13 && c->ctx && c->ctx->have_master;
        break;
    default:
        out.main = signature_verdict(it, body, blen);
        break;
    }
    if (out.main.reason == REASON_MISSING_SECRET && !v->keylog_configured)
        out.main.reason = REASON_NO_KEYLOG;
    return out;
}

/* ---- Key schedule ---- */

/* how: the [schedule] catalog key saying how the line is made, given on
 * the first line made that way only, so each way is told once. */
static void line(struct schedule *s, const char *name, const char *how, const guint8 *p, gsize n)
{
    if (s->n >= SCHEDULE_MAX_LINES || n > sizeof s->lines[0].value)
        return;
    for (guint i = 0; how && i < s->n; i++)
        if (s->lines[i].how && strcmp(s->lines[i].how, how) == 0)
            how = NULL;
    s->lines[s->n].name = name;
    s->lines[s->n].how = how;
    memcpy(s->lines[s->n].value, p, n);
    s->lines[s->n].len = n;
    s->n++;
}

static gboolean schedule12(const struct verdicts *v, const struct item *it, struct schedule *s)
{
    const struct check_context *ctx = item_checks(it)->ctx;
    gsize mlen = 0;
    const guint8 *master = master_of(v, ctx, &mlen);
    struct keys_block kb;
    if (!master || mlen != KEYS_MASTER_LEN)
        return FALSE;
    s->from_rsa_key = ctx->have_master;
    line(s, "master_secret", ctx->have_master ? "master_secret_rsa" : "master_secret", master, mlen);
    if (!keys_key_block(it->version, reg_suite(it->suite), master, ctx->client_random,
                        ctx->server_random, &kb))
        return TRUE;
    if (kb.mac_len) {
        line(s, "client_write_MAC_key", "key_block", kb.client_mac, kb.mac_len);
        line(s, "server_write_MAC_key", "key_block", kb.server_mac, kb.mac_len);
    }
    line(s, "client_write_key", "key_block", kb.client_key, kb.key_len);
    line(s, "server_write_key", "key_block", kb.server_key, kb.key_len);
    if (kb.iv_len) {
        line(s, "client_write_IV", "key_block", kb.client_iv, kb.iv_len);
        line(s, "server_write_IV", "key_block", kb.server_iv, kb.iv_len);
    }
    return TRUE;
}

/* QUIC protects packets, not records, with keys of its own labels (RFC
 * 9001 §5.1): showing TLS's record keys there would show keys never used. */
static gboolean traffic_keys(const struct item *it, const guint8 *secret, gsize slen,
                             struct keys_traffic13 *k)
{
    const struct reg_suite *suite = reg_suite(it->suite);
    return it->proto == TLSX_QUIC ? keys_traffic13_quic(suite, secret, slen, k)
                                  : keys_traffic13(suite, secret, slen, k);
}

static void packet_keys(struct schedule *s, const struct item *it,
                        const struct keys_traffic13 *k, gboolean application)
{
    gboolean quic = it->proto == TLSX_QUIC;
    line(s, quic ? (application ? "application quic key" : "quic key")
                 : (application ? "application key" : "key"), quic ? "quic_key" : "key",
         k->key, k->key_len);
    line(s, quic ? (application ? "application quic iv" : "quic iv")
                 : (application ? "application iv" : "iv"), quic ? "quic_iv" : "iv",
         k->iv, k->iv_len);
    if (quic)
        line(s, application ? "application quic hp" : "quic hp", "quic_hp", k->hp, k->key_len);
}

static gboolean schedule13(const struct verdicts *v, const struct item *it, struct schedule *s)
{
    gboolean server = it->sender == SENDER_SERVER;
    gsize slen = 0;
    const guint8 *secret = handshake_secret(v, it, &slen);
    struct keys_traffic13 k;
    if (!secret || !traffic_keys(it, secret, slen, &k))
        return FALSE;
    line(s, server ? "server_handshake_traffic_secret" : "client_handshake_traffic_secret",
         server ? "s_hs_traffic" : "c_hs_traffic", secret, slen);
    packet_keys(s, it, &k, FALSE);
    line(s, "finished_key", "finished_key", k.finished_key, k.hash_len);
    /* After its Finished the sender switches to application traffic keys. */
    secret = keylog_lookup(v->keylog, server ? KEYLOG_SERVER_TRAFFIC_SECRET_0
                                             : KEYLOG_CLIENT_TRAFFIC_SECRET_0,
                           item_checks(it)->ctx->client_random, &slen);
    if (!secret || !traffic_keys(it, secret, slen, &k))
        return TRUE;
    line(s, server ? "server_application_traffic_secret_0" : "client_application_traffic_secret_0",
         server ? "s_ap_traffic" : "c_ap_traffic", secret, slen);
    packet_keys(s, it, &k, TRUE);
    return TRUE;
}

gboolean verdicts_schedule(const struct verdicts *v, const struct item *it, struct schedule *out)
{
    const struct checks *c = item_checks(it);
    memset(out, 0, sizeof *out);
    if (!c || c->kind != CHECK_FINISHED || !c->ctx)
        return FALSE;
    if (it->version == TLSX_VERSION_TLS13)
        return schedule13(v, it, out);
    return schedule12(v, it, out);
}

gboolean verdicts_failed(struct verify_result r)
{
    return r.verdict == VERIFY_INVALID && r.reason != REASON_UNTRUSTED_ROOT;
}

const char *verdicts_reason_key(enum verify_reason reason)
{
    static const char *const keys[REASON_N] = {
        [REASON_NONE] = "none", [REASON_EMPTY_INPUT] = "empty_input",
        [REASON_BAD_DER] = "bad_der", [REASON_BAD_FORMAT] = "bad_format",
        [REASON_UNKNOWN_ALGORITHM] = "unknown_algorithm", [REASON_UNSUPPORTED] = "unsupported",
        [REASON_NO_KEY] = "no_key", [REASON_KEY_MISMATCH] = "key_mismatch",
        [REASON_EXPIRED] = "expired", [REASON_NOT_YET_VALID] = "not_yet_valid",
        [REASON_NO_TIME] = "no_time", [REASON_ISSUER_MISMATCH] = "issuer_mismatch",
        [REASON_NOT_CA] = "not_ca", [REASON_BAD_SIGNATURE] = "bad_signature",
        [REASON_UNTRUSTED_ROOT] = "untrusted_root", [REASON_NO_TRUST_ANCHOR] = "no_trust_anchor",
        [REASON_TRUST_STORE_ERROR] = "trust_store_error", [REASON_REVOKED] = "revoked",
        [REASON_CHAIN_REJECTED] = "chain_rejected", [REASON_HOSTNAME_MISMATCH] = "hostname_mismatch",
        [REASON_NO_HOSTNAME] = "no_hostname", [REASON_MISSING_SECRET] = "missing_secret",
        [REASON_TRUNCATED_TRANSCRIPT] = "truncated_transcript",
        [REASON_FINISHED_MISMATCH] = "finished_mismatch", [REASON_DECRYPT_FAILED] = "decrypt_failed",
        [REASON_BAD_PREMASTER_LENGTH] = "bad_premaster_length",
        [REASON_BAD_PREMASTER_VERSION] = "bad_premaster_version",
        [REASON_SCHEME_NOT_ALLOWED] = "scheme_not_allowed", [REASON_INTERNAL] = "internal",
        [REASON_NO_KEYLOG] = "no_keylog",
    };
    return (guint)reason < REASON_N && keys[reason] ? keys[reason] : "internal";
}

guint16 verdicts_signature_scheme(const struct item *it, const guint8 *body, gsize len)
{
    const struct checks *c = item_checks(it);
    struct reader r;
    guint16 scheme;
    if (it->kind != EV_HANDSHAKE || !c ||
        !(tlsx_version_tls13(it->version) || it->version == 0x0303 || it->version == 0xfefd))
        return 0;
    rd_init(&r, body, len);
    if (c->kind == CHECK_SKE)
        return rd_skip(&r, c->params_len) && rd_u16(&r, &scheme) ? scheme : 0;
    if (c->kind == CHECK_CV13 || c->kind == CHECK_CV12)
        return rd_u16(&r, &scheme) ? scheme : 0;
    return 0;
}

gboolean verdicts_keylog_has_secrets(const struct verdicts *v, const struct item *it)
{
    const struct check_context *r = it->extra ? it->extra->randoms : NULL;
    return v && v->keylog && it->encrypted && r && keylog_knows(v->keylog, r->client_random);
}
