/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * scenarios_transport: captures about what carries TLS rather than TLS
 * itself: DTLS over UDP, and several TCP connections at once.
 */
#include "determinism.h"
#include "scenarios_private.h"

/* DTLS servers usually listen on a port of their own. */
#define DTLS_PORT 4433

static const struct tls_profile profile_dtls12 = {
    .client_priority = "NORMAL:-VERS-ALL:+VERS-DTLS1.2"
                       ":-GROUP-ALL:+GROUP-X25519:+GROUP-SECP256R1",
    .server_priority = "NORMAL:-VERS-ALL:+VERS-DTLS1.2"
                       ":-CIPHER-ALL:+AES-128-GCM:+AES-256-GCM:%SERVER_PRECEDENCE",
    .server_name = "www.example.com",
    .datagram = TRUE,
    /* A path with a small MTU (a tunnel, say): the server's Certificate
     * does not fit one datagram and goes out in fragments that the
     * client reassembles by fragment_offset (RFC 6347 section 4.2.3). */
    .dtls_mtu = 600,
    .no_alpn = TRUE,
};

/* One message each way: what matters here is the handshake. */
static gboolean dtls_exchange(struct tlsconn *c, GError **error)
{
    return tlsconn_send(c, SIDE_CLIENT, "hello over DTLS 1.2\n", error) &&
           tlsconn_receive(c, SIDE_SERVER, NULL, error) &&
           tlsconn_send(c, SIDE_SERVER, "hello, client\n", error) &&
           tlsconn_receive(c, SIDE_CLIENT, NULL, error);
}

gboolean scenario_dtls12_cookie(const struct scenario_env *env,
                                struct scenario_output *out, GError **error)
{
    struct flow_path path = *env->path;
    struct tlsconn c = { 0 };
    gboolean ok;

    path.server_port = DTLS_PORT;
    udpflow_init(&c.udp, &path, out->packets, 53314, DET_EPOCH_NS);
    ok = tlsconn_open(&c, env->creds, &profile_dtls12, NULL, out->keylog,
                      error) &&
         tlsconn_dtls_handshake(&c, env->creds, error) &&
         dtls_exchange(&c, error) &&
         tlsconn_close(&c, error);
    tlsconn_free(&c);
    return ok;
}

/* A browser opening three connections to one server at nearly the same
 * time.  Each connection runs on its own clock, so running them one
 * after the other still interleaves their packets once the capture is
 * sorted by time. */
gboolean scenario_interleaved(const struct scenario_env *env,
                              struct scenario_output *out, GError **error)
{
    static const struct {
        const struct tls_profile *profile;
        const char *path;
        int64_t start_ns;
    } conns[] = {
        { &profile_tls13, "/", 0 },
        { &profile_tls12, "/style.css", 3000000 },
        { &profile_tls13, "/app.js", 7000000 },
    };
    gboolean ok = TRUE;

    for (size_t i = 0; ok && i < G_N_ELEMENTS(conns); i++) {
        struct tcpflow flow;

        tcpflow_init(&flow, env->path, out->packets, (uint16_t)(53414 + i),
                     DET_EPOCH_NS + conns[i].start_ns);
        ok = scenario_http_connection(env, out, conns[i].profile, &flow,
                                      conns[i].path, NULL, NULL, error);
    }
    return ok;
}
