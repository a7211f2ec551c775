/* Key derivation (RFC 2246/5246 PRF, RFC 7627, RFC 8446 §7), the handshake
 * transcript and RSA pre-master decryption, on GnuTLS primitives.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include <gnutls/abstract.h>
#include "keys.h"
#include "reader.h"
#include "testing.h"

/* ---- Hashes ---- */

enum keys_hash keys_hash_by_name(const char *name)
{
    static const struct { const char *name; enum keys_hash h; } names[] = {
        { "MD5", KEYS_HASH_MD5 },       { "SHA", KEYS_HASH_SHA1 },
        { "SHA1", KEYS_HASH_SHA1 },     { "SHA256", KEYS_HASH_SHA256 },
        { "SHA384", KEYS_HASH_SHA384 }, { "SHA512", KEYS_HASH_SHA512 },
    };
    for (gsize i = 0; name && i < G_N_ELEMENTS(names); i++)
        if (strcmp(name, names[i].name) == 0)
            return names[i].h;
    return KEYS_HASH_UNKNOWN;
}

gsize keys_hash_len(enum keys_hash h)
{
    switch (h) {
    case KEYS_HASH_MD5: return 16;
    case KEYS_HASH_SHA1: return 20;
    case KEYS_HASH_SHA256: return 32;
    case KEYS_HASH_SHA384: return 48;
    case KEYS_HASH_SHA512: return 64;
    case KEYS_HASH_MD5_SHA1: return 36;
    default: return 0;
    }
}

static gnutls_digest_algorithm_t to_dig(enum keys_hash h)
{
    switch (h) {
    case KEYS_HASH_MD5: return GNUTLS_DIG_MD5;
    case KEYS_HASH_SHA1: return GNUTLS_DIG_SHA1;
    case KEYS_HASH_SHA256: return GNUTLS_DIG_SHA256;
    case KEYS_HASH_SHA384: return GNUTLS_DIG_SHA384;
    case KEYS_HASH_SHA512: return GNUTLS_DIG_SHA512;
    default: return GNUTLS_DIG_UNKNOWN;
    }
}

/* GnuTLS numbers its MAC and digest algorithms alike for these hashes. */
static gnutls_mac_algorithm_t to_mac(enum keys_hash h)
{
    switch (h) {
    case KEYS_HASH_MD5: return GNUTLS_MAC_MD5;
    case KEYS_HASH_SHA1: return GNUTLS_MAC_SHA1;
    case KEYS_HASH_SHA256: return GNUTLS_MAC_SHA256;
    case KEYS_HASH_SHA384: return GNUTLS_MAC_SHA384;
    case KEYS_HASH_SHA512: return GNUTLS_MAC_SHA512;
    default: return GNUTLS_MAC_UNKNOWN;
    }
}

enum keys_hash keys_handshake_hash(guint16 version, const struct reg_suite *suite)
{
    /* SSL 3.0 hashes its Finished differently; we do not do that one. */
    if (version < 0x0301 && version != 0x0100)
        return KEYS_HASH_UNKNOWN;
    /* DTLS 1.0 is TLS 1.1-based, also in OpenSSL's pre-standard 0x0100. */
    if (version == 0x0100 || version < 0x0303 || version == 0xfeff)
        return KEYS_HASH_MD5_SHA1;
    return suite ? keys_hash_by_name(suite->prf) : KEYS_HASH_UNKNOWN;
}

gboolean keys_digest(enum keys_hash h, const guint8 *data, gsize len, guint8 *out)
{
    if (h == KEYS_HASH_MD5_SHA1)
        return keys_digest(KEYS_HASH_MD5, data, len, out)
               && keys_digest(KEYS_HASH_SHA1, data, len, out + 16);
    gnutls_digest_algorithm_t d = to_dig(h);
    return d != GNUTLS_DIG_UNKNOWN && gnutls_hash_fast(d, data, len, out) == 0;
}

static gboolean hmac(enum keys_hash h, const guint8 *key, gsize key_len,
                     const guint8 *data, gsize len, guint8 *out)
{
    gnutls_mac_algorithm_t m = to_mac(h);
    return m != GNUTLS_MAC_UNKNOWN && gnutls_hmac_fast(m, key, key_len, data, len, out) == 0;
}

/* ---- TLS 1.0-1.2 PRF ---- */

/* RFC 5246 §5 P_hash, XORed into out so the TLS 1.0 PRF can combine two. */
static gboolean p_hash_xor(enum keys_hash h, const guint8 *secret, gsize secret_len,
                           const guint8 *seed, gsize seed_len, guint8 *out, gsize out_len)
{
    gsize hl = keys_hash_len(h);
    if (hl == 0 || h == KEYS_HASH_MD5_SHA1)
        return FALSE;
    /* buf = A(i) || seed, so HMAC(A(i) || seed) needs no copying. */
    guint8 *buf = g_malloc(hl + seed_len);
    guint8 block[KEYS_HASH_MAX];
    gboolean ok = hmac(h, secret, secret_len, seed, seed_len, buf);  /* A(1) */
    memcpy(buf + hl, seed, seed_len);
    for (gsize done = 0; ok && done < out_len; done += hl) {
        ok = hmac(h, secret, secret_len, buf, hl + seed_len, block);
        for (gsize i = 0; ok && i < hl && done + i < out_len; i++)
            out[done + i] ^= block[i];
        ok = ok && hmac(h, secret, secret_len, buf, hl, buf);  /* A(i+1) */
    }
    g_free(buf);
    return ok;
}

gboolean keys_prf(guint16 version, enum keys_hash prf_hash,
                  const guint8 *secret, gsize secret_len, const char *label,
                  const guint8 *seed, gsize seed_len, guint8 *out, gsize out_len)
{
    if (!secret || !label || (!seed && seed_len) || !out ||
        (keys_handshake_hash(version, NULL) == KEYS_HASH_UNKNOWN && version < 0x0303))
        return FALSE;
    gsize ll = strlen(label);
    guint8 *ls = g_malloc(ll + seed_len + 1);
    memcpy(ls, label, ll);
    if (seed_len)
        memcpy(ls + ll, seed, seed_len);
    memset(out, 0, out_len);
    gboolean ok;
    if (keys_handshake_hash(version, NULL) == KEYS_HASH_MD5_SHA1) {
        /* RFC 2246 §5: halves overlap by one byte when the length is odd. */
        gsize half = (secret_len + 1) / 2;
        ok = p_hash_xor(KEYS_HASH_MD5, secret, half, ls, ll + seed_len, out, out_len)
             && p_hash_xor(KEYS_HASH_SHA1, secret + secret_len - half, half,
                           ls, ll + seed_len, out, out_len);
    } else {
        ok = p_hash_xor(prf_hash, secret, secret_len, ls, ll + seed_len, out, out_len);
    }
    g_free(ls);
    return ok;
}

static void join_randoms(const guint8 *first, const guint8 *second, guint8 out[64])
{
    memcpy(out, first, KEYS_RANDOM_LEN);
    memcpy(out + KEYS_RANDOM_LEN, second, KEYS_RANDOM_LEN);
}

gboolean keys_master_secret(guint16 version, enum keys_hash prf_hash,
                            const guint8 *pre_master, gsize pm_len,
                            const guint8 client_random[KEYS_RANDOM_LEN],
                            const guint8 server_random[KEYS_RANDOM_LEN],
                            guint8 master[KEYS_MASTER_LEN])
{
    guint8 seed[64];
    if (!client_random || !server_random)
        return FALSE;
    join_randoms(client_random, server_random, seed);
    return keys_prf(version, prf_hash, pre_master, pm_len, "master secret",
                    seed, sizeof seed, master, KEYS_MASTER_LEN);
}

gboolean keys_extended_master_secret(guint16 version, enum keys_hash prf_hash,
                                     const guint8 *pre_master, gsize pm_len,
                                     const guint8 *session_hash, gsize hash_len,
                                     guint8 master[KEYS_MASTER_LEN])
{
    return session_hash && hash_len
           && keys_prf(version, prf_hash, pre_master, pm_len, "extended master secret",
                       session_hash, hash_len, master, KEYS_MASTER_LEN);
}

/* ---- Key block ---- */

static gsize suite_mac_len(const struct reg_suite *s)
{
    if (strcmp(s->mac, "AEAD") == 0)
        return 0;
    return keys_hash_len(keys_hash_by_name(s->mac));
}

static gboolean is_8byte_block(const char *cipher)
{
    return strcmp(cipher, "3DES_EDE") == 0 || strcmp(cipher, "DES") == 0
           || strcmp(cipher, "IDEA") == 0 || strcmp(cipher, "RC2") == 0;
}

/* Key and IV sizes of the record cipher; FALSE for what we cannot size. */
static gboolean suite_cipher_sizes(const struct reg_suite *s, gsize *key, gsize *iv)
{
    if (strcmp(s->cipher, "NULL") == 0) {
        *key = *iv = 0;
        return TRUE;
    }
    /* Key bits count 3DES's effective strength and DES's without parity. */
    if (strcmp(s->cipher, "3DES_EDE") == 0)
        *key = 24;
    else if (strcmp(s->cipher, "DES") == 0)
        *key = 8;
    else
        *key = s->key_bits / 8u;
    if (strcmp(s->mode, "CBC") == 0)
        *iv = is_8byte_block(s->cipher) ? 8 : 16;
    else if (strcmp(s->mode, "stream") == 0)
        *iv = 0;
    else if (strcmp(s->mode, "GCM") == 0 || strncmp(s->mode, "CCM", 3) == 0)
        *iv = 4;  /* RFC 5288 §3, RFC 6655 §3: implicit salt of the nonce */
    else if (strcmp(s->cipher, "CHACHA20_POLY1305") == 0)
        *iv = 12; /* RFC 7905 §2 */
    else
        return FALSE;
    return *key <= KEYS_KEY_MAX && *iv <= KEYS_IV_MAX;
}

gboolean keys_key_block(guint16 version, const struct reg_suite *suite,
                        const guint8 master[KEYS_MASTER_LEN],
                        const guint8 client_random[KEYS_RANDOM_LEN],
                        const guint8 server_random[KEYS_RANDOM_LEN],
                        struct keys_block *out)
{
    if (!suite || !master || !client_random || !server_random || !out
        || (suite->flags & (REG_SUITE_EXPORT | REG_SUITE_TLS13 | REG_SUITE_SCSV | REG_SUITE_GREASE)))
        return FALSE;
    memset(out, 0, sizeof *out);
    out->mac_len = suite_mac_len(suite);
    if ((out->mac_len == 0 && !(suite->flags & REG_SUITE_AEAD))
        || !suite_cipher_sizes(suite, &out->key_len, &out->iv_len))
        return FALSE;
    gsize m = out->mac_len, k = out->key_len, v = out->iv_len;
    guint8 block[2 * (KEYS_HASH_MAX + KEYS_KEY_MAX + KEYS_IV_MAX)];
    guint8 seed[64];
    join_randoms(server_random, client_random, seed);  /* server first here */
    if (!keys_prf(version, keys_hash_by_name(suite->prf), master, KEYS_MASTER_LEN,
                  "key expansion", seed, sizeof seed, block, 2 * (m + k + v)))
        return FALSE;
    const guint8 *p = block;
    memcpy(out->client_mac, p, m), p += m;
    memcpy(out->server_mac, p, m), p += m;
    memcpy(out->client_key, p, k), p += k;
    memcpy(out->server_key, p, k), p += k;
    memcpy(out->client_iv, p, v), p += v;
    memcpy(out->server_iv, p, v);
    return TRUE;
}

gboolean keys_finished12(guint16 version, enum keys_hash prf_hash,
                         const guint8 master[KEYS_MASTER_LEN], gboolean from_server,
                         const guint8 *handshake_hash, gsize hash_len,
                         guint8 out[KEYS_VERIFY12_LEN])
{
    const char *label = from_server ? "server finished" : "client finished";
    return master && handshake_hash && hash_len
           && keys_prf(version, prf_hash, master, KEYS_MASTER_LEN, label,
                       handshake_hash, hash_len, out, KEYS_VERIFY12_LEN);
}

/* ---- TLS 1.3 ---- */

static gboolean hkdf_usable(enum keys_hash h)
{
    return h != KEYS_HASH_UNKNOWN && h != KEYS_HASH_MD5_SHA1;
}

static gboolean hkdf_expand(enum keys_hash h, const guint8 *prk, gsize prk_len,
                            const guint8 *info, gsize info_len, guint8 *out, gsize out_len)
{
    gsize hl = keys_hash_len(h);
    if (!hkdf_usable(h) || out_len > 255 * hl)
        return FALSE;
    /* buf = T(i-1) || info || i */
    guint8 *buf = g_malloc(hl + info_len + 1);
    guint8 t[KEYS_HASH_MAX];
    gsize prev = 0;
    gboolean ok = TRUE;
    for (gsize done = 0, i = 1; ok && done < out_len; done += hl, i++) {
        memcpy(buf + prev, info, info_len);
        buf[prev + info_len] = (guint8)i;
        ok = hmac(h, prk, prk_len, buf, prev + info_len + 1, t);
        memcpy(out + done, t, MIN(hl, out_len - done));
        memcpy(buf, t, hl);
        prev = hl;
    }
    g_free(buf);
    return ok;
}

gboolean keys_hkdf_expand_label(enum keys_hash h, const guint8 *secret, gsize secret_len,
                                const char *label, const guint8 *context, gsize ctx_len,
                                guint8 *out, gsize out_len)
{
    static const char prefix[] = "tls13 ";
    gsize ll = strlen(prefix) + (label ? strlen(label) : 0);
    if (!secret || !label || ll > 255 || ctx_len > 255 || out_len > 0xffff
        || (!context && ctx_len))
        return FALSE;
    /* struct HkdfLabel, RFC 8446 §7.1 */
    guint8 info[2 + 1 + 255 + 1 + 255];
    gsize n = 0;
    info[n++] = (guint8)(out_len >> 8);
    info[n++] = (guint8)out_len;
    info[n++] = (guint8)ll;
    memcpy(info + n, prefix, strlen(prefix));
    memcpy(info + n + strlen(prefix), label, strlen(label));
    n += ll;
    info[n++] = (guint8)ctx_len;
    if (ctx_len)
        memcpy(info + n, context, ctx_len);
    n += ctx_len;
    return hkdf_expand(h, secret, secret_len, info, n, out, out_len);
}

#ifdef TLSX_TESTING
static gboolean hkdf_extract(enum keys_hash h, const guint8 *salt, gsize salt_len,
                         const guint8 *ikm, gsize ikm_len, guint8 *out)
{
    static const guint8 none[1];
    /* RFC 5869 §2.2: a missing salt is HashLen zeros, which HMAC pads to
     * the same key as an empty one. */
    return hkdf_usable(h) && hmac(h, salt ? salt : none, salt ? salt_len : 0,
                                  ikm ? ikm : none, ikm ? ikm_len : 0, out);
}

gboolean keys_derive_secret(enum keys_hash h, const guint8 *secret, const char *label,
                            const guint8 *transcript_hash, guint8 *out)
{
    gsize hl = keys_hash_len(h);
    return transcript_hash
           && keys_hkdf_expand_label(h, secret, hl, label, transcript_hash, hl, out, hl);
}

/* Derive-Secret(secret, "derived", "") used as the next Extract's salt. */
static gboolean derived_salt(enum keys_hash h, const guint8 *secret, guint8 *out)
{
    guint8 empty_hash[KEYS_HASH_MAX];
    return keys_digest(h, NULL, 0, empty_hash)
           && keys_derive_secret(h, secret, "derived", empty_hash, out);
}

gboolean keys_schedule13_init(struct keys_schedule13 *ks, enum keys_hash h,
                              const guint8 *psk, gsize psk_len)
{
    guint8 zeros[KEYS_HASH_MAX] = { 0 };
    if (!ks || !hkdf_usable(h))
        return FALSE;
    memset(ks, 0, sizeof *ks);
    ks->hash = h;
    ks->hash_len = keys_hash_len(h);
    if (!psk) {
        psk = zeros;
        psk_len = ks->hash_len;
    }
    return hkdf_extract(h, NULL, 0, psk, psk_len, ks->early_secret);
}

gboolean keys_schedule13_shared(struct keys_schedule13 *ks,
                                const guint8 *shared, gsize shared_len)
{
    guint8 zeros[KEYS_HASH_MAX] = { 0 }, salt[KEYS_HASH_MAX];
    if (!ks || !hkdf_usable(ks->hash))
        return FALSE;
    if (!shared) {
        shared = zeros;
        shared_len = ks->hash_len;
    }
    return derived_salt(ks->hash, ks->early_secret, salt)
           && hkdf_extract(ks->hash, salt, ks->hash_len, shared, shared_len,
                                ks->handshake_secret)
           && derived_salt(ks->hash, ks->handshake_secret, salt)
           && hkdf_extract(ks->hash, salt, ks->hash_len, zeros, ks->hash_len,
                                ks->master_secret);
}
#endif

static gboolean traffic13(const struct reg_suite *suite, const guint8 *traffic_secret,
                          gsize secret_len, gboolean quic, struct keys_traffic13 *out)
{
    if (!suite || !traffic_secret || !out || !(suite->flags & REG_SUITE_TLS13))
        return FALSE;
    enum keys_hash h = keys_hash_by_name(suite->prf);
    memset(out, 0, sizeof *out);
    out->hash_len = keys_hash_len(h);
    /* RFC 8446 §5.3 nonces are 12 bytes for every AEAD defined for TLS 1.3
     * here; others (AEGIS) have different nonce sizes we do not model. */
    if (strcmp(suite->cipher, "AES") != 0 && strcmp(suite->cipher, "CHACHA20_POLY1305") != 0)
        return FALSE;
    out->key_len = suite->key_bits / 8u;
    out->iv_len = 12;
    if (!hkdf_usable(h) || secret_len != out->hash_len || out->key_len > KEYS_KEY_MAX)
        return FALSE;
    return keys_hkdf_expand_label(h, traffic_secret, secret_len, quic ? "quic key" : "key",
                                  NULL, 0, out->key, out->key_len)
           && keys_hkdf_expand_label(h, traffic_secret, secret_len, quic ? "quic iv" : "iv",
                                     NULL, 0, out->iv, out->iv_len)
           && (!quic || keys_hkdf_expand_label(h, traffic_secret, secret_len, "quic hp", NULL, 0,
                                               out->hp, out->key_len))
           && keys_hkdf_expand_label(h, traffic_secret, secret_len, "finished", NULL, 0,
                                     out->finished_key, out->hash_len);
}

gboolean keys_traffic13(const struct reg_suite *suite, const guint8 *traffic_secret,
                        gsize secret_len, struct keys_traffic13 *out)
{
    return traffic13(suite, traffic_secret, secret_len, FALSE, out);
}

gboolean keys_traffic13_quic(const struct reg_suite *suite, const guint8 *traffic_secret,
                             gsize secret_len, struct keys_traffic13 *out)
{
    return traffic13(suite, traffic_secret, secret_len, TRUE, out);
}

gboolean keys_finished13(enum keys_hash h, const guint8 *finished_key,
                         const guint8 *transcript_hash, guint8 *out)
{
    gsize hl = keys_hash_len(h);
    return hkdf_usable(h) && finished_key && transcript_hash
           && hmac(h, finished_key, hl, transcript_hash, hl, out);
}

/* ---- Transcript ---- */

struct transcript {
    GByteArray *bytes;
    gsize first_len;  /* length of the first message, for the HRR rewrite */
    guint count;
    gboolean broken;
};

struct transcript *transcript_new(void)
{
    struct transcript *t = g_new0(struct transcript, 1);
    /* Room for a typical full handshake, so it is not grown message by message. */
    t->bytes = g_byte_array_sized_new(4096);
    return t;
}

void transcript_free(struct transcript *t)
{
    if (!t)
        return;
    g_byte_array_unref(t->bytes);
    g_free(t);
}

/* One whole message: its 24-bit length must cover exactly the rest. */
static gboolean whole_message(const guint8 *msg, gsize len)
{
    struct reader r;
    guint8 type;
    guint32 body;
    if (!msg)
        return FALSE;
    rd_init(&r, msg, len);
    return rd_u8(&r, &type) && rd_u24(&r, &body) && body == rd_left(&r);
}

/* Appends one checked message; a message that failed its check breaks the
 * transcript for good, so no hash is ever made from a partial one. */
static gboolean append(struct transcript *t, const guint8 *msg, gsize len, gboolean whole)
{
    if (!t)
        return FALSE;
    if (t->broken || !whole || t->bytes->len + len > TRANSCRIPT_MAX_BYTES) {
        t->broken = TRUE;
        return FALSE;
    }
    g_byte_array_append(t->bytes, msg, (guint)len);
    if (t->count++ == 0)
        t->first_len = len;
    return TRUE;
}

/* A DTLS message is hashed with its 12-byte header as if sent in one
 * fragment (RFC 6347 §4.2.6); the caller passes only whole messages. */
gboolean transcript_add_dtls(struct transcript *t, const guint8 *msg, gsize len)
{
    struct reader r;
    guint8 type;
    guint32 length, off, flen;
    guint16 seq;
    rd_init(&r, msg, len);
    return append(t, msg, len, rd_u8(&r, &type) && rd_u24(&r, &length) && rd_u16(&r, &seq) &&
                               rd_u24(&r, &off) && rd_u24(&r, &flen) && off == 0 &&
                               flen == length && rd_left(&r) == length);
}

void transcript_reset(struct transcript *t)
{
    g_byte_array_set_size(t->bytes, 0);
    t->count = 0;
    t->first_len = 0;
    t->broken = FALSE;
}

gboolean transcript_add(struct transcript *t, const guint8 *msg, gsize len)
{
    return append(t, msg, len, whole_message(msg, len));
}

#ifdef TLSX_TESTING
void transcript_mark_broken(struct transcript *t)
{
    if (t)
        t->broken = TRUE;
}
#endif

gboolean transcript_ok(const struct transcript *t)
{
    return t && !t->broken;
}

#ifdef TLSX_TESTING
guint transcript_count(const struct transcript *t)
{
    return t ? t->count : 0;
}
#endif

const guint8 *transcript_bytes(const struct transcript *t, gsize *len)
{
    if (len)
        *len = t ? t->bytes->len : 0;
    return t ? t->bytes->data : NULL;
}

gboolean transcript_hash(const struct transcript *t, enum keys_hash h,
                         guint8 *out, gsize *out_len)
{
    if (!transcript_ok(t) || !out || keys_hash_len(h) == 0)
        return FALSE;
    if (out_len)
        *out_len = keys_hash_len(h);
    return keys_digest(h, t->bytes->data, t->bytes->len, out);
}

gboolean transcript_hrr_rewrite(struct transcript *t, enum keys_hash h)
{
    gsize hl = keys_hash_len(h);
    guint8 synth[4 + KEYS_HASH_MAX];
    if (!transcript_ok(t) || t->count == 0 || !hkdf_usable(h))
        return FALSE;
    synth[0] = 254;  /* message_hash */
    synth[1] = 0;
    synth[2] = 0;
    synth[3] = (guint8)hl;
    if (!keys_digest(h, t->bytes->data, t->first_len, synth + 4))
        return FALSE;
    g_byte_array_remove_range(t->bytes, 0, (guint)t->first_len);
    g_byte_array_prepend(t->bytes, synth, (guint)(4 + hl));
    t->first_len = 4 + hl;
    return TRUE;
}

/* ---- RSA key exchange ---- */

struct keys_privkey {
    gnutls_privkey_t key;
};

static gnutls_privkey_t import_key(const gnutls_datum_t *d, const char *password)
{
    static const gnutls_x509_crt_fmt_t formats[] = { GNUTLS_X509_FMT_PEM, GNUTLS_X509_FMT_DER };
    for (gsize i = 0; i < G_N_ELEMENTS(formats); i++) {
        gnutls_privkey_t key;
        if (gnutls_privkey_init(&key) < 0)
            return NULL;
        if (gnutls_privkey_import_x509_raw(key, d, formats[i], password, 0) >= 0)
            return key;
        gnutls_privkey_deinit(key);
    }
    return NULL;
}

struct keys_privkey *keys_privkey_load(const char *path, const char *password,
                                       enum verify_reason *why)
{
    gchar *text = NULL;
    gsize len = 0;
    enum verify_reason dummy;
    why = why ? why : &dummy;
    if (!path || !g_file_get_contents(path, &text, &len, NULL)) {
        *why = REASON_NO_KEY;
        return NULL;
    }
    gnutls_datum_t d = { (unsigned char *)text, (unsigned int)len };
    gnutls_privkey_t key = len ? import_key(&d, password) : NULL;
    g_free(text);
    if (!key) {
        *why = REASON_BAD_DER;
        return NULL;
    }
    /* Only RSA key exchange encrypts the pre-master secret to the server. */
    if (gnutls_privkey_get_pk_algorithm(key, NULL) != GNUTLS_PK_RSA) {
        gnutls_privkey_deinit(key);
        *why = REASON_KEY_MISMATCH;
        return NULL;
    }
    *why = REASON_NONE;
    struct keys_privkey *k = g_new0(struct keys_privkey, 1);
    k->key = key;
    return k;
}

void keys_privkey_free(struct keys_privkey *k)
{
    if (!k)
        return;
    gnutls_privkey_deinit(k->key);
    g_free(k);
}

enum verify_reason keys_rsa_premaster(const struct keys_privkey *k,
                                      const guint8 *body, gsize len,
                                      guint16 version, guint16 client_version,
                                      guint8 pre_master[KEYS_MASTER_LEN])
{
    struct reader r, enc;
    if (!k)
        return REASON_NO_KEY;
    if (!body || len == 0)
        return REASON_EMPTY_INPUT;
    if (gnutls_privkey_get_pk_algorithm(k->key, NULL) != GNUTLS_PK_RSA)
        return REASON_KEY_MISMATCH;
    rd_init(&r, body, len);
    if (version == 0x0100)
        enc = r;
    else if (!rd_vec16(&r, &enc) || rd_left(&r) != 0)
        return REASON_BAD_FORMAT;
    gnutls_datum_t ct = { (unsigned char *)rd_ptr(&enc), (unsigned int)rd_left(&enc) };
    gnutls_datum_t pt = { NULL, 0 };
    if (gnutls_privkey_decrypt_data(k->key, 0, &ct, &pt) < 0)
        return REASON_DECRYPT_FAILED;
    enum verify_reason why = REASON_NONE;
    if (pt.size != KEYS_MASTER_LEN) {
        why = REASON_BAD_PREMASTER_LENGTH;
    } else {
        memcpy(pre_master, pt.data, KEYS_MASTER_LEN);
        if (((guint16)pt.data[0] << 8 | pt.data[1]) != client_version)
            why = REASON_BAD_PREMASTER_VERSION;
    }
    gnutls_memset(pt.data, 0, pt.size);
    gnutls_free(pt.data);
    return why;
}
