/* Certificates, chains and handshake signatures: the test CA material in
 * pcaps/gen/certs and the real messages in messages.inc.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include <gnutls/abstract.h>
#include <gnutls/x509.h>
#include "testing.h"
#include "keys.h"
#include "verify.h"
#include "vectors.h"

#define JAN_2025 1735689600  /* 2025-01-01T00:00:00Z, start of the test certs */
#define JAN_2045 2366841600  /* 2045-01-01T00:00:00Z, their end */
#define Y2030 1893456000

static char *repo_path(const char *rel)
{
    char *dir = g_path_get_dirname(__FILE__);  /* .../tests/unit */
    char *p = g_build_filename(dir, "..", "..", rel, NULL);
    g_free(dir);
    return p;
}

static char *cert_path(const char *name)
{
    char *rel = g_build_filename("pcaps/gen/certs", name, NULL);
    char *p = repo_path(rel);
    g_free(rel);
    return p;
}

/* DER of the first certificate in a PEM file. */
static GBytes *load_der(const char *path)
{
    gnutls_datum_t pem, der;
    g_assert_cmpint(gnutls_load_file(path, &pem), ==, 0);
    g_assert_cmpint(gnutls_pem_base64_decode2("CERTIFICATE", &pem, &der), ==, 0);
    GBytes *b = g_bytes_new(der.data, der.size);
    gnutls_free(der.data);
    gnutls_free(pem.data);
    return b;
}

static GBytes *cert_der(const char *name)
{
    char *p = cert_path(name);
    GBytes *b = load_der(p);
    g_free(p);
    return b;
}

static gnutls_privkey_t load_key(const char *name)
{
    char *p = cert_path(name);
    gnutls_datum_t pem;
    gnutls_privkey_t k;
    g_assert_cmpint(gnutls_load_file(p, &pem), ==, 0);
    gnutls_privkey_init(&k);
    g_assert_cmpint(gnutls_privkey_import_x509_raw(k, &pem, GNUTLS_X509_FMT_PEM, NULL, 0), ==, 0);
    gnutls_free(pem.data);
    g_free(p);
    return k;
}

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

#define ASSERT_RESULT(r, v, why) do { \
        g_assert_cmpint((r).verdict, ==, (v)); \
        g_assert_cmpint((r).reason, ==, (why)); \
    } while (0)

/* ---- certificate details ---- */

static void test_cert_info(void)
{
    GBytes *der = cert_der("server-cert.pem");
    struct cert_info ci;
    g_assert_cmpint(cert_info_parse(g_bytes_get_data(der, NULL), g_bytes_get_size(der), &ci),
                    ==, REASON_NONE);
    g_assert_cmpstr(ci.subject, ==,
                    "CN=www.example.com,O=tlsexplain test material - not for production");
    g_assert_cmpstr(ci.issuer, ==,
                    "CN=tlsexplain Test CA,O=tlsexplain test material - not for production");
    g_assert_cmpstr(ci.serial_hex, ==, "02");
    g_assert_cmpint(ci.not_before, ==, JAN_2025);
    g_assert_cmpint(ci.not_after, ==, JAN_2045);
    g_assert_cmpuint(ci.version, ==, 3);
    g_assert_cmpstr(ci.key_algorithm, ==, "RSA");
    g_assert_cmpuint(ci.key_bits, ==, 2048);
    g_assert_null(ci.curve);
    g_assert_cmpstr(ci.sig_algorithm, ==, "RSA-SHA256");
    g_assert_false(ci.sig_weak);
    g_assert_cmpuint(g_strv_length(ci.dns_names), ==, 1);
    g_assert_cmpstr(ci.dns_names[0], ==, "www.example.com");
    g_assert_true(ci.has_basic_constraints);
    g_assert_false(ci.is_ca);
    g_assert_true(ci.has_key_usage);
    g_assert_cmpuint(g_strv_length(ci.key_usage), ==, 2);
    g_assert_cmpstr(ci.key_usage[0], ==, "digitalSignature");
    g_assert_cmpstr(ci.key_usage[1], ==, "keyEncipherment");
    ASSERT_RESULT(cert_info_valid_at(&ci, Y2030), VERIFY_VALID, REASON_NONE);
    ASSERT_RESULT(cert_info_valid_at(&ci, JAN_2045 + 1), VERIFY_INVALID, REASON_EXPIRED);
    ASSERT_RESULT(cert_info_valid_at(&ci, JAN_2025 - 1), VERIFY_INVALID, REASON_NOT_YET_VALID);
    ASSERT_RESULT(cert_info_valid_at(&ci, 0), VERIFY_UNKNOWN, REASON_NO_TIME);
    cert_info_clear(&ci);
    g_bytes_unref(der);

    der = cert_der("ca-cert.pem");
    cert_info_parse(g_bytes_get_data(der, NULL), g_bytes_get_size(der), &ci);
    g_assert_true(ci.is_ca);
    g_assert_cmpstr(ci.subject, ==, ci.issuer);
    cert_info_clear(&ci);
    g_bytes_unref(der);

    der = cert_der("ecdsa-server-cert.pem");
    cert_info_parse(g_bytes_get_data(der, NULL), g_bytes_get_size(der), &ci);
    g_assert_cmpstr(ci.key_algorithm, ==, "EC/ECDSA");
    g_assert_cmpuint(ci.key_bits, ==, 256);
    g_assert_cmpstr(ci.curve, ==, "SECP256R1");
    cert_info_clear(&ci);
    g_bytes_unref(der);

    char *p = repo_path("tests/unit/data/sha1-server-cert.pem");
    der = load_der(p);
    cert_info_parse(g_bytes_get_data(der, NULL), g_bytes_get_size(der), &ci);
    g_assert_cmpstr(ci.sig_algorithm, ==, "RSA-SHA1");
    g_assert_true(ci.sig_weak);
    cert_info_clear(&ci);
    g_bytes_unref(der);
    g_free(p);
}

static void test_cert_info_bad_input(void)
{
    struct cert_info ci;
    GBytes *der = cert_der("server-cert.pem");
    gsize len;
    const guint8 *d = g_bytes_get_data(der, &len);
    g_assert_cmpint(cert_info_parse(NULL, 0, &ci), ==, REASON_EMPTY_INPUT);
    g_assert_cmpint(cert_info_parse(d, len / 2, &ci), ==, REASON_BAD_DER);
    guint8 *bad = g_memdup2(d, len);
    bad[0] = 0x31;  /* SET instead of SEQUENCE */
    g_assert_cmpint(cert_info_parse(bad, len, &ci), ==, REASON_BAD_DER);
    g_assert_null(ci.subject);
    cert_info_clear(&ci);  /* safe after a failure */
    ASSERT_RESULT(cert_info_valid_at(&ci, Y2030), VERIFY_UNKNOWN, REASON_EMPTY_INPUT);
    g_free(bad);
    g_bytes_unref(der);
}

/* The cache answers by the certificate's bytes: the same bytes again give
 * the same parse, other bytes (even an equal copy) are matched by content,
 * a broken certificate stays broken, and clearing starts afresh. */
static void test_cert_info_cache(void)
{
    GBytes *der = cert_der("server-cert.pem");
    gsize len;
    const guint8 *d = g_bytes_get_data(der, &len);
    guint8 *copy = g_memdup2(d, len), *bad = g_memdup2(d, len);
    enum verify_reason why = REASON_INTERNAL;
    const struct cert_info *a = cert_info_cached(d, len, &why), *b;
    g_assert_nonnull(a);
    g_assert_cmpint(why, ==, REASON_NONE);
    g_assert_cmpstr(a->serial_hex, ==, "02");
    b = cert_info_cached(copy, len, &why);
    g_assert_true(a == b);
    bad[0] = 0x31;
    g_assert_null(cert_info_cached(bad, len, &why));
    g_assert_cmpint(why, ==, REASON_BAD_DER);
    g_assert_null(cert_info_cached(bad, len, &why));  /* cached failure */
    g_assert_cmpint(why, ==, REASON_BAD_DER);
    g_assert_null(cert_info_cached(NULL, 0, &why));
    g_assert_cmpint(why, ==, REASON_EMPTY_INPUT);
    verify_cache_clear();
    b = cert_info_cached(copy, len, &why);
    g_assert_nonnull(b);
    g_assert_cmpstr(b->subject, ==,
                    "CN=www.example.com,O=tlsexplain test material - not for production");
    verify_cache_clear();
    g_free(copy);
    g_free(bad);
    g_bytes_unref(der);
}

/* What the checks take from the parser: where each certificate sits, and
 * where a ServerKeyExchange's signed parameters end. */
static struct hs_message parsed(const struct vector *v, gboolean *ok)
{
    struct hs_message m;
    struct hs_error e;
    struct hs_context ctx = vector_context(v);
    *ok = hs_parse(v->data, v->len, &ctx, &m, &e, NULL);
    return m;
}

static void test_certificate_entries(void)
{
    gboolean ok;
    const struct vector *c12 = msg("illustrated-tls12", 2, 11);
    struct hs_message m = parsed(c12, &ok);
    g_assert_true(ok);
    g_assert_cmpuint(m.cert_count, ==, 1);
    g_assert_cmpuint(m.certs[0].offset, ==, 4 + 6);
    g_assert_cmpuint(m.certs[0].length, ==, c12->len - 4 - 6);
    const struct vector *c13 = msg("illustrated-tls13", 3, 11);
    m = parsed(c13, &ok);
    g_assert_true(ok);
    g_assert_cmpuint(m.cert_count, ==, 1);
    /* TLS 1.3's entry has a context before the list and extensions after it */
    g_assert_cmpuint(m.certs[0].offset, ==, 4 + 1 + 3 + 3);
    g_assert_cmpuint(m.certs[0].length, ==, c13->len - 4 - 1 - 3 - 3 - 2);
}

static gsize params_of(const struct vector *ske)
{
    gboolean ok;
    struct hs_message m = parsed(ske, &ok);
    g_assert_true(ok);
    return m.ske_params.length;
}

/* ---- chains ---- */

struct chain {
    GBytes *der[3];
    const guint8 *ptr[3];
    gsize len[3];
    guint n;
};

static void chain_init(struct chain *c, const char *a, const char *b)
{
    memset(c, 0, sizeof *c);
    const char *names[] = { a, b };
    for (guint i = 0; i < 2 && names[i]; i++, c->n++) {
        c->der[i] = cert_der(names[i]);
        c->ptr[i] = g_bytes_get_data(c->der[i], &c->len[i]);
    }
}

static void chain_clear(struct chain *c)
{
    for (guint i = 0; i < c->n; i++)
        g_bytes_unref(c->der[i]);
}

static struct verify_trust *trust_with(const char *ca)
{
    enum verify_reason why;
    char *p = cert_path(ca);
    struct verify_trust *t = verify_trust_new(FALSE, p, &why);
    g_assert_nonnull(t);
    g_assert_cmpint(why, ==, REASON_NONE);
    g_free(p);
    return t;
}

static void test_chain_valid(void)
{
    struct verify_trust *ca = trust_with("ca-cert.pem");
    struct verify_chain_result r;
    struct chain c;
    chain_init(&c, "server-cert.pem", NULL);
    verify_chain(ca, c.ptr, c.len, c.n, Y2030, "www.example.com", &r);
    ASSERT_RESULT(r.overall, VERIFY_VALID, REASON_NONE);
    ASSERT_RESULT(r.links, VERIFY_VALID, REASON_NONE);
    ASSERT_RESULT(r.trust, VERIFY_VALID, REASON_NONE);
    ASSERT_RESULT(r.time, VERIFY_VALID, REASON_NONE);
    ASSERT_RESULT(r.hostname, VERIFY_VALID, REASON_NONE);
    g_assert_false(r.overall.weak);
    chain_clear(&c);

    chain_init(&c, "chain-server-cert.pem", "intermediate-cert.pem");
    verify_chain(ca, c.ptr, c.len, c.n, Y2030, "www.example.com", &r);
    ASSERT_RESULT(r.overall, VERIFY_VALID, REASON_NONE);
    /* the intermediate alone does not reach the root without being sent */
    verify_chain(ca, c.ptr, c.len, 1, Y2030, "www.example.com", &r);
    ASSERT_RESULT(r.overall, VERIFY_INVALID, REASON_UNTRUSTED_ROOT);
    chain_clear(&c);
    verify_trust_free(ca);
}

static void test_chain_problems(void)
{
    struct verify_trust *ca = trust_with("ca-cert.pem");
    struct verify_trust *other = trust_with("other-ca-cert.pem");
    struct verify_chain_result r;
    struct chain c;
    chain_init(&c, "server-cert.pem", NULL);

    verify_chain(other, c.ptr, c.len, c.n, Y2030, "www.example.com", &r);
    ASSERT_RESULT(r.trust, VERIFY_INVALID, REASON_UNTRUSTED_ROOT);
    ASSERT_RESULT(r.overall, VERIFY_INVALID, REASON_UNTRUSTED_ROOT);

    verify_chain(ca, c.ptr, c.len, c.n, Y2030, "example.org", &r);
    ASSERT_RESULT(r.hostname, VERIFY_INVALID, REASON_HOSTNAME_MISMATCH);
    ASSERT_RESULT(r.overall, VERIFY_INVALID, REASON_HOSTNAME_MISMATCH);
    verify_chain(ca, c.ptr, c.len, c.n, Y2030, NULL, &r);
    ASSERT_RESULT(r.hostname, VERIFY_UNKNOWN, REASON_NO_HOSTNAME);
    ASSERT_RESULT(r.overall, VERIFY_UNKNOWN, REASON_NO_HOSTNAME);

    verify_chain(ca, c.ptr, c.len, c.n, JAN_2045 + 86400, "www.example.com", &r);
    ASSERT_RESULT(r.time, VERIFY_INVALID, REASON_EXPIRED);
    g_assert_cmpint(r.time_index, ==, 0);
    ASSERT_RESULT(r.overall, VERIFY_INVALID, REASON_EXPIRED);
    verify_chain(ca, c.ptr, c.len, c.n, JAN_2025 - 86400, "www.example.com", &r);
    ASSERT_RESULT(r.time, VERIFY_INVALID, REASON_NOT_YET_VALID);
    verify_chain(ca, c.ptr, c.len, c.n, 0, "www.example.com", &r);
    ASSERT_RESULT(r.time, VERIFY_UNKNOWN, REASON_NO_TIME);
    ASSERT_RESULT(r.overall, VERIFY_UNKNOWN, REASON_NO_TIME);

    verify_chain(NULL, c.ptr, c.len, c.n, Y2030, "www.example.com", &r);
    ASSERT_RESULT(r.trust, VERIFY_UNKNOWN, REASON_NO_TRUST_ANCHOR);
    ASSERT_RESULT(r.overall, VERIFY_UNKNOWN, REASON_NO_TRUST_ANCHOR);

    /* a flipped byte at the end of the signature: still DER, no longer signed */
    guint8 *bad = g_memdup2(c.ptr[0], c.len[0]);
    bad[c.len[0] - 1] ^= 1;
    const guint8 *bad_ptr[1] = { bad };
    verify_chain(ca, bad_ptr, c.len, 1, Y2030, "www.example.com", &r);
    ASSERT_RESULT(r.trust, VERIFY_INVALID, REASON_BAD_SIGNATURE);
    ASSERT_RESULT(r.overall, VERIFY_INVALID, REASON_BAD_SIGNATURE);
    /* a broken header: not DER at all */
    bad[1] ^= 0x7f;
    verify_chain(ca, bad_ptr, c.len, 1, Y2030, "www.example.com", &r);
    ASSERT_RESULT(r.overall, VERIFY_INVALID, REASON_BAD_DER);
    g_assert_cmpint(r.links_index, ==, 0);
    g_free(bad);
    verify_chain(ca, c.ptr, c.len, 0, Y2030, "www.example.com", &r);
    ASSERT_RESULT(r.overall, VERIFY_UNKNOWN, REASON_EMPTY_INPUT);
    chain_clear(&c);

    /* leaf then intermediate, with the leaf's signature broken */
    chain_init(&c, "chain-server-cert.pem", "intermediate-cert.pem");
    bad = g_memdup2(c.ptr[0], c.len[0]);
    bad[c.len[0] - 1] ^= 1;
    const guint8 *two[2] = { bad, c.ptr[1] };
    verify_chain(ca, two, c.len, 2, Y2030, "www.example.com", &r);
    ASSERT_RESULT(r.links, VERIFY_INVALID, REASON_BAD_SIGNATURE);
    g_assert_cmpint(r.links_index, ==, 0);
    ASSERT_RESULT(r.trust, VERIFY_VALID, REASON_NONE);
    ASSERT_RESULT(r.overall, VERIFY_INVALID, REASON_BAD_SIGNATURE);
    g_free(bad);
    /* sent in the wrong order */
    const guint8 *swapped[2] = { c.ptr[1], c.ptr[0] };
    const gsize swapped_len[2] = { c.len[1], c.len[0] };
    verify_chain(ca, swapped, swapped_len, 2, Y2030, "www.example.com", &r);
    ASSERT_RESULT(r.links, VERIFY_INVALID, REASON_ISSUER_MISMATCH);
    chain_clear(&c);

    /* a leaf used as an issuer */
    chain_init(&c, "chain-server-cert.pem", "server-cert.pem");
    verify_chain(ca, c.ptr, c.len, 2, Y2030, "www.example.com", &r);
    ASSERT_RESULT(r.links, VERIFY_INVALID, REASON_ISSUER_MISMATCH);
    chain_clear(&c);
    verify_trust_free(ca);
    verify_trust_free(other);
}

static void test_chain_weak_and_trust_store(void)
{
    struct verify_trust *ca = trust_with("ca-cert.pem");
    struct verify_chain_result r;
    char *p = repo_path("tests/unit/data/sha1-server-cert.pem");
    GBytes *der = load_der(p);
    const guint8 *ptr[1] = { g_bytes_get_data(der, NULL) };
    gsize len[1] = { g_bytes_get_size(der) };
    verify_chain(ca, ptr, len, 1, Y2030, "sha1.example.com", &r);
    ASSERT_RESULT(r.overall, VERIFY_VALID, REASON_NONE);
    g_assert_true(r.overall.weak);
    g_assert_true(r.trust.weak);
    verify_trust_free(ca);

    enum verify_reason why;
    g_assert_null(verify_trust_new(FALSE, "/nonexistent/ca.pem", &why));
    g_assert_cmpint(why, ==, REASON_TRUST_STORE_ERROR);
    /* a pinned leaf is an anchor too */
    struct verify_trust *pinned = verify_trust_new(FALSE, p, &why);
    verify_chain(pinned, ptr, len, 1, Y2030, "sha1.example.com", &r);
    ASSERT_RESULT(r.trust, VERIFY_VALID, REASON_NONE);
    verify_trust_free(pinned);
    struct verify_trust *none = verify_trust_new(FALSE, NULL, &why);
    verify_chain(none, ptr, len, 1, Y2030, "sha1.example.com", &r);
    ASSERT_RESULT(r.trust, VERIFY_UNKNOWN, REASON_NO_TRUST_ANCHOR);
    verify_trust_free(none);

    struct verify_trust *sys = verify_trust_new(TRUE, NULL, &why);
    if (why == REASON_NONE) {
        verify_chain(sys, ptr, len, 1, Y2030, "sha1.example.com", &r);
        ASSERT_RESULT(r.trust, VERIFY_INVALID, REASON_UNTRUSTED_ROOT);
    }
    verify_trust_free(sys);
    g_bytes_unref(der);
    g_free(p);
}

/* ---- handshake signatures from the Illustrated connections ---- */

static GBytes *leaf_of(const struct vector *cert_msg)
{
    gboolean ok;
    struct hs_message m = parsed(cert_msg, &ok);
    g_assert_true(ok && m.cert_count >= 1);
    return g_bytes_new(cert_msg->data + m.certs[0].offset, m.certs[0].length);
}

static void test_tls12_server_key_exchange(void)
{
    const char *src = "illustrated-tls12";
    const struct vector *ch = msg(src, 0, 1), *sh = msg(src, 1, 2), *ske = msg(src, 3, 12);
    GBytes *leaf = leaf_of(msg(src, 2, 11));
    gsize ll, pl = params_of(ske);
    const guint8 *l = g_bytes_get_data(leaf, &ll);
    struct verify_result r = verify_server_key_exchange(l, ll, 0x0303, KX_ECDHE, ch->data + 6,
                                                        sh->data + 6, ske->data + 4, ske->len - 4,
                                                        pl);
    ASSERT_RESULT(r, VERIFY_VALID, REASON_NONE);
    g_assert_false(r.weak);
    /* params changed in transit */
    guint8 *bad = g_memdup2(ske->data + 4, ske->len - 4);
    bad[10] ^= 1;
    r = verify_server_key_exchange(l, ll, 0x0303, KX_ECDHE, ch->data + 6, sh->data + 6,
                                   bad, ske->len - 4, pl);
    ASSERT_RESULT(r, VERIFY_INVALID, REASON_BAD_SIGNATURE);
    g_free(bad);
    /* randoms swapped */
    r = verify_server_key_exchange(l, ll, 0x0303, KX_ECDHE, sh->data + 6, ch->data + 6,
                                   ske->data + 4, ske->len - 4, pl);
    ASSERT_RESULT(r, VERIFY_INVALID, REASON_BAD_SIGNATURE);
    /* cut short, or with parameters one byte short of the parser's */
    r = verify_server_key_exchange(l, ll, 0x0303, KX_ECDHE, ch->data + 6, sh->data + 6,
                                   ske->data + 4, ske->len - 5, pl);
    ASSERT_RESULT(r, VERIFY_INVALID, REASON_BAD_FORMAT);
    r = verify_server_key_exchange(l, ll, 0x0303, KX_ECDHE, ch->data + 6, sh->data + 6,
                                   ske->data + 4, ske->len - 4, pl - 1);
    g_assert_cmpint(r.verdict, !=, VERIFY_VALID);
    r = verify_server_key_exchange(l, ll, 0x0303, KX_ECDHE, ch->data + 6, sh->data + 6,
                                   ske->data + 4, ske->len - 4, 0);
    ASSERT_RESULT(r, VERIFY_INVALID, REASON_BAD_FORMAT);
    r = verify_server_key_exchange(l, ll, 0x0303, KX_PSK, ch->data + 6, sh->data + 6,
                                   ske->data + 4, ske->len - 4, pl);
    ASSERT_RESULT(r, VERIFY_UNKNOWN, REASON_UNSUPPORTED);
    /* no certificate, a certificate that does not parse */
    r = verify_server_key_exchange(NULL, 0, 0x0303, KX_ECDHE, ch->data + 6, sh->data + 6,
                                   ske->data + 4, ske->len - 4, pl);
    ASSERT_RESULT(r, VERIFY_UNKNOWN, REASON_NO_KEY);
    r = verify_server_key_exchange(l, ll / 2, 0x0303, KX_ECDHE, ch->data + 6, sh->data + 6,
                                   ske->data + 4, ske->len - 4, pl);
    ASSERT_RESULT(r, VERIFY_UNKNOWN, REASON_BAD_DER);
    /* an ECDSA certificate cannot have made this RSA signature */
    GBytes *ec = cert_der("ecdsa-server-cert.pem");
    r = verify_server_key_exchange(g_bytes_get_data(ec, NULL), g_bytes_get_size(ec), 0x0303,
                                   KX_ECDHE, ch->data + 6, sh->data + 6, ske->data + 4, ske->len - 4, pl);
    g_assert_cmpint(r.verdict, ==, VERIFY_INVALID);
    g_bytes_unref(ec);
    g_bytes_unref(leaf);
}

static void cv13(const char *src, guint cert_i, guint cv_i, enum keys_hash h)
{
    const struct vector *cert = msg(src, cert_i, 11), *cv = msg(src, cv_i, 15);
    struct transcript *t = transcript_new();
    /* CH, SH, EE, Certificate: the EE of rfc8446 is the Illustrated one */
    static const guint8 empty_ee[] = { 8, 0, 0, 2, 0, 0 };
    g_assert_true(transcript_add(t, msg(src, 0, 1)->data, msg(src, 0, 1)->len));
    g_assert_true(transcript_add(t, msg(src, 1, 2)->data, msg(src, 1, 2)->len));
    g_assert_true(transcript_add(t, empty_ee, sizeof empty_ee));
    g_assert_true(transcript_add(t, cert->data, cert->len));
    guint8 th[KEYS_HASH_MAX];
    gsize hl;
    g_assert_true(transcript_hash(t, h, th, &hl));
    GBytes *leaf = leaf_of(cert);
    gsize ll;
    const guint8 *l = g_bytes_get_data(leaf, &ll);
    struct verify_result r = verify_certificate_verify13(l, ll, TRUE, th, hl, cv->data + 4, cv->len - 4);
    ASSERT_RESULT(r, VERIFY_VALID, REASON_NONE);
    /* the client's context string is different */
    r = verify_certificate_verify13(l, ll, FALSE, th, hl, cv->data + 4, cv->len - 4);
    ASSERT_RESULT(r, VERIFY_INVALID, REASON_BAD_SIGNATURE);
    th[0] ^= 1;
    r = verify_certificate_verify13(l, ll, TRUE, th, hl, cv->data + 4, cv->len - 4);
    ASSERT_RESULT(r, VERIFY_INVALID, REASON_BAD_SIGNATURE);
    r = verify_certificate_verify13(l, ll, TRUE, NULL, 0, cv->data + 4, cv->len - 4);
    ASSERT_RESULT(r, VERIFY_UNKNOWN, REASON_TRUNCATED_TRANSCRIPT);
    r = verify_certificate_verify13(l, ll, TRUE, th, hl, cv->data + 4, cv->len - 5);
    ASSERT_RESULT(r, VERIFY_INVALID, REASON_BAD_FORMAT);
    g_bytes_unref(leaf);
    transcript_free(t);
}

static void test_tls13_certificate_verify(void)
{
    /* Illustrated TLS 1.3: TLS_AES_256_GCM_SHA384; RFC 8448: TLS_AES_128_GCM_SHA256 */
    cv13("illustrated-tls13", 3, 4, KEYS_HASH_SHA384);
    cv13("rfc8446", 2, 3, KEYS_HASH_SHA256);
}

/* ---- signatures made here with the test keys ---- */

static GBytes *digitally_signed(gboolean with_scheme, guint16 scheme, const gnutls_datum_t *sig)
{
    GByteArray *a = g_byte_array_new();
    guint8 hdr[4] = { (guint8)(scheme >> 8), (guint8)scheme,
                      (guint8)(sig->size >> 8), (guint8)sig->size };
    g_byte_array_append(a, with_scheme ? hdr : hdr + 2, with_scheme ? 4 : 2);
    g_byte_array_append(a, sig->data, sig->size);
    return g_byte_array_free_to_bytes(a);
}

/* TLS 1.0 ServerKeyExchange: RSA over MD5||SHA-1 without DigestInfo. */
static void test_tls10_rsa_server_key_exchange(void)
{
    static const guint8 params[] = { 3, 0x00, 0x1d, 4, 1, 2, 3, 4 };  /* x25519, 4-byte "point" */
    guint8 cr[32], sr[32], signed_data[64 + sizeof params], hash[36];
    memset(cr, 0xcc, 32);
    memset(sr, 0x55, 32);
    memcpy(signed_data, cr, 32);
    memcpy(signed_data + 32, sr, 32);
    memcpy(signed_data + 64, params, sizeof params);
    gnutls_hash_fast(GNUTLS_DIG_MD5, signed_data, sizeof signed_data, hash);
    gnutls_hash_fast(GNUTLS_DIG_SHA1, signed_data, sizeof signed_data, hash + 16);
    gnutls_privkey_t key = load_key("server-key.pem");
    gnutls_datum_t h = { hash, 36 }, sig;
    g_assert_cmpint(gnutls_privkey_sign_hash(key, GNUTLS_DIG_UNKNOWN,
                                             GNUTLS_PRIVKEY_SIGN_FLAG_TLS1_RSA, &h, &sig), ==, 0);
    GBytes *tail = digitally_signed(FALSE, 0, &sig);
    GByteArray *body = g_byte_array_new();
    g_byte_array_append(body, params, sizeof params);
    g_byte_array_append(body, g_bytes_get_data(tail, NULL), (guint)g_bytes_get_size(tail));
    GBytes *leaf = cert_der("server-cert.pem");
    struct verify_result r = verify_server_key_exchange(
        g_bytes_get_data(leaf, NULL), g_bytes_get_size(leaf), 0x0301, KX_ECDHE, cr, sr,
        body->data, body->len, sizeof params);
    ASSERT_RESULT(r, VERIFY_VALID, REASON_NONE);
    g_assert_true(r.weak);
    cr[0] ^= 1;
    r = verify_server_key_exchange(g_bytes_get_data(leaf, NULL), g_bytes_get_size(leaf), 0x0302,
                                   KX_ECDHE, cr, sr, body->data, body->len, sizeof params);
    ASSERT_RESULT(r, VERIFY_INVALID, REASON_BAD_SIGNATURE);
    /* read as TLS 1.2, the first two signature bytes become a scheme */
    r = verify_server_key_exchange(g_bytes_get_data(leaf, NULL), g_bytes_get_size(leaf), 0x0303,
                                   KX_ECDHE, cr, sr, body->data, body->len, sizeof params);
    g_assert_cmpint(r.verdict, !=, VERIFY_VALID);
    g_byte_array_unref(body);
    g_bytes_unref(tail);
    g_bytes_unref(leaf);
    gnutls_free(sig.data);
    gnutls_privkey_deinit(key);
}

/* TLS 1.2 CertificateVerify over the transcript bytes, ECDSA and RSA. */
static void test_tls12_certificate_verify(void)
{
    static const struct { const char *cert, *key; guint16 scheme; gnutls_sign_algorithm_t sign; } cases[] = {
        { "ecdsa-server-cert.pem", "ecdsa-server-key.pem", 0x0403, GNUTLS_SIGN_ECDSA_SHA256 },
        { "server-cert.pem", "server-key.pem", 0x0401, GNUTLS_SIGN_RSA_SHA256 },
        { "server-cert.pem", "server-key.pem", 0x0804, GNUTLS_SIGN_RSA_PSS_RSAE_SHA256 },
        { "server-cert.pem", "server-key.pem", 0x0201, GNUTLS_SIGN_RSA_SHA1 },
    };
    const struct vector *ch = msg("illustrated-tls12", 0, 1);
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        gnutls_privkey_t key = load_key(cases[i].key);
        gnutls_datum_t data = { (unsigned char *)ch->data, (unsigned int)ch->len }, sig;
        g_assert_cmpint(gnutls_privkey_sign_data2(key, cases[i].sign, 0, &data, &sig), ==, 0);
        GBytes *body = digitally_signed(TRUE, cases[i].scheme, &sig);
        GBytes *leaf = cert_der(cases[i].cert);
        gsize bl, ll;
        const guint8 *b = g_bytes_get_data(body, &bl), *l = g_bytes_get_data(leaf, &ll);
        struct verify_result r = verify_certificate_verify12(l, ll, 0x0303, ch->data, ch->len, b, bl);
        ASSERT_RESULT(r, VERIFY_VALID, REASON_NONE);
        g_assert_cmpint(r.weak, ==, cases[i].scheme == 0x0201);
        r = verify_certificate_verify12(l, ll, 0x0303, ch->data, ch->len - 1, b, bl);
        ASSERT_RESULT(r, VERIFY_INVALID, REASON_BAD_SIGNATURE);
        r = verify_certificate_verify12(l, ll, 0x0303, NULL, 0, b, bl);
        ASSERT_RESULT(r, VERIFY_UNKNOWN, REASON_TRUNCATED_TRANSCRIPT);
        g_bytes_unref(body);
        g_bytes_unref(leaf);
        gnutls_free(sig.data);
        gnutls_privkey_deinit(key);
    }
    /* unknown scheme; PKCS#1 v1.5 in TLS 1.3 */
    static const guint8 body[] = { 0x09, 0x99, 0x00, 0x01, 0x00 };
    GBytes *leaf = cert_der("server-cert.pem");
    struct verify_result r = verify_certificate_verify12(g_bytes_get_data(leaf, NULL),
                                                         g_bytes_get_size(leaf), 0x0303,
                                                         ch->data, ch->len, body, sizeof body);
    ASSERT_RESULT(r, VERIFY_UNKNOWN, REASON_UNKNOWN_ALGORITHM);
    static const guint8 pkcs1[] = { 0x04, 0x01, 0x00, 0x01, 0x00 };
    guint8 th[32] = { 0 };
    r = verify_certificate_verify13(g_bytes_get_data(leaf, NULL), g_bytes_get_size(leaf), TRUE,
                                    th, 32, pkcs1, sizeof pkcs1);
    ASSERT_RESULT(r, VERIFY_INVALID, REASON_SCHEME_NOT_ALLOWED);
    g_bytes_unref(leaf);
}

static void test_reason_texts(void)
{
    for (int i = 0; i < REASON_N; i++) {
        const char *t = verify_reason_text((enum verify_reason)i);
        g_assert_nonnull(t);
        g_assert_cmpstr(t, !=, "?");
    }
    g_assert_cmpstr(verify_reason_text(REASON_N), ==, "?");
    g_assert_cmpstr(verify_verdict_name(VERIFY_VALID), ==, "valid");
    /* a zeroed result must never read as valid */
    struct verify_result zero;
    memset(&zero, 0, sizeof zero);
    g_assert_cmpint(zero.verdict, ==, VERIFY_UNKNOWN);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/verify/cert-info", test_cert_info);
    g_test_add_func("/verify/cert-info-bad-input", test_cert_info_bad_input);
    g_test_add_func("/verify/cert-info-cache", test_cert_info_cache);
    g_test_add_func("/verify/certificate-entries", test_certificate_entries);
    g_test_add_func("/verify/chain-valid", test_chain_valid);
    g_test_add_func("/verify/chain-problems", test_chain_problems);
    g_test_add_func("/verify/chain-weak-and-trust-store", test_chain_weak_and_trust_store);
    g_test_add_func("/verify/tls12-server-key-exchange", test_tls12_server_key_exchange);
    g_test_add_func("/verify/tls13-certificate-verify", test_tls13_certificate_verify);
    g_test_add_func("/verify/tls10-rsa-server-key-exchange", test_tls10_rsa_server_key_exchange);
    g_test_add_func("/verify/tls12-certificate-verify", test_tls12_certificate_verify);
    g_test_add_func("/verify/reason-texts", test_reason_texts);
    return g_test_run();
}
