/* Key log, key derivation and Finished checks against published values
 * (shared/vectors/README.md) and the real messages in messages.inc.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include <gnutls/abstract.h>
#include <gnutls/x509.h>
#include "testing.h"
#include "keylog.h"
#include "keys.h"
#include "session.h"
#include "verdicts.h"
#include "verify.h"
#include "vectors.h"

/* ---- helpers ---- */

/* The repository root, from this file's path unless the build says otherwise. */
static char *repo_path(const char *rel)
{
    char *dir = g_path_get_dirname(__FILE__);  /* .../tests/unit */
    char *p = g_build_filename(dir, "..", "..", rel, NULL);
    g_free(dir);
    return p;
}

/* shared/vectors sits next to the repository; NULL (test skipped) if absent. */
static char *vectors_path(const char *rel)
{
    const char *env = g_getenv("TLSX_VECTORS_DIR");
    char *base = env ? g_strdup(env) : repo_path("../shared/vectors");
    char *p = g_build_filename(base, rel, NULL);
    g_free(base);
    if (!g_file_test(p, G_FILE_TEST_EXISTS)) {
        g_test_skip("shared vectors not present");
        g_free(p);
        return NULL;
    }
    return p;
}

static GBytes *hex(const char *s)
{
    gsize n = strlen(s) / 2;
    guint8 *b = g_malloc(n + 1);
    for (gsize i = 0; i < n; i++)
        b[i] = (guint8)(g_ascii_xdigit_value(s[2 * i]) << 4 | g_ascii_xdigit_value(s[2 * i + 1]));
    return g_bytes_new_take(b, n);
}

static void assert_hex(const guint8 *got, gsize len, const char *want)
{
    GBytes *w = hex(want);
    gsize wl;
    const guint8 *wp = g_bytes_get_data(w, &wl);
    g_assert_cmpmem(got, len, wp, wl);
    g_bytes_unref(w);
}

/* The nth message of one capture in messages.inc, checked for its type. */
static const struct vector *msg(const char *source, guint nth, guint8 type)
{
    for (gsize i = 0; i < G_N_ELEMENTS(vectors); i++) {
        if (strcmp(vectors[i].source, source) == 0 && nth-- == 0) {
            g_assert_cmpuint(vectors[i].type, ==, type);
            return &vectors[i];
        }
    }
    g_assert_not_reached();
    return NULL;
}

static void add(struct transcript *t, const struct vector *v)
{
    g_assert_true(transcript_add(t, v->data, v->len));
}

static struct keylog *load_keylog(const char *rel)
{
    char *path = vectors_path(rel);
    if (!path)
        return NULL;
    struct keylog *kl = keylog_new();
    g_assert_true(keylog_load_file(kl, path, NULL));
    g_free(path);
    return kl;
}

/* ---- key log ---- */

static const guint8 random_00_1f[32] = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
};

static void test_keylog_parse(void)
{
    static const char text[] =
        "# comment\r\n"
        "\n"
        "CLIENT_RANDOM 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f "
        "916abf9da55973e13614ae0a3f5d3f37b023ba129aee02cc9134338127cd7049781c8e19fc1eb2a7387ac06ae237344c\r\n"
        "SERVER_HANDSHAKE_TRAFFIC_SECRET 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F 0a0b\n"
        "CLIENT_RANDOM 0001 00\n"                             /* short random */
        "CLIENT_RANDOM 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f 0a0b\n" /* short master */
        "NOT_A_LABEL 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f 00\n"
        "EXPORTER_SECRET 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f zz\n"
        "EXPORTER_SECRET 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f 00 extra";
    struct keylog *kl = keylog_new();
    gsize len = 0;
    g_assert_cmpuint(keylog_load_buffer(kl, text, strlen(text)), ==, 2);
    g_assert_cmpuint(keylog_bad_lines(kl), ==, 5);
    const guint8 *ms = keylog_lookup(kl, KEYLOG_CLIENT_RANDOM, random_00_1f, &len);
    g_assert_nonnull(ms);
    assert_hex(ms, len, "916abf9da55973e13614ae0a3f5d3f37b023ba129aee02cc9134338127cd7049"
                        "781c8e19fc1eb2a7387ac06ae237344c");
    const guint8 *s = keylog_lookup(kl, KEYLOG_SERVER_HANDSHAKE_TRAFFIC_SECRET, random_00_1f, &len);
    assert_hex(s, len, "0a0b");
    g_assert_null(keylog_lookup(kl, KEYLOG_CLIENT_HANDSHAKE_TRAFFIC_SECRET, random_00_1f, &len));
    g_assert_null(keylog_lookup(kl, KEYLOG_N_LABELS, random_00_1f, &len));
    /* a reload replaces everything */
    g_assert_cmpuint(keylog_load_buffer(kl, "", 0), ==, 0);
    g_assert_null(keylog_lookup(kl, KEYLOG_CLIENT_RANDOM, random_00_1f, &len));
    g_assert_cmpuint(keylog_bad_lines(kl), ==, 0);
    /* a failed file load keeps the old table */
    keylog_load_buffer(kl, text, strlen(text));
    g_assert_false(keylog_load_file(kl, "/nonexistent/keylog.txt", NULL));
    g_assert_cmpuint(keylog_count(kl), ==, 2);
    g_assert_cmpstr(keylog_label_name(KEYLOG_EARLY_EXPORTER_SECRET), ==, "EARLY_EXPORTER_SECRET");
    keylog_free(kl);
    keylog_free(NULL);
}

/* ---- TLS 1.2: The Illustrated TLS 1.2 Connection ---- */

#define IL12 "illustrated-tls12"
static const char il12_master[] =
    "916abf9da55973e13614ae0a3f5d3f37b023ba129aee02cc9134338127cd7049781c8e19fc1eb2a7387ac06ae237344c";

static void il12_randoms(guint8 cr[32], guint8 sr[32])
{
    for (guint i = 0; i < 32; i++) {
        cr[i] = (guint8)i;
        sr[i] = (guint8)(0x70 + i);
    }
    /* and they are what the hellos carry */
    g_assert_cmpmem(msg(IL12, 0, 1)->data + 6, 32, cr, 32);
    g_assert_cmpmem(msg(IL12, 1, 2)->data + 6, 32, sr, 32);
}

static void test_tls12_key_block(void)
{
    struct keylog *kl = load_keylog("illustrated-tls12/keylog.txt");
    if (!kl)
        return;
    guint8 cr[32], sr[32];
    gsize len;
    il12_randoms(cr, sr);
    const guint8 *master = keylog_lookup(kl, KEYLOG_CLIENT_RANDOM, cr, &len);
    g_assert_nonnull(master);
    assert_hex(master, len, il12_master);
    struct keys_block kb;
    g_assert_true(keys_key_block(0x0303, reg_suite(0xc013), master, cr, sr, &kb));
    g_assert_cmpuint(kb.mac_len, ==, 20);
    g_assert_cmpuint(kb.key_len, ==, 16);
    g_assert_cmpuint(kb.iv_len, ==, 16);
    assert_hex(kb.client_key, kb.key_len, "f656d037b173ef3e11169f27231a84b6");
    assert_hex(kb.server_key, kb.key_len, "752a18e7a9fcb7cbcdd8f98dd8f769eb");
    assert_hex(kb.client_iv, kb.iv_len, "a0d2550c9238eebfef5c32251abb67d6");
    assert_hex(kb.server_iv, kb.iv_len, "434528db4937d540d393135e06a11bb8");
    /* what other suites take from the key block */
    g_assert_true(keys_key_block(0x0303, reg_suite(0xc02f), master, cr, sr, &kb));
    g_assert_cmpuint(kb.mac_len + kb.key_len + kb.iv_len, ==, 0 + 16 + 4);
    g_assert_true(keys_key_block(0x0303, reg_suite(0xcca8), master, cr, sr, &kb));
    g_assert_cmpuint(kb.mac_len + kb.key_len + kb.iv_len, ==, 0 + 32 + 12);
    g_assert_true(keys_key_block(0x0301, reg_suite(0x000a), master, cr, sr, &kb));
    g_assert_cmpuint(kb.mac_len, ==, 20);
    g_assert_cmpuint(kb.key_len, ==, 24);
    g_assert_cmpuint(kb.iv_len, ==, 8);
    g_assert_true(keys_key_block(0x0303, reg_suite(0x003d), master, cr, sr, &kb));
    g_assert_cmpuint(kb.mac_len, ==, 32);
    g_assert_false(keys_key_block(0x0303, reg_suite(0x1301), master, cr, sr, &kb));
    g_assert_false(keys_key_block(0x0303, NULL, master, cr, sr, &kb));
    keylog_free(kl);
}

/* The X25519 shared secret of these key shares is published with the
 * TLS 1.3 connection, which uses the same private keys; as the TLS 1.2
 * pre-master it must give the published master secret. */
static void test_tls12_master_secret(void)
{
    guint8 cr[32], sr[32], master[48];
    GBytes *pms = hex("df4a291baa1eb7cfa6934b29b474baad2697e29f1f920dcc77c8a0a088447624");
    il12_randoms(cr, sr);
    g_assert_true(keys_master_secret(0x0303, KEYS_HASH_SHA256, g_bytes_get_data(pms, NULL),
                                     g_bytes_get_size(pms), cr, sr, master));
    assert_hex(master, 48, il12_master);
    /* the extended variant hashes the session instead: a different secret */
    guint8 session_hash[32] = { 0 }, ems[48];
    g_assert_true(keys_extended_master_secret(0x0303, KEYS_HASH_SHA256, g_bytes_get_data(pms, NULL),
                                              g_bytes_get_size(pms), session_hash, 32, ems));
    g_assert_cmpint(memcmp(ems, master, 48), !=, 0);
    g_assert_false(keys_master_secret(0x0300, KEYS_HASH_SHA256, master, 48, cr, sr, master));
    g_bytes_unref(pms);
}

/* The Finished verdicts take the transcript's hash, as the first pass
 * stores it; an empty or broken transcript has none (length 0). */
static struct verify_result fin12(guint16 version, const struct reg_suite *suite,
                                  const guint8 *master, gsize mlen, gboolean server,
                                  const struct transcript *t, const guint8 *vd, gsize n)
{
    guint8 hash[KEYS_HASH_MAX];
    gsize hl = 0;
    enum keys_hash h = suite ? keys_handshake_hash(version, suite) : KEYS_HASH_UNKNOWN;
    if (h == KEYS_HASH_UNKNOWN || transcript_count(t) == 0 || !transcript_hash(t, h, hash, &hl))
        hl = 0;
    return verdicts_finished12(version, suite, master, mlen, server, hash, hl, vd, n);
}

static struct verify_result fin13(const struct reg_suite *suite, const guint8 *secret, gsize slen,
                                  const struct transcript *t, const guint8 *vd, gsize n)
{
    guint8 hash[KEYS_HASH_MAX];
    gsize hl = 0;
    enum keys_hash h = suite ? keys_hash_by_name(suite->prf) : KEYS_HASH_UNKNOWN;
    if (h == KEYS_HASH_UNKNOWN || transcript_count(t) == 0 || !transcript_hash(t, h, hash, &hl))
        hl = 0;
    return verdicts_finished13(suite, secret, slen, hash, hl, vd, n);
}

static struct transcript *il12_transcript_through_cke(void)
{
    struct transcript *t = transcript_new();
    for (guint i = 0; i < 6; i++)
        add(t, msg(IL12, i, (guint8[]){ 1, 2, 11, 12, 14, 16 }[i]));
    return t;
}

static void test_tls12_finished(void)
{
    guint8 cr[32], sr[32], hash[32], vd[12];
    GBytes *mb = hex(il12_master);
    const guint8 *master = g_bytes_get_data(mb, NULL);
    const struct reg_suite *suite = reg_suite(0xc013);
    il12_randoms(cr, sr);
    struct transcript *t = il12_transcript_through_cke();
    const struct vector *cfin = msg(IL12, 6, 20), *sfin = msg(IL12, 7, 20);

    g_assert_true(transcript_hash(t, keys_handshake_hash(0x0303, suite), hash, NULL));
    g_assert_true(keys_finished12(0x0303, KEYS_HASH_SHA256, master, FALSE, hash, 32, vd));
    assert_hex(vd, 12, "cf919626f1360c536aaad73a");
    assert_hex(cfin->data + 4, 12, "cf919626f1360c536aaad73a");
    struct verify_result r = fin12(0x0303, suite, master, 48, FALSE, t, cfin->data + 4, 12);
    g_assert_cmpint(r.verdict, ==, VERIFY_VALID);
    /* the server's Finished covers the client's */
    r = fin12(0x0303, suite, master, 48, TRUE, t, sfin->data + 4, 12);
    g_assert_cmpint(r.verdict, ==, VERIFY_INVALID);
    g_assert_cmpint(r.reason, ==, REASON_FINISHED_MISMATCH);
    add(t, cfin);
    g_assert_true(transcript_hash(t, KEYS_HASH_SHA256, hash, NULL));
    g_assert_true(keys_finished12(0x0303, KEYS_HASH_SHA256, master, TRUE, hash, 32, vd));
    assert_hex(vd, 12, "844d3c10746dd722f92f0c7e");
    r = fin12(0x0303, suite, master, 48, TRUE, t, sfin->data + 4, 12);
    g_assert_cmpint(r.verdict, ==, VERIFY_VALID);
    transcript_free(t);
    g_bytes_unref(mb);
}

static void test_tls12_finished_bad_inputs(void)
{
    GBytes *mb = hex(il12_master);
    guint8 master[48];
    memcpy(master, g_bytes_get_data(mb, NULL), 48);
    const struct reg_suite *suite = reg_suite(0xc013);
    struct transcript *t = il12_transcript_through_cke();
    const guint8 *vd = msg(IL12, 6, 20)->data + 4;
    struct verify_result r;

    master[47] ^= 1;  /* wrong secret */
    r = fin12(0x0303, suite, master, 48, FALSE, t, vd, 12);
    g_assert_cmpint(r.verdict, ==, VERIFY_INVALID);
    g_assert_cmpint(r.reason, ==, REASON_FINISHED_MISMATCH);
    master[47] ^= 1;
    r = fin12(0x0303, suite, NULL, 0, FALSE, t, vd, 12);
    g_assert_cmpint(r.verdict, ==, VERIFY_UNKNOWN);
    g_assert_cmpint(r.reason, ==, REASON_MISSING_SECRET);
    r = fin12(0x0303, NULL, master, 48, FALSE, t, vd, 12);
    g_assert_cmpint(r.verdict, ==, VERIFY_UNKNOWN);
    r = fin12(0x0303, suite, master, 48, FALSE, t, vd, 11);
    g_assert_cmpint(r.verdict, ==, VERIFY_INVALID);
    g_assert_cmpint(r.reason, ==, REASON_BAD_FORMAT);
    r = fin12(0x0303, suite, master, 48, FALSE, t, NULL, 0);
    g_assert_cmpint(r.verdict, ==, VERIFY_UNKNOWN);

    /* a message cut short breaks the transcript for good */
    const struct vector *ske = msg(IL12, 3, 12);
    struct transcript *cut = transcript_new();
    add(cut, msg(IL12, 0, 1));
    g_assert_false(transcript_add(cut, ske->data, ske->len - 1));
    g_assert_false(transcript_ok(cut));
    g_assert_false(transcript_add(cut, ske->data, ske->len));
    r = fin12(0x0303, suite, master, 48, FALSE, cut, vd, 12);
    g_assert_cmpint(r.verdict, ==, VERIFY_UNKNOWN);
    g_assert_cmpint(r.reason, ==, REASON_TRUNCATED_TRANSCRIPT);
    transcript_free(cut);
    /* a transcript the caller knows to have a gap */
    transcript_mark_broken(t);
    r = fin12(0x0303, suite, master, 48, FALSE, t, vd, 12);
    g_assert_cmpint(r.reason, ==, REASON_TRUNCATED_TRANSCRIPT);
    /* nothing at all */
    struct transcript *empty = transcript_new();
    r = fin12(0x0303, suite, master, 48, FALSE, empty, vd, 12);
    g_assert_cmpint(r.verdict, ==, VERIFY_UNKNOWN);
    g_assert_false(transcript_add(empty, (const guint8 *)"", 0));
    transcript_free(empty);
    transcript_free(t);
    g_bytes_unref(mb);
}

/* RFC 2246 §5 PRF: MD5 half over the first half of the secret XOR SHA-1
 * half over the second; checked here against a direct P_hash computation. */
static void test_tls10_prf(void)
{
    static const guint8 secret[5] = { 1, 2, 3, 4, 5 }, seed[3] = { 9, 9, 9 };
    guint8 out[40], md5_part[40] = { 0 }, sha_part[40] = { 0 };
    g_assert_true(keys_prf(0x0301, KEYS_HASH_UNKNOWN, secret, 5, "L", seed, 3, out, 40));
    /* P_hash for one hash, by its definition */
    guint8 ls[4] = { 'L', 9, 9, 9 };
    for (int which = 0; which < 2; which++) {
        gnutls_mac_algorithm_t mac = which ? GNUTLS_MAC_SHA1 : GNUTLS_MAC_MD5;
        gsize hl = which ? 20 : 16;
        const guint8 *key = which ? secret + 2 : secret;  /* odd length: shared middle byte */
        guint8 a[20], buf[24], blk[20];
        guint8 *dst = which ? sha_part : md5_part;
        gnutls_hmac_fast(mac, key, 3, ls, 4, a);
        for (gsize done = 0; done < 40; done += hl) {
            memcpy(buf, a, hl);
            memcpy(buf + hl, ls, 4);
            gnutls_hmac_fast(mac, key, 3, buf, hl + 4, blk);
            memcpy(dst + done, blk, MIN(hl, 40 - done));
            gnutls_hmac_fast(mac, key, 3, a, hl, a);
        }
    }
    for (int i = 0; i < 40; i++)
        g_assert_cmpuint(out[i], ==, md5_part[i] ^ sha_part[i]);
}

/* ---- TLS 1.3: The Illustrated TLS 1.3 Connection ---- */

#define IL13 "illustrated-tls13"

static void test_tls13_schedule(void)
{
    const struct reg_suite *suite = reg_suite(0x1302);
    enum keys_hash h = keys_hash_by_name(suite->prf);
    g_assert_cmpint(h, ==, KEYS_HASH_SHA384);
    GBytes *shared = hex("df4a291baa1eb7cfa6934b29b474baad2697e29f1f920dcc77c8a0a088447624");
    struct keys_schedule13 ks;
    g_assert_true(keys_schedule13_init(&ks, h, NULL, 0));
    g_assert_true(keys_schedule13_shared(&ks, g_bytes_get_data(shared, NULL), 32));
    assert_hex(ks.handshake_secret, 48,
               "bdbbe8757494bef20de932598294ea65b5e6bf6dc5c02a960a2de2eaa9b07c92"
               "9078d2caa0936231c38d1725f179d299");

    struct transcript *t = transcript_new();
    add(t, msg(IL13, 0, 1));
    add(t, msg(IL13, 1, 2));
    guint8 hello_hash[48], hs_hash[48], cs[48], ss[48];
    g_assert_true(transcript_hash(t, h, hello_hash, NULL));
    assert_hex(hello_hash, 48,
               "e05f64fcd082bdb0dce473adf669c2769f257a1c75a51b7887468b5e0e7a7de4"
               "f4d34555112077f16e079019d5a845bd");
    g_assert_true(keys_derive_secret(h, ks.handshake_secret, "c hs traffic", hello_hash, cs));
    g_assert_true(keys_derive_secret(h, ks.handshake_secret, "s hs traffic", hello_hash, ss));
    struct keys_traffic13 ck, sk;
    g_assert_true(keys_traffic13(suite, ss, 48, &sk));
    g_assert_true(keys_traffic13(suite, cs, 48, &ck));
    assert_hex(sk.key, sk.key_len, "9f13575ce3f8cfc1df64a77ceaffe89700b492ad31b4fab01c4792be1b266b7f");
    assert_hex(sk.iv, sk.iv_len, "9563bc8b590f671f488d2da3");
    assert_hex(ck.key, ck.key_len, "1135b4826a9a70257e5a391ad93093dfd7c4214812f493b3e3daae1eb2b1ac69");
    assert_hex(ck.iv, ck.iv_len, "4256d2e0e88babdd05eb2f27");

    /* server Finished over CH..CertificateVerify, with the derived secret */
    for (guint i = 2; i < 5; i++)
        add(t, msg(IL13, i, (guint8[]){ 0, 0, 8, 11, 15 }[i]));
    const struct vector *sfin = msg(IL13, 5, 20), *cfin = msg(IL13, 6, 20);
    struct verify_result r = fin13(suite, ss, 48, t, sfin->data + 4, sfin->len - 4);
    g_assert_cmpint(r.verdict, ==, VERIFY_VALID);
    guint8 th[48], vd[48];
    g_assert_true(transcript_hash(t, h, th, NULL));
    g_assert_true(keys_finished13(h, sk.finished_key, th, vd));
    g_assert_cmpmem(vd, 48, sfin->data + 4, 48);

    add(t, sfin);
    g_assert_true(transcript_hash(t, h, hs_hash, NULL));
    assert_hex(hs_hash, 48,
               "fa6800169a6baac19159524fa7b9721b41be3c9db6f3f93fa5ff7e3db3ece204"
               "d2b456c51046e40ec5312c55a86126f5");
    r = fin13(suite, cs, 48, t, cfin->data + 4, cfin->len - 4);
    g_assert_cmpint(r.verdict, ==, VERIFY_VALID);
    /* the client's Finished does not verify with the server's secret */
    r = fin13(suite, ss, 48, t, cfin->data + 4, cfin->len - 4);
    g_assert_cmpint(r.verdict, ==, VERIFY_INVALID);

    /* application traffic keys from the master secret */
    guint8 cap[48], sap[48];
    g_assert_true(keys_derive_secret(h, ks.master_secret, "c ap traffic", hs_hash, cap));
    g_assert_true(keys_derive_secret(h, ks.master_secret, "s ap traffic", hs_hash, sap));
    g_assert_true(keys_traffic13(suite, sap, 48, &sk));
    g_assert_true(keys_traffic13(suite, cap, 48, &ck));
    assert_hex(sk.key, 32, "01f78623f17e3edcc09e944027ba3218d57c8e0db93cd3ac419309274700ac27");
    assert_hex(sk.iv, 12, "196a750b0c5049c0cc51a541");
    assert_hex(ck.key, 32, "de2f4c7672723a692319873e5c227606691a32d1c59d8b9f51dbb9352e9ca9cc");
    assert_hex(ck.iv, 12, "bb007956f474b25de902432f");

    /* the key log holds the same secrets */
    struct keylog *kl = load_keylog("illustrated-tls13/keylog.txt");
    if (kl) {
        gsize len;
        const guint8 *s = keylog_lookup(kl, KEYLOG_SERVER_HANDSHAKE_TRAFFIC_SECRET,
                                        msg(IL13, 0, 1)->data + 6, &len);
        g_assert_cmpmem(s, len, ss, 48);
        s = keylog_lookup(kl, KEYLOG_CLIENT_TRAFFIC_SECRET_0, msg(IL13, 0, 1)->data + 6, &len);
        g_assert_cmpmem(s, len, cap, 48);
        keylog_free(kl);
    }
    transcript_free(t);
    g_bytes_unref(shared);
}

/* RFC 9001 Appendix A.1: the client Initial secret of the sample
 * connection and the packet protection keys it gives. */
static void test_quic_keys(void)
{
    const struct reg_suite *suite = reg_suite(0x1301);
    GBytes *secret = hex("c00cf151ca5be075ed0ebfb5c80323c42d6b7db67881289af4008f1f6c357aea");
    struct keys_traffic13 k;
    g_assert_true(keys_traffic13_quic(suite, g_bytes_get_data(secret, NULL), 32, &k));
    assert_hex(k.key, k.key_len, "1f369613dd76d5467730efcbe3b1a22d");
    assert_hex(k.iv, k.iv_len, "fa044b2f42a3fd3b46fb255c");
    assert_hex(k.hp, k.key_len, "9f50449e04a0e810283a1e9933adedd2");
    /* TLS's own labels give other keys from the same secret. */
    g_assert_true(keys_traffic13(suite, g_bytes_get_data(secret, NULL), 32, &k));
    g_assert_cmpint(memcmp(k.iv, "\xfa\x04\x4b\x2f\x42\xa3\xfd\x3b\x46\xfb\x25\x5c", 12), !=, 0);
    g_bytes_unref(secret);
}

static void test_tls13_bad_inputs(void)
{
    const struct reg_suite *suite = reg_suite(0x1302);
    guint8 secret[48] = { 0 };
    struct transcript *t = transcript_new();
    const struct vector *sfin = msg(IL13, 5, 20);
    struct verify_result r = fin13(suite, secret, 48, t, sfin->data + 4, 48);
    g_assert_cmpint(r.reason, ==, REASON_TRUNCATED_TRANSCRIPT);
    add(t, msg(IL13, 0, 1));
    r = fin13(suite, secret, 48, t, sfin->data + 4, 48);
    g_assert_cmpint(r.verdict, ==, VERIFY_INVALID);
    r = fin13(suite, secret, 32, t, sfin->data + 4, 48);
    g_assert_cmpint(r.verdict, ==, VERIFY_UNKNOWN);
    g_assert_cmpint(r.reason, ==, REASON_MISSING_SECRET);
    r = fin13(suite, NULL, 0, t, sfin->data + 4, 48);
    g_assert_cmpint(r.reason, ==, REASON_MISSING_SECRET);
    r = fin13(reg_suite(0xc013), secret, 48, t, sfin->data + 4, 48);
    g_assert_cmpint(r.verdict, ==, VERIFY_UNKNOWN);
    struct keys_traffic13 k;
    g_assert_false(keys_traffic13(suite, secret, 32, &k));
    g_assert_false(keys_traffic13(reg_suite(0xc013), secret, 48, &k));
    transcript_free(t);
}

/* RFC 8446 §4.4.1: CH1 becomes message_hash || 00 00 Hash.length || Hash(CH1). */
static void test_hrr_rewrite(void)
{
    const struct vector *ch = msg(IL13, 0, 1), *sh = msg(IL13, 1, 2);
    struct transcript *t = transcript_new();
    add(t, ch);
    g_assert_true(transcript_hrr_rewrite(t, KEYS_HASH_SHA256));
    add(t, sh);
    guint8 expect[4 + 32];
    expect[0] = 254;
    expect[1] = expect[2] = 0;
    expect[3] = 32;
    gnutls_hash_fast(GNUTLS_DIG_SHA256, ch->data, ch->len, expect + 4);
    gsize len;
    const guint8 *b = transcript_bytes(t, &len);
    g_assert_cmpuint(len, ==, sizeof expect + sh->len);
    g_assert_cmpmem(b, sizeof expect, expect, sizeof expect);
    g_assert_cmpmem(b + sizeof expect, sh->len, sh->data, sh->len);
    g_assert_cmpuint(transcript_count(t), ==, 2);
    transcript_free(t);
    struct transcript *e = transcript_new();
    g_assert_false(transcript_hrr_rewrite(e, KEYS_HASH_SHA256));
    transcript_free(e);
}

/* ---- RFC 8448 handshakes, as replayed in Wireshark's test capture ---- */

#define R8 "rfc8446"

static void check13(const struct keylog *kl, const struct transcript *t, enum keylog_label label,
                    const guint8 *random, const struct vector *fin)
{
    gsize len;
    const guint8 *s = keylog_lookup(kl, label, random, &len);
    g_assert_nonnull(s);
    struct verify_result r = fin13(reg_suite(0x1301), s, len, t, fin->data + 4, fin->len - 4);
    g_assert_cmpint(r.verdict, ==, VERIFY_VALID);
}

static void test_rfc8448_finished(void)
{
    struct keylog *kl = load_keylog("rfc8446/tls13-rfc8446.keys");
    if (!kl)
        return;
    /* 1-RTT handshake. Its EncryptedExtensions (empty) is byte-for-byte the
     * Illustrated one, so messages.inc kept only that copy. */
    static const guint8 empty_ee[] = { 8, 0, 0, 2, 0, 0 };
    const struct vector *ch = msg(R8, 0, 1);
    struct transcript *t = transcript_new();
    add(t, ch);
    add(t, msg(R8, 1, 2));
    g_assert_true(transcript_add(t, empty_ee, sizeof empty_ee));
    add(t, msg(R8, 2, 11));
    add(t, msg(R8, 3, 15));
    check13(kl, t, KEYLOG_SERVER_HANDSHAKE_TRAFFIC_SECRET, ch->data + 6, msg(R8, 4, 20));
    add(t, msg(R8, 4, 20));
    check13(kl, t, KEYLOG_CLIENT_HANDSHAKE_TRAFFIC_SECRET, ch->data + 6, msg(R8, 5, 20));
    transcript_free(t);

    /* resumption with 0-RTT: the client's Finished follows EndOfEarlyData */
    ch = msg(R8, 8, 1);
    t = transcript_new();
    add(t, ch);
    add(t, msg(R8, 9, 2));
    add(t, msg(R8, 10, 8));
    check13(kl, t, KEYLOG_SERVER_HANDSHAKE_TRAFFIC_SECRET, ch->data + 6, msg(R8, 11, 20));
    add(t, msg(R8, 11, 20));
    add(t, msg(R8, 14, 5));
    check13(kl, t, KEYLOG_CLIENT_HANDSHAKE_TRAFFIC_SECRET, ch->data + 6, msg(R8, 15, 20));
    transcript_free(t);
    keylog_free(kl);
}

/* ---- RSA key exchange ---- */

static GBytes *encrypt_for_server(const guint8 *pt, gsize len)
{
    char *path = repo_path("pcaps/gen/certs/server-cert.pem");
    gnutls_datum_t pem, ct;
    gnutls_pubkey_t pub;
    g_assert_cmpint(gnutls_load_file(path, &pem), ==, 0);
    g_assert_cmpint(gnutls_pubkey_init(&pub), ==, 0);
    gnutls_x509_crt_t crt;
    gnutls_x509_crt_init(&crt);
    g_assert_cmpint(gnutls_x509_crt_import(crt, &pem, GNUTLS_X509_FMT_PEM), ==, 0);
    g_assert_cmpint(gnutls_pubkey_import_x509(pub, crt, 0), ==, 0);
    gnutls_datum_t d = { (unsigned char *)pt, (unsigned int)len };
    g_assert_cmpint(gnutls_pubkey_encrypt_data(pub, 0, &d, &ct), ==, 0);
    /* ClientKeyExchange body: vec16 EncryptedPreMasterSecret */
    guint8 *body = g_malloc(ct.size + 2);
    body[0] = (guint8)(ct.size >> 8);
    body[1] = (guint8)ct.size;
    memcpy(body + 2, ct.data, ct.size);
    GBytes *b = g_bytes_new_take(body, ct.size + 2);
    gnutls_free(ct.data);
    gnutls_free(pem.data);
    gnutls_x509_crt_deinit(crt);
    gnutls_pubkey_deinit(pub);
    g_free(path);
    return b;
}

static void test_rsa_premaster(void)
{
    char *path = repo_path("pcaps/gen/certs/server-key.pem");
    enum verify_reason why;
    struct keys_privkey *key = keys_privkey_load(path, NULL, &why);
    g_assert_nonnull(key);
    g_assert_cmpint(why, ==, REASON_NONE);
    guint8 pms[48], out[48];
    for (guint i = 0; i < 48; i++)
        pms[i] = (guint8)(i * 7);
    pms[0] = 3;
    pms[1] = 3;
    GBytes *body = encrypt_for_server(pms, 48);
    gsize len;
    const guint8 *b = g_bytes_get_data(body, &len);
    g_assert_cmpint(keys_rsa_premaster(key, b, len, 0x0303, 0x0303, out), ==, REASON_NONE);
    g_assert_cmpmem(out, 48, pms, 48);
    g_assert_cmpint(keys_rsa_premaster(key, b, len, 0x0303, 0x0302, out), ==, REASON_BAD_PREMASTER_VERSION);
    g_assert_cmpint(keys_rsa_premaster(key, b, len - 1, 0x0303, 0x0303, out), ==, REASON_BAD_FORMAT);
    /* OpenSSL's DTLS before 0.9.8f (0x0100) sent the ciphertext bare. */
    g_assert_cmpint(keys_rsa_premaster(key, b + 2, len - 2, 0x0100, 0x0303, out), ==, REASON_NONE);
    g_assert_cmpint(keys_rsa_premaster(NULL, b, len, 0x0303, 0x0303, out), ==, REASON_NO_KEY);
    g_assert_cmpint(keys_rsa_premaster(key, b, 0, 0x0303, 0x0303, out), ==, REASON_EMPTY_INPUT);
    guint8 *bad = g_memdup2(b, len);
    bad[len / 2] ^= 0x40;
    g_assert_cmpint(keys_rsa_premaster(key, bad, len, 0x0303, 0x0303, out), ==, REASON_DECRYPT_FAILED);
    g_free(bad);
    g_bytes_unref(body);
    body = encrypt_for_server(pms, 47);
    b = g_bytes_get_data(body, &len);
    g_assert_cmpint(keys_rsa_premaster(key, b, len, 0x0303, 0x0303, out), ==, REASON_BAD_PREMASTER_LENGTH);
    g_bytes_unref(body);
    keys_privkey_free(key);
    g_free(path);
    g_assert_null(keys_privkey_load("/nonexistent.pem", NULL, &why));
    g_assert_cmpint(why, ==, REASON_NO_KEY);
    path = repo_path("pcaps/gen/certs/server-cert.pem");  /* not a key */
    g_assert_null(keys_privkey_load(path, NULL, &why));
    g_assert_cmpint(why, ==, REASON_BAD_DER);
    g_free(path);
}

/* Who sent a vector's message: the server's messages by type; a Finished
 * comes from the sender of the message before it, unless that was the
 * other Finished (TLS 1.2: the client's first; TLS 1.3: the server's). */
static gboolean sent_by_server(const struct vector *m, gboolean *last_server, guint8 *last_type)
{
    gboolean server = m->type == 2 || m->type == 4 || m->type == 8 || m->type == 11 ||
                      m->type == 12 || m->type == 14 || m->type == 15;
    if (m->type == 20)
        server = *last_type == 20 ? !*last_server : *last_server;
    *last_server = server;
    *last_type = m->type;
    return server;
}

/* ---- A whole handshake through the analyzer, then core's verdicts ---- */

typedef void (*finished_fn)(struct verdicts *v, const struct item *it,
                            const struct vector *m, gboolean server, gconstpointer data);

/* Feeds every message of a public vector to a fresh analyzer, as the glue
 * would, and hands each Finished item to check. Returns how many there
 * were. */
static guint each_finished(const char *source, struct verdicts *v, finished_fn check,
                           gconstpointer data)
{
    struct analyzer *a = analyzer_new();
    guint finished = 0, frame = 0;
    gboolean last_server = FALSE;
    guint8 last_type = 0;
    for (gsize i = 0; i < G_N_ELEMENTS(vectors); i++) {
        const struct vector *m = &vectors[i];
        struct item it;
        if (strcmp(m->source, source) != 0)
            continue;
        gboolean server = sent_by_server(m, &last_server, &last_type);
        /* The client and the server in fixed order of their addresses. */
        frame++;
        struct event ev = { EV_HANDSHAKE, TLSX_TLS, 1, server ? 1 : 0, m->data, m->len,
                            frame, frame * 0.01 };
        if (!analyzer_feed(a, &ev, &it) || !item_checks(&it) ||
            item_checks(&it)->kind != CHECK_FINISHED)
            continue;
        check(v, &it, m, server, data);
        finished++;
    }
    analyzer_free(a);
    return finished;
}

/* With the vector's key log every Finished verifies and the key schedule
 * is derived; one flipped bit is a mismatch, one byte short bad_format. */
static void finished_verifies(struct verdicts *v, const struct item *it,
                              const struct vector *m, gboolean server, gconstpointer data)
{
    const char *first_line = data;
    struct schedule sched;
    struct check_verdict cv = verdicts_check(v, it, m->data + 4, m->len - 4, 0);
    g_assert_cmpint(cv.main.verdict, ==, VERIFY_VALID);
    g_assert_cmpint(cv.main.reason, ==, REASON_NONE);
    g_assert_true(verdicts_schedule(v, it, &sched));
    g_assert_cmpuint(sched.n, >=, 3);
    /* TLS 1.3 shows the sender's own secret first. */
    if (g_str_has_prefix(first_line, "server_")) {
        g_assert_true(g_str_has_prefix(sched.lines[0].name, server ? "server_" : "client_"));
        g_assert_cmpstr(sched.lines[0].name + 7, ==, first_line + 7);
    } else {
        g_assert_cmpstr(sched.lines[0].name, ==, first_line);
    }
    g_assert_false(sched.from_rsa_key);
    g_assert_false(cv.from_rsa_key);
    /* Every way of making a line is told once, on the first line made so. */
    g_assert_nonnull(sched.lines[0].how);
    for (guint i = 0; i < sched.n; i++)
        for (guint j = 0; j < i; j++)
            g_assert_true(!sched.lines[i].how || !sched.lines[j].how ||
                          strcmp(sched.lines[i].how, sched.lines[j].how) != 0);
    if (strcmp(first_line, "master_secret") == 0) {
        g_assert_cmpstr(sched.lines[0].how, ==, "master_secret");
        g_assert_cmpstr(sched.lines[1].how, ==, "key_block");
        g_assert_null(sched.lines[2].how);  /* the next part of the same key block */
    }
    guint8 *bad = g_memdup2(m->data + 4, m->len - 4);
    bad[0] ^= 1;
    cv = verdicts_check(v, it, bad, m->len - 4, 0);
    g_assert_cmpint(cv.main.verdict, ==, VERIFY_INVALID);
    g_assert_cmpint(cv.main.reason, ==, REASON_FINISHED_MISMATCH);
    cv = verdicts_check(v, it, bad, m->len - 5, 0);
    g_assert_cmpint(cv.main.verdict, ==, VERIFY_INVALID);
    g_assert_cmpint(cv.main.reason, ==, REASON_BAD_FORMAT);
    g_free(bad);
}

static void verdicts_of_vector(const char *source, const char *keylog_rel,
                               const char *first_line)
{
    struct keylog *kl = load_keylog(keylog_rel);
    struct verdicts *v;
    if (!kl)
        return;  /* the vectors are not there: skipped */
    v = verdicts_new(kl, TRUE, FALSE, NULL);
    g_assert_cmpuint(each_finished(source, v, finished_verifies, first_line), ==, 2);
    verdicts_free(v);
    keylog_free(kl);
}

static void test_verdicts_il12(void)
{
    verdicts_of_vector(IL12, "illustrated-tls12/keylog.txt", "master_secret");
}

static void test_verdicts_il13(void)
{
    verdicts_of_vector("illustrated-tls13", "illustrated-tls13/keylog.txt",
                       "server_handshake_traffic_secret");
}

/* No key log at all is said so, not "missing secret", and has no schedule. */
static void finished_without_keylog(struct verdicts *v, const struct item *it,
                                    const struct vector *m, gboolean server, gconstpointer data)
{
    struct schedule sched;
    (void)server;
    (void)data;
    g_assert_cmpint(verdicts_check(v, it, m->data + 4, m->len - 4, 0).main.reason, ==,
                    REASON_NO_KEYLOG);
    g_assert_false(verdicts_schedule(v, it, &sched));
}

static void test_verdicts_no_keylog(void)
{
    struct verdicts *v = verdicts_new(NULL, FALSE, FALSE, NULL);
    g_assert_cmpuint(each_finished(IL12, v, finished_without_keylog, NULL), ==, 2);
    g_assert_cmpstr(verdicts_reason_key(REASON_NO_KEYLOG), ==, "no_keylog");
    /* A root this machine does not trust is no failure of the handshake. */
    struct verify_result r = { VERIFY_INVALID, REASON_UNTRUSTED_ROOT, FALSE };
    g_assert_false(verdicts_failed(r));
    r.reason = REASON_EXPIRED;
    g_assert_true(verdicts_failed(r));
    r.verdict = VERIFY_UNKNOWN;
    g_assert_false(verdicts_failed(r));
    verdicts_free(v);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/keys/keylog-parse", test_keylog_parse);
    g_test_add_func("/keys/quic-keys", test_quic_keys);
    g_test_add_func("/keys/tls12-key-block", test_tls12_key_block);
    g_test_add_func("/keys/tls12-master-secret", test_tls12_master_secret);
    g_test_add_func("/keys/tls12-finished", test_tls12_finished);
    g_test_add_func("/keys/tls12-finished-bad-inputs", test_tls12_finished_bad_inputs);
    g_test_add_func("/keys/tls10-prf", test_tls10_prf);
    g_test_add_func("/keys/tls13-schedule", test_tls13_schedule);
    g_test_add_func("/keys/tls13-bad-inputs", test_tls13_bad_inputs);
    g_test_add_func("/keys/hrr-rewrite", test_hrr_rewrite);
    g_test_add_func("/keys/rfc8448-finished", test_rfc8448_finished);
    g_test_add_func("/keys/rsa-premaster", test_rsa_premaster);
    g_test_add_func("/keys/verdicts-illustrated-tls12", test_verdicts_il12);
    g_test_add_func("/keys/verdicts-illustrated-tls13", test_verdicts_il13);
    g_test_add_func("/keys/verdicts-no-keylog", test_verdicts_no_keylog);
    return g_test_run();
}
