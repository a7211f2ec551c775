/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsconn_private: the turn-taking machinery of tlsconn.c, shared with
 * tlsconn_variants.c (handshakes that fail, DTLS cookies, renegotiation,
 * 0-RTT).  Not for scenarios.
 */
#ifndef TLSEXPLAIN_TLSCONN_PRIVATE_H
#define TLSEXPLAIN_TLSCONN_PRIVATE_H

#include "tlsconn.h"

#define TLS_ERROR g_quark_from_static_string("tls-error")
/* Simulated CPU time per turn: handshake crypto vs. application work. */
#define HANDSHAKE_THINK_NS 300000
#define APP_THINK_NS 100000

/* Sets *error and returns TRUE if rc is a GnuTLS error. */
gboolean tlsconn_failed(int rc, const char *what, GError **error);
gboolean tlsconn_is_retry(int rc);
/* GnuTLS push function: appends to the end's outbox. */
ssize_t tlsconn_push(gnutls_transport_ptr_t ptr, const void *data, size_t len);
/* Starts a turn for s: its clock moves on and GnuTLS's clock follows. */
void tlsconn_begin_turn(struct tlsconn *c, enum flow_side s, int64_t think_ns);
/* Puts what s wrote on the wire and into the peer's inbox. */
void tlsconn_flush(struct tlsconn *c, enum flow_side s);
/* One gnutls_handshake() call by s, its output sent; GnuTLS's result. */
int tlsconn_handshake_turn(struct tlsconn *c, enum flow_side s);
/* Alternating turns from first until the client has finished. */
gboolean tlsconn_run_handshake(struct tlsconn *c, enum flow_side first,
                               GError **error);

#endif
