/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * quicconn: a GnuTLS client and server in QUIC mode (RFC 9001), their
 * handshake messages carried in CRYPTO frames of protected QUIC packets
 * over a simulated UDP path (udpflow), so they end up in the capture.
 *
 * GnuTLS writes no records here: it hands over each handshake message
 * with its encryption level, and is given the peer's handshake bytes
 * level by level.  The two ends take turns as in tlsconn: one reads what
 * has arrived and runs its handshake, then everything it has to send
 * leaves as datagrams.  Nothing is lost or reordered, so there are no
 * retransmissions and every ACK covers one unbroken range.
 */
#ifndef TLSEXPLAIN_QUICCONN_H
#define TLSEXPLAIN_QUICCONN_H

#include <glib.h>
#include <gnutls/gnutls.h>

#include "credentials.h"
#include "quicpacket.h"
#include "udpflow.h"

struct quic_profile {
    const char *client_priority;
    const char *server_priority;
    const char *server_name;   /* SNI and certificate check */
    const char *alpn;          /* the one protocol both ends speak */
    unsigned tickets;          /* NewSessionTickets once the handshake is done */
};

/* What one end knows about one packet number space. */
struct quic_space_state {
    GByteArray *crypto_out;  /* handshake bytes GnuTLS wrote, not yet sent */
    uint64_t crypto_sent;    /* CRYPTO stream offset of crypto_out's first byte */
    GByteArray *crypto_in;   /* the peer's CRYPTO bytes, not yet given to GnuTLS */
    struct quic_keys tx;
    gboolean can_send;       /* tx keys installed and not yet discarded */
    uint64_t next_pn;
    gboolean ack_due;        /* an ack-eliciting packet awaits its ACK */
    uint64_t largest_rcvd;
    int64_t largest_rcvd_at;
};

struct quicconn;

struct quic_end {
    gnutls_session_t session;
    struct quicconn *conn;
    enum flow_side side;
    uint8_t cid[QUIC_CID_LEN];      /* this end's own connection ID */
    uint8_t peer_cid[QUIC_CID_LEN]; /* Destination CID of what it sends */
    struct quic_space_state space[QUIC_SPACES];
    gboolean handshake_done;
    gboolean owes_handshake_done;   /* server: HANDSHAKE_DONE not yet sent */
    gboolean peer_params;           /* the peer's quic_transport_parameters came */
    int alert;                      /* alert GnuTLS raised, or -1 */
};

struct quicconn {
    struct quic_end end[2];  /* indexed by enum flow_side */
    struct udpflow udp;
    /* The Destination CID of the client's first Initial: both ends
     * derive the Initial keys from it, and the server echoes it in its
     * transport parameters (RFC 9000 section 7.3). */
    uint8_t odcid[QUIC_CID_LEN];
    GString *keylog;         /* the client's NSS key log lines; may be NULL */
    unsigned tickets;
};

/* c->udp must already be set up with udpflow_init(). */
gboolean quicconn_open(struct quicconn *c, const struct tls_credentials *creds,
                       const struct quic_profile *profile, GString *keylog,
                       GError **error);
void quicconn_free(struct quicconn *c);
/* Runs the handshake until both ends are done with it, the server's
 * HANDSHAKE_DONE and tickets are acknowledged and nothing is left to send. */
gboolean quicconn_handshake(struct quicconn *c, GError **error);

#endif
