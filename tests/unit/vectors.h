/* Real handshake messages from the public captures in shared/vectors
 * (The Illustrated TLS 1.2 and 1.3 Connections, RFC 8448 via Wireshark's
 * test suite), decrypted with their published keys.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_TEST_VECTORS_H
#define TLSX_TEST_VECTORS_H

#include <glib.h>

struct vector {
    const char *source;
    guint8 type;
    gsize len;
    const guint8 *data;
};

static const struct vector vectors[] = {
#include "messages.inc"
};

/* The captures are TLS 1.2 or TLS 1.3 throughout; their name says which. */
static inline guint16 vector_version(const struct vector *v)
{
    return strstr(v->source, "tls12") ? 0x0303 : 0x0304;
}

#endif
