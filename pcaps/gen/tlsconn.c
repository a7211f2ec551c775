/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "tlsconn.h"

#include <errno.h>
#include <gnutls/dtls.h>
#include <string.h>

#include "determinism.h"
#include "tlsconn_private.h"

#define MAX_HANDSHAKE_TURNS 16
/* Allowed 0-RTT data per ticket; a browser's first request fits. */
#define MAX_EARLY_DATA 16384

static const gnutls_datum_t client_alpn[] = {
    { (unsigned char *)"h2", 2 },
    { (unsigned char *)"http/1.1", 8 },
};
/* An HTTP/1.1-only server, so ALPN settles on http/1.1. */
static const gnutls_datum_t server_alpn[] = {
    { (unsigned char *)"http/1.1", 8 },
};

gboolean tlsconn_failed(int rc, const char *what, GError **error)
{
    if (rc >= 0)
        return FALSE;
    g_set_error(error, TLS_ERROR, rc, "%s: %s", what, gnutls_strerror(rc));
    return TRUE;
}

ssize_t tlsconn_push(gnutls_transport_ptr_t ptr, const void *data, size_t len)
{
    struct tls_end *end = ptr;

    g_byte_array_append(end->outbox, data, (guint)len);
    /* GnuTLS hands DTLS one whole datagram per push. */
    if (end->out_sizes) {
        guint size = (guint)len;

        g_array_append_val(end->out_sizes, size);
    }
    return (ssize_t)len;
}

/* DTLS reads one datagram per call, so only up to the next boundary. */
static size_t next_datagram(struct tls_end *end, size_t len)
{
    guint size = g_array_index(end->in_sizes, guint, 0);

    g_array_remove_index(end->in_sizes, 0);
    return len < size ? len : size;
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
    if (end->in_sizes) {
        guint size = g_array_index(end->in_sizes, guint, 0);

        len = next_datagram(end, len);
        memcpy(data, end->inbox->data + end->in_off, len);
        end->in_off += size;  /* a truncated datagram is gone, as with UDP */
        return (ssize_t)len;
    }
    if (len > avail)
        len = avail;
    memcpy(data, end->inbox->data + end->in_off, len);
    end->in_off += (guint)len;
    return (ssize_t)len;
}

/* Nothing ever arrives while an end waits: say at once whether the
 * inbox holds a datagram, and GnuTLS returns GNUTLS_E_AGAIN if not. */
static int inbox_ready(gnutls_transport_ptr_t ptr, unsigned int ms)
{
    struct tls_end *end = ptr;

    (void)ms;
    return end->in_off < end->inbox->len ? 1 : 0;
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

static void setup_buffers(struct tls_end *end, gboolean datagram)
{
    end->inbox = g_byte_array_new();
    end->outbox = g_byte_array_new();
    if (datagram) {
        end->in_sizes = g_array_new(FALSE, FALSE, sizeof(guint));
        end->out_sizes = g_array_new(FALSE, FALSE, sizeof(guint));
    }
}

static int setup_transport(struct tls_end *end, gboolean datagram)
{
    setup_buffers(end, datagram);
    gnutls_transport_set_ptr(end->session, end);
    gnutls_transport_set_push_function(end->session, tlsconn_push);
    gnutls_transport_set_pull_function(end->session, pull_from_inbox);
    if (datagram)
        gnutls_transport_set_pull_timeout_function(end->session, inbox_ready);
    return 0;
}

static gnutls_certificate_credentials_t
client_credentials(const struct tls_credentials *creds, const struct tls_profile *p)
{
    if (p->client_trusts_other_ca)
        return creds->client_other_ca;
    return p->mutual_auth ? creds->client_with_cert : creds->client;
}

static unsigned client_flags(const struct tls_profile *p)
{
    return GNUTLS_CLIENT | GNUTLS_NONBLOCK |
           (p->client_tickets ? 0 : GNUTLS_NO_TICKETS) |
           (p->early_data ? GNUTLS_ENABLE_EARLY_DATA : 0) |
           (p->datagram ? GNUTLS_DATAGRAM : 0);
}

static int setup_client(struct tlsconn *c, const struct tls_credentials *creds,
                        const struct tls_profile *p, const gnutls_datum_t *resume)
{
    struct tls_end *end = &c->end[SIDE_CLIENT];
    int rc = gnutls_init(&end->session, client_flags(p));

    if (rc < 0)
        return rc;
    setup_transport(end, p->datagram);
    if (p->datagram && p->dtls_mtu)
        gnutls_dtls_set_mtu(end->session, p->dtls_mtu);
    if ((rc = gnutls_priority_set_direct(end->session, p->client_priority, NULL)) < 0 ||
        (rc = gnutls_credentials_set(end->session, GNUTLS_CRD_CERTIFICATE,
                                     client_credentials(creds, p))) < 0 ||
        (rc = gnutls_server_name_set(end->session, GNUTLS_NAME_DNS, p->server_name,
                                     strlen(p->server_name))) < 0 ||
        (!p->no_alpn &&
         (rc = gnutls_alpn_set_protocols(end->session, client_alpn, 2, 0)) < 0))
        return rc;
    if (!p->client_skips_verification)
        gnutls_session_set_verify_cert(end->session, p->server_name, 0);
    if (c->keylog) {
        gnutls_session_set_ptr(end->session, c->keylog);
        gnutls_session_set_keylog_function(end->session, append_keylog);
    }
    return resume ? gnutls_session_set_data(end->session, resume->data, resume->size) : 0;
}

static gnutls_certificate_credentials_t
server_credentials(const struct tls_credentials *creds, const struct tls_profile *p)
{
    if (p->mutual_auth)
        return creds->server_mutual;
    switch (p->server_cert) {
    case SERVER_CERT_ECDSA:
        return creds->server_ecdsa;
    case SERVER_CERT_CHAIN:
        return creds->server_chain;
    case SERVER_CERT_EXPIRED:
        return creds->server_expired;
    case SERVER_CERT_OTHER_NAME:
        return creds->server_other_name;
    case SERVER_CERT_SELF_SIGNED:
        return creds->server_self_signed;
    case SERVER_CERT_RSA1024:
        return creds->server_rsa1024;
    case SERVER_CERT_DH1024:
        return creds->server_dh1024;
    case SERVER_CERT_RSA:
        break;
    }
    return creds->server;
}

static unsigned server_flags(const struct tls_profile *p)
{
    return GNUTLS_SERVER | GNUTLS_NONBLOCK |
           (p->tls13_tickets_after_finished ? GNUTLS_NO_AUTO_SEND_TICKET : 0) |
           (p->early_data ? GNUTLS_ENABLE_EARLY_DATA : 0) |
           (p->datagram ? GNUTLS_DATAGRAM : 0);
}

/* Either tickets or a session-ID cache: a server with both would hand
 * out tickets and the session ID would never be used. */
static int setup_resumption(gnutls_session_t session,
                            const struct tls_credentials *creds,
                            const struct tls_profile *p)
{
    if (!p->server_session_cache)
        return gnutls_session_ticket_enable_server(session, &creds->ticket_key);
    tls_credentials_use_session_cache(creds, session);
    return 0;
}

/* The settings only some captures use; all no-ops for the base profiles. */
static int setup_server_extras(gnutls_session_t session,
                               const struct tls_credentials *creds,
                               const struct tls_profile *p)
{
    ssize_t rc = 0;

    if (p->mutual_auth) {
        gnutls_certificate_server_set_request(session, GNUTLS_CERT_REQUIRE);
        gnutls_session_set_verify_cert(session, NULL, 0);
    }
    if (p->early_data) {
        gnutls_anti_replay_enable(session, creds->anti_replay);
        rc = gnutls_record_set_max_early_data_size(session, MAX_EARLY_DATA);
    }
    if (rc >= 0 && p->server_record_size)
        rc = gnutls_record_set_max_size(session, p->server_record_size);
    return (int)rc;
}

static int setup_server(struct tlsconn *c, const struct tls_credentials *creds,
                        const struct tls_profile *p)
{
    struct tls_end *end = &c->end[SIDE_SERVER];
    int rc = gnutls_init(&end->session, server_flags(p));

    if (rc < 0)
        return rc;
    setup_transport(end, p->datagram);
    if (p->datagram && p->dtls_mtu)
        gnutls_dtls_set_mtu(end->session, p->dtls_mtu);
    if ((rc = gnutls_priority_set_direct(end->session, p->server_priority, NULL)) < 0 ||
        (rc = gnutls_credentials_set(end->session, GNUTLS_CRD_CERTIFICATE,
                                     server_credentials(creds, p))) < 0 ||
        (rc = setup_resumption(end->session, creds, p)) < 0 ||
        (rc = setup_server_extras(end->session, creds, p)) < 0 || p->no_alpn)
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
    c->early_data = profile->early_data;
    c->alert_names_problem = profile->client_alert_names_problem;
    c->datagram = profile->datagram;
    if (tlsconn_failed(setup_client(c, creds, profile, resume), "client setup", error) ||
        tlsconn_failed(setup_server(c, creds, profile), "server setup", error))
        return FALSE;
    if (!c->datagram)
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
    if (end->in_sizes)
        g_array_free(end->in_sizes, TRUE);
    if (end->out_sizes)
        g_array_free(end->out_sizes, TRUE);
    memset(end, 0, sizeof *end);
}

void tlsconn_free(struct tlsconn *c)
{
    free_end(&c->end[SIDE_CLIENT]);
    free_end(&c->end[SIDE_SERVER]);
}

/* DTLS: each datagram s wrote goes out on its own, and the peer's
 * inbox remembers where one ends and the next begins. */
static void send_datagrams(struct tlsconn *c, enum flow_side s)
{
    struct tls_end *end = &c->end[s];
    struct tls_end *peer = &c->end[flow_peer(s)];
    const guint8 *p = end->outbox->data;

    for (guint i = 0; i < end->out_sizes->len; i++) {
        guint size = g_array_index(end->out_sizes, guint, i);

        udpflow_send(&c->udp, s, p, size);
        g_array_append_val(peer->in_sizes, size);
        p += size;
    }
    g_array_set_size(end->out_sizes, 0);
}

void tlsconn_flush(struct tlsconn *c, enum flow_side s)
{
    GByteArray *out = c->end[s].outbox;
    struct tls_end *peer = &c->end[flow_peer(s)];

    if (out->len == 0)
        return;
    if (c->datagram)
        send_datagrams(c, s);
    else
        tcpflow_send(&c->tcp, s, out->data, out->len);
    /* Drop consumed input now and then so inboxes stay small. */
    if (peer->in_off == peer->inbox->len) {
        g_byte_array_set_size(peer->inbox, 0);
        peer->in_off = 0;
    }
    g_byte_array_append(peer->inbox, out->data, out->len);
    g_byte_array_set_size(out, 0);
}

static int64_t *end_clock(struct tlsconn *c, enum flow_side s)
{
    return c->datagram ? &c->udp.now[s] : &c->tcp.now[s];
}

void tlsconn_begin_turn(struct tlsconn *c, enum flow_side s, int64_t think_ns)
{
    int64_t *now = end_clock(c, s);

    *now += think_ns;
    det_clock_set(*now);
}

gboolean tlsconn_is_retry(int rc)
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

int tlsconn_handshake_turn(struct tlsconn *c, enum flow_side s)
{
    struct tls_end *end = &c->end[s];
    int rc;

    tlsconn_begin_turn(c, s, HANDSHAKE_THINK_NS);
    rc = gnutls_handshake(end->session);
    if (rc == 0) {
        end->handshake_done = TRUE;
        rc = after_handshake(c, s);
    }
    tlsconn_flush(c, s);
    return rc;
}

static gboolean handshake_step(struct tlsconn *c, enum flow_side s,
                               GError **error)
{
    int rc;

    if (c->end[s].handshake_done)
        return TRUE;
    rc = tlsconn_handshake_turn(c, s);
    if (!tlsconn_is_retry(rc))
        return !tlsconn_failed(rc, s == SIDE_CLIENT ? "client handshake"
                                                    : "server handshake", error);
    return TRUE;
}

gboolean tlsconn_run_handshake(struct tlsconn *c, enum flow_side first,
                               GError **error)
{
    enum flow_side s = first;

    for (int turn = 0; turn < MAX_HANDSHAKE_TURNS; turn++, s = flow_peer(s)) {
        if (!handshake_step(c, s, error))
            return FALSE;
        if (c->end[SIDE_CLIENT].handshake_done)
            return TRUE;
    }
    g_set_error(error, TLS_ERROR, 0, "handshake did not finish");
    return FALSE;
}

gboolean tlsconn_handshake(struct tlsconn *c, GError **error)
{
    return tlsconn_run_handshake(c, SIDE_CLIENT, error);
}

gboolean tlsconn_send(struct tlsconn *c, enum flow_side s, const char *data,
                      GError **error)
{
    ssize_t rc;

    tlsconn_begin_turn(c, s, APP_THINK_NS);
    rc = gnutls_record_send(c->end[s].session, data, strlen(data));
    tlsconn_flush(c, s);
    return !tlsconn_failed((int)rc, "record send", error);
}

static gboolean read_records(struct tlsconn *c, enum flow_side s, GString *out,
                             GError **error)
{
    char buf[4096];

    for (;;) {
        ssize_t rc = gnutls_record_recv(c->end[s].session, buf, sizeof buf);

        if (rc == 0 || tlsconn_is_retry((int)rc))
            return TRUE;
        if (tlsconn_failed((int)rc, "record receive", error))
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
    tlsconn_begin_turn(c, s, APP_THINK_NS);
    ok = read_records(c, s, out, error);
    /* Reading can make GnuTLS write (e.g. a TLS 1.3 key update). */
    tlsconn_flush(c, s);
    return ok;
}

static gboolean send_close_notify(struct tlsconn *c, enum flow_side s,
                                  GError **error)
{
    int rc;

    tlsconn_begin_turn(c, s, APP_THINK_NS);
    rc = gnutls_bye(c->end[s].session, GNUTLS_SHUT_WR);
    tlsconn_flush(c, s);
    return !tlsconn_failed(rc, "close_notify", error);
}

gboolean tlsconn_close(struct tlsconn *c, GError **error)
{
    if (!send_close_notify(c, SIDE_CLIENT, error) ||
        !tlsconn_receive(c, SIDE_SERVER, NULL, error) ||
        !send_close_notify(c, SIDE_SERVER, error) ||
        !tlsconn_receive(c, SIDE_CLIENT, NULL, error))
        return FALSE;
    if (!c->datagram)
        tcpflow_close(&c->tcp, SIDE_CLIENT);
    return TRUE;
}

gboolean tlsconn_session_data(struct tlsconn *c, gnutls_datum_t *data,
                              GError **error)
{
    int rc = gnutls_session_get_data2(c->end[SIDE_CLIENT].session, data);

    return !tlsconn_failed(rc, "session data", error);
}
