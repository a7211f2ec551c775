/* The IANA tables: sorted for binary search, complete enough, and suites
 * decomposed the way the tree shows them.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "testing.h"
#include "registry.h"

/* Rows are read through their leading guint16 key, as registry.c does. */
static void assert_ascending(const char *what, const void *base, gsize n, gsize size)
{
    for (gsize i = 1; i < n; i++) {
        guint16 a, b;
        memcpy(&a, (const guint8 *)base + (i - 1) * size, sizeof a);
        memcpy(&b, (const guint8 *)base + i * size, sizeof b);
        if (!(a < b))
            g_error("%s: row %" G_GSIZE_FORMAT " (0x%04x) not after 0x%04x", what, i, b, a);
    }
}

static void test_sorted(void)
{
    gsize n;
    const struct reg_suite *s = reg_suite_table(&n);
    g_assert_cmpuint(n, >=, 330);
    assert_ascending("suites", s, n, sizeof *s);
    const struct reg_extension *e = reg_extension_table(&n);
    g_assert_cmpuint(n, >=, 60);
    assert_ascending("extensions", e, n, sizeof *e);
    const struct reg_group *g = reg_group_table(&n);
    g_assert_cmpuint(n, >=, 50);
    assert_ascending("groups", g, n, sizeof *g);
    const struct reg_sigscheme *sig = reg_sigscheme_table(&n);
    g_assert_cmpuint(n, >=, 45);
    assert_ascending("sigschemes", sig, n, sizeof *sig);
    for (int t = 0; t < REG_N_TABLES; t++) {
        const struct reg_name *rows = reg_name_table((enum reg_table)t, &n);
        g_assert_cmpuint(n, >, 0);
        assert_ascending("names", rows, n, sizeof *rows);
    }
}

static void test_alpn_sorted(void)
{
    gsize n;
    const struct reg_alpn *a = reg_alpn_table(&n);
    g_assert_cmpuint(n, >=, 30);
    for (gsize i = 1; i < n; i++) {
        int c = memcmp(a[i - 1].id, a[i].id, MIN(a[i - 1].len, a[i].len));
        g_assert_true(c < 0 || (c == 0 && a[i - 1].len < a[i].len));
    }
    for (gsize i = 0; i < n; i++) {
        g_assert_cmpuint(strlen(a[i].id), ==, a[i].len);
        g_assert_true(reg_alpn((const guint8 *)a[i].id, a[i].len) == &a[i]);
    }
}

/* Every row is found by its own key, and nothing is NULL where it may not be. */
static void test_every_row_found(void)
{
    gsize n;
    const struct reg_suite *s = reg_suite_table(&n);
    for (gsize i = 0; i < n; i++) {
        g_assert_true(reg_suite(s[i].id) == &s[i]);
        g_assert_nonnull(s[i].kx);
        g_assert_nonnull(s[i].auth);
        g_assert_nonnull(s[i].enc);
        g_assert_nonnull(s[i].mac);
        g_assert_nonnull(s[i].prf);
        g_assert_true(g_str_has_prefix(s[i].name, "TLS_"));
        /* AEAD suites never name a separate MAC, and the others always do. */
        g_assert_cmpint(!!(s[i].flags & REG_SUITE_AEAD), ==, strcmp(s[i].mac, "AEAD") == 0);
    }
    const struct reg_group *g = reg_group_table(&n);
    for (gsize i = 0; i < n; i++)
        g_assert_true(reg_group(g[i].id) == &g[i]);
    const struct reg_sigscheme *sig = reg_sigscheme_table(&n);
    for (gsize i = 0; i < n; i++)
        g_assert_true(reg_sigscheme(sig[i].id) == &sig[i]);
    const struct reg_extension *e = reg_extension_table(&n);
    for (gsize i = 0; i < n; i++)
        g_assert_true(reg_extension(e[i].id) == &e[i]);
}

struct expect_suite {
    guint16 id;
    const char *name, *kx, *auth, *enc, *mac;
    guint16 bits;
    guint16 set, unset; /* flags that must be set / clear */
};

static const struct expect_suite suites[] = {
    { 0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE", "RSA", "AES-128-GCM", "AEAD",
      128, REG_SUITE_AEAD | REG_SUITE_FS, REG_SUITE_TLS13 | REG_SUITE_EXPORT },
    { 0x009E, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "DHE", "RSA", "AES-128-GCM", "AEAD",
      128, REG_SUITE_AEAD | REG_SUITE_FS, 0 },
    { 0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA", "RSA", "RSA", "AES-128-CBC", "SHA",
      128, 0, REG_SUITE_AEAD | REG_SUITE_FS },
    { 0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE", "RSA",
      "CHACHA20-POLY1305", "AEAD", 256, REG_SUITE_AEAD | REG_SUITE_FS, 0 },
    { 0x000A, "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "RSA", "RSA", "3DES-EDE-CBC", "SHA",
      168, 0, REG_SUITE_AEAD },
    { 0x0004, "TLS_RSA_WITH_RC4_128_MD5", "RSA", "RSA", "RC4-128", "MD5", 128, 0, 0 },
    { 0xC0AC, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM", "ECDHE", "ECDSA", "AES-128-CCM", "AEAD",
      128, REG_SUITE_AEAD | REG_SUITE_FS, 0 },
    { 0x0017, "TLS_DH_anon_EXPORT_WITH_RC4_40_MD5", "DH_anon_EXPORT", "anon", "RC4-40", "MD5",
      40, REG_SUITE_EXPORT | REG_SUITE_ANON, REG_SUITE_FS },
    { 0x008C, "TLS_PSK_WITH_AES_128_CBC_SHA", "PSK", "PSK", "AES-128-CBC", "SHA", 128, 0, 0 },
    { 0x00AA, "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256", "DHE_PSK", "PSK", "AES-128-GCM", "AEAD",
      128, REG_SUITE_AEAD | REG_SUITE_FS, 0 },
    { 0xC0AA, "TLS_PSK_DHE_WITH_AES_128_CCM_8", "DHE_PSK", "PSK", "AES-128-CCM-8", "AEAD",
      128, REG_SUITE_AEAD, 0 },
    { 0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5", "RSA_EXPORT", "RSA", "RC4-40", "MD5",
      40, REG_SUITE_EXPORT, 0 },
    { 0x0001, "TLS_RSA_WITH_NULL_MD5", "RSA", "RSA", "NULL", "MD5", 0, REG_SUITE_NULL_ENC, 0 },
    { 0xC01E, "TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA", "SRP", "SRP+RSA", "AES-128-CBC", "SHA",
      128, 0, 0 },
    { 0x001F, "TLS_KRB5_WITH_3DES_EDE_CBC_SHA", "KRB5", "KRB5", "3DES-EDE-CBC", "SHA", 168, 0, 0 },
    { 0xC03D, "TLS_RSA_WITH_ARIA_256_CBC_SHA384", "RSA", "RSA", "ARIA-256-CBC", "SHA384",
      256, 0, 0 },
    { 0x0096, "TLS_RSA_WITH_SEED_CBC_SHA", "RSA", "RSA", "SEED-CBC", "SHA", 128, 0, 0 },
    { 0x0007, "TLS_RSA_WITH_IDEA_CBC_SHA", "RSA", "RSA", "IDEA-CBC", "SHA", 128, 0, 0 },
    { 0x0009, "TLS_RSA_WITH_DES_CBC_SHA", "RSA", "RSA", "DES-CBC", "SHA", 56, 0, 0 },
    { 0xC0B0, "TLS_ECCPWD_WITH_AES_128_GCM_SHA256", "ECCPWD", "ECCPWD", "AES-128-GCM", "AEAD",
      128, REG_SUITE_AEAD, 0 },
    { 0xC100, "TLS_GOSTR341112_256_WITH_KUZNYECHIK_CTR_OMAC", "GOST_VKO", "GOSTR341012",
      "KUZNYECHIK-CTR", "OMAC", 256, 0, REG_SUITE_AEAD | REG_SUITE_TLS13 },
};

static void test_suite_decomposition(void)
{
    for (gsize i = 0; i < G_N_ELEMENTS(suites); i++) {
        const struct expect_suite *x = &suites[i];
        const struct reg_suite *s = reg_suite(x->id);
        g_assert_nonnull(s);
        g_assert_cmpstr(s->name, ==, x->name);
        g_assert_cmpstr(reg_suite_kx(s), ==, x->kx);
        g_assert_cmpstr(reg_suite_auth(s), ==, x->auth);
        g_assert_cmpstr(reg_suite_enc(s), ==, x->enc);
        g_assert_cmpstr(s->mac, ==, x->mac);
        g_assert_cmpuint(s->key_bits, ==, x->bits);
        g_assert_cmpuint(s->flags & x->set, ==, x->set);
        g_assert_cmpuint(s->flags & x->unset, ==, 0);
    }
    /* The tree names the HMAC, not the registry's hash alone. */
    g_assert_cmpstr(reg_suite_mac(reg_suite(0x002F)), ==, "HMAC-SHA1");
    g_assert_cmpstr(reg_suite_mac(reg_suite(0x003C)), ==, "HMAC-SHA256");
    g_assert_cmpstr(reg_suite_mac(reg_suite(0xC02F)), ==, "AEAD");
    const struct reg_suite *s = reg_suite(0xC02F);
    g_assert_cmpstr(s->cipher, ==, "AES");
    g_assert_cmpstr(s->mode, ==, "GCM");
    g_assert_cmpstr(s->prf, ==, "SHA256");
    g_assert_cmpint(s->rec, ==, REG_REC_YES);
    g_assert_cmpint(reg_suite(0x002F)->rec, ==, REG_REC_NO);
    g_assert_cmpstr(reg_suite(0xC030)->prf, ==, "SHA384");
    g_assert_cmpstr(reg_suite(0xC09C)->prf, ==, "SHA256");  /* CCM without a hash */
    g_assert_cmpstr(reg_suite(0xC0AE)->mode, ==, "CCM_8");
    g_assert_cmpstr(reg_suite(0x0000)->name, ==, "TLS_NULL_WITH_NULL_NULL");
    g_assert_null(reg_suite_kx(NULL));
}

static void test_suite_tls13_and_scsv(void)
{
    static const guint16 tls13[] = { 0x1301, 0x1302, 0x1303, 0x1304, 0x1305 };
    for (gsize i = 0; i < G_N_ELEMENTS(tls13); i++) {
        const struct reg_suite *s = reg_suite(tls13[i]);
        g_assert_nonnull(s);
        g_assert_true(s->flags & REG_SUITE_TLS13);
        g_assert_true(s->flags & REG_SUITE_AEAD);
        g_assert_nonnull(strstr(s->kx, "key_share"));
        g_assert_nonnull(strstr(s->auth, "certificate"));
    }
    const struct reg_suite *s = reg_suite(0x1301);
    g_assert_cmpstr(s->name, ==, "TLS_AES_128_GCM_SHA256");
    g_assert_cmpstr(s->enc, ==, "AES-128-GCM");
    g_assert_cmpstr(s->mac, ==, "AEAD");
    g_assert_cmpstr(s->prf, ==, "SHA256");
    g_assert_cmpstr(reg_suite(0x1303)->enc, ==, "CHACHA20-POLY1305");
    g_assert_cmpstr(reg_suite(0x1305)->enc, ==, "AES-128-CCM-8");
    g_assert_cmpint(reg_suite(0x1305)->rec, ==, REG_REC_NO);
    /* Integrity-only TLS 1.3 (RFC 9150) and GOST TLS 1.3 (RFC 9367). */
    g_assert_true(reg_suite(0xC0B4)->flags & REG_SUITE_NULL_ENC);
    g_assert_cmpstr(reg_suite(0xC0B4)->mac, ==, "SHA256");
    g_assert_true(reg_suite(0xC103)->flags & REG_SUITE_TLS13);
    g_assert_cmpstr(reg_suite(0x00C6)->enc, ==, "SM4-GCM");

    s = reg_suite(0x00FF);
    g_assert_cmpstr(s->name, ==, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
    g_assert_true(s->flags & REG_SUITE_SCSV);
    s = reg_suite(0x5600);
    g_assert_cmpstr(s->name, ==, "TLS_FALLBACK_SCSV");
    g_assert_true(s->flags & REG_SUITE_SCSV);

    g_assert_null(reg_suite(0x0060));   /* reserved, never assigned */
    g_assert_null(reg_suite(0xCC13));   /* pre-RFC ChaCha, not IANA */
    g_assert_null(reg_suite(0xFFFF));
}

static void test_grease(void)
{
    for (int hi = 0; hi < 16; hi++) {
        guint16 v = (guint16)((hi << 12) | 0x0a00 | (hi << 4) | 0x0a);
        g_assert_true(reg_is_grease16(v));
        g_assert_true(reg_suite(v)->flags & REG_SUITE_GREASE);
        g_assert_cmpstr(reg_extension(v)->name, ==, "GREASE");
        g_assert_cmpint(reg_group(v)->kind, ==, REG_GROUP_GREASE);
        g_assert_true(reg_sigscheme(v)->flags & REG_SIG_GREASE);
        g_assert_cmpstr(reg_version_name(v), ==, "GREASE");
        guint8 alpn[2] = { (guint8)(v >> 8), (guint8)v };
        g_assert_cmpstr(reg_alpn(alpn, 2)->description, ==, "GREASE");
    }
    g_assert_false(reg_is_grease16(0x0a1a));
    g_assert_false(reg_is_grease16(0x0b0b));
    g_assert_false(reg_is_grease16(0x1301));

    static const guint8 g8[] = { 0x0b, 0x2a, 0x49, 0x68, 0x87, 0xa6, 0xc5, 0xe4 };
    int count = 0;
    for (int v = 0; v < 256; v++)
        count += reg_is_grease8((guint8)v);
    g_assert_cmpint(count, ==, G_N_ELEMENTS(g8));
    for (gsize i = 0; i < G_N_ELEMENTS(g8); i++) {
        g_assert_true(reg_is_grease8(g8[i]));
        g_assert_cmpstr(reg_psk_ke_mode_name(g8[i]), ==, "GREASE");
    }
    g_assert_cmpstr(reg_psk_ke_mode_name(0), ==, "psk_ke");
    g_assert_cmpstr(reg_psk_ke_mode_name(1), ==, "psk_dhe_ke");
    g_assert_null(reg_psk_ke_mode_name(2));
}

static void test_extensions(void)
{
    g_assert_cmpstr(reg_extension(0)->name, ==, "server_name");
    g_assert_cmpstr(reg_extension(10)->name, ==, "supported_groups");
    g_assert_cmpstr(reg_extension(16)->name, ==, "application_layer_protocol_negotiation");
    g_assert_cmpstr(reg_extension(35)->name, ==, "session_ticket");
    g_assert_cmpstr(reg_extension(43)->name, ==, "supported_versions");
    g_assert_cmpstr(reg_extension(51)->name, ==, "key_share");
    g_assert_cmpstr(reg_extension(51)->rfc, ==, "RFC8446");
    g_assert_cmpstr(reg_extension(57)->name, ==, "quic_transport_parameters");
    g_assert_cmpstr(reg_extension(59)->name, ==, "dnssec_chain");
    g_assert_cmpstr(reg_extension(65037)->name, ==, "encrypted_client_hello");
    g_assert_cmpstr(reg_extension(65281)->name, ==, "renegotiation_info");
    g_assert_cmpstr(reg_extension(65281)->rfc, ==, "RFC5746");
    g_assert_null(reg_extension(40));     /* reserved */
    g_assert_null(reg_extension(13172));  /* NPN was never registered */
}

static void test_groups(void)
{
    const struct reg_group *g = reg_group(29);
    g_assert_cmpstr(g->name, ==, "x25519");
    g_assert_cmpint(g->kind, ==, REG_GROUP_EC);
    g_assert_cmpuint(g->client_share_len, ==, 32);
    g = reg_group(23);
    g_assert_cmpstr(g->name, ==, "secp256r1");
    g_assert_cmpuint(g->bits, ==, 256);
    g_assert_cmpuint(g->client_share_len, ==, 65);
    g_assert_cmpint(g->rec, ==, REG_REC_YES);
    g_assert_cmpuint(reg_group(24)->client_share_len, ==, 97);
    g_assert_cmpuint(reg_group(25)->client_share_len, ==, 133);
    g_assert_cmpuint(reg_group(30)->client_share_len, ==, 56);
    g_assert_cmpint(reg_group(1)->rec, ==, REG_REC_DISCOURAGED);
    g = reg_group(0x0100);
    g_assert_cmpstr(g->name, ==, "ffdhe2048");
    g_assert_cmpint(g->kind, ==, REG_GROUP_FFDHE);
    g_assert_cmpuint(g->bits, ==, 2048);
    g_assert_cmpstr(reg_group(0x0104)->name, ==, "ffdhe8192");
    g = reg_group(0x11EC);
    g_assert_cmpstr(g->name, ==, "X25519MLKEM768");
    g_assert_cmpint(g->kind, ==, REG_GROUP_HYBRID);
    g_assert_cmpuint(g->client_share_len, ==, 1216);
    g_assert_cmpuint(g->server_share_len, ==, 1120);
    g_assert_cmpstr(reg_group(0x11EB)->name, ==, "SecP256r1MLKEM768");
    g_assert_cmpstr(reg_group(0x11ED)->name, ==, "SecP384r1MLKEM1024");
    g_assert_cmpstr(reg_group(41)->name, ==, "curveSM2");
    g_assert_cmpstr(reg_group(34)->name, ==, "GC256A");
    g_assert_cmpstr(reg_group(0xFF01)->name, ==, "arbitrary_explicit_prime_curves");
    g_assert_cmpstr(reg_group(0xFF02)->name, ==, "arbitrary_explicit_char2_curves");
    g_assert_cmpstr(reg_group_kind_name(REG_GROUP_HYBRID), ==, "hybrid PQ");
    g_assert_null(reg_group(0));
}

static void test_sigschemes(void)
{
    const struct reg_sigscheme *s = reg_sigscheme(0x0804);
    g_assert_cmpstr(s->name, ==, "rsa_pss_rsae_sha256");
    g_assert_cmpstr(s->algorithm, ==, "RSASSA-PSS");
    g_assert_cmpstr(s->hash, ==, "SHA256");
    g_assert_false(s->flags & REG_SIG_WEAK);
    s = reg_sigscheme(0x0201);
    g_assert_cmpstr(s->name, ==, "rsa_pkcs1_sha1");
    g_assert_true(s->flags & REG_SIG_WEAK);
    g_assert_true(reg_sigscheme(0x0203)->flags & REG_SIG_WEAK);
    g_assert_cmpstr(reg_sigscheme(0x0403)->name, ==, "ecdsa_secp256r1_sha256");
    g_assert_cmpstr(reg_sigscheme(0x0807)->name, ==, "ed25519");
    g_assert_cmpstr(reg_sigscheme(0x0808)->name, ==, "ed448");
    g_assert_cmpstr(reg_sigscheme(0x081A)->name, ==, "ecdsa_brainpoolP256r1tls13_sha256");
    g_assert_cmpstr(reg_sigscheme(0x0708)->name, ==, "sm2sig_sm3");
    g_assert_cmpstr(reg_sigscheme(0x0709)->name, ==, "gostr34102012_256a");
    g_assert_cmpstr(reg_sigscheme(0x0905)->name, ==, "mldsa65");
    /* TLS 1.2 pairs: HashAlgorithm high byte, SignatureAlgorithm low byte. */
    s = reg_sigscheme(0x0101);
    g_assert_cmpstr(s->hash, ==, "MD5");
    g_assert_true(s->flags & REG_SIG_WEAK);
    g_assert_true(s->flags & REG_SIG_TLS12_PAIR);
    s = reg_sigscheme(0x0202);
    g_assert_cmpstr(s->name, ==, "dsa_sha1");
    g_assert_cmpstr(s->algorithm, ==, "DSA");
    s = reg_sigscheme(0x0603);
    g_assert_cmpstr(s->hash, ==, "SHA512");
    g_assert_false(s->flags & REG_SIG_TLS12_PAIR);
    for (int h = 1; h <= 6; h++)
        for (int a = 1; a <= 3; a++)
            g_assert_nonnull(reg_sigscheme((guint16)(h << 8 | a)));
    g_assert_null(reg_sigscheme(0x0000));
}

static void test_names(void)
{
    g_assert_cmpstr(reg_alert_name(0), ==, "close_notify");
    g_assert_cmpstr(reg_alert_name(40), ==, "handshake_failure");
    g_assert_cmpstr(reg_alert_name(52), ==, "too_many_cids_requested");
    g_assert_cmpstr(reg_alert_name(117), ==, "general_error");
    g_assert_cmpstr(reg_alert_name(121), ==, "ech_required");
    g_assert_null(reg_alert_name(1));
    g_assert_cmpstr(reg_alert_level_name(2), ==, "fatal");
    g_assert_cmpstr(reg_version_name(0x0303), ==, "TLS 1.2");
    g_assert_cmpstr(reg_version_name(0xfefd), ==, "DTLS 1.2");
    g_assert_null(reg_version_name(0x0305));
    g_assert_cmpstr(reg_content_type_name(22), ==, "handshake");
    g_assert_cmpstr(reg_content_type_name(25), ==, "tls12_cid");
    g_assert_cmpstr(reg_name(REG_CLIENT_CERT_TYPE, 64), ==, "ecdsa_sign");
    g_assert_cmpstr(reg_name(REG_CLIENT_CERT_TYPE, 66), ==, "ecdsa_fixed_ecdh");
    g_assert_cmpstr(reg_name(REG_EC_POINT_FORMAT, 0), ==, "uncompressed");
    g_assert_cmpstr(reg_name(REG_CERT_STATUS_TYPE, 1), ==, "ocsp");
    g_assert_cmpstr(reg_name(REG_CERT_COMPRESSION, 2), ==, "brotli");
    g_assert_cmpstr(reg_name(REG_CERT_COMPRESSION, 3), ==, "zstd");
    g_assert_cmpstr(reg_name(REG_HEARTBEAT_MODE, 1), ==, "peer_allowed_to_send");
    g_assert_cmpstr(reg_name(REG_COMPRESSION_METHOD, 64), ==, "LZS");
    g_assert_null(reg_name(REG_N_TABLES, 0));
}

static void test_alpn(void)
{
    static const char *const ids[] = { "http/1.1", "h2", "h3", "acme-tls/1", "dot", "doq",
                                       "radius/1.1", "xmpp-client", "stun.turn", "spdy/3" };
    for (gsize i = 0; i < G_N_ELEMENTS(ids); i++) {
        const struct reg_alpn *a = reg_alpn((const guint8 *)ids[i], strlen(ids[i]));
        g_assert_nonnull(a);
        g_assert_cmpstr(a->id, ==, ids[i]);
    }
    g_assert_cmpstr(reg_alpn((const guint8 *)"h2", 2)->description, ==, "HTTP/2 over TLS");
    /* Length matters: a prefix or an extension of an ID is not that ID. */
    g_assert_null(reg_alpn((const guint8 *)"h2c-x", 5));
    g_assert_null(reg_alpn((const guint8 *)"http/1.1", 7));
    g_assert_null(reg_alpn((const guint8 *)"h", 1));
    g_assert_null(reg_alpn(NULL, 0));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/registry/sorted", test_sorted);
    g_test_add_func("/registry/alpn-sorted", test_alpn_sorted);
    g_test_add_func("/registry/every-row-found", test_every_row_found);
    g_test_add_func("/registry/suite-decomposition", test_suite_decomposition);
    g_test_add_func("/registry/suite-tls13-scsv", test_suite_tls13_and_scsv);
    g_test_add_func("/registry/grease", test_grease);
    g_test_add_func("/registry/extensions", test_extensions);
    g_test_add_func("/registry/groups", test_groups);
    g_test_add_func("/registry/sigschemes", test_sigschemes);
    g_test_add_func("/registry/names", test_names);
    g_test_add_func("/registry/alpn", test_alpn);
    return g_test_run();
}
