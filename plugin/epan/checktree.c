/* Draws what gnutls checked (verdicts with their reasons), the certificates
 * as gnutls reads them, and the key schedule behind a Finished.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/packet.h>
#include <epan/to_str.h>
#include <string.h>
#include "facts.h"
#include "fields.h"
#include "keylog.h"
#include "keys.h"
#include "registry.h"
#include "text.h"
#include "verify.h"

static const char *reason_key(guint8 reason)
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
    };
    return reason < REASON_N && keys[reason] ? keys[reason] : "internal";
}

/* One verdict: a boolean field when it is known, and a sentence saying
 * what was checked and why it passed, failed or could not be checked. */
static void draw_verdict(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                         const struct item *it, int hf, const char *section, guint8 verdict,
                         guint8 reason, gboolean text)
{
    const char *key = verdict == VERIFY_VALID ? "text_valid" : verdict == VERIFY_INVALID
                      ? "text_invalid" : "text_unknown";
    if (verdict != VERIFY_UNKNOWN)
        proto_tree_add_boolean(t, hf, tvb, off, len, verdict == VERIFY_VALID);
    if (!text)
        return;
    if (reason == REASON_MISSING_SECRET && !tlsx_keylog_configured())
        reason = REASON_N;  /* no key log at all: say how to give one */
    struct placeholder ph[] = {
        { "reason", reason == REASON_N
                    ? tlsx_text(pinfo->pool, it, NULL, NULL, "reason", "no_keylog")
                    : tlsx_text(pinfo->pool, it, NULL, NULL, "reason", reason_key(reason)) },
    };
    const char *s = tlsx_text_with(pinfo->pool, it, section, key, ph, G_N_ELEMENTS(ph));
    proto_item *ti = proto_tree_add_string(t, hf_tlsx_check, tvb, off, len, s);
    tlsx_add_lines(t, ti, tvb, off, len, proto_registrar_get_name(hf_tlsx_check), s);
}

static const guint8 *leaf_of(const struct item *it, gboolean server, gsize *len)
{
    GBytes *b = server ? item_checks(it)->ctx->server_leaf : item_checks(it)->ctx->client_leaf;
    *len = 0;
    return b ? g_bytes_get_data(b, len) : NULL;
}

static struct verify_result finished_verdict(const struct item *it, const guint8 *vd, gsize vd_len)
{
    const struct checks *c = item_checks(it);
    const struct check_context *ctx = c->ctx;
    const struct keylog *kl = tlsx_keylog();
    const struct reg_suite *suite = reg_suite(it->suite);
    gboolean server = it->sender == SENDER_SERVER;
    struct verify_result r = { VERIFY_UNKNOWN, REASON_MISSING_SECRET, FALSE };
    guint8 want[KEYS_HASH_MAX];
    gsize slen = 0, want_len = 0;
    if (!c->hash_len) {
        r.reason = REASON_TRUNCATED_TRANSCRIPT;
        return r;
    }
    if (it->version == TLSX_VERSION_TLS13) {
        struct keys_traffic13 k;
        const guint8 *secret = kl ? keylog_lookup(kl, server ? KEYLOG_SERVER_HANDSHAKE_TRAFFIC_SECRET
                                                             : KEYLOG_CLIENT_HANDSHAKE_TRAFFIC_SECRET,
                                                  ctx->client_random, &slen) : NULL;
        if (!secret || !keys_traffic13(suite, secret, slen, &k) ||
            !keys_finished13(keys_handshake_hash(it->version, suite), k.finished_key, c->hash, want))
            return r;
        want_len = k.hash_len;
    } else {
        const guint8 *master = ctx->have_master ? ctx->master : NULL;
        if (!master && kl)
            master = keylog_lookup(kl, KEYLOG_CLIENT_RANDOM, ctx->client_random, &slen);
        if (!master || !keys_finished12(it->version, keys_handshake_hash(it->version, suite), master,
                                        server, c->hash, c->hash_len, want))
            return r;
        want_len = KEYS_VERIFY12_LEN;
    }
    r.reason = REASON_FINISHED_MISMATCH;
    r.verdict = vd_len == want_len && memcmp(vd, want, want_len) == 0 ? VERIFY_VALID : VERIFY_INVALID;
    if (r.verdict == VERIFY_VALID)
        r.reason = REASON_NONE;
    return r;
}

/* A chain seen many times (one server, many connections) is verified once
 * per capture: cached by its bytes, the SNI it was checked against and the
 * day it was checked at. Emptied with the capture (tlsx_checks_reset). */
struct chain_verdict {
    struct verify_result chain;
    struct verify_result hostname;
};

static GHashTable *chain_cache;

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

void tlsx_checks_reset(void)
{
    if (chain_cache)
        g_hash_table_destroy(chain_cache);
    chain_cache = NULL;
    verify_cache_clear();
}

static struct verify_result chain_verdict(packet_info *pinfo, const struct item *it,
                                          const guint8 *body, gsize blen,
                                          struct verify_result *hostname)
{
    const char *sni = it->sender == SENDER_SERVER ? item_checks(it)->ctx->sni : NULL;
    GBytes *key = chain_key(body, blen, sni, (gint64)pinfo->abs_ts.secs);
    struct chain_verdict *v;
    struct verify_result bad = { VERIFY_UNKNOWN, REASON_BAD_FORMAT, FALSE };
    struct span spans[16];
    const guint8 *certs[16];
    gsize lens[16];
    guint n = 0;
    struct verify_chain_result cr;

    if (!chain_cache)
        chain_cache = g_hash_table_new_full(g_bytes_hash, g_bytes_equal,
                                            (GDestroyNotify)g_bytes_unref, g_free);
    if ((v = g_hash_table_lookup(chain_cache, key)) != NULL) {
        g_bytes_unref(key);
        *hostname = v->hostname;
        return v->chain;
    }
    if (!verify_certificate_entries(body, blen, it->version == TLSX_VERSION_TLS13, spans,
                                    G_N_ELEMENTS(spans), &n) || n == 0) {
        g_bytes_unref(key);
        return bad;
    }
    for (guint i = 0; i < MIN(n, G_N_ELEMENTS(spans)); i++) {
        certs[i] = body + spans[i].offset;
        lens[i] = spans[i].length;
    }
    verify_chain(tlsx_trust(), certs, lens, MIN(n, G_N_ELEMENTS(spans)),
                 (gint64)pinfo->abs_ts.secs, sni, &cr);
    v = g_new(struct chain_verdict, 1);
    /* A broken link or date says more than "untrusted". */
    v->chain = cr.links.verdict == VERIFY_INVALID ? cr.links
             : cr.time.verdict == VERIFY_INVALID ? cr.time : cr.trust;
    v->hostname = cr.hostname;
    g_hash_table_insert(chain_cache, key, v);
    *hostname = v->hostname;
    return v->chain;
}

/* The verdict of a check, worked out now from the stored inputs, the
 * message bytes and the preferences in force. */
static struct verify_result verdict(packet_info *pinfo, tvbuff_t *tvb, const struct placed_item *p,
                                    struct verify_result *hostname)
{
    const struct item *it = &p->item;
    const struct checks *c = item_checks(it);
    guint header = it->proto == TLSX_DTLS ? 12 : 4;
    const guint8 *body = tvb ? tvb_get_ptr(tvb, p->offset + header, p->length - header) : NULL;
    gsize blen = p->length - header, leaf_len;
    struct verify_result r = { VERIFY_UNKNOWN, REASON_BAD_FORMAT, FALSE };
    const guint8 *leaf;
    if (!body || p->length < header)
        return r;
    switch (c->kind) {
    case CHECK_CHAIN:
        return chain_verdict(pinfo, it, body, blen, hostname);
    case CHECK_SKE:
        leaf = leaf_of(it, TRUE, &leaf_len);
        if (!leaf || !c->ctx->have_randoms) {
            r.reason = REASON_NO_KEY;
            return r;
        }
        return verify_server_key_exchange(leaf, leaf_len, it->version, it->kx,
                                          c->ctx->client_random, c->ctx->server_random, body, blen);
    case CHECK_CV13:
        leaf = leaf_of(it, it->sender == SENDER_SERVER, &leaf_len);
        if (!leaf) {
            r.reason = REASON_NO_KEY;
            return r;
        }
        if (!c->hash_len) {
            r.reason = REASON_TRUNCATED_TRANSCRIPT;
            return r;
        }
        return verify_certificate_verify13(leaf, leaf_len, it->sender == SENDER_SERVER, c->hash,
                                           c->hash_len, body, blen);
    case CHECK_CV12:
        r.verdict = c->verdict;
        r.reason = c->reason;
        r.weak = c->weak;
        return r;
    case CHECK_FINISHED:
        return finished_verdict(it, body, blen);
    default:
        return r;
    }
}

void tlsx_draw_checks(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, const struct placed_item *p,
                      gboolean text)
{
    const struct item *it = &p->item;
    const struct checks *c = item_checks(it);
    guint off = tvb ? p->offset : 0, len = tvb ? p->length : 0;
    struct verify_result r, hostname = { VERIFY_UNKNOWN, REASON_NO_HOSTNAME, FALSE };
    if (!c || !tvb)
        return;
    r = verdict(pinfo, tvb, p, &hostname);
    switch (c->kind) {
    case CHECK_CHAIN:
        draw_verdict(t, pinfo, tvb, off, len, it, hf_tlsx_chain_valid, "check.chain", r.verdict,
                     r.reason, text);
        if (it->sender == SENDER_SERVER)
            draw_verdict(t, pinfo, tvb, off, len, it, hf_tlsx_hostname_match, "check.hostname",
                         hostname.verdict, hostname.reason, text);
        break;
    case CHECK_FINISHED:
        draw_verdict(t, pinfo, tvb, off, len, it, hf_tlsx_finished_valid, "check.finished",
                     r.verdict, r.reason, text);
        break;
    default:
        draw_verdict(t, pinfo, tvb, off, len, it, hf_tlsx_signature_valid,
                     c->kind == CHECK_SKE ? "check.ske_signature" : "check.certificate_verify",
                     r.verdict, r.reason, text);
        if (r.weak && text) {
            /* Labelled like the verdict it qualifies, so it reads as a check. */
            const char *weak = tlsx_text(pinfo->pool, it, NULL, NULL, "check.weak", "text");
            proto_item *ti = proto_tree_add_string(t, hf_tlsx_check, tvb, off, len, weak);
            tlsx_add_lines(t, ti, tvb, off, len, proto_registrar_get_name(hf_tlsx_check),
                           weak);
        }
        break;
    }
}

static char *hex(packet_info *pinfo, const guint8 *p, gsize n)
{
    static const char digits[] = "0123456789abcdef";
    char *s = wmem_alloc(pinfo->pool, n * 2 + 1);
    for (gsize i = 0; i < n; i++) {
        s[i * 2] = digits[p[i] >> 4];
        s[i * 2 + 1] = digits[p[i] & 0xf];
    }
    s[n * 2] = '\0';
    return s;
}

static void secret_line(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                        const char *name, const guint8 *p, gsize n)
{
    const char *value = tlsx_prefs.show_secrets ? hex(pinfo, p, n)
                        : wmem_strdup_printf(pinfo->pool, "(%" G_GSIZE_FORMAT " bytes, hidden)", n);
    proto_item *ti = proto_tree_add_string(t, hf_tlsx_secret, tvb, off, len, value);
    proto_item_set_text(ti, "%s: %s", name, value);
}

static void schedule12(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                       const struct item *it)
{
    const struct check_context *ctx = item_checks(it)->ctx;
    const struct keylog *kl = tlsx_keylog();
    gsize mlen = KEYS_MASTER_LEN;
    const guint8 *master = ctx->have_master ? ctx->master : NULL;
    struct keys_block kb;
    if (!master && kl)
        master = keylog_lookup(kl, KEYLOG_CLIENT_RANDOM, ctx->client_random, &mlen);
    if (!master || mlen != KEYS_MASTER_LEN)
        return;
    secret_line(t, pinfo, tvb, off, len, "master_secret", master, mlen);
    if (!keys_key_block(it->version, reg_suite(it->suite), master, ctx->client_random,
                        ctx->server_random, &kb))
        return;
    if (kb.mac_len) {
        secret_line(t, pinfo, tvb, off, len, "client_write_MAC_key", kb.client_mac, kb.mac_len);
        secret_line(t, pinfo, tvb, off, len, "server_write_MAC_key", kb.server_mac, kb.mac_len);
    }
    secret_line(t, pinfo, tvb, off, len, "client_write_key", kb.client_key, kb.key_len);
    secret_line(t, pinfo, tvb, off, len, "server_write_key", kb.server_key, kb.key_len);
    if (kb.iv_len) {
        secret_line(t, pinfo, tvb, off, len, "client_write_IV", kb.client_iv, kb.iv_len);
        secret_line(t, pinfo, tvb, off, len, "server_write_IV", kb.server_iv, kb.iv_len);
    }
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

static void packet_keys(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                        const struct item *it, const struct keys_traffic13 *k,
                        gboolean application)
{
    gboolean quic = it->proto == TLSX_QUIC;
    secret_line(t, pinfo, tvb, off, len,
                quic ? (application ? "application quic key" : "quic key")
                     : (application ? "application key" : "key"), k->key, k->key_len);
    secret_line(t, pinfo, tvb, off, len,
                quic ? (application ? "application quic iv" : "quic iv")
                     : (application ? "application iv" : "iv"), k->iv, k->iv_len);
    if (quic)
        secret_line(t, pinfo, tvb, off, len, application ? "application quic hp" : "quic hp",
                    k->hp, k->key_len);
}

static void schedule13(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                       const struct item *it)
{
    const struct keylog *kl = tlsx_keylog();
    gboolean server = it->sender == SENDER_SERVER;
    gsize slen = 0;
    const guint8 *secret = kl ? keylog_lookup(kl, server ? KEYLOG_SERVER_HANDSHAKE_TRAFFIC_SECRET
                                                         : KEYLOG_CLIENT_HANDSHAKE_TRAFFIC_SECRET,
                                              item_checks(it)->ctx->client_random, &slen) : NULL;
    struct keys_traffic13 k;
    if (!secret || !traffic_keys(it, secret, slen, &k))
        return;
    secret_line(t, pinfo, tvb, off, len, server ? "server_handshake_traffic_secret"
                                                : "client_handshake_traffic_secret", secret, slen);
    packet_keys(t, pinfo, tvb, off, len, it, &k, FALSE);
    secret_line(t, pinfo, tvb, off, len, "finished_key", k.finished_key, k.hash_len);
    /* After its Finished the sender switches to application traffic keys. */
    secret = keylog_lookup(kl, server ? KEYLOG_SERVER_TRAFFIC_SECRET_0 : KEYLOG_CLIENT_TRAFFIC_SECRET_0,
                           item_checks(it)->ctx->client_random, &slen);
    if (!secret || !traffic_keys(it, secret, slen, &k))
        return;
    secret_line(t, pinfo, tvb, off, len, server ? "server_application_traffic_secret_0"
                                                : "client_application_traffic_secret_0", secret, slen);
    packet_keys(t, pinfo, tvb, off, len, it, &k, TRUE);
}

/* On a Finished, what the key log gives and what follows from it. */
void tlsx_draw_schedule(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                        const struct item *it)
{
    proto_tree *st;
    if (!item_checks(it) || item_checks(it)->kind != CHECK_FINISHED ||
        (!tlsx_keylog() && !item_checks(it)->ctx->have_master))
        return;
    st = proto_tree_add_subtree(t, tvb, off, len, ett_tlsx_summary, NULL,
                                tlsx_text(pinfo->pool, it, NULL, NULL, "ui", "schedule"));
    if (it->version == TLSX_VERSION_TLS13)
        schedule13(st, pinfo, tvb, off, len, it);
    else
        schedule12(st, pinfo, tvb, off, len, it);
}

/* One line of a certificate's details, its words from the catalog. */
static void cert_line(proto_tree *ct, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                      const struct item *it, const char *key, const struct placeholder *ph,
                      gsize n)
{
    proto_tree_add_subtree(ct, tvb, off, len, ett_tlsx_field, NULL,
                           tlsx_text_with(pinfo->pool, it, "certificate", key, ph, n));
}

#define CERT_LINE(key, ...) do { \
        const struct placeholder ph_[] = { __VA_ARGS__ }; \
        cert_line(ct, pinfo, tvb, off, len, it, key, ph_, G_N_ELEMENTS(ph_)); \
    } while (0)

static void draw_one_certificate(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off,
                                 guint len, const struct item *it, guint position,
                                 const guint8 *der, gsize der_len, gint64 when)
{
    enum verify_reason why;
    const struct cert_info *info = cert_info_cached(der, der_len, &why);
    const char *validity;
    proto_item *ti;
    proto_tree *ct;
    if (!info)
        return;
    switch (cert_info_valid_at(info, when).verdict) {
    case VERIFY_VALID: validity = "validity_valid"; break;
    case VERIFY_INVALID: validity = "validity_invalid"; break;
    default: validity = "validity_unknown"; break;
    }
    ti = proto_tree_add_string(t, hf_tlsx_cert, tvb, off, len, info->subject ? info->subject : "");
    {
        const struct placeholder ph[] = {
            { "position", wmem_strdup_printf(pinfo->pool, "%u", position) },
            { "subject", info->subject ? info->subject : "?" },
        };
        proto_item_set_text(ti, "%s", tlsx_text_with(pinfo->pool, it, "certificate", "title",
                                                     ph, G_N_ELEMENTS(ph)));
    }
    ct = proto_item_add_subtree(ti, ett_tlsx_field);
    CERT_LINE("issuer", { "issuer", info->issuer ? info->issuer : "?" });
    CERT_LINE("serial", { "serial", info->serial_hex ? info->serial_hex : "?" });
    CERT_LINE(validity,
              { "from", abs_time_secs_to_str(pinfo->pool, (time_t)info->not_before,
                                             ABSOLUTE_TIME_UTC, TRUE) },
              { "until", abs_time_secs_to_str(pinfo->pool, (time_t)info->not_after,
                                              ABSOLUTE_TIME_UTC, TRUE) });
    CERT_LINE(info->curve ? "key_curve" : "key",
              { "algorithm", info->key_algorithm ? info->key_algorithm : "?" },
              { "bits", wmem_strdup_printf(pinfo->pool, "%u", info->key_bits) },
              { "curve", info->curve ? info->curve : "" });
    CERT_LINE(info->sig_weak ? "signature_weak" : "signature",
              { "algorithm", info->sig_algorithm ? info->sig_algorithm : "?" });
    for (char **n = info->dns_names; n && *n; n++)
        CERT_LINE("san", { "name", *n });
    if (info->has_basic_constraints)
        CERT_LINE(info->is_ca ? "ca" : "not_ca", { "subject", info->subject ? info->subject : "?" });
    if (info->has_key_usage && info->key_usage[0]) {
        char *usage = g_strjoinv(", ", info->key_usage);
        CERT_LINE("key_usage", { "usage", wmem_strdup(pinfo->pool, usage) });
        g_free(usage);
    }
}

/* The certificates of a Certificate message as gnutls reads them; each item
 * spans that certificate's bytes. */
void tlsx_draw_certificates(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb,
                            const struct placed_item *p)
{
    const struct item *it = &p->item;
    guint header = it->proto == TLSX_DTLS ? 12 : 4;
    const guint8 *body;
    struct span spans[16];
    guint n = 0;
    if (it->msg_type != HS_CERTIFICATE || p->length <= header)
        return;
    body = tvb_get_ptr(tvb, p->offset + header, p->length - header);
    if (!verify_certificate_entries(body, p->length - header, it->version == TLSX_VERSION_TLS13,
                                    spans, G_N_ELEMENTS(spans), &n))
        return;
    for (guint i = 0; i < MIN(n, G_N_ELEMENTS(spans)); i++)
        draw_one_certificate(t, pinfo, tvb, p->offset + header + (guint)spans[i].offset,
                             (guint)spans[i].length, it, i, body + spans[i].offset,
                             spans[i].length, (gint64)pinfo->abs_ts.secs);
}
