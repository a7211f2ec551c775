/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * scenarios_quic: TLS 1.3 carried by QUIC version 1 (RFC 9001) instead
 * of TLS records: the handshake messages travel in CRYPTO frames of
 * Initial, Handshake and 1-RTT packets.
 */
#include "determinism.h"
#include "quicconn.h"
#include "scenarios_private.h"

/* TLS 1.3 only, and no middlebox compatibility mode: QUIC has no
 * ChangeCipherSpec (RFC 9001 section 8.4).  The client offers what a
 * browser does; the server takes AES-128-GCM, so every packet, not just
 * the Initial ones, is protected with AEAD_AES_128_GCM.  ALPN is
 * mandatory in QUIC (section 8.1); h3 is HTTP/3. */
static const struct quic_profile profile_quic = {
    .client_priority = "NORMAL:-VERS-ALL:+VERS-TLS1.3"
                       ":-CIPHER-ALL:+AES-128-GCM:+AES-256-GCM:+CHACHA20-POLY1305"
                       ":-GROUP-ALL:+GROUP-X25519:+GROUP-SECP256R1"
                       ":%DISABLE_TLS13_COMPAT_MODE",
    .server_priority = "NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+AES-128-GCM"
                       ":%DISABLE_TLS13_COMPAT_MODE",
    .server_name = "www.example.com",
    .alpn = "h3",
    .tickets = 1,
};

gboolean scenario_quic_tls13(const struct scenario_env *env,
                             struct scenario_output *out, GError **error)
{
    struct quicconn c = { 0 };
    gboolean ok;

    /* HTTP/3 servers listen on UDP 443, the port of HTTPS. */
    udpflow_init(&c.udp, env->path, out->packets, 53514, DET_EPOCH_NS);
    ok = quicconn_open(&c, env->creds, &profile_quic, out->keylog, error) &&
         quicconn_handshake(&c, error);
    quicconn_free(&c);
    return ok;
}
