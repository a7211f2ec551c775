/* Real handshake messages from the public captures in shared/vectors
 * (The Illustrated TLS 1.2 and 1.3 Connections, RFC 8448 via Wireshark's
 * test suite), decrypted with their published keys, and from our QUIC
 * capture (pcaps/quic-tls13, for quic_transport_parameters):
 *   extract_messages.py messages_quic.inc \
 *       pcaps/quic-tls13.pcapng:pcaps/quic-tls13.keys:quic-tls13
 * and from the hand-made tests/data/extensions.pcap (ECH, delegated
 * credentials, certificate types):
 *   extract_messages.py messages_handmade.inc \
 *       tests/data/extensions.pcap:/dev/null:extensions-tls13
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_TEST_VECTORS_H
#define TLSX_TEST_VECTORS_H

#include <glib.h>
#include <string.h>
#include "handshake.h"

struct vector {
    const char *source;
    guint8 type;
    gsize len;
    const guint8 *data;
};

static const struct vector vectors[] = {
#include "messages.inc"
#include "messages_quic.inc"
#include "messages_handmade.inc"
};

/* The captures are TLS 1.2 or TLS 1.3 throughout; their name says which. */
static inline guint16 vector_version(const struct vector *v)
{
    return strstr(v->source, "tls12") ? 0x0303 : 0x0304;
}

/* What the parser needs from the rest of each capture's handshake: the
 * Illustrated TLS 1.2 connection negotiates TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA. */
static inline struct hs_context vector_context(const struct vector *v)
{
    struct hs_context ctx = { TLSX_TLS, vector_version(v), 0x1301, KX_TLS13, 0 };
    if (vector_version(v) == 0x0303) {
        ctx.suite = 0xc013;
        ctx.kx = KX_ECDHE;
    }
    return ctx;
}

#endif
