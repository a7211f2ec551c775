/* The chosen cipher suite in the five parts a class is taught (key
 * exchange, authentication, encryption, integrity, key derivation), as
 * they apply to this handshake: TLS 1.3 suites name only the last three,
 * and a resumed session makes no new key exchange.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_SUITEPARTS_H
#define TLSX_SUITEPARTS_H

#include <glib.h>
#include "session.h"

/* A part is either a catalog key of [suite_parts] (filled with {group}
 * and {hash}) or, when that is NULL, a name as written (value). */
struct suite_part {
    const char *key;
    const char *value;
};

struct suite_parts {
    struct suite_part kx, auth, prf;
    const char *enc;      /* e.g. "AES-128-GCM" */
    const char *mac;      /* "AEAD", "HMAC-SHA1", "HMAC-SHA256", ... */
    const char *group;    /* TLS 1.3: the key share's group, or NULL */
    const char *hash;     /* the PRF's or HKDF's hash: "SHA-256", ... */
};

/* FALSE when it is not a ServerHello with a known suite. */
gboolean suite_parts(const struct item *it, struct suite_parts *out);

#endif
