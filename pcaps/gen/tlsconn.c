/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "tlsconn.h"

#include <errno.h>
#include <string.h>

#include "determinism.h"

#define TLS_ERROR g_quark_from_static_string("tls-error")
/* Simulated CPU time per turn: handshake crypto vs. application work. */
#define HANDSHAKE_THINK_NS 300000
#define APP_THINK_NS 100000
#define MAX_HANDSHAKE_TURNS 16

static const gnutls_datum_t client_alpn[] = {
    { (unsigned char *)"h2", 2 },
    { (unsigned char *)"http/1.1", 8 },
};
/* An HTTP/1.1-only server, so ALPN settles on http/1.1. */
static const gnutls_datum_t server_alpn[] = {
    { (unsigned char *)"http/1.1", 8 },
};

static gboolean tls_failed(int rc, const char *what, GError **error)
{
    if (rc >= 0)
        return FALSE;
    g_set_error(error, TLS_ERROR, rc, "%s: %s", what, gnutls_strerror(rc));
    return TRUE;
}

static ssize_t push_to_outbox(gnutls_transport_ptr_t ptr, const void *data,
                              size_t len)
{
    struct tls_end *end = ptr;

    g_byte_array_append(end->outbox, data, (guint)len);
    return (ssize_t)len;
}

static ssize_t pull_from_inbox(gnutls_transport_ptr_t ptr, void *data,
                               size_t len)
{
    struct tls_end *end = ptr;
    size_t avail = end->inbox->len - end->in_off;

    if (avail == 0) {
        gnutls_transport_set_errno(end->session, EAGAIN);
        return -1;
    }
    if (len > avail)
        len = avail;
    memcpy(data, end->inbox->data + end->in_off, len);
    end->in_off += (guint)len;
    return (ssize_t)len;
}

static char *hex(const gnutls_datum_t *d)
{
    char *s = g_malloc(d->size * 2 + 1);

    for (unsigned i = 0; i < d->size; i++)
        g_snprintf(s + 2 * i, 3, "%02x", d->data[i]);
    s[d->size * 2] = '\0';
    return s;
}

/* NSS key log format: LABEL <client random> <secret>, as SSLKEYLOGFILE. */
static int append_keylog(gnutls_session_t session, const char *label,
                         const gnutls_datum_t *secret)
{
    GString *keylog = gnutls_session_get_ptr(session);
    gnutls_datum_t client_random, server_random;
    char *cr, *sec;

    gnutls_session_get_random(session, &client_random, &server_random);
    cr = hex(&client_random);
    sec = hex(secret);
    g_string_append_printf(keylog, "%s %s %s\n", label, cr, sec);
    g_free(cr);
    g_free(sec);
    return 0;
}

static int setup_transport(struct tls_end *end)
{
    end->inbox = g_byte_array_new();
    end->outbox = g_byte_array_new();
    gnutls_transport_set_ptr(end->session, end);
    gnutls_transport_set_push_function(end->session, push_to_outbox);
    gnutls_transport_set_pull_function(end->session, pull_from_inbox);
    return 0;
}

static int setup_client(struct tlsconn *c, const struct tls_credentials *creds,
                        const struct tls_profile *p, const gnutls_datum_t *resume)
{
    struct tls_end *end = &c->end[SIDE_CLIENT];
    unsigned flags = GNUTLS_CLIENT | GNUTLS_NONBLOCK |
                     (p->client_tickets ? 0 : GNUTLS_NO_TICKETS);
    int rc = gnutls_init(&end->session, flags);

    if (rc < 0)
        return rc;
    setup_transport(end);
    if ((rc = gnutls_priority_set_direct(end->session, p->client_priority, NULL)) < 0 ||
        (rc = gnutls_credentials_set(end->session, GNUTLS_CRD_CERTIFICATE, creds->client)) < 0 ||
        (rc = gnutls_server_name_set(end->session, GNUTLS_NAME_DNS, p->server_name,
                                     strlen(p->server_name))) < 0 ||
        (rc = gnutls_alpn_set_protocols(end->session, client_alpn, 2, 0)) < 0)
        return rc;
    gnutls_session_set_verify_cert(end->session, p->server_name, 0);
    if (c->keylog) {
        gnutls_session_set_ptr(end->session, c->keylog);
        gnutls_session_set_keylog_function(end->session, append_keylog);
    }
    return resume ? gnutls_session_set_data(end->session, resume->data, resume->size) : 0;
}

static int setup_server(struct tlsconn *c, const struct tls_credentials *creds,
                        const struct tls_profile *p)
{
    struct tls_end *end = &c->end[SIDE_SERVER];
    unsigned flags = GNUTLS_SERVER | GNUTLS_NONBLOCK |
                     (p->tls13_tickets_after_finished ? GNUTLS_NO_AUTO_SEND_TICKET : 0);
    int rc = gnutls_init(&end->session, flags);

    if (rc < 0)
        return rc;
    setup_transport(end);
    if ((rc = gnutls_priority_set_direct(end->session, p->server_priority, NULL)) < 0 ||
        (rc = gnutls_credentials_set(end->session, GNUTLS_CRD_CERTIFICATE, creds->server)) < 0 ||
        (rc = gnutls_session_ticket_enable_server(end->session, &creds->ticket_key)) < 0)
        return rc;
    return gnutls_alpn_set_protocols(end->session, server_alpn, 1,
                                     GNUTLS_ALPN_SERVER_PRECEDENCE);
}

gboolean tlsconn_open(struct tlsconn *c, const struct tls_credentials *creds,
                      const struct tls_profile *profile,
                      const gnutls_datum_t *resume, GString *keylog,
                      GError **error)
{
    c->keylog = keylog;
    c->tls13_tickets = profile->tls13_tickets_after_finished;
    if (tls_failed(setup_client(c, creds, profile, resume), "client setup", error) ||
        tls_failed(setup_server(c, creds, profile), "server setup", error))
        return FALSE;
    tcpflow_connect(&c->tcp);
    return TRUE;
}

static void free_end(struct tls_end *end)
{
    if (end->session)
        gnutls_deinit(end->session);
    if (end->inbox)
        g_byte_array_free(end->inbox, TRUE);
    if (end->outbox)
        g_byte_array_free(end->outbox, TRUE);
    memset(end, 0, sizeof *end);
}

void tlsconn_free(struct tlsconn *c)
{
    free_end(&c->end[SIDE_CLIENT]);
    free_end(&c->end[SIDE_SERVER]);
}

/* Puts what s wrote on the wire and into the peer's inbox. */
static void flush_flight(struct tlsconn *c, enum flow_side s)
{
    GByteArray *out = c->end[s].outbox;
    struct tls_end *peer = &c->end[flow_peer(s)];

    if (out->len == 0)
        return;
    tcpflow_send(&c->tcp, s, out->data, out->len);
    /* Drop consumed input now and then so inboxes stay small. */
    if (peer->in_off == peer->inbox->len) {
        g_byte_array_set_size(peer->inbox, 0);
        peer->in_off = 0;
    }
    g_byte_array_append(peer->inbox, out->data, out->len);
    g_byte_array_set_size(out, 0);
}

/* Starts a turn for s: its clock and GnuTLS's clock agree. */
static void begin_turn(struct tlsconn *c, enum flow_side s, int64_t think_ns)
{
    tcpflow_think(&c->tcp, s, think_ns);
    det_clock_set(c->tcp.now[s]);
}

static gboolean is_retry(int rc)
{
    return rc == GNUTLS_E_AGAIN || rc == GNUTLS_E_INTERRUPTED;
}

/*
 * GnuTLS reports secrets to the key log only when it derives them, and a
 * resumed TLS 1.2 session reuses its master secret: log it for the new
 * client random so this connection decrypts on its own.
 */
static void log_resumed_master_secret(struct tlsconn *c)
{
    gnutls_session_t session = c->end[SIDE_CLIENT].session;
    gnutls_datum_t master;

    if (!c->keylog || !gnutls_session_is_resumed(session) ||
        gnutls_protocol_get_version(session) != GNUTLS_TLS1_2)
        return;
    gnutls_session_get_master_secret(session, &master);
    append_keylog(session, "CLIENT_RANDOM", &master);
}

static int after_handshake(struct tlsconn *c, enum flow_side s)
{
    gnutls_session_t session = c->end[s].session;

    if (s == SIDE_CLIENT) {
        log_resumed_master_secret(c);
        return 0;
    }
    if (c->tls13_tickets == 0 ||
        gnutls_protocol_get_version(session) != GNUTLS_TLS1_3)
        return 0;
    return gnutls_session_ticket_send(session, c->tls13_tickets, 0);
}

static gboolean handshake_step(struct tlsconn *c, enum flow_side s,
                               GError **error)
{
    struct tls_end *end = &c->end[s];
    int rc;

    if (end->handshake_done)
        return TRUE;
    begin_turn(c, s, HANDSHAKE_THINK_NS);
    rc = gnutls_handshake(end->session);
    if (rc == 0) {
        end->handshake_done = TRUE;
        rc = after_handshake(c, s);
    }
    flush_flight(c, s);
    if (!is_retry(rc))
        return !tls_failed(rc, s == SIDE_CLIENT ? "client handshake"
                                                : "server handshake", error);
    return TRUE;
}

gboolean tlsconn_handshake(struct tlsconn *c, GError **error)
{
    enum flow_side s = SIDE_CLIENT;

    for (int turn = 0; turn < MAX_HANDSHAKE_TURNS; turn++, s = flow_peer(s)) {
        if (!handshake_step(c, s, error))
            return FALSE;
        if (c->end[SIDE_CLIENT].handshake_done)
            return TRUE;
    }
    g_set_error(error, TLS_ERROR, 0, "handshake did not finish");
    return FALSE;
}

gboolean tlsconn_send(struct tlsconn *c, enum flow_side s, const char *data,
                      GError **error)
{
    ssize_t rc;

    begin_turn(c, s, APP_THINK_NS);
    rc = gnutls_record_send(c->end[s].session, data, strlen(data));
    flush_flight(c, s);
    return !tls_failed((int)rc, "record send", error);
}

static gboolean read_records(struct tlsconn *c, enum flow_side s, GString *out,
                             GError **error)
{
    char buf[4096];

    for (;;) {
        ssize_t rc = gnutls_record_recv(c->end[s].session, buf, sizeof buf);

        if (rc == 0 || is_retry((int)rc))
            return TRUE;
        if (tls_failed((int)rc, "record receive", error))
            return FALSE;
        if (out)
            g_string_append_len(out, buf, rc);
    }
}

gboolean tlsconn_receive(struct tlsconn *c, enum flow_side s, GString *out,
                         GError **error)
{
    gboolean ok;

    if (!c->end[s].handshake_done && !handshake_step(c, s, error))
        return FALSE;
    begin_turn(c, s, APP_THINK_NS);
    ok = read_records(c, s, out, error);
    /* Reading can make GnuTLS write (e.g. a TLS 1.3 key update). */
    flush_flight(c, s);
    return ok;
}

static gboolean send_close_notify(struct tlsconn *c, enum flow_side s,
                                  GError **error)
{
    int rc;

    begin_turn(c, s, APP_THINK_NS);
    rc = gnutls_bye(c->end[s].session, GNUTLS_SHUT_WR);
    flush_flight(c, s);
    return !tls_failed(rc, "close_notify", error);
}

gboolean tlsconn_close(struct tlsconn *c, GError **error)
{
    if (!send_close_notify(c, SIDE_CLIENT, error) ||
        !tlsconn_receive(c, SIDE_SERVER, NULL, error) ||
        !send_close_notify(c, SIDE_SERVER, error) ||
        !tlsconn_receive(c, SIDE_CLIENT, NULL, error))
        return FALSE;
    tcpflow_close(&c->tcp, SIDE_CLIENT);
    return TRUE;
}

gboolean tlsconn_session_data(struct tlsconn *c, gnutls_datum_t *data,
                              GError **error)
{
    int rc = gnutls_session_get_data2(c->end[SIDE_CLIENT].session, data);

    return !tls_failed(rc, "session data", error);
}
