/* The story core tells from events in frame order: numbering, steps, sides,
 * and what undecrypted records must be.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "session.h"
#include "vectors.h"

struct fixture {
    struct analyzer *a;
    guint32 frame;
};

static const struct vector *find(const char *source, guint8 type, int nth)
{
    for (gsize i = 0; i < G_N_ELEMENTS(vectors); i++)
        if (strcmp(vectors[i].source, source) == 0 && vectors[i].type == type && nth-- == 0)
            return &vectors[i];
    g_error("no vector %s/%u", source, type);
    return NULL;
}

static gboolean feed(struct fixture *f, enum event_kind kind, guint64 conn, int side,
                     const guint8 *data, gsize len, struct item *it)
{
    struct event ev = { kind, TLSX_TLS, conn, side, data, len, ++f->frame, f->frame * 0.01 };
    return analyzer_feed(f->a, &ev, it);
}

/* An encrypted record the size of a TLS 1.3 Finished with SHA-256: 4 + 32
 * bytes, the content type and a 16-byte tag. */
static const guint8 finished_sized[4 + 32 + 1 + 16] = { 0 };

static void expect_msg(struct fixture *f, guint64 conn, int side, const struct vector *v,
                       const char *name, guint8 sender, guint hs, guint step)
{
    struct item it;
    g_assert_true(feed(f, EV_HANDSHAKE, conn, side, v->data, v->len, &it));
    g_assert_cmpstr(it.message, ==, name);
    g_assert_cmpuint(it.sender, ==, sender);
    g_assert_cmpuint(it.handshake, ==, hs);
    g_assert_cmpuint(it.step, ==, step);
    g_assert_false(it.malformed);
}

static const guint8 ccs[] = { 1 };

static void test_tls12_full_undecrypted(void)
{
    struct fixture f = { analyzer_new(), 0 };
    const char *s = "illustrated-tls12";
    struct item it;
    expect_msg(&f, 7, 1, find(s, HS_CLIENT_HELLO, 0), "ClientHello", SENDER_CLIENT, 1, 1);
    expect_msg(&f, 7, 0, find(s, HS_SERVER_HELLO, 0), "ServerHello", SENDER_SERVER, 1, 2);
    expect_msg(&f, 7, 0, find(s, HS_CERTIFICATE, 0), "Certificate", SENDER_SERVER, 1, 3);
    expect_msg(&f, 7, 0, find(s, HS_SERVER_KEY_EXCHANGE, 0), "ServerKeyExchange", SENDER_SERVER, 1, 4);
    expect_msg(&f, 7, 0, find(s, HS_SERVER_HELLO_DONE, 0), "ServerHelloDone", SENDER_SERVER, 1, 5);
    expect_msg(&f, 7, 1, find(s, HS_CLIENT_KEY_EXCHANGE, 0), "ClientKeyExchange", SENDER_CLIENT, 1, 6);
    /* A handshake record before ChangeCipherSpec is a fragment: not ours. */
    g_assert_false(feed(&f, EV_HANDSHAKE_RAW, 7, 1, ccs, 1, &it));
    g_assert_true(feed(&f, EV_CCS, 7, 1, ccs, 1, &it));
    g_assert_cmpstr(it.explain, ==, "ChangeCipherSpec");
    g_assert_cmpuint(it.step, ==, 7);
    g_assert_true(feed(&f, EV_HANDSHAKE_RAW, 7, 1, ccs, 1, &it));
    g_assert_cmpstr(it.message, ==, "Finished");
    g_assert_true(it.encrypted);
    g_assert_cmpuint(it.sender, ==, SENDER_CLIENT);
    g_assert_true(feed(&f, EV_CCS, 7, 0, ccs, 1, &it));
    g_assert_true(feed(&f, EV_HANDSHAKE_RAW, 7, 0, ccs, 1, &it));
    g_assert_cmpstr(it.message, ==, "Finished");
    g_assert_cmpuint(it.step, ==, 10);
    /* Only the first application data record each way is explained. */
    g_assert_true(feed(&f, EV_OPAQUE, 7, 1, ccs, 1, &it));
    g_assert_cmpstr(it.message, ==, "ApplicationData");
    g_assert_cmpuint(it.step, ==, 0);
    g_assert_false(feed(&f, EV_OPAQUE, 7, 1, ccs, 1, &it));
    g_assert_true(feed(&f, EV_OPAQUE, 7, 0, ccs, 1, &it));
    /* A second connection is a second handshake. */
    expect_msg(&f, 8, 0, find(s, HS_CLIENT_HELLO, 0), "ClientHello", SENDER_CLIENT, 2, 1);
    analyzer_free(f.a);
}

/* A close ends only a handshake under way; which one, and how, is said. */
static void test_close_and_incomplete(void)
{
    struct fixture f = { analyzer_new(), 0 };
    const char *s = "illustrated-tls12";
    static const guint8 fin[] = { CLOSE_FIN }, rst[] = { CLOSE_RESET };
    struct item it;
    /* A connection never seen as TLS closes: nothing to say. */
    g_assert_false(feed(&f, EV_CLOSE, 5, 0, fin, 1, &it));
    /* Closed with no answer. */
    expect_msg(&f, 7, 1, find(s, HS_CLIENT_HELLO, 0), "ClientHello", SENDER_CLIENT, 1, 1);
    g_assert_true(feed(&f, EV_CLOSE, 7, 0, rst, 1, &it));
    g_assert_cmpstr(it.message, ==, "ConnectionClosed");
    g_assert_cmpstr(it.explain, ==, "ConnectionClosed.reset");
    g_assert_cmpuint(it.sender, ==, SENDER_SERVER);
    g_assert_cmpuint(it.handshake, ==, 1);
    g_assert_cmpuint(it.step, ==, 0);
    g_assert_cmpuint(item_summary(&it)->outcome, ==, OUTCOME_FAILED);
    g_assert_cmpstr(item_links(&it)->note, ==, "note.closed_no_answer");
    /* The other FIN of the same connection: the handshake has ended. */
    g_assert_false(feed(&f, EV_CLOSE, 7, 1, fin, 1, &it));
    /* Data from a client whose Finished the capture misses: incomplete. */
    expect_msg(&f, 8, 1, find(s, HS_CLIENT_HELLO, 0), "ClientHello", SENDER_CLIENT, 2, 1);
    expect_msg(&f, 8, 0, find(s, HS_SERVER_HELLO, 0), "ServerHello", SENDER_SERVER, 2, 2);
    g_assert_true(feed(&f, EV_OPAQUE, 8, 1, ccs, 1, &it));
    g_assert_cmpstr(it.message, ==, "ApplicationData");
    g_assert_cmpuint(item_summary(&it)->outcome, ==, OUTCOME_INCOMPLETE);
    g_assert_cmpstr(item_links(&it)->note, ==, "note.incomplete");
    g_assert_false(feed(&f, EV_CLOSE, 8, 1, fin, 1, &it));
    analyzer_free(f.a);
}

/* A fragment that does not complete its message is named but takes no step. */
static void test_dtls_fragment(void)
{
    struct fixture f = { analyzer_new(), 0 };
    static const guint8 header[12] = { HS_CERTIFICATE, 0, 3, 0xbf, 0, 2, 0, 0, 0, 0, 2, 0x3f };
    struct item it;
    expect_msg(&f, 7, 1, find("illustrated-tls12", HS_CLIENT_HELLO, 0), "ClientHello",
               SENDER_CLIENT, 1, 1);
    g_assert_true(feed(&f, EV_FRAGMENT, 7, 0, header, sizeof header, &it));
    g_assert_cmpstr(it.message, ==, "HandshakeFragment");
    g_assert_cmpuint(it.msg_type, ==, HS_CERTIFICATE);
    g_assert_cmpuint(it.handshake, ==, 1);
    g_assert_cmpuint(it.step, ==, 0);
    g_assert_false(feed(&f, EV_FRAGMENT, 7, 0, header, 5, &it));
    analyzer_free(f.a);
}

static void test_tls13_undecrypted_flight(void)
{
    struct fixture f = { analyzer_new(), 0 };
    const char *s = "illustrated-tls13";
    struct item it;
    expect_msg(&f, 1, 0, find(s, HS_CLIENT_HELLO, 0), "ClientHello", SENDER_CLIENT, 1, 1);
    expect_msg(&f, 1, 1, find(s, HS_SERVER_HELLO, 0), "ServerHello", SENDER_SERVER, 1, 2);
    g_assert_true(feed(&f, EV_CCS, 1, 1, ccs, 1, &it));
    g_assert_cmpstr(it.explain, ==, "ChangeCipherSpec.compat");
    g_assert_true(feed(&f, EV_OPAQUE, 1, 1, ccs, 1, &it));
    g_assert_cmpstr(it.explain, ==, "EncryptedHandshake.tls13.server");
    g_assert_false(it.more_of_flight);
    /* The flight's later records point back to its first. */
    g_assert_true(feed(&f, EV_OPAQUE, 1, 1, ccs, 1, &it));
    g_assert_cmpstr(it.explain, ==, "EncryptedHandshake.tls13.server_more");
    g_assert_true(it.more_of_flight);
    /* A record the size of an encrypted Finished (SHA-256: 4 + 32 bytes,
     * the content type and a 16-byte tag) */
    g_assert_true(feed(&f, EV_OPAQUE, 1, 0, finished_sized, sizeof finished_sized, &it));
    g_assert_cmpstr(it.explain, ==, "EncryptedHandshake.tls13.client");
    g_assert_true(it.encrypted);
    g_assert_false(it.more_of_flight);
    /* without keys that it is the Finished cannot be confirmed */
    g_assert_nonnull(item_summary(&it));
    g_assert_cmpuint(item_summary(&it)->outcome, ==, OUTCOME_UNCONFIRMED);
    /* Another record in the same segment: more of the flight, or data. */
    f.frame--;
    g_assert_true(feed(&f, EV_OPAQUE, 1, 0, ccs, 1, &it));
    g_assert_cmpstr(it.message, ==, "EncryptedRecord");
    g_assert_cmpstr(it.explain, ==, "EncryptedHandshake.tls13.client_more");
    g_assert_true(it.encrypted);
    g_assert_true(it.more_of_flight);
    g_assert_true(feed(&f, EV_OPAQUE, 1, 0, ccs, 1, &it));
    g_assert_cmpstr(it.explain, ==, "ApplicationData.tls13");
    g_assert_true(feed(&f, EV_OPAQUE, 1, 1, ccs, 1, &it));
    g_assert_cmpstr(it.explain, ==, "ApplicationData.tls13");
    analyzer_free(f.a);
}

static void test_fatal_alert_and_capture_mid_handshake(void)
{
    struct fixture f = { analyzer_new(), 0 };
    static const guint8 fatal[] = { 2, 40 };
    struct item it;
    /* The capture starts at ServerHello: the sides come from the type. */
    expect_msg(&f, 3, 1, find("illustrated-tls12", HS_SERVER_HELLO, 0), "ServerHello",
               SENDER_SERVER, 1, 1);
    g_assert_true(feed(&f, EV_ALERT, 3, 0, fatal, 2, &it));
    g_assert_true(it.has_alert);
    g_assert_cmpuint(it.alert_desc, ==, 40);
    g_assert_cmpuint(it.sender, ==, SENDER_CLIENT);
    g_assert_cmpuint(it.step, ==, 2);
    g_assert_true(feed(&f, EV_ALERT, 3, 0, NULL, 0, &it));
    g_assert_true(it.encrypted);
    g_assert_cmpuint(it.step, ==, 0);  /* the handshake was already over */
    analyzer_free(f.a);
}

static void test_malformed_message_still_placed(void)
{
    struct fixture f = { analyzer_new(), 0 };
    const struct vector *v = find("illustrated-tls12", HS_CLIENT_HELLO, 0);
    guint8 *bad = g_memdup2(v->data, v->len);
    struct item it;
    bad[4 + 2 + 32] = 0xff;  /* session id length far past the message */
    g_assert_true(feed(&f, EV_HANDSHAKE, 1, 0, bad, v->len, &it));
    g_assert_true(it.malformed);
    g_assert_cmpstr(item_error(&it)->field, ==, "legacy_session_id");
    g_assert_cmpuint(it.step, ==, 1);
    g_free(bad);
    analyzer_free(f.a);
}

/* Renegotiation inside an encrypted TLS 1.2 connection: a new handshake. */
static void test_encrypted_renegotiation(void)
{
    struct fixture f = { analyzer_new(), 0 };
    const char *s = "illustrated-tls12";
    struct item it;
    expect_msg(&f, 5, 0, find(s, HS_CLIENT_HELLO, 0), "ClientHello", SENDER_CLIENT, 1, 1);
    expect_msg(&f, 5, 1, find(s, HS_SERVER_HELLO, 0), "ServerHello", SENDER_SERVER, 1, 2);
    for (int side = 0; side < 2; side++) {
        g_assert_true(feed(&f, EV_CCS, 5, side, ccs, 1, &it));
        g_assert_true(feed(&f, EV_HANDSHAKE_RAW, 5, side, ccs, 1, &it));
        g_assert_cmpstr(it.message, ==, "Finished");
    }
    /* The server asks first: HelloRequest, then the client's ClientHello. */
    g_assert_true(feed(&f, EV_HANDSHAKE_RAW, 5, 1, ccs, 1, &it));
    g_assert_cmpstr(it.message, ==, "HelloRequest");
    g_assert_cmpuint(it.handshake, ==, 2);
    g_assert_cmpuint(it.step, ==, 1);
    g_assert_true(feed(&f, EV_HANDSHAKE_RAW, 5, 0, ccs, 1, &it));
    g_assert_cmpstr(it.message, ==, "ClientHello");
    g_assert_cmpuint(it.handshake, ==, 2);
    g_assert_true(feed(&f, EV_HANDSHAKE_RAW, 5, 1, ccs, 1, &it));
    g_assert_cmpstr(it.explain, ==, "EncryptedHandshake.renegotiation");
    g_assert_true(feed(&f, EV_CCS, 5, 1, ccs, 1, &it));
    g_assert_cmpstr(it.explain, ==, "ChangeCipherSpec");
    g_assert_true(feed(&f, EV_HANDSHAKE_RAW, 5, 1, ccs, 1, &it));
    g_assert_cmpstr(it.message, ==, "Finished");
    analyzer_free(f.a);
}

/* DTLS resends a flight it got no answer to: same message_seq, same step. */
static void test_dtls_retransmission(void)
{
    static const guint8 ch[] = {
        0x01, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2c,
        0xfe, 0xfd, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
        17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
        0x00, 0x00, 0x00, 0x04, 0xc0, 0x2b, 0xc0, 0x2f, 0x01, 0x00,
    };
    struct fixture f = { analyzer_new(), 0 };
    struct item it;
    struct event ev = { EV_HANDSHAKE, TLSX_DTLS, 9, 0, ch, sizeof ch, 1, 0.0 };
    g_assert_true(analyzer_feed(f.a, &ev, &it));
    g_assert_cmpstr(it.explain, ==, "ClientHello");
    g_assert_false(it.malformed);
    g_assert_cmpuint(it.step, ==, 1);
    ev.frame = 2;
    g_assert_true(analyzer_feed(f.a, &ev, &it));
    g_assert_cmpstr(it.explain, ==, "Retransmission.dtls");
    g_assert_cmpuint(it.step, ==, 1);
    g_assert_cmpuint(it.handshake, ==, 1);
    analyzer_free(f.a);
}

/* A capture that starts after the ClientHello says so on its first message. */
static void test_started_mid_handshake(void)
{
    struct fixture f = { analyzer_new(), 0 };
    struct item it;
    const struct vector *v = find("illustrated-tls12", HS_SERVER_HELLO, 0);
    g_assert_true(feed(&f, EV_HANDSHAKE, 4, 1, v->data, v->len, &it));
    g_assert_nonnull(item_links(&it));
    g_assert_cmpstr(item_links(&it)->note, ==, "note.started_mid");
    analyzer_free(f.a);
}

/* A ServerKeyExchange after the server chose RSA key exchange is flagged. */
/* Feeds RFC 8446's resumed handshake (§4) after its first one, with the
 * server's EncryptedExtensions given, and returns the flow it ends with. */
static const char *resumed_flow(const guint8 *ee, gsize ee_len)
{
    static char flow[64];
    struct fixture f = { analyzer_new(), 0 };
    const char *s = "rfc8446";
    struct item it;
    static const guint8 order[][3] = {  /* type, nth vector, side */
        { HS_CLIENT_HELLO, 0, 0 }, { HS_SERVER_HELLO, 0, 1 }, { HS_ENCRYPTED_EXTENSIONS, 0, 1 },
        { HS_CERTIFICATE, 0, 1 }, { HS_CERTIFICATE_VERIFY, 0, 1 }, { HS_FINISHED, 0, 1 },
        { HS_FINISHED, 1, 0 }, { HS_NEW_SESSION_TICKET, 0, 1 },
    };
    for (gsize i = 0; i < G_N_ELEMENTS(order); i++) {
        const struct vector *v = find(s, order[i][0], order[i][1]);
        g_assert_true(feed(&f, EV_HANDSHAKE, 1, order[i][2], v->data, v->len, &it));
    }
    const struct vector *ch = find(s, HS_CLIENT_HELLO, 1), *sh = find(s, HS_SERVER_HELLO, 1);
    g_assert_true(feed(&f, EV_HANDSHAKE, 2, 0, ch->data, ch->len, &it));
    g_assert_true(feed(&f, EV_HANDSHAKE, 2, 1, sh->data, sh->len, &it));
    if (ee)
        g_assert_true(feed(&f, EV_HANDSHAKE, 2, 1, ee, ee_len, &it));
    else
        g_assert_true(feed(&f, EV_OPAQUE, 2, 1, ccs, 1, &it));
    /* The client's encrypted answer, the size of its Finished. */
    g_assert_true(feed(&f, EV_OPAQUE, 2, 0, finished_sized, sizeof finished_sized, &it));
    g_assert_nonnull(it.extra);
    g_assert_nonnull(it.extra->summary);
    g_strlcpy(flow, it.extra->summary->flow, sizeof flow);
    analyzer_free(f.a);
    return flow;
}

/* The server's version and extensions are linked to the client's offer
 * (RFC 8446 §4.2, §4.2.1). */
static void test_choice_links_version_and_extensions(void)
{
    struct fixture f = { analyzer_new(), 0 };
    const struct vector *ch = find("rfc8446", HS_CLIENT_HELLO, 0);
    const struct vector *sh = find("rfc8446", HS_SERVER_HELLO, 0);
    struct item it;
    const struct links *l;
    gboolean has_versions = FALSE;
    g_assert_true(feed(&f, EV_HANDSHAKE, 1, 0, ch->data, ch->len, &it));
    g_assert_true(feed(&f, EV_HANDSHAKE, 1, 1, sh->data, sh->len, &it));
    l = item_links(&it);
    g_assert_nonnull(l);
    g_assert_cmpuint(l->offered_in, ==, 1);
    g_assert_cmpuint(l->version, ==, 0x0304);
    g_assert_cmpuint(l->version_count, >=, 1);
    g_assert_cmpuint(l->version_pos, >=, 1);
    g_assert_cmpuint(l->version_pos, <=, l->version_count);
    g_assert_cmpuint(l->n_offered_ext, >, 0);
    for (guint i = 0; i < l->n_offered_ext; i++)
        has_versions |= l->offered_ext[i] == 43;
    g_assert_true(has_versions);
    g_assert_false(l->refused_ext);
    /* EncryptedExtensions answers the same offer. */
    const struct vector *ee = find("rfc8446", HS_ENCRYPTED_EXTENSIONS, 0);
    g_assert_true(feed(&f, EV_HANDSHAKE, 1, 1, ee->data, ee->len, &it));
    g_assert_cmpuint(item_links(&it)->offered_in, ==, 1);
    g_assert_cmpuint(item_links(&it)->n_offered_ext, ==, l->n_offered_ext);
    /* That EncryptedExtensions is the 0-RTT handshake's: its early_data
     * answers nothing in this first ClientHello, which the client must refuse. */
    g_assert_true(item_links(&it)->refused_ext);
    analyzer_free(f.a);
}

/* A ServerHello with heartbeat (15) appended, which the client never sent:
 * the client must refuse it, whatever detail is drawn. */
static void test_refused_extension(void)
{
    struct fixture f = { analyzer_new(), 0 };
    const struct vector *ch = find("rfc8446", HS_CLIENT_HELLO, 0);
    const struct vector *sh = find("rfc8446", HS_SERVER_HELLO, 0);
    static const guint8 heartbeat[] = { 0x00, 0x0f, 0x00, 0x01, 0x01 };
    guint8 *msg = g_malloc(sh->len + sizeof heartbeat);
    gsize ext_len_at = 4 + 2 + 32 + 1 + sh->data[4 + 2 + 32] + 2 + 1;
    guint32 body = ((guint32)sh->data[1] << 16 | (guint32)sh->data[2] << 8 | sh->data[3]) +
                   (guint32)sizeof heartbeat;
    guint16 exts = (guint16)((sh->data[ext_len_at] << 8 | sh->data[ext_len_at + 1]) +
                             (int)sizeof heartbeat);
    struct item it;
    memcpy(msg, sh->data, sh->len);
    memcpy(msg + sh->len, heartbeat, sizeof heartbeat);
    msg[1] = (guint8)(body >> 16);
    msg[2] = (guint8)(body >> 8);
    msg[3] = (guint8)body;
    msg[ext_len_at] = (guint8)(exts >> 8);
    msg[ext_len_at + 1] = (guint8)exts;
    g_assert_true(feed(&f, EV_HANDSHAKE, 1, 0, ch->data, ch->len, &it));
    g_assert_true(feed(&f, EV_HANDSHAKE, 1, 1, msg, sh->len + sizeof heartbeat, &it));
    g_assert_false(it.malformed);
    g_assert_cmpuint(item_links(&it)->refused_ext, ==, 1);
    g_free(msg);
    analyzer_free(f.a);
}

/* Which text a server choice gets against the offer, and which ones the
 * client must refuse. */
static void test_choice_keys(void)
{
    static const guint16 offered[] = { 0, 43, 51 };
    struct links l = { 0 };
    guint pos;
    l.offered_ext = offered;
    l.n_offered_ext = G_N_ELEMENTS(offered);
    /* Versions without supported_versions: the server's may not exceed the
     * client's, and DTLS counts down (RFC 5246 §7.4.1.3, RFC 6347 §4.1). */
    l.version = 0x0303;
    l.client_version = 0x0303;
    g_assert_cmpstr(links_version_key(&l), ==, "text_legacy");
    l.client_version = 0x0302;
    g_assert_cmpstr(links_version_key(&l), ==, "text_legacy_higher");
    l.version = 0xfefd;
    l.client_version = 0xfeff;
    g_assert_cmpstr(links_version_key(&l), ==, "text_legacy_higher");
    l.client_version = 0xfefd;
    g_assert_cmpstr(links_version_key(&l), ==, "text_legacy");
    /* With supported_versions: not listed is refused either way (§4.2.1, §D.1). */
    l.version_count = 2;
    g_assert_cmpstr(links_version_key(&l), ==, "text_not_offered_legacy");
    l.version_in_ext = TRUE;
    g_assert_cmpstr(links_version_key(&l), ==, "text_not_offered");
    l.version_pos = 1;
    g_assert_cmpstr(links_version_key(&l), ==, "text");
    /* An HRR group the client already sent a share for (§4.2.8). */
    l.group_pos = 2;
    l.group_count = 2;
    l.group_shared = TRUE;
    g_assert_cmpstr(links_group_key(&l, TRUE), ==, "text_already_shared");
    g_assert_cmpstr(links_group_key(&l, FALSE), ==, "text");
    /* Extensions: answered, the HRR cookie, the SCSV's renegotiation_info. */
    g_assert_cmpstr(links_extension_key(&l, HS_SERVER_HELLO, 51, &pos), ==, "text");
    g_assert_cmpuint(pos, ==, 3);
    g_assert_cmpstr(links_extension_key(&l, HS_HELLO_RETRY_REQUEST, 44, &pos), ==,
                    "text_cookie");
    g_assert_cmpstr(links_extension_key(&l, HS_SERVER_HELLO, 44, &pos), ==, "text_not_offered");
    g_assert_cmpstr(links_extension_key(&l, HS_SERVER_HELLO, 0xff01, &pos), ==,
                    "text_not_offered");
    l.scsv = TRUE;
    g_assert_cmpstr(links_extension_key(&l, HS_SERVER_HELLO, 0xff01, &pos), ==, "text_scsv");
    g_assert_true(links_refused("text_not_offered"));
    g_assert_true(links_refused("text_already_shared"));
    g_assert_false(links_refused("text_scsv"));
    g_assert_false(links_refused("text_only"));
}

/* Later frames tell where a ticket was used and that a handshake never
 * ended; the analyzer keeps both for the items that come first. */
static void test_facts_from_later_frames(void)
{
    struct fixture f = { analyzer_new(), 0 };
    const char *s = "rfc8446";
    struct item nst, ch, last, it;
    const struct vector *v;
    static const guint8 order[][3] = {  /* type, nth vector, side */
        { HS_CLIENT_HELLO, 0, 0 }, { HS_SERVER_HELLO, 0, 1 }, { HS_ENCRYPTED_EXTENSIONS, 0, 1 },
        { HS_CERTIFICATE, 0, 1 }, { HS_CERTIFICATE_VERIFY, 0, 1 }, { HS_FINISHED, 0, 1 },
        { HS_FINISHED, 1, 0 },
    };
    for (gsize i = 0; i < G_N_ELEMENTS(order); i++) {
        v = find(s, order[i][0], order[i][1]);
        g_assert_true(feed(&f, EV_HANDSHAKE, 1, order[i][2], v->data, v->len, &it));
    }
    v = find(s, HS_NEW_SESSION_TICKET, 0);
    g_assert_true(feed(&f, EV_HANDSHAKE, 1, 1, v->data, v->len, &nst));
    g_assert_null(item_links(&nst) ? item_links(&nst)->used : NULL);
    /* The ticket is offered on two later connections. */
    v = find(s, HS_CLIENT_HELLO, 1);
    g_assert_true(feed(&f, EV_HANDSHAKE, 2, 0, v->data, v->len, &ch));
    g_assert_cmpuint(item_links(&ch)->ticket_from, ==, 8);
    g_assert_true(feed(&f, EV_HANDSHAKE, 3, 0, v->data, v->len, &last));
    g_assert_nonnull(item_links(&nst)->used);
    g_assert_cmpuint(item_links(&nst)->used->count, ==, 2);
    g_assert_cmpuint(item_links(&nst)->used->frames[0], ==, 9);
    g_assert_cmpuint(item_links(&nst)->used->frames[1], ==, 10);
    /* Neither later handshake ended: the last item of each gets a summary,
     * no other item does, and one that ended gets none. */
    g_assert_null(analyzer_unfinished(f.a, &nst, 8));
    g_assert_null(analyzer_unfinished(f.a, &ch, 10));
    const struct summary *sum = analyzer_unfinished(f.a, &ch, 9);
    g_assert_nonnull(sum);
    g_assert_cmpuint(sum->outcome, ==, OUTCOME_INCOMPLETE);
    g_assert_cmpstr(sum->note, ==, "note.capture_ended_no_answer");
    g_assert_true(analyzer_unfinished(f.a, &ch, 9) == sum);  /* the same when asked again */
    v = find(s, HS_SERVER_HELLO, 1);
    g_assert_true(feed(&f, EV_HANDSHAKE, 3, 1, v->data, v->len, &it));
    g_assert_null(analyzer_unfinished(f.a, &last, 10));
    sum = analyzer_unfinished(f.a, &it, 11);
    g_assert_nonnull(sum);
    g_assert_cmpstr(sum->note, ==, "note.capture_ended");
    g_assert_cmpstr(sum->flow, ==, "tls13-incomplete");
    analyzer_free(f.a);
}

/* 0-RTT happened only if EncryptedExtensions accepted it (RFC 8446 §4.2.10). */
static void test_early_data_needs_acceptance(void)
{
    static const guint8 accepted[] = { 8, 0, 0, 6, 0, 4, 0, 42, 0, 0 };
    static const guint8 rejected[] = { 8, 0, 0, 2, 0, 0 };
    g_assert_cmpstr(resumed_flow(accepted, sizeof accepted), ==, "tls13-psk-0rtt");
    g_assert_cmpstr(resumed_flow(rejected, sizeof rejected), ==, "tls13-psk");
    g_assert_cmpstr(resumed_flow(NULL, 0), ==, "tls13-psk-0rtt-offered");
}

static void test_unexpected_ske_with_rsa(void)
{
    struct fixture f = { analyzer_new(), 0 };
    const struct vector *sh = find("illustrated-tls12", HS_SERVER_HELLO, 0);
    guint8 *rsa_sh = g_memdup2(sh->data, sh->len);
    struct hs_context ctx = vector_context(sh);
    struct hs_message m;
    struct hs_error e;
    struct item it;
    gsize at;
    g_assert_true(hs_parse(sh->data, sh->len, &ctx, &m, &e, NULL));
    at = m.u.sh.session_id.offset + m.u.sh.session_id.length;
    rsa_sh[at] = 0x00;      /* TLS_RSA_WITH_AES_128_CBC_SHA */
    rsa_sh[at + 1] = 0x2f;
    expect_msg(&f, 2, 0, find("illustrated-tls12", HS_CLIENT_HELLO, 0), "ClientHello",
               SENDER_CLIENT, 1, 1);
    g_assert_true(feed(&f, EV_HANDSHAKE, 2, 1, rsa_sh, sh->len, &it));
    g_assert_true(feed(&f, EV_HANDSHAKE, 2, 1, find("illustrated-tls12", HS_SERVER_KEY_EXCHANGE, 0)->data,
                       find("illustrated-tls12", HS_SERVER_KEY_EXCHANGE, 0)->len, &it));
    g_assert_nonnull(item_links(&it));
    g_assert_cmpstr(item_links(&it)->note, ==, "note.unexpected_ske_rsa");
    g_free(rsa_sh);
    analyzer_free(f.a);
}

/* Where the client's Finished should be, a record too short for any
 * handshake message (an alert: 2 bytes, the content type, a 16-byte tag)
 * ends the handshake as failed, even without keys. */
static void test_tls13_encrypted_alert(void)
{
    static const guint8 alert_sized[2 + 1 + 16] = { 0 };
    static const guint8 eoed_sized[4 + 1 + 16] = { 0 };
    struct fixture f = { analyzer_new(), 0 };
    const char *s = "illustrated-tls13";
    struct item it;
    expect_msg(&f, 1, 0, find(s, HS_CLIENT_HELLO, 0), "ClientHello", SENDER_CLIENT, 1, 1);
    expect_msg(&f, 1, 1, find(s, HS_SERVER_HELLO, 0), "ServerHello", SENDER_SERVER, 1, 2);
    g_assert_true(feed(&f, EV_OPAQUE, 1, 1, finished_sized, sizeof finished_sized, &it));
    g_assert_true(feed(&f, EV_OPAQUE, 1, 0, alert_sized, sizeof alert_sized, &it));
    g_assert_cmpstr(it.message, ==, "EncryptedAlert");
    g_assert_cmpstr(it.explain, ==, "EncryptedAlert.tls13.client");
    g_assert_nonnull(item_summary(&it));
    g_assert_cmpuint(item_summary(&it)->outcome, ==, OUTCOME_FAILED);
    g_assert_cmpstr(item_summary(&it)->flow, ==, "tls13-failed");
    analyzer_free(f.a);
    /* EndOfEarlyData, the smallest handshake message, is not taken for one. */
    f.a = analyzer_new();
    f.frame = 0;
    expect_msg(&f, 2, 0, find(s, HS_CLIENT_HELLO, 0), "ClientHello", SENDER_CLIENT, 1, 1);
    expect_msg(&f, 2, 1, find(s, HS_SERVER_HELLO, 0), "ServerHello", SENDER_SERVER, 1, 2);
    g_assert_true(feed(&f, EV_OPAQUE, 2, 1, finished_sized, sizeof finished_sized, &it));
    g_assert_true(feed(&f, EV_OPAQUE, 2, 0, eoed_sized, sizeof eoed_sized, &it));
    g_assert_cmpstr(it.message, ==, "EncryptedHandshake");
    analyzer_free(f.a);
}

/* The client's answer is Finished-sized, so unconfirmed; a close with no
 * data either way then says the handshake probably failed. */
static void test_close_after_unconfirmed(void)
{
    static const guint8 fin[] = { CLOSE_FIN };
    const char *s = "illustrated-tls13";
    for (int data = 0; data <= 1; data++) {
        struct fixture f = { analyzer_new(), 0 };
        struct item it;
        expect_msg(&f, 1, 0, find(s, HS_CLIENT_HELLO, 0), "ClientHello", SENDER_CLIENT, 1, 1);
        expect_msg(&f, 1, 1, find(s, HS_SERVER_HELLO, 0), "ServerHello", SENDER_SERVER, 1, 2);
        g_assert_true(feed(&f, EV_OPAQUE, 1, 1, finished_sized, sizeof finished_sized, &it));
        g_assert_true(feed(&f, EV_OPAQUE, 1, 0, finished_sized, sizeof finished_sized, &it));
        g_assert_cmpuint(item_summary(&it)->outcome, ==, OUTCOME_UNCONFIRMED);
        if (data)
            g_assert_true(feed(&f, EV_OPAQUE, 1, 1, finished_sized, sizeof finished_sized, &it));
        if (data) {
            g_assert_false(feed(&f, EV_CLOSE, 1, 0, fin, 1, &it));
        } else {
            g_assert_true(feed(&f, EV_CLOSE, 1, 0, fin, 1, &it));
            g_assert_cmpstr(item_links(&it)->note, ==, "note.closed_after_unconfirmed");
            /* Said once. */
            g_assert_false(feed(&f, EV_CLOSE, 1, 1, fin, 1, &it));
        }
        analyzer_free(f.a);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/session/tls12-full-undecrypted", test_tls12_full_undecrypted);
    g_test_add_func("/session/close-and-incomplete", test_close_and_incomplete);
    g_test_add_func("/session/dtls-fragment", test_dtls_fragment);
    g_test_add_func("/session/tls13-undecrypted-flight", test_tls13_undecrypted_flight);
    g_test_add_func("/session/tls13-encrypted-alert", test_tls13_encrypted_alert);
    g_test_add_func("/session/close-after-unconfirmed", test_close_after_unconfirmed);
    g_test_add_func("/session/fatal-alert-mid-capture", test_fatal_alert_and_capture_mid_handshake);
    g_test_add_func("/session/malformed-still-placed", test_malformed_message_still_placed);
    g_test_add_func("/session/encrypted-renegotiation", test_encrypted_renegotiation);
    g_test_add_func("/session/dtls-retransmission", test_dtls_retransmission);
    g_test_add_func("/session/started-mid-handshake", test_started_mid_handshake);
    g_test_add_func("/session/unexpected-ske-with-rsa", test_unexpected_ske_with_rsa);
    g_test_add_func("/session/early-data-needs-acceptance", test_early_data_needs_acceptance);
    g_test_add_func("/session/facts-from-later-frames", test_facts_from_later_frames);
    g_test_add_func("/session/choice-keys", test_choice_keys);
    g_test_add_func("/session/choice-links-version-and-extensions",
                    test_choice_links_version_and_extensions);
    g_test_add_func("/session/refused-extension", test_refused_extension);
    return g_test_run();
}
