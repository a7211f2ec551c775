/* A chosen suite's parts as they apply; see suiteparts.h.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "handshake.h"
#include "registry.h"
#include "suiteparts.h"

/* IANA names the HMAC by its hash alone; "SHA" is SHA-1 (RFC 5246 §A.5). */
static const char *hash_name(const char *prf)
{
    static const char *const names[][2] = {
        { "SHA256", "SHA-256" }, { "SHA384", "SHA-384" }, { "SHA512", "SHA-512" },
        { "SM3", "SM3" },
    };
    for (gsize i = 0; prf && i < G_N_ELEMENTS(names); i++)
        if (strcmp(prf, names[i][0]) == 0)
            return names[i][1];
    return prf;
}

static void tls13_parts(const struct links *l, struct suite_parts *out)
{
    gboolean psk = l && l->resumption == RES_PSK && l->resumed;
    const struct reg_group *g = l && l->group ? reg_group(l->group) : NULL;
    out->group = g ? g->name : NULL;
    out->kx.key = psk ? (out->group ? "kx_tls13_psk_dhe" : "kx_tls13_psk")
                      : out->group ? "kx_tls13_dhe" : "kx_tls13_unknown";
    out->auth.key = psk ? "auth_tls13_psk" : "auth_tls13_certificate";
    out->prf.key = "hkdf";
}

gboolean suite_parts(const struct item *it, struct suite_parts *out)
{
    const struct reg_suite *s = it->msg_type == HS_SERVER_HELLO ? reg_suite(it->suite) : NULL;
    const struct links *l = item_links(it);
    memset(out, 0, sizeof *out);
    if (!s)
        return FALSE;
    out->enc = s->enc;
    out->mac = reg_suite_mac(s);
    out->hash = hash_name(s->prf);
    if (tlsx_version_tls13(it->version)) {
        tls13_parts(l, out);
        return TRUE;
    }
    if (l && l->resumption != RES_NONE && l->resumed) {
        out->kx.key = "kx_resumed";
        out->auth.key = "auth_resumed";
    } else {
        out->kx.value = s->kx;
        out->auth.value = s->auth;
    }
    /* TLS 1.0 and 1.1 split the PRF between MD5 and SHA-1 (RFC 4346 §5);
     * SSL 3.0 had no PRF but nested MD5 and SHA-1 hashes (RFC 6101 §6.1). */
    out->prf.key = it->version == 0x0300 ? "kdf_ssl3"
                 : it->version >= 0x0303 && it->version != 0xfeff ? "prf12" : "prf10";
    return TRUE;
}
