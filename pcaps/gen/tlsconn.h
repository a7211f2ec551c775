/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsconn: a real GnuTLS client and server talking through in-memory
 * buffers, with every byte they write carried over a simulated TCP
 * connection (tcpflow) so it ends up in the capture.
 *
 * The two ends take turns: one runs until GnuTLS wants input, then what
 * it wrote is sent as one flight and the other end runs.  No sockets.
 */
#ifndef TLSEXPLAIN_TLSCONN_H
#define TLSEXPLAIN_TLSCONN_H

#include <glib.h>
#include <gnutls/gnutls.h>

#include "credentials.h"
#include "tcpflow.h"

/* How client and server are configured, as a deployment would be. */
struct tls_profile {
    const char *client_priority;
    const char *server_priority;
    const char *server_name;   /* SNI and certificate check */
    gboolean client_tickets;   /* FALSE: GNUTLS_NO_TICKETS on the client */
    /* TLS 1.3: 0 keeps GnuTLS's default (it sends its tickets together
     * with the server Finished); N sends N tickets once the client
     * Finished has arrived, as RFC 8446 section 4.6.1 describes and
     * OpenSSL-based servers do. */
    unsigned tls13_tickets_after_finished;
};

struct tls_end {
    gnutls_session_t session;
    GByteArray *inbox;
    guint in_off;
    GByteArray *outbox;
    gboolean handshake_done;
};

struct tlsconn {
    struct tls_end end[2];  /* indexed by enum flow_side */
    struct tcpflow tcp;
    GString *keylog;        /* NSS key log lines, appended; may be NULL */
    unsigned tls13_tickets; /* see tls_profile */
};

/*
 * c->tcp must already be set up with tcpflow_init(); this connects it.
 * resume: session data from tlsconn_session_data() of an earlier
 * connection, or NULL for a full handshake.
 */
gboolean tlsconn_open(struct tlsconn *c, const struct tls_credentials *creds,
                      const struct tls_profile *profile,
                      const gnutls_datum_t *resume, GString *keylog,
                      GError **error);
void tlsconn_free(struct tlsconn *c);

/* Runs the handshake until the client has finished it.  The server may
 * still need the client's last flight; it completes that the next time
 * it reads, so the client's first data can share the flight. */
gboolean tlsconn_handshake(struct tlsconn *c, GError **error);
gboolean tlsconn_send(struct tlsconn *c, enum flow_side s, const char *data,
                      GError **error);
/* Reads everything that has arrived at s; out may be NULL. */
gboolean tlsconn_receive(struct tlsconn *c, enum flow_side s, GString *out,
                         GError **error);
/* close_notify from the client, close_notify back, then TCP FINs. */
gboolean tlsconn_close(struct tlsconn *c, GError **error);

gboolean tlsconn_session_data(struct tlsconn *c, gnutls_datum_t *data,
                              GError **error);

#endif
