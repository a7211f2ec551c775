/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>
#include "keys.h"
#include "registry.h"
#include "session_priv.h"

#define ALERT_FATAL 2

static void free_handshake(gpointer p)
{
    struct handshake *h = p;
    story_free_handshake(h);
    checks_free(h);
    findings_free(h);
    g_free(h->dtls_steps);
    g_free(h);
}

static void free_session_key(gpointer p)
{
    g_bytes_unref(p);
}

struct analyzer *analyzer_new(void)
{
    struct analyzer *a = g_new0(struct analyzer, 1);
    a->conns = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
    a->handshakes = g_ptr_array_new_with_free_func(free_handshake);
    a->next_number = 1;
    a->tickets = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    a->sessions = g_hash_table_new_full(g_bytes_hash, g_bytes_equal, free_session_key, g_free);
    a->blocks = g_ptr_array_new_with_free_func(g_free);
    a->large = g_ptr_array_new_with_free_func(g_free);
    a->strings = g_string_chunk_new(4096);
    a->chains = g_hash_table_new_full(checks_cert_hash, g_bytes_equal,
                                      (GDestroyNotify)g_bytes_unref, NULL);
    a->spare_offers = g_ptr_array_new_with_free_func(g_free);
    a->spare_transcripts = g_ptr_array_new_with_free_func((GDestroyNotify)transcript_free);
    return a;
}

void analyzer_free(struct analyzer *a)
{
    if (!a)
        return;
    g_hash_table_destroy(a->conns);
    g_ptr_array_free(a->handshakes, TRUE);
    g_hash_table_destroy(a->tickets);
    g_hash_table_destroy(a->sessions);
    g_ptr_array_free(a->blocks, TRUE);
    g_ptr_array_free(a->large, TRUE);
    g_string_chunk_free(a->strings);
    g_hash_table_destroy(a->chains);
    g_ptr_array_free(a->spare_offers, TRUE);
    g_ptr_array_free(a->spare_transcripts, TRUE);
    g_free(a);
}

static struct connection *find_conn(struct analyzer *a, guint64 id)
{
    if (!a->last || a->last_id != id) {
        struct connection *c = g_hash_table_lookup(a->conns, &id);
        if (!c)
            return NULL;
        a->last_id = id;
        a->last = c;
    }
    return a->last;
}

static struct connection *get_conn(struct analyzer *a, guint64 id)
{
    struct connection *c = find_conn(a, id);
    if (!c) {
        guint64 *key = g_new(guint64, 1);
        *key = id;
        c = g_new0(struct connection, 1);
        c->client_side = -1;
        g_hash_table_insert(a->conns, key, c);
        a->last_id = id;
        a->last = c;
    }
    return c;
}

static struct handshake *new_handshake(struct analyzer *a, struct connection *c)
{
    struct handshake *h = g_new0(struct handshake, 1);
    h->number = a->next_number++;
    h->renegotiation = c->cur && c->cur->complete;
    g_ptr_array_add(a->handshakes, h);
    c->cur = h;
    return h;
}

/* Which side a message type can only come from, when the capture has not
 * shown us a ClientHello yet. */
static enum sender sender_of_type(guint8 type)
{
    switch (type) {
    case HS_CLIENT_HELLO:
    case HS_CLIENT_KEY_EXCHANGE:
    case HS_END_OF_EARLY_DATA:
        return SENDER_CLIENT;
    case HS_SERVER_HELLO:
    case HS_HELLO_VERIFY_REQUEST:
    case HS_HELLO_REQUEST:
    case HS_NEW_SESSION_TICKET:
    case HS_ENCRYPTED_EXTENSIONS:
    case HS_SERVER_KEY_EXCHANGE:
    case HS_CERTIFICATE_REQUEST:
    case HS_SERVER_HELLO_DONE:
    case HS_CERTIFICATE_STATUS:
        return SENDER_SERVER;
    default:
        return SENDER_UNKNOWN;
    }
}

static enum sender sender_of(const struct connection *c, int side)
{
    if (c->client_side < 0)
        return SENDER_UNKNOWN;
    return side == c->client_side ? SENDER_CLIENT : SENDER_SERVER;
}

static void learn_sides(struct connection *c, int side, enum sender known)
{
    if (c->client_side >= 0 || known == SENDER_UNKNOWN)
        return;
    c->client_side = known == SENDER_CLIENT ? side : 1 - side;
}

/* A ClientHello continues the current handshake only when it answers a
 * HelloRetryRequest or HelloVerifyRequest, or repeats the last one (DTLS
 * retransmission); otherwise it starts a new handshake. */
static gboolean continues_handshake(const struct handshake *h, const struct event *ev)
{
    if (!h || h->complete)
        return FALSE;
    if (h->retry_pending || (!h->have_client_hello && !h->started_mid))
        return TRUE;  /* answers a retry request, or a HelloRequest began it */
    return h->client_hello_len == ev->len &&
           h->client_hello_hash == offer_hash(ev->data, ev->len);
}

static void note_client_hello(struct handshake *h, const struct event *ev)
{
    h->have_client_hello = TRUE;
    h->client_hello_hash = offer_hash(ev->data, ev->len);
    h->client_hello_len = ev->len;
    h->retry_pending = FALSE;
}

/* The key exchange a suite uses, which decides the form of the key-exchange
 * messages. */
static enum kx_kind suite_kx(guint16 suite)
{
    static const struct { const char *name; enum kx_kind kx; } kinds[] = {
        { "RSA", KX_RSA }, { "RSA_EXPORT", KX_RSA_EXPORT }, { "DHE", KX_DHE },
        { "ECDHE", KX_ECDHE }, { "DH_anon", KX_DH_ANON }, { "ECDH_anon", KX_ECDH_ANON },
        { "DH", KX_DH }, { "ECDH", KX_ECDH }, { "PSK", KX_PSK }, { "DHE_PSK", KX_DHE_PSK },
        { "ECDHE_PSK", KX_ECDHE_PSK }, { "RSA_PSK", KX_RSA_PSK }, { "SRP", KX_SRP },
    };
    const struct reg_suite *s = reg_suite(suite);
    char *kx;
    enum kx_kind found = KX_UNKNOWN;
    if (!s || !s->kx)
        return KX_UNKNOWN;
    if (s->flags & REG_SUITE_TLS13)
        return KX_TLS13;
    /* Export DH suites send the same ServerKeyExchange as their full-strength
     * kin; export RSA alone has a form of its own (RFC 4346 §A.5). */
    kx = g_strdup(s->kx);
    if (g_str_has_suffix(kx, "_EXPORT") && strcmp(kx, "RSA_EXPORT") != 0)
        kx[strlen(kx) - strlen("_EXPORT")] = '\0';
    for (gsize i = 0; i < G_N_ELEMENTS(kinds); i++)
        if (strcmp(kinds[i].name, kx) == 0)
            found = kinds[i].kx;
    g_free(kx);
    return found;
}

static void note_server_hello(struct handshake *h, const struct hs_message *m,
                              struct item *out)
{
    const struct hs_server_hello *sh = &m->u.sh;
    h->version = sh->selected_version;
    h->suite = sh->cipher_suite;
    h->kx = (guint8)suite_kx(sh->cipher_suite);
    h->tls13 = tlsx_version_tls13(sh->selected_version);
    if (sh->is_hrr) {
        h->retry_pending = TRUE;
        out->msg_type = HS_HELLO_RETRY_REQUEST;
        out->message = "HelloRetryRequest";
        out->explain = "HelloRetryRequest";
    } else {
        h->saw_server_hello = TRUE;
    }
}

static void note_finished(struct handshake *h, enum sender s)
{
    h->finished[s] = TRUE;
    if (h->finished[SENDER_CLIENT] && h->finished[SENDER_SERVER])
        h->complete = TRUE;
}

static void begin_item(struct item *out, const struct event *ev, enum sender s)
{
    memset(out, 0, sizeof *out);
    out->kind = (guint8)ev->kind;
    out->proto = (guint8)ev->proto;
    out->sender = (guint8)s;
}

/* Every item of an unfinished handshake takes the next step. */
static void place(struct item *out, struct handshake *h)
{
    out->handshake = h->number;
    out->step = ++h->steps;
    out->version = h->version;
    out->suite = h->suite;
    out->kx = h->kx;
}

static struct handshake *handshake_for_message(struct analyzer *a, struct connection *c,
                                               const struct event *ev, guint8 type)
{
    if (type == HS_CLIENT_HELLO && !continues_handshake(c->cur, ev))
        return new_handshake(a, c);
    /* A HelloRequest after a finished handshake opens a renegotiation. */
    if (type == HS_HELLO_REQUEST && c->cur && c->cur->complete)
        return new_handshake(a, c);
    if (c->cur)
        return c->cur;
    c->cur = new_handshake(a, c);
    /* Say what is missing rather than guess (a HelloRequest starts cleanly). */
    c->cur->started_mid = type != HS_HELLO_REQUEST;
    return c->cur;
}

/* DTLS resends whole flights when one is lost (RFC 6347 §4.2.4): a message
 * whose message_seq the sender already used is a retransmission and keeps
 * the step it had. Returns that step, or 0 for a new message. */
static guint dtls_retransmitted(struct handshake *h, enum sender s, const struct hs_message *m)
{
    guint idx = s == SENDER_SERVER ? 32 : 0;
    if (m->proto != TLSX_DTLS || s == SENDER_UNKNOWN || m->message_seq >= 32 || !h->dtls_steps)
        return 0;
    return h->dtls_steps[idx + m->message_seq];
}

static void note_dtls_step(struct handshake *h, enum sender s, const struct hs_message *m,
                           guint step)
{
    if (m->proto != TLSX_DTLS || s == SENDER_UNKNOWN || m->message_seq >= 32)
        return;
    if (!h->dtls_steps)
        h->dtls_steps = g_new0(guint16, 64);
    h->dtls_steps[(s == SENDER_SERVER ? 32 : 0) + m->message_seq] = (guint16)step;
}

static gboolean feed_handshake(struct analyzer *a, struct connection *c,
                               const struct event *ev, struct item *out)
{
    struct hs_message m;
    struct hs_error err;
    struct handshake *h;
    enum sender s;

    if (!hs_parse_header(ev->data, ev->len, ev->proto, &m))
        return FALSE;
    learn_sides(c, ev->side, sender_of_type(m.type));
    s = sender_of(c, ev->side);
    h = handshake_for_message(a, c, ev, m.type);
    h->proto = (guint8)ev->proto;
    begin_item(out, ev, s);
    if (dtls_retransmitted(h, s, &m)) {
        out->msg_type = m.type;
        out->message = hs_type_name(m.type) ? hs_type_name(m.type) : "Unknown";
        out->explain = "Retransmission.dtls";
        out->handshake = h->number;
        out->step = dtls_retransmitted(h, s, &m);
        out->version = h->version;
        return TRUE;
    }
    out->msg_type = m.type;
    out->message = hs_type_name(m.type);
    out->explain = out->message ? out->message : "UnknownHandshake";
    if (ev->proto == TLSX_SSL2)
        out->explain = "ClientHello.sslv2";
    else if (m.type == HS_CLIENT_HELLO && h->retry_pending)
        out->explain = "ClientHello.retry";
    else if (m.type == HS_CLIENT_KEY_EXCHANGE &&
             (h->kx == KX_PSK || h->kx == KX_DHE_PSK || h->kx == KX_ECDHE_PSK ||
              h->kx == KX_RSA_PSK))
        out->explain = "ClientKeyExchange.psk";
    if (!out->message)
        out->message = "Unknown";
    struct hs_context ctx = { ev->proto, h->version, h->suite, h->kx, (guint8)s };
    if (!hs_parse(ev->data, ev->len, &ctx, &m, &err, NULL)) {
        out->malformed = TRUE;
        struct hs_error *e = analyzer_alloc(a, sizeof *e);
        *e = err;
        item_extra_of(a, out)->error = e;
    }
    if (m.type == HS_CLIENT_HELLO) {
        note_client_hello(h, ev);
        if (!out->malformed)
            story_client_hello(a, h, ev, &m, out);
    } else if (m.type == HS_SERVER_HELLO && !out->malformed) {
        note_server_hello(h, &m, out);
        story_server_hello(a, h, ev, &m, out);
    } else if (m.type == HS_HELLO_VERIFY_REQUEST) {
        h->retry_pending = TRUE;
    } else if (m.type == HS_FINISHED && s != SENDER_UNKNOWN) {
        note_finished(h, s);
    }
    place(out, h);
    note_dtls_step(h, s, &m, out->step);
    if (h->started_mid && out->step == 1)
        story_note(a, out, "note.started_mid");
    if (!out->malformed) {
        story_message(a, h, ev, &m, out);
        checks_message(a, h, ev, &m, out);
        findings_message(a, h, ev, &m, out);
    } else {
        story_malformed(h, out);
    }
    if (h->complete)
        story_end(a, h, ev, out, OUTCOME_ESTABLISHED);
    return TRUE;
}

/* An encrypted handshake record after a finished TLS 1.2 handshake starts a
 * renegotiation under the old keys (RFC 5246 §7.4.1.1, RFC 5746): from the
 * server it can only be a HelloRequest, from the client a ClientHello. */
static struct handshake *renegotiation(struct analyzer *a, struct connection *c,
                                       enum sender s, struct item *out)
{
    struct handshake *old = c->cur, *h = new_handshake(a, c);
    h->version = old->version;
    h->under_old_keys = TRUE;
    if (s == SENDER_CLIENT) {
        out->msg_type = HS_CLIENT_HELLO;
        out->message = "ClientHello";
        out->explain = "Renegotiation.client_hello";
        h->have_client_hello = TRUE;
    } else {
        out->msg_type = HS_HELLO_REQUEST;
        out->message = "HelloRequest";
        out->explain = "Renegotiation.hello_request";
    }
    return h;
}

/* TLS 1.2 and earlier: a handshake record after the sender's
 * ChangeCipherSpec is encrypted, and the first one is its Finished
 * (RFC 5246 §7.4.9). Before ChangeCipherSpec it is a fragment of a message
 * that Wireshark reassembles and hands us later, unless the whole handshake
 * runs under the keys of an earlier one. */
static gboolean feed_handshake_raw(struct analyzer *a, struct connection *c,
                                   const struct event *ev, struct item *out)
{
    enum sender s = sender_of(c, ev->side);
    struct handshake *h = c->cur;
    if (!h || s == SENDER_UNKNOWN || h->tls13)
        return FALSE;
    if (!h->ccs[s] && !h->under_old_keys && !h->complete)
        return FALSE;
    begin_item(out, ev, s);
    out->encrypted = TRUE;
    if (h->complete) {
        h = renegotiation(a, c, s, out);
    } else if (s == SENDER_CLIENT && !h->have_client_hello) {
        /* The client's answer to an encrypted HelloRequest. */
        out->msg_type = HS_CLIENT_HELLO;
        out->message = "ClientHello";
        out->explain = "Renegotiation.client_hello";
        h->have_client_hello = TRUE;
    } else if (h->ccs[s]) {
        out->msg_type = HS_FINISHED;
        out->message = "Finished";
        out->explain = "Finished.encrypted";
        note_finished(h, s);
    } else {
        out->message = "EncryptedHandshake";
        out->explain = "EncryptedHandshake.renegotiation";
    }
    place(out, h);
    story_record(a, h, out);
    if (h->complete)
        story_end(a, h, ev, out, OUTCOME_ESTABLISHED);
    return TRUE;
}

static gboolean feed_ccs(struct analyzer *a, struct connection *c, const struct event *ev,
                         struct item *out)
{
    enum sender s = sender_of(c, ev->side);
    struct handshake *h = c->cur;
    begin_item(out, ev, s);
    out->message = "ChangeCipherSpec";
    out->explain = "ChangeCipherSpec";
    /* RFC 8446 §D.4: a dummy record for middleboxes. Before ServerHello it
     * can only be that: in TLS 1.2 the client's comes after the server's flight. */
    if (h && (h->tls13 || (!h->saw_server_hello && !h->under_old_keys))) {
        out->explain = "ChangeCipherSpec.compat";
    } else if (h && s != SENDER_UNKNOWN) {
        h->ccs[s] = TRUE;
    }
    if (h && !h->complete) {
        place(out, h);
        story_record(a, h, out);
    } else if (h) {
        place(out, h);
    }
    return TRUE;
}

/* A heartbeat is readable only before its sender's ChangeCipherSpec (TLS
 * 1.3 encrypts it from the ServerHello on); Heartbleed's requests were
 * often sent there, in the clear. */
static gboolean feed_heartbeat(struct analyzer *a, struct connection *c, const struct event *ev,
                               struct item *out)
{
    struct handshake *h = c->cur;
    enum sender s = sender_of(c, ev->side);
    begin_item(out, ev, s);
    out->message = "Heartbeat";
    out->explain = "Heartbeat";
    if (!h)
        return TRUE;
    out->handshake = h->number;
    out->version = h->version;
    if (h->tls13 || (s != SENDER_UNKNOWN && h->ccs[s]) || h->under_old_keys) {
        out->encrypted = TRUE;
        out->explain = "Heartbeat.encrypted";
    } else {
        findings_heartbeat(a, h, ev, out);
    }
    return TRUE;
}

static gboolean feed_alert(struct analyzer *a, struct connection *c, const struct event *ev,
                           struct item *out)
{
    struct handshake *h = c->cur;
    begin_item(out, ev, sender_of(c, ev->side));
    out->message = "Alert";
    if (ev->data && ev->len == 2) {
        out->has_alert = TRUE;
        out->alert_level = ev->data[0];
        out->alert_desc = ev->data[1];
        out->explain = "Alert";
    } else {
        out->encrypted = TRUE;
        out->explain = "Alert.encrypted";
    }
    if (h && !h->complete) {
        place(out, h);
        story_record(a, h, out);
        findings_alert(a, h, ev, out);
        if (out->has_alert && out->alert_level == ALERT_FATAL) {
            h->complete = TRUE;  /* a fatal alert ends the handshake for good */
            story_end(a, h, ev, out, OUTCOME_FAILED);
        }
    } else if (h) {
        out->handshake = h->number;
    }
    return TRUE;
}

/* Before TLS 1.3 a side sends application data only after its own
 * Finished (RFC 5246 §7.4.9; with False Start, RFC 7918, still after its
 * own). Data from a side whose Finished the capture did not show means the
 * capture misses part of a handshake that went on. TLS 1.3 is left out:
 * early data comes before the client's Finished. */
static gboolean missed_end(const struct handshake *h, enum sender s)
{
    return !h->complete && !h->tls13 && s != SENDER_UNKNOWN && !h->finished[s] &&
           !h->ccs[s] && (h->saw_server_hello || h->started_mid);
}

static gboolean note_first_appdata(struct analyzer *a, struct connection *c,
                                   const struct event *ev, struct item *out,
                                   const char *explain)
{
    enum sender s = sender_of(c, ev->side);
    struct handshake *h = c->cur;
    if (!h || h->appdata_noted[s])
        return FALSE;
    h->appdata_noted[s] = TRUE;
    begin_item(out, ev, s);
    out->message = "ApplicationData";
    out->explain = explain;
    out->handshake = h->number;
    out->version = h->version;
    if (missed_end(h, s)) {
        story_record(a, h, out);
        story_note(a, out, "note.incomplete");
        h->complete = TRUE;
        story_end(a, h, ev, out, OUTCOME_INCOMPLETE);
    }
    return TRUE;
}

/* A DTLS fragment before the one that completes its message: noted, not
 * counted as a step; the message is explained once it is whole. A
 * ClientHello fragment may open a new handshake, so it names none. */
static gboolean feed_fragment(struct connection *c, const struct event *ev, struct item *out)
{
    struct handshake *h = c->cur;
    if (!ev->data || ev->len < 12)
        return FALSE;
    begin_item(out, ev, sender_of(c, ev->side));
    out->msg_type = ev->data[0];
    out->message = "HandshakeFragment";
    out->explain = "HandshakeFragment";
    if (h && out->msg_type != HS_CLIENT_HELLO) {
        out->handshake = h->number;
        out->version = h->version;
    }
    return TRUE;
}

/* A connection that closes (TCP FIN or RST) before its handshake ended:
 * the handshake failed, without an alert. */
/* A TLS 1.3 handshake whose client answered in an encrypted record, and
 * then the connection closes with no data either way: the answer was most
 * likely an alert. Said once, on the first close. */
static gboolean closed_after_unconfirmed(struct analyzer *a, struct connection *c,
                                         struct handshake *h, const struct event *ev,
                                         struct item *out)
{
    begin_item(out, ev, sender_of(c, ev->side));
    out->message = "ConnectionClosed";
    out->explain = ev->len == 1 && ev->data[0] == CLOSE_RESET ? "ConnectionClosed.reset"
                                                               : "ConnectionClosed";
    out->handshake = h->number;
    out->version = h->version;
    story_note(a, out, "note.closed_after_unconfirmed");
    h->unconfirmed = FALSE;
    return TRUE;
}

static gboolean feed_close(struct analyzer *a, const struct event *ev, struct item *out)
{
    struct connection *c = find_conn(a, ev->conn);
    struct handshake *h = c ? c->cur : NULL;
    enum sender s;
    if (h && h->unconfirmed && !h->appdata_noted[SENDER_SERVER] &&
        !h->appdata_noted[SENDER_CLIENT])
        return closed_after_unconfirmed(a, c, h, ev, out);
    if (!h || h->complete || h->ended)
        return FALSE;
    s = sender_of(c, ev->side);
    begin_item(out, ev, s);
    out->message = "ConnectionClosed";
    out->explain = ev->len == 1 && ev->data[0] == CLOSE_RESET ? "ConnectionClosed.reset"
                                                               : "ConnectionClosed";
    /* Not a message, so no step of its own. */
    out->handshake = h->number;
    out->version = h->version;
    story_record(a, h, out);
    story_note(a, out, h->saw_server_hello ? "note.closed" : "note.closed_no_answer");
    h->complete = TRUE;
    story_end(a, h, ev, out, OUTCOME_FAILED);
    return TRUE;
}

/* A TLS 1.3 record (payload = the encrypted inner plaintext and the AEAD
 * tag) whose content is under the 4 bytes of a handshake message header:
 * the inner content type takes one byte, the tag 16 (8 for the one CCM_8
 * suite), RFC 8446 §5.2. QUIC packets carry no records, so never. */
static gboolean too_short_for_handshake(const struct handshake *h, const struct event *ev)
{
    gsize tag = h->suite == 0x1305 ? 8 : 16;
    return ev->proto == TLSX_TLS && ev->data && ev->len > 0 && ev->len < 4 + 1 + tag;
}

/* An undecrypted TLS 1.3 record: before the client's flight it belongs to
 * the handshake; the server's records after its ServerHello are its
 * encrypted flight, and the client's first one carries its Finished. */
static gboolean feed_opaque(struct analyzer *a, struct connection *c, const struct event *ev,
                            struct item *out)
{
    gboolean aborted = FALSE;
    enum sender s = sender_of(c, ev->side);
    struct handshake *h = c->cur;
    if (h && s == SENDER_CLIENT && !h->saw_server_hello)
        return note_first_appdata(a, c, ev, out, "ApplicationData.early");
    if (!h || !h->tls13)
        return note_first_appdata(a, c, ev, out, "ApplicationData");
    if (s == SENDER_CLIENT && h->encrypted_flight[SENDER_CLIENT] &&
        h->client_flight_frame == ev->frame) {
        /* Another record in the same segment as the client's flight: more
         * of the flight (it may span records, and EndOfEarlyData never
         * shares one, RFC 8446 §5.1), or data right after Finished. */
        begin_item(out, ev, s);
        out->encrypted = TRUE;
        out->more_of_flight = TRUE;
        out->message = "EncryptedRecord";  /* handshake or already data */
        out->explain = "EncryptedHandshake.tls13.client_more";
        place(out, h);
        return TRUE;
    }
    if (h->complete || h->encrypted_flight[SENDER_CLIENT] ||
        (s == SENDER_CLIENT && h->encrypted_flight[SENDER_CLIENT]))
        return note_first_appdata(a, c, ev, out, "ApplicationData.tls13");
    begin_item(out, ev, s);
    out->encrypted = TRUE;
    out->message = "EncryptedHandshake";
    if (s == SENDER_SERVER && h->encrypted_flight[SENDER_SERVER]) {
        /* Its first record said what the flight holds. */
        out->more_of_flight = TRUE;
        out->explain = ev->proto == TLSX_QUIC ? "EncryptedHandshake.quic.server_more"
                                               : "EncryptedHandshake.tls13.server_more";
    } else if (s == SENDER_SERVER) {
        out->explain = ev->proto == TLSX_QUIC ? "EncryptedHandshake.quic.server"
                                               : "EncryptedHandshake.tls13.server";
    } else if ((aborted = too_short_for_handshake(h, ev))) {
        /* Where the client's Finished would come, a record that cannot hold
         * a handshake message: it can only be an alert. */
        out->message = "EncryptedAlert";
        out->explain = "EncryptedAlert.tls13.client";
        h->encrypted_flight[SENDER_CLIENT] = TRUE;
        h->client_flight_frame = ev->frame;
        h->complete = TRUE;
    } else {
        out->explain = ev->proto == TLSX_QUIC ? "EncryptedHandshake.quic.client"
                                               : "EncryptedHandshake.tls13.client";
        h->encrypted_flight[SENDER_CLIENT] = TRUE;
        h->client_flight_frame = ev->frame;
        h->complete = TRUE;
    }
    h->encrypted_flight[s] = TRUE;
    place(out, h);
    story_record(a, h, out);
    if (h->complete) {
        h->unconfirmed = !aborted;
        story_end(a, h, ev, out, aborted ? OUTCOME_FAILED : OUTCOME_UNCONFIRMED);
    }
    return TRUE;
}

/* A handshake's duration runs from its first message: the ClientHello, or
 * the HelloRequest that asked for a renegotiation. */
static void start_clock(struct connection *c, const struct event *ev, const struct item *out)
{
    struct handshake *h = c->cur;
    if (h && out->handshake == h->number && out->step == 1 &&
        out->msg_type == HS_HELLO_REQUEST && !h->timed) {
        h->start_time = ev->time;
        h->timed = TRUE;
    }
}

static gboolean feed_kind(struct analyzer *a, struct connection *c, const struct event *ev,
                          struct item *out);

/* The last item of a handshake still under way: where its summary goes if
 * the capture shows nothing more of it. */
static void note_last(struct analyzer *a, const struct event *ev, const struct item *out)
{
    struct handshake *h;
    if (out->handshake == 0 || out->handshake > a->handshakes->len)
        return;
    h = g_ptr_array_index(a->handshakes, out->handshake - 1);
    if (h->ended)
        return;
    h->last_frame = ev->frame;
    h->last_step = out->step;
    h->last_kind = out->kind;
    h->last_type = out->msg_type;
    h->last_time = ev->time;
    h->fed++;
}

gboolean analyzer_feed(struct analyzer *a, const struct event *ev, struct item *out)
{
    struct connection *c;
    if (ev->kind == EV_CLOSE)  /* most closing connections were never TLS */
        return feed_close(a, ev, out);
    c = get_conn(a, ev->conn);
    if (!feed_kind(a, c, ev, out))
        return FALSE;
    /* Only a flight's first record carries the note that uses it. */
    if (out->encrypted && !out->more_of_flight && c->cur && c->cur->number == out->handshake &&
        checks_context(c->cur))
        item_extra_of(a, out)->randoms = checks_context(c->cur);
    start_clock(c, ev, out);
    note_last(a, ev, out);
    return TRUE;
}

const struct summary *analyzer_unfinished(struct analyzer *a, const struct item *it,
                                          guint32 frame)
{
    struct handshake *h;
    if (!a || it->handshake == 0 || it->handshake > a->handshakes->len)
        return NULL;
    h = g_ptr_array_index(a->handshakes, it->handshake - 1);
    if (h->ended || !h->fed || h->last_frame != frame || h->last_step != it->step ||
        h->last_kind != it->kind || h->last_type != it->msg_type)
        return NULL;
    return story_unfinished(a, h);
}

static gboolean feed_kind(struct analyzer *a, struct connection *c, const struct event *ev,
                          struct item *out)
{
    switch (ev->kind) {
    case EV_HANDSHAKE: return feed_handshake(a, c, ev, out);
    case EV_HANDSHAKE_RAW: return feed_handshake_raw(a, c, ev, out);
    case EV_CCS: return feed_ccs(a, c, ev, out);
    case EV_ALERT: return feed_alert(a, c, ev, out);
    case EV_APPDATA:
        return note_first_appdata(a, c, ev, out, c->cur && !c->cur->saw_server_hello
                                  ? "ApplicationData.early" : "ApplicationData");
    case EV_OPAQUE: return feed_opaque(a, c, ev, out);
    case EV_CLOSE: return feed_close(a, ev, out);
    case EV_FRAGMENT: return feed_fragment(c, ev, out);
    case EV_HEARTBEAT: return feed_heartbeat(a, c, ev, out);
    }
    return FALSE;
}
