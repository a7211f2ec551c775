/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * quicconn_private: what quicconn.c (the GnuTLS side) and quicsend.c (the
 * packets and datagrams) share.  Not for scenarios.
 */
#ifndef TLSEXPLAIN_QUICCONN_PRIVATE_H
#define TLSEXPLAIN_QUICCONN_PRIVATE_H

#include "quicconn.h"

#define QUIC_ERROR g_quark_from_static_string("quic-error")

/* Sends everything side s has pending (CRYPTO data, ACKs, HANDSHAKE_DONE)
 * as few datagrams as fit, and hands the peer what it would read from
 * them.  *sent: how many datagrams went out. */
gboolean quic_send_pending(struct quicconn *c, enum flow_side s, guint *sent,
                           GError **error);
/* RFC 9001 section 4.9: an end stops using a space's keys for good. */
void quic_discard_keys(struct quic_end *end, enum quic_space sp);

#endif
