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
#include "udpflow.h"

enum server_cert {
    SERVER_CERT_RSA = 0,  /* www.example.com, RSA, signed by the test CA */
    SERVER_CERT_ECDSA,    /* www.example.com, ECDSA P-256, same CA */
    SERVER_CERT_CHAIN,    /* RSA leaf signed by an intermediate CA; both sent */
    /* The flawed servers (tls_credentials_load_flawed()). */
    SERVER_CERT_EXPIRED,     /* www.example.com, expired 2025-12-01 */
    SERVER_CERT_OTHER_NAME,  /* other.example.net, signed by the test CA */
    SERVER_CERT_SELF_SIGNED, /* www.example.com, signed by itself */
    SERVER_CERT_RSA1024,     /* www.example.com, 1024-bit RSA key */
    SERVER_CERT_DH1024,      /* the RSA server, with a 1024-bit DH group */
};

/* How client and server are configured, as a deployment would be.
 * Anything that uses a credential or server state beyond the base set
 * (see credentials.h) needs tls_credentials_load_extras() first. */
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
    enum server_cert server_cert;
    /* TLS 1.2 server without tickets that resumes by session ID. */
    gboolean server_session_cache;
    /* The server requires and verifies a client certificate. */
    gboolean mutual_auth;
    /* The client trusts an unrelated CA, so it rejects the server. */
    gboolean client_trusts_other_ca;
    /* The client does not check the server's certificate at all. */
    gboolean client_skips_verification;
    /* A client that rejects the certificate names the reason in its
     * alert, as OpenSSL does (unknown_ca, certificate_expired), instead
     * of GnuTLS's bad_certificate for every verification failure. */
    gboolean client_alert_names_problem;
    /* Largest record payload the server sends (0: GnuTLS's default). */
    size_t server_record_size;
    /* TLS 1.3 0-RTT: the server accepts early data on resumption. */
    gboolean early_data;
    /* DTLS over UDP instead of TLS over TCP. */
    gboolean datagram;
    /* DTLS: the largest datagram either side sends (0: GnuTLS's default);
     * a small one makes GnuTLS fragment the larger handshake messages. */
    unsigned dtls_mtu;
    /* No ALPN: it names HTTP versions, which mean nothing over DTLS. */
    gboolean no_alpn;
};

struct tls_end {
    gnutls_session_t session;
    GByteArray *inbox;
    guint in_off;
    GByteArray *outbox;
    /* DTLS: sizes of the datagrams queued in inbox / outbox. */
    GArray *in_sizes;
    GArray *out_sizes;
    gboolean handshake_done;
};

struct tlsconn {
    struct tls_end end[2];  /* indexed by enum flow_side */
    gboolean datagram;      /* see tls_profile; selects tcp or udp */
    struct tcpflow tcp;
    struct udpflow udp;
    GString *keylog;        /* NSS key log lines, appended; may be NULL */
    unsigned tls13_tickets; /* see tls_profile */
    gboolean early_data;
    gboolean alert_names_problem; /* see tls_profile */
};

/*
 * c->tcp (or c->udp, for a datagram profile) must already be set up with
 * tcpflow_init() (udpflow_init()); this connects TCP.
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
/* Runs a handshake that must fail: the end that fails sends the alert
 * GnuTLS maps its error to, the peer reads it, the failing end closes
 * TCP.  The connection cannot be used afterwards. */
gboolean tlsconn_handshake_fails(struct tlsconn *c, GError **error);
/* DTLS instead of tlsconn_handshake(): the server answers the first
 * ClientHello with a HelloVerifyRequest (RFC 6347 section 4.2.1) and
 * only starts its handshake once the ClientHello returns the cookie. */
gboolean tlsconn_dtls_handshake(struct tlsconn *c,
                                const struct tls_credentials *creds,
                                GError **error);
/* TLS 1.2: the server sends HelloRequest and a second handshake runs
 * under the protection of the first. */
gboolean tlsconn_renegotiate(struct tlsconn *c, GError **error);
/* TLS 1.3 0-RTT: the client queues data to go with its ClientHello
 * (before tlsconn_handshake); the server reads it once its handshake is
 * done. */
gboolean tlsconn_send_early(struct tlsconn *c, const char *data, GError **error);
gboolean tlsconn_receive_early(struct tlsconn *c, GString *out, GError **error);
gboolean tlsconn_send(struct tlsconn *c, enum flow_side s, const char *data,
                      GError **error);
/* Reads everything that has arrived at s; out may be NULL. */
gboolean tlsconn_receive(struct tlsconn *c, enum flow_side s, GString *out,
                         GError **error);
/* close_notify from the client, close_notify back, then TCP FINs
 * (nothing more for DTLS). */
gboolean tlsconn_close(struct tlsconn *c, GError **error);

gboolean tlsconn_session_data(struct tlsconn *c, gnutls_datum_t *data,
                              GError **error);

#endif
