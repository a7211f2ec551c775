/* Findings and diagnoses from events: each fires on the message that shows
 * it and not where it is absent.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <gnutls/abstract.h>
#include "session.h"
#include "keylog.h"
#include "verdicts.h"
#include "vectors.h"

/* 2018-10-10, when The Illustrated TLS captures were made: their
 * certificates were valid then. */
#define ILLUSTRATED_TIME 1539129600.0

struct fixture {
    struct analyzer *a;
    guint32 frame;
    gdouble time;
};

static const struct vector *find(const char *source, guint8 type)
{
    for (gsize i = 0; i < G_N_ELEMENTS(vectors); i++)
        if (strcmp(vectors[i].source, source) == 0 && vectors[i].type == type)
            return &vectors[i];
    g_error("no vector %s/%u", source, type);
    return NULL;
}

static void feed(struct fixture *f, enum event_kind kind, int side, const guint8 *data, gsize len,
                 struct item *it)
{
    struct event ev = { kind, TLSX_TLS, 1, side, data, len, ++f->frame, f->time + f->frame * 0.01 };
    g_assert_true(analyzer_feed(f->a, &ev, it));
}

static void feed_vector(struct fixture *f, int side, const struct vector *v, struct item *it)
{
    feed(f, EV_HANDSHAKE, side, v->data, v->len, it);
    g_assert_false(it->malformed);
}

static gboolean has(const struct item *it, guint8 kind)
{
    const struct findings *fs = item_findings(it);
    for (guint i = 0; fs && i < fs->n; i++)
        if (fs->list[i].kind == kind)
            return TRUE;
    return FALSE;
}

static guint count(const struct item *it)
{
    return item_findings(it) ? item_findings(it)->n : 0;
}

/* A copy of a vector with bytes changed at an offset. */
static guint8 *patched(const struct vector *v, gsize at, const void *bytes, gsize n)
{
    guint8 *copy = g_memdup2(v->data, v->len);
    g_assert_cmpuint(at + n, <=, v->len);
    memcpy(copy + at, bytes, n);
    return copy;
}

static struct hs_message parsed(const struct vector *v)
{
    struct hs_context ctx = vector_context(v);
    struct hs_message m;
    struct hs_error e;
    g_assert_true(hs_parse(v->data, v->len, &ctx, &m, &e, NULL));
    return m;
}

/* The Illustrated TLS 1.2 connection: ECDHE-RSA with AES-128-CBC-SHA and
 * no encrypt_then_mac or extended_master_secret. */
static void test_illustrated_tls12(void)
{
    struct fixture f = { analyzer_new(), 0, ILLUSTRATED_TIME };
    const char *s = "illustrated-tls12";
    struct item it;
    /* Its client still lists two 3DES suites (0xc012, 0x000a): a note. */
    feed_vector(&f, 1, find(s, HS_CLIENT_HELLO), &it);
    g_assert_cmpuint(count(&it), ==, 1);
    g_assert_true(has(&it, FINDING_OFFERED_WEAK));
    g_assert_cmpuint(item_findings(&it)->list[0].value, ==, 2);
    feed_vector(&f, 0, find(s, HS_SERVER_HELLO), &it);
    g_assert_true(has(&it, FINDING_CBC_NO_ETM));
    g_assert_true(has(&it, FINDING_NO_EMS));
    g_assert_false(has(&it, FINDING_STATIC_RSA));
    g_assert_false(has(&it, FINDING_TLS10));
    g_assert_false(has(&it, FINDING_NO_RENEGOTIATION_INFO));
    feed_vector(&f, 0, find(s, HS_CERTIFICATE), &it);
    g_assert_false(has(&it, FINDING_CERT_EXPIRED));
    g_assert_false(has(&it, FINDING_CERT_NOT_YET_VALID));
    feed_vector(&f, 0, find(s, HS_SERVER_KEY_EXCHANGE), &it);
    g_assert_cmpuint(count(&it), ==, 0);
    analyzer_free(f.a);

    /* The same certificate seen years later has expired. */
    f = (struct fixture){ analyzer_new(), 0, ILLUSTRATED_TIME + 3 * 365 * 86400.0 };
    feed_vector(&f, 1, find(s, HS_CLIENT_HELLO), &it);
    feed_vector(&f, 0, find(s, HS_SERVER_HELLO), &it);
    feed_vector(&f, 0, find(s, HS_CERTIFICATE), &it);
    g_assert_true(has(&it, FINDING_CERT_EXPIRED));
    analyzer_free(f.a);
}

/* The server's choice decides: RC4, export, NULL and compression on the
 * ServerHello; the sentinel only when the client offered more. */
static void test_server_choices(void)
{
    static const struct { guint16 suite; guint8 kind; } cases[] = {
        { 0x0005, FINDING_RC4 }, { 0x0003, FINDING_EXPORT }, { 0x003b, FINDING_NULL_CIPHER },
        { 0x000a, FINDING_3DES }, { 0x0034, FINDING_ANON }, { 0x002f, FINDING_STATIC_RSA },
    };
    const struct vector *ch = find("illustrated-tls12", HS_CLIENT_HELLO);
    const struct vector *sh = find("illustrated-tls12", HS_SERVER_HELLO);
    struct hs_message m = parsed(sh);
    gsize suite_at = m.u.sh.session_id.offset + m.u.sh.session_id.length;
    gsize random_end = m.u.sh.random.offset + m.u.sh.random.length;
    struct item it;
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        struct fixture f = { analyzer_new(), 0, ILLUSTRATED_TIME };
        guint8 be[2] = { cases[i].suite >> 8, cases[i].suite & 0xff };
        guint8 *p = patched(sh, suite_at, be, 2);
        feed_vector(&f, 1, ch, &it);
        feed(&f, EV_HANDSHAKE, 0, p, sh->len, &it);
        g_assert_true(has(&it, cases[i].kind));
        g_free(p);
        analyzer_free(f.a);
    }
    {
        struct fixture f = { analyzer_new(), 0, ILLUSTRATED_TIME };
        guint8 deflate = 1;
        guint8 *p = patched(sh, suite_at + 2, &deflate, 1);
        feed_vector(&f, 1, ch, &it);
        feed(&f, EV_HANDSHAKE, 0, p, sh->len, &it);
        g_assert_true(has(&it, FINDING_COMPRESSION));
        g_free(p);
        analyzer_free(f.a);
    }
    for (guint8 last = 0; last <= 1; last++) {
        /* This client offers TLS 1.2 and nothing newer: "DOWNGRD" 01 (the
         * server would have done 1.3) is no reason to abort, 00 is. */
        struct fixture f = { analyzer_new(), 0, ILLUSTRATED_TIME };
        guint8 tail[8] = { 'D', 'O', 'W', 'N', 'G', 'R', 'D', last };
        guint8 *p = patched(sh, random_end - 8, tail, 8);
        feed_vector(&f, 1, ch, &it);
        feed(&f, EV_HANDSHAKE, 0, p, sh->len, &it);
        g_assert_cmpint(has(&it, FINDING_DOWNGRADE), ==, last == 0);
        g_free(p);
        analyzer_free(f.a);
    }
}

/* A modern TLS 1.3 handshake has no warning or error. */
static void test_tls13_quiet(void)
{
    struct fixture f = { analyzer_new(), 0, ILLUSTRATED_TIME };
    struct item it;
    feed_vector(&f, 1, find("illustrated-tls13", HS_CLIENT_HELLO), &it);
    g_assert_cmpuint(count(&it), ==, 0);
    feed_vector(&f, 0, find("illustrated-tls13", HS_SERVER_HELLO), &it);
    g_assert_cmpuint(count(&it), ==, 0);
    analyzer_free(f.a);
}

static void test_heartbleed(void)
{
    static const guint8 ccs[] = { 1 };
    guint8 honest[3 + 4 + 16] = { 1, 0, 4 };
    guint8 bleed[3 + 4 + 16] = { 1, 0x40, 0 };
    struct fixture f = { analyzer_new(), 0, ILLUSTRATED_TIME };
    struct item it;
    feed_vector(&f, 1, find("illustrated-tls12", HS_CLIENT_HELLO), &it);
    feed_vector(&f, 0, find("illustrated-tls12", HS_SERVER_HELLO), &it);
    feed(&f, EV_HEARTBEAT, 1, honest, sizeof honest, &it);
    g_assert_cmpstr(it.message, ==, "Heartbeat");
    g_assert_false(has(&it, FINDING_HEARTBLEED));
    feed(&f, EV_HEARTBEAT, 1, bleed, sizeof bleed, &it);
    g_assert_true(has(&it, FINDING_HEARTBLEED));
    g_assert_cmpuint(item_findings(&it)->list[0].value, ==, 0x4000);
    /* After its ChangeCipherSpec the client's heartbeats are encrypted. */
    feed(&f, EV_CCS, 1, ccs, 1, &it);
    feed(&f, EV_HEARTBEAT, 1, bleed, sizeof bleed, &it);
    g_assert_true(it.encrypted);
    g_assert_false(has(&it, FINDING_HEARTBLEED));
    analyzer_free(f.a);
}

static const struct summary *end_with_alert(struct fixture *f, int side, guint8 desc)
{
    guint8 alert[2] = { 2, desc };
    static struct item it;
    feed(f, EV_ALERT, side, alert, 2, &it);
    g_assert_nonnull(item_summary(&it));
    return item_summary(&it);
}

static void test_diagnosis(void)
{
    const char *s = "illustrated-tls12";
    struct item it;
    const struct summary *sum;
    struct fixture f = { analyzer_new(), 0, ILLUSTRATED_TIME };

    /* Nothing shared: the server answers the ClientHello with an alert. */
    feed_vector(&f, 1, find(s, HS_CLIENT_HELLO), &it);
    sum = end_with_alert(&f, 0, 40);
    g_assert_cmpstr(sum->diagnosis.key, ==, "nothing_shared");
    g_assert_cmpuint(sum->diagnosis.frame, ==, 1);
    g_assert_cmpuint(sum->diagnosis.value, >, 0);
    analyzer_free(f.a);

    /* The client rejects a chain that is fine in time and name: its issuer. */
    f = (struct fixture){ analyzer_new(), 0, ILLUSTRATED_TIME };
    feed_vector(&f, 1, find(s, HS_CLIENT_HELLO), &it);
    feed_vector(&f, 0, find(s, HS_SERVER_HELLO), &it);
    feed_vector(&f, 0, find(s, HS_CERTIFICATE), &it);
    sum = end_with_alert(&f, 1, 48);
    g_assert_cmpstr(sum->diagnosis.key, ==, "cert_rejected");
    g_assert_cmpuint(sum->diagnosis.frame, ==, 3);
    analyzer_free(f.a);

    /* The same chain long after it expired: that is the cause named. */
    f = (struct fixture){ analyzer_new(), 0, ILLUSTRATED_TIME + 3 * 365 * 86400.0 };
    feed_vector(&f, 1, find(s, HS_CLIENT_HELLO), &it);
    feed_vector(&f, 0, find(s, HS_SERVER_HELLO), &it);
    feed_vector(&f, 0, find(s, HS_CERTIFICATE), &it);
    sum = end_with_alert(&f, 1, 45);
    g_assert_cmpstr(sum->diagnosis.key, ==, "cert_expired");
    g_assert_cmpuint(sum->diagnosis.frame, ==, 3);
    analyzer_free(f.a);

    /* A fallback the server refused. */
    f = (struct fixture){ analyzer_new(), 0, ILLUSTRATED_TIME };
    feed_vector(&f, 1, find(s, HS_CLIENT_HELLO), &it);
    sum = end_with_alert(&f, 0, 86);
    g_assert_cmpstr(sum->diagnosis.key, ==, "fallback");
    g_assert_cmpuint(sum->diagnosis.frame, ==, 2);
    analyzer_free(f.a);

    /* An alert nothing explains. */
    f = (struct fixture){ analyzer_new(), 0, ILLUSTRATED_TIME };
    feed_vector(&f, 1, find(s, HS_CLIENT_HELLO), &it);
    feed_vector(&f, 0, find(s, HS_SERVER_HELLO), &it);
    sum = end_with_alert(&f, 1, 80);
    g_assert_cmpstr(sum->diagnosis.key, ==, "unexplained");
    analyzer_free(f.a);
}

/* TLS 1.1 chosen: the ServerHello's legacy_version, with no supported_versions. */
static void test_tls11(void)
{
    const struct vector *sh = find("illustrated-tls12", HS_SERVER_HELLO);
    static const guint8 v11[2] = { 3, 2 };
    guint8 *p = patched(sh, 4, v11, 2);
    struct fixture f = { analyzer_new(), 0, ILLUSTRATED_TIME };
    struct item it;
    feed_vector(&f, 1, find("illustrated-tls12", HS_CLIENT_HELLO), &it);
    feed(&f, EV_HANDSHAKE, 0, p, sh->len, &it);
    g_assert_true(has(&it, FINDING_TLS11));
    g_free(p);
    analyzer_free(f.a);
}

/* secp192r1 (0x0013) in place of x25519 in the ServerKeyExchange. */
static void test_small_curve(void)
{
    const char *s = "illustrated-tls12";
    const struct vector *ske = find(s, HS_SERVER_KEY_EXCHANGE);
    static const guint8 p192[2] = { 0x00, 0x13 };
    guint8 *p = patched(ske, 4 + 1, p192, 2);
    struct fixture f = { analyzer_new(), 0, ILLUSTRATED_TIME };
    struct item it;
    feed_vector(&f, 1, find(s, HS_CLIENT_HELLO), &it);
    feed_vector(&f, 0, find(s, HS_SERVER_HELLO), &it);
    feed_vector(&f, 0, find(s, HS_CERTIFICATE), &it);
    feed(&f, EV_HANDSHAKE, 0, p, ske->len, &it);
    g_assert_true(has(&it, FINDING_EC_SMALL));
    g_assert_cmpuint(item_findings(&it)->list[0].value, ==, 192);
    g_free(p);
    analyzer_free(f.a);
}

/* A TLS 1.3 ticket_lifetime of 1,000,000 s, over the 604,800 allowed. */
static void test_ticket_lifetime(void)
{
    const char *s = "illustrated-tls13";
    static const guint8 types[] = { HS_CLIENT_HELLO, HS_SERVER_HELLO, HS_ENCRYPTED_EXTENSIONS,
                                    HS_CERTIFICATE, HS_CERTIFICATE_VERIFY };
    static const guint8 long_life[4] = { 0x00, 0x0f, 0x42, 0x40 };
    const struct vector *nst = find(s, HS_NEW_SESSION_TICKET);
    guint8 *p = patched(nst, 4, long_life, 4);
    struct fixture f = { analyzer_new(), 0, ILLUSTRATED_TIME };
    struct item it;
    int n = 0;
    for (gsize i = 0; i < G_N_ELEMENTS(types); i++)
        feed_vector(&f, types[i] == HS_CLIENT_HELLO ? 1 : 0, find(s, types[i]), &it);
    for (gsize i = 0; i < G_N_ELEMENTS(vectors) && n < 2; i++)
        if (vectors[i].source && strcmp(vectors[i].source, s) == 0 &&
            vectors[i].type == HS_FINISHED)
            feed_vector(&f, n++ == 0 ? 0 : 1, &vectors[i], &it);
    feed_vector(&f, 0, nst, &it);
    g_assert_false(has(&it, FINDING_TICKET_LIFETIME));
    feed(&f, EV_HANDSHAKE, 0, p, nst->len, &it);
    g_assert_true(has(&it, FINDING_TICKET_LIFETIME));
    g_assert_cmpuint(item_findings(&it)->list[0].value, ==, 11);
    g_free(p);
    analyzer_free(f.a);
}

/* The illustrated certificate seen before its notBefore (2018-10-05). */
static void test_not_yet_valid(void)
{
    const char *s = "illustrated-tls12";
    struct fixture f = { analyzer_new(), 0, ILLUSTRATED_TIME - 30 * 86400.0 };
    struct item it;
    feed_vector(&f, 1, find(s, HS_CLIENT_HELLO), &it);
    feed_vector(&f, 0, find(s, HS_SERVER_HELLO), &it);
    feed_vector(&f, 0, find(s, HS_CERTIFICATE), &it);
    g_assert_true(has(&it, FINDING_CERT_NOT_YET_VALID));
    g_assert_false(has(&it, FINDING_CERT_EXPIRED));
    analyzer_free(f.a);
}

/* A TLS 1.2 Certificate message holding the given DER certificates. */
static GByteArray *certificate_message(GBytes *const *ders, guint n)
{
    GByteArray *m = g_byte_array_new();
    guint32 list = 0;
    guint8 hdr[7];
    for (guint i = 0; i < n; i++)
        list += 3 + (guint32)g_bytes_get_size(ders[i]);
    hdr[0] = HS_CERTIFICATE;
    hdr[1] = (list + 3) >> 16; hdr[2] = (list + 3) >> 8; hdr[3] = list + 3;
    hdr[4] = list >> 16; hdr[5] = list >> 8; hdr[6] = list;
    g_byte_array_append(m, hdr, 7);
    for (guint i = 0; i < n; i++) {
        gsize len = g_bytes_get_size(ders[i]);
        guint8 l[3] = { len >> 16, len >> 8, len };
        g_byte_array_append(m, l, 3);
        g_byte_array_append(m, g_bytes_get_data(ders[i], NULL), (guint)len);
    }
    return m;
}

static GBytes *der_of_pem(const char *name)
{
    char *path = g_build_filename(TLSX_CERTS_DIR, name, NULL), *pem;
    gsize len;
    gnutls_x509_crt_t crt;
    gnutls_datum_t in, out;
    GBytes *der;
    g_assert_true(g_file_get_contents(path, &pem, &len, NULL));
    in.data = (unsigned char *)pem;
    in.size = (unsigned int)len;
    g_assert_cmpint(gnutls_x509_crt_init(&crt), ==, 0);
    g_assert_cmpint(gnutls_x509_crt_import(crt, &in, GNUTLS_X509_FMT_PEM), ==, 0);
    g_assert_cmpint(gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_DER, &out), ==, 0);
    der = g_bytes_new(out.data, out.size);
    gnutls_free(out.data);
    gnutls_x509_crt_deinit(crt);
    g_free(pem);
    g_free(path);
    return der;
}

static const struct item *feed_certificates(struct fixture *f, GBytes *const *ders, guint n)
{
    static struct item it;
    GByteArray *m = certificate_message(ders, n);
    feed_vector(f, 1, find("illustrated-tls12", HS_CLIENT_HELLO), &it);
    feed_vector(f, 0, find("illustrated-tls12", HS_SERVER_HELLO), &it);
    feed(f, EV_HANDSHAKE, 0, m->data, m->len, &it);
    g_assert_false(it.malformed);
    g_byte_array_unref(m);
    return &it;
}

/* The intermediate before the server's certificate: out of order. */
static void test_chain_order(void)
{
    GBytes *right[2] = { der_of_pem("chain-server-cert.pem"), der_of_pem("intermediate-cert.pem") };
    GBytes *wrong[2] = { right[1], right[0] };
    struct fixture f = { analyzer_new(), 0, 1767258000.0 /* 2026-01-01 09:00 */ };
    g_assert_false(has(feed_certificates(&f, right, 2), FINDING_CERT_ORDER));
    analyzer_free(f.a);
    f = (struct fixture){ analyzer_new(), 0, 1767258000.0 };
    g_assert_true(has(feed_certificates(&f, wrong, 2), FINDING_CERT_ORDER));
    analyzer_free(f.a);
    g_bytes_unref(right[0]);
    g_bytes_unref(right[1]);
}

/* A certificate signed over SHA-1, made here: gen/certs has none. */
static GBytes *sha1_certificate(void)
{
    gnutls_x509_privkey_t key;
    gnutls_x509_crt_t crt, issuer;
    gnutls_datum_t out;
    gboolean ok;
    static const unsigned char serial[1] = { 1 };
    GBytes *der;
    g_assert_cmpint(gnutls_x509_privkey_init(&key), ==, 0);
    g_assert_cmpint(gnutls_x509_privkey_generate(key, GNUTLS_PK_ECDSA,
                    GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0), ==, 0);
    g_assert_cmpint(gnutls_x509_crt_init(&crt), ==, 0);
    gnutls_x509_crt_set_version(crt, 3);
    gnutls_x509_crt_set_serial(crt, serial, sizeof serial);
    gnutls_x509_crt_set_activation_time(crt, 1735689600);   /* 2025-01-01 */
    gnutls_x509_crt_set_expiration_time(crt, 1798761600);   /* 2027-01-01 */
    gnutls_x509_crt_set_dn(crt, "CN=www.example.com", NULL);
    g_assert_cmpint(gnutls_x509_crt_init(&issuer), ==, 0);
    gnutls_x509_crt_set_dn(issuer, "CN=SHA-1 Test CA", NULL);
    gnutls_x509_crt_set_subject_alt_name(crt, GNUTLS_SAN_DNSNAME, "www.example.com", 15,
                                         GNUTLS_FSAN_SET);
    gnutls_x509_crt_set_key(crt, key);
    /* Signed by its own key in another issuer's name: only the hash
     * matters here. */
    ok = gnutls_x509_crt_sign2(crt, issuer, key, GNUTLS_DIG_SHA1, 0) == 0;
    gnutls_x509_crt_deinit(issuer);
    if (!ok) {
        gnutls_x509_crt_deinit(crt);
        gnutls_x509_privkey_deinit(key);
        return NULL;
    }
    g_assert_cmpint(gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_DER, &out), ==, 0);
    der = g_bytes_new(out.data, out.size);
    gnutls_free(out.data);
    gnutls_x509_crt_deinit(crt);
    gnutls_x509_privkey_deinit(key);
    return der;
}

static void test_weak_signature(void)
{
    GBytes *chain[2] = { sha1_certificate(), der_of_pem("ca-cert.pem") };
    struct fixture f = { analyzer_new(), 0, 1767258000.0 };
    if (!chain[0]) {
        g_test_skip("this GnuTLS refuses to sign with SHA-1");
    } else {
        const struct item *it = feed_certificates(&f, chain, 2);
        g_assert_true(has(it, FINDING_CERT_WEAK_SIGNATURE));
        g_bytes_unref(chain[0]);
    }
    g_bytes_unref(chain[1]);
    analyzer_free(f.a);
}

/* Both ChangeCipherSpecs and encrypted Finished messages: the end. */
static void finish_tls12(struct fixture *f, struct item *it)
{
    static const guint8 ccs[] = { 1 };
    feed(f, EV_CCS, 1, ccs, 1, it);
    feed(f, EV_HANDSHAKE_RAW, 1, ccs, 1, it);
    feed(f, EV_CCS, 0, ccs, 1, it);
    feed(f, EV_HANDSHAKE_RAW, 0, ccs, 1, it);
    g_assert_nonnull(item_summary(it));
}

/* The summary's Security subtree, decided from the summary's facts. */
static void test_security_view(void)
{
    const char *s = "illustrated-tls12";
    const struct vector *sh = find(s, HS_SERVER_HELLO);
    struct hs_message m = parsed(sh);
    gsize suite_at = m.u.sh.session_id.offset + m.u.sh.session_id.length;
    static const guint8 rsa_suite[2] = { 0x00, 0x2f };
    struct fixture f = { analyzer_new(), 0, ILLUSTRATED_TIME };
    struct security_view v;
    struct summary sum;
    struct item it;
    guint8 *p;

    /* ECDHE, no EMS, a certificate naming its host only in the CN: forward
     * secret, the weakest part the first warning, authentication in doubt. */
    feed_vector(&f, 1, find(s, HS_CLIENT_HELLO), &it);
    feed_vector(&f, 0, sh, &it);
    feed_vector(&f, 0, find(s, HS_CERTIFICATE), &it);
    feed_vector(&f, 0, find(s, HS_SERVER_KEY_EXCHANGE), &it);
    feed_vector(&f, 0, find(s, HS_SERVER_HELLO_DONE), &it);
    feed_vector(&f, 1, find(s, HS_CLIENT_KEY_EXCHANGE), &it);
    finish_tls12(&f, &it);
    findings_security(item_summary(&it), &v);
    g_assert_cmpstr(v.forward_secrecy, ==, "fs_yes");
    g_assert_cmpstr(v.authentication, ==, "auth_flawed");
    g_assert_cmpstr(v.weakest, ==, "weakest");
    g_assert_cmpuint(v.finding->kind, ==, FINDING_NO_EMS);
    /* A copy to vary; its findings stay the analyzer's. */
    sum = *item_summary(&it);

    /* Without the findings, a certificate that checks out. */
    sum.n_findings = 0;
    findings_security(&sum, &v);
    g_assert_cmpstr(v.authentication, ==, "auth_server");
    g_assert_cmpstr(v.weakest, ==, "nothing_weak");
    /* The same made RSA key exchange: no forward secrecy, no signature. */
    sum.suite = 0x002f;
    sum.forward_secrecy = FALSE;
    findings_security(&sum, &v);
    g_assert_cmpstr(v.forward_secrecy, ==, "fs_rsa");
    g_assert_cmpstr(v.authentication, ==, "auth_server_rsa");
    /* Failed, nothing about forward secrecy or authentication holds. */
    sum.outcome = OUTCOME_FAILED;
    findings_security(&sum, &v);
    g_assert_cmpstr(v.forward_secrecy, ==, "fs_failed");
    g_assert_cmpstr(v.authentication, ==, "auth_failed");
    /* Only notes. */
    sum.outcome = OUTCOME_ESTABLISHED;
    sum.n_findings = 1;
    g_assert_cmpuint(sum.findings[0].kind, ==, FINDING_OFFERED_WEAK);
    findings_security(&sum, &v);
    g_assert_cmpstr(v.weakest, ==, "only_notes");
    g_assert_null(v.finding);
    analyzer_free(f.a);

    /* An expired certificate with RSA key exchange: in doubt too. */
    f = (struct fixture){ analyzer_new(), 0, ILLUSTRATED_TIME + 3 * 365 * 86400.0 };
    p = patched(sh, suite_at, rsa_suite, 2);
    feed_vector(&f, 1, find(s, HS_CLIENT_HELLO), &it);
    feed(&f, EV_HANDSHAKE, 0, p, sh->len, &it);
    feed_vector(&f, 0, find(s, HS_CERTIFICATE), &it);
    feed_vector(&f, 0, find(s, HS_SERVER_HELLO_DONE), &it);
    finish_tls12(&f, &it);
    findings_security(item_summary(&it), &v);
    g_assert_cmpstr(v.authentication, ==, "auth_flawed");
    g_free(p);
    analyzer_free(f.a);
}

/* What only a chain's verdict shows. */
static void test_from_chain(void)
{
    struct cert_info leaf = { 0 };
    guint32 days;
    leaf.not_before = 0;
    leaf.not_after = 400 * 86400;
    g_assert_cmpuint(findings_from_chain(VERIFY_INVALID, REASON_UNTRUSTED_ROOT, &leaf, &days), ==,
                     FINDING_CERT_UNTRUSTED);
    g_assert_cmpuint(findings_from_chain(VERIFY_VALID, REASON_NONE, &leaf, &days), ==,
                     FINDING_CERT_LIFETIME);
    g_assert_cmpuint(days, ==, 400);
    leaf.not_after = 398 * 86400;
    g_assert_cmpuint(findings_from_chain(VERIFY_VALID, REASON_NONE, &leaf, &days), ==,
                     FINDING_NONE);
    /* Any other failure is the check's own note, not a finding. */
    g_assert_cmpuint(findings_from_chain(VERIFY_INVALID, REASON_EXPIRED, &leaf, &days), ==,
                     FINDING_NONE);
    g_assert_cmpuint(findings_from_chain(VERIFY_UNKNOWN, REASON_NO_TRUST_ANCHOR, &leaf, &days),
                     ==, FINDING_NONE);
}

/* The scheme a signature names, for the statistics. */
static void test_signature_scheme(void)
{
    struct fixture f = { analyzer_new(), 0, ILLUSTRATED_TIME };
    const struct vector *ske = find("illustrated-tls12", HS_SERVER_KEY_EXCHANGE);
    const struct vector *cv = find("illustrated-tls13", HS_CERTIFICATE_VERIFY);
    struct item it;
    feed_vector(&f, 1, find("illustrated-tls12", HS_CLIENT_HELLO), &it);
    feed_vector(&f, 0, find("illustrated-tls12", HS_SERVER_HELLO), &it);
    feed_vector(&f, 0, find("illustrated-tls12", HS_CERTIFICATE), &it);
    feed_vector(&f, 0, ske, &it);
    g_assert_cmphex(verdicts_signature_scheme(&it, ske->data + 4, ske->len - 4), ==, 0x0401);
    /* A body cut before the scheme names none. */
    g_assert_cmphex(verdicts_signature_scheme(&it, ske->data + 4, 10), ==, 0);
    analyzer_free(f.a);

    f = (struct fixture){ analyzer_new(), 0, ILLUSTRATED_TIME };
    static const guint8 types[] = { HS_CLIENT_HELLO, HS_SERVER_HELLO, HS_ENCRYPTED_EXTENSIONS,
                                    HS_CERTIFICATE };
    for (gsize i = 0; i < G_N_ELEMENTS(types); i++)
        feed_vector(&f, types[i] == HS_CLIENT_HELLO ? 1 : 0, find("illustrated-tls13", types[i]),
                    &it);
    feed_vector(&f, 0, cv, &it);
    g_assert_cmphex(verdicts_signature_scheme(&it, cv->data + 4, cv->len - 4), ==, 0x0804);
    analyzer_free(f.a);
}

/* A record left encrypted while the key log has its handshake's client
 * random: the secrets were there, and wrong. */
static void test_keylog_has_secrets(void)
{
    static const guint8 flight[200] = { 0 };
    const struct vector *ch = find("illustrated-tls13", HS_CLIENT_HELLO);
    struct hs_message m = parsed(ch);
    GString *line = g_string_new("CLIENT_HANDSHAKE_TRAFFIC_SECRET ");
    struct fixture f = { analyzer_new(), 0, ILLUSTRATED_TIME };
    struct keylog *with = keylog_new(), *without = keylog_new();
    struct verdicts *v_with, *v_without;
    struct item it;
    for (guint i = 0; i < m.u.ch.random.length; i++)
        g_string_append_printf(line, "%02x", ch->data[m.u.ch.random.offset + i]);
    g_string_append(line, " ");
    for (guint i = 0; i < 32; i++)
        g_string_append(line, "ab");
    g_string_append(line, "\n");
    g_assert_cmpuint(keylog_load_buffer(with, line->str, line->len), ==, 1);
    v_with = verdicts_new(with, TRUE, FALSE, NULL);
    v_without = verdicts_new(without, TRUE, FALSE, NULL);
    feed_vector(&f, 1, ch, &it);
    feed_vector(&f, 0, find("illustrated-tls13", HS_SERVER_HELLO), &it);
    g_assert_false(verdicts_keylog_has_secrets(v_with, &it));  /* not encrypted */
    feed(&f, EV_OPAQUE, 0, flight, sizeof flight, &it);
    g_assert_true(it.encrypted);
    g_assert_true(verdicts_keylog_has_secrets(v_with, &it));
    g_assert_false(verdicts_keylog_has_secrets(v_without, &it));
    verdicts_free(v_with);
    verdicts_free(v_without);
    keylog_free(with);
    keylog_free(without);
    g_string_free(line, TRUE);
    analyzer_free(f.a);
}

/* Every finding has a name and a severity. */
static void test_definitions(void)
{
    g_assert_null(finding_def(FINDING_NONE));
    g_assert_null(finding_def(FINDING_N));
    for (guint k = 1; k < FINDING_N; k++) {
        g_assert_nonnull(finding_def(k));
        g_assert_nonnull(finding_def(k)->name);
        g_assert_cmpuint(finding_def(k)->severity, >=, SEVERITY_NOTE);
        g_assert_cmpuint(finding_def(k)->severity, <=, SEVERITY_ERROR);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/findings/definitions", test_definitions);
    g_test_add_func("/findings/illustrated_tls12", test_illustrated_tls12);
    g_test_add_func("/findings/server_choices", test_server_choices);
    g_test_add_func("/findings/tls13_quiet", test_tls13_quiet);
    g_test_add_func("/findings/heartbleed", test_heartbleed);
    g_test_add_func("/findings/diagnosis", test_diagnosis);
    g_test_add_func("/findings/tls11", test_tls11);
    g_test_add_func("/findings/small_curve", test_small_curve);
    g_test_add_func("/findings/ticket_lifetime", test_ticket_lifetime);
    g_test_add_func("/findings/not_yet_valid", test_not_yet_valid);
    g_test_add_func("/findings/chain_order", test_chain_order);
    g_test_add_func("/findings/weak_signature", test_weak_signature);
    g_test_add_func("/findings/security_view", test_security_view);
    g_test_add_func("/findings/from_chain", test_from_chain);
    g_test_add_func("/findings/signature_scheme", test_signature_scheme);
    g_test_add_func("/findings/keylog_has_secrets", test_keylog_has_secrets);
    return g_test_run();
}
