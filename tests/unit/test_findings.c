/* Findings and diagnoses from events: each fires on the message that shows
 * it and not where it is absent.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "session.h"
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
    return g_test_run();
}
