/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * scenarios_tls13: TLS 1.3 captures beyond the plain full handshake of
 * tls13-full-tickets: resumption, HelloRetryRequest, 0-RTT, client
 * certificates.
 */
#include <string.h>

#include "determinism.h"
#include "scenarios_private.h"

gboolean scenario_tls13_resumption(const struct scenario_env *env,
                                   struct scenario_output *out, GError **error)
{
    return scenario_full_then_resumed(env, out, &profile_tls13, 52614, error);
}

/* The client sends key shares for its first groups only; a server that
 * accepts none of them answers with a HelloRetryRequest naming its own. */
static const struct tls_profile profile_hrr = {
    .client_priority = TLS13_CLIENT_PRIORITY,
    .server_priority = TLS13_SERVER_PRIORITY ":-GROUP-ALL:+GROUP-SECP384R1",
    .server_name = "www.example.com",
    .client_tickets = TRUE,
    .tls13_tickets_after_finished = 2,
};

gboolean scenario_tls13_hello_retry(const struct scenario_env *env,
                                    struct scenario_output *out, GError **error)
{
    struct tcpflow flow;

    tcpflow_init(&flow, env->path, out->packets, 52714, DET_EPOCH_NS);
    return scenario_http_connection(env, out, &profile_hrr, &flow, "/", NULL,
                                    NULL, error);
}

static const struct tls_profile profile_early_data = {
    .client_priority = TLS13_CLIENT_PRIORITY,
    .server_priority = TLS13_SERVER_PRIORITY,
    .server_name = "www.example.com",
    .client_tickets = TRUE,
    .tls13_tickets_after_finished = 2,
    .early_data = TRUE,
};

/* The request goes with the ClientHello; the server answers once its
 * handshake is complete. */
static gboolean zero_rtt_exchange(struct tlsconn *c, const char *path,
                                  GError **error)
{
    char *req = scenario_http_request(path);
    char *resp = scenario_http_response(path);
    gboolean ok = tlsconn_send_early(c, req, error) &&
                  tlsconn_handshake(c, error) &&
                  tlsconn_receive_early(c, NULL, error) &&
                  tlsconn_send(c, SIDE_SERVER, resp, error) &&
                  tlsconn_receive(c, SIDE_CLIENT, NULL, error);

    g_free(req);
    g_free(resp);
    return ok;
}

static gboolean zero_rtt_connection(const struct scenario_env *env,
                                    struct scenario_output *out,
                                    struct tcpflow *flow,
                                    const gnutls_datum_t *ticket,
                                    GError **error)
{
    struct tlsconn c = { .tcp = *flow };
    gboolean ok = tlsconn_open(&c, env->creds, &profile_early_data, ticket,
                               out->keylog, error) &&
                  zero_rtt_exchange(&c, "/style.css", error) &&
                  tlsconn_close(&c, error);

    tlsconn_free(&c);
    return ok;
}

/* A full handshake that leaves the client a ticket allowing early data,
 * then a resumption that uses it. */
gboolean scenario_tls13_early_data(const struct scenario_env *env,
                                   struct scenario_output *out, GError **error)
{
    struct tcpflow flow;
    gnutls_datum_t ticket = { NULL, 0 };
    gboolean ok;

    tcpflow_init(&flow, env->path, out->packets, 52814, DET_EPOCH_NS);
    ok = scenario_http_connection(env, out, &profile_early_data, &flow, "/",
                                  NULL, &ticket, error);
    if (ok) {
        tcpflow_init(&flow, env->path, out->packets, 52815,
                     scenario_flow_end(&flow) + NEXT_CONNECTION_NS);
        ok = zero_rtt_connection(env, out, &flow, &ticket, error);
    }
    gnutls_free(ticket.data);
    return ok;
}

static const struct tls_profile profile_tls13_mutual = {
    .client_priority = TLS13_CLIENT_PRIORITY,
    .server_priority = TLS13_SERVER_PRIORITY,
    .server_name = "www.example.com",
    .tls13_tickets_after_finished = 2,
    .mutual_auth = TRUE,
};

gboolean scenario_tls13_mutual_auth(const struct scenario_env *env,
                                    struct scenario_output *out, GError **error)
{
    struct tcpflow flow;

    tcpflow_init(&flow, env->path, out->packets, 52914, DET_EPOCH_NS);
    return scenario_http_connection(env, out, &profile_tls13_mutual, &flow,
                                    "/", NULL, NULL, error);
}
