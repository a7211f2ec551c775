/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsconn_variants: handshakes that do not follow the plain
 * client-first alternation of tlsconn_handshake().
 */
#include "tlsconn.h"

#include <gnutls/dtls.h>
#include <string.h>

#include "tlsconn_private.h"

#define MAX_FAILING_TURNS 8

/* The alert OpenSSL sends for the first problem it finds in a chain. */
static gnutls_alert_description_t verify_status_alert(unsigned status)
{
    if (status & GNUTLS_CERT_SIGNER_NOT_FOUND)
        return GNUTLS_A_UNKNOWN_CA;
    if (status & GNUTLS_CERT_EXPIRED)
        return GNUTLS_A_CERTIFICATE_EXPIRED;
    return GNUTLS_A_BAD_CERTIFICATE;
}

static void send_fatal_alert(struct tlsconn *c, enum flow_side failed, int rc)
{
    gnutls_session_t session = c->end[failed].session;

    if (failed == SIDE_CLIENT && c->alert_names_problem &&
        rc == GNUTLS_E_CERTIFICATE_VERIFICATION_ERROR)
        gnutls_alert_send(session, GNUTLS_AL_FATAL,
                          verify_status_alert(
                              gnutls_session_get_verify_cert_status(session)));
    else
        gnutls_alert_send_appropriate(session, rc);
}

/* The peer reads the alert, and the end that failed hangs up, as a
 * server or browser closes its socket after a fatal alert. */
static gboolean abort_connection(struct tlsconn *c, enum flow_side failed,
                                 int rc)
{
    enum flow_side peer = flow_peer(failed);
    int peer_rc;

    send_fatal_alert(c, failed, rc);
    tlsconn_flush(c, failed);
    peer_rc = tlsconn_handshake_turn(c, peer);
    if (!c->datagram)
        tcpflow_close(&c->tcp, failed);
    return peer_rc == GNUTLS_E_FATAL_ALERT_RECEIVED;
}

gboolean tlsconn_handshake_fails(struct tlsconn *c, GError **error)
{
    enum flow_side s = SIDE_CLIENT;

    for (int turn = 0; turn < MAX_FAILING_TURNS; turn++, s = flow_peer(s)) {
        int rc = c->end[s].handshake_done ? GNUTLS_E_AGAIN
                                          : tlsconn_handshake_turn(c, s);

        if (rc < 0 && !tlsconn_is_retry(rc)) {
            if (abort_connection(c, s, rc))
                return TRUE;
            g_set_error(error, TLS_ERROR, rc, "the peer did not get an alert");
            return FALSE;
        }
    }
    g_set_error(error, TLS_ERROR, 0, "the handshake did not fail");
    return FALSE;
}

/* What the server keys the cookie on: the client's address and port. */
static void client_address(const struct tlsconn *c, uint8_t addr[18])
{
    memcpy(addr, c->udp.path->host[SIDE_CLIENT].ip, 16);
    addr[16] = (uint8_t)(c->udp.port[SIDE_CLIENT] >> 8);
    addr[17] = (uint8_t)c->udp.port[SIDE_CLIENT];
}

static void drop_datagram(struct tls_end *end)
{
    end->in_off += g_array_index(end->in_sizes, guint, 0);
    g_array_remove_index(end->in_sizes, 0);
}

/*
 * The server looks at the ClientHello before it has a session for it:
 * a valid cookie lets the datagram through to gnutls_handshake(), anything
 * else is answered with a HelloVerifyRequest and forgotten (stateless).
 */
static gboolean server_checks_cookie(struct tlsconn *c,
                                     const struct tls_credentials *creds)
{
    struct tls_end *server = &c->end[SIDE_SERVER];
    gnutls_dtls_prestate_st prestate;
    uint8_t addr[18];

    memset(&prestate, 0, sizeof prestate);
    client_address(c, addr);
    tlsconn_begin_turn(c, SIDE_SERVER, APP_THINK_NS);
    if (server->in_sizes->len > 0 &&
        gnutls_dtls_cookie_verify((gnutls_datum_t *)&creds->cookie_key,
                                  addr, sizeof addr,
                                  server->inbox->data + server->in_off,
                                  g_array_index(server->in_sizes, guint, 0),
                                  &prestate) == 0) {
        gnutls_dtls_prestate_set(server->session, &prestate);
        return TRUE;
    }
    gnutls_dtls_cookie_send((gnutls_datum_t *)&creds->cookie_key, addr,
                            sizeof addr, &prestate, server, tlsconn_push);
    if (server->in_sizes->len > 0)
        drop_datagram(server);
    tlsconn_flush(c, SIDE_SERVER);
    return FALSE;
}

gboolean tlsconn_dtls_handshake(struct tlsconn *c,
                                const struct tls_credentials *creds,
                                GError **error)
{
    for (int hello = 0; hello < 2; hello++) {
        int rc = tlsconn_handshake_turn(c, SIDE_CLIENT);

        if (!tlsconn_is_retry(rc) &&
            tlsconn_failed(rc, "client hello", error))
            return FALSE;
        if (server_checks_cookie(c, creds))
            return tlsconn_run_handshake(c, SIDE_SERVER, error);
    }
    g_set_error(error, TLS_ERROR, 0, "the client never returned the cookie");
    return FALSE;
}

/* The client learns of the HelloRequest when it next reads. */
static gboolean client_reads_hello_request(struct tlsconn *c, GError **error)
{
    char buf[256];
    ssize_t rc;

    tlsconn_begin_turn(c, SIDE_CLIENT, APP_THINK_NS);
    rc = gnutls_record_recv(c->end[SIDE_CLIENT].session, buf, sizeof buf);
    if (rc == GNUTLS_E_REHANDSHAKE)
        return TRUE;
    g_set_error(error, TLS_ERROR, (int)rc, "expected a HelloRequest, got %zd", rc);
    return FALSE;
}

gboolean tlsconn_renegotiate(struct tlsconn *c, GError **error)
{
    int rc;

    tlsconn_begin_turn(c, SIDE_SERVER, APP_THINK_NS);
    rc = gnutls_rehandshake(c->end[SIDE_SERVER].session);
    tlsconn_flush(c, SIDE_SERVER);
    if (tlsconn_failed(rc, "rehandshake", error) ||
        !client_reads_hello_request(c, error))
        return FALSE;
    c->end[SIDE_CLIENT].handshake_done = FALSE;
    c->end[SIDE_SERVER].handshake_done = FALSE;
    return tlsconn_run_handshake(c, SIDE_CLIENT, error);
}

gboolean tlsconn_send_early(struct tlsconn *c, const char *data, GError **error)
{
    ssize_t rc;

    /* GnuTLS keeps it until the ClientHello goes out, then sends both. */
    tlsconn_begin_turn(c, SIDE_CLIENT, APP_THINK_NS);
    rc = gnutls_record_send_early_data(c->end[SIDE_CLIENT].session, data,
                                       strlen(data));
    return !tlsconn_failed((int)rc, "early data", error);
}

static gboolean read_early_records(gnutls_session_t session, GString *out,
                                   GError **error)
{
    char buf[4096];
    ssize_t rc;

    while ((rc = gnutls_record_recv_early_data(session, buf, sizeof buf)) > 0)
        if (out)
            g_string_append_len(out, buf, rc);
    if (rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE || tlsconn_is_retry((int)rc))
        return TRUE;
    return !tlsconn_failed((int)rc, "early data receive", error);
}

gboolean tlsconn_receive_early(struct tlsconn *c, GString *out, GError **error)
{
    gnutls_session_t server = c->end[SIDE_SERVER].session;

    if (!c->end[SIDE_SERVER].handshake_done &&
        !tlsconn_receive(c, SIDE_SERVER, NULL, error))
        return FALSE;
    if (!(gnutls_session_get_flags(server) & GNUTLS_SFLAGS_EARLY_DATA)) {
        g_set_error(error, TLS_ERROR, 0, "the server did not accept early data");
        return FALSE;
    }
    tlsconn_begin_turn(c, SIDE_SERVER, APP_THINK_NS);
    return read_early_records(server, out, error);
}
