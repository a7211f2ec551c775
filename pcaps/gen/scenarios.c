/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "scenarios.h"

#include <string.h>

#include "determinism.h"

/* A browser-like TLS 1.2 offer (14 suites, AES-128-GCM first, as
 * Firefox orders them) and an nginx-like server that insists on
 * forward-secret AEAD suites in its own order. */
const struct tls_profile profile_tls12 = {
    .client_priority = "NORMAL:-VERS-ALL:+VERS-TLS1.2"
                       ":-CIPHER-ALL:+AES-128-GCM:+CHACHA20-POLY1305:+AES-256-GCM"
                       ":+AES-128-CBC:+AES-256-CBC"
                       ":-KX-ALL:+ECDHE-ECDSA:+ECDHE-RSA:+RSA"
                       ":-MAC-ALL:+AEAD:+SHA1"
                       ":-GROUP-ALL:+GROUP-X25519:+GROUP-SECP256R1:+GROUP-SECP384R1",
    .server_priority = "NORMAL:-VERS-ALL:+VERS-TLS1.2"
                       ":-CIPHER-ALL:+AES-128-GCM:+AES-256-GCM:+CHACHA20-POLY1305"
                       ":-KX-ALL:+ECDHE-RSA:+ECDHE-ECDSA:%SERVER_PRECEDENCE",
    .server_name = "www.example.com",
    .client_tickets = TRUE,
};

/* TLS 1.3 with GnuTLS's default suites; x25519 first so that is the
 * key share the server accepts. */
const struct tls_profile profile_tls13 = {
    .client_priority = "NORMAL:-VERS-ALL:+VERS-TLS1.3"
                       ":-GROUP-ALL:+GROUP-X25519:+GROUP-SECP256R1:+GROUP-SECP384R1",
    .server_priority = "NORMAL:-VERS-ALL:+VERS-TLS1.3",
    .server_name = "www.example.com",
    .client_tickets = TRUE,
    .tls13_tickets_after_finished = 2,
};

/* Gap between connections, like a user clicking a second link. */
#define NEXT_CONNECTION_NS INT64_C(1500000000)

static char *http_request(const char *path)
{
    return g_strdup_printf("GET %s HTTP/1.1\r\n"
                           "Host: www.example.com\r\n"
                           "User-Agent: tlsexplain-pcapgen/1.0\r\n"
                           "Accept: */*\r\n"
                           "\r\n", path);
}

static char *http_response(const char *path)
{
    char *body = g_strdup_printf("<!doctype html>\n<title>tlsexplain</title>\n"
                                 "<p>You asked for %s over TLS.</p>\n", path);
    char *resp = g_strdup_printf("HTTP/1.1 200 OK\r\n"
                                 "Date: Thu, 01 Jan 2026 09:00:00 GMT\r\n"
                                 "Server: tlsexplain-demo\r\n"
                                 "Content-Type: text/html; charset=utf-8\r\n"
                                 "Content-Length: %zu\r\n"
                                 "\r\n%s", strlen(body), body);
    g_free(body);
    return resp;
}

static gboolean http_exchange(struct tlsconn *c, const char *path,
                              GError **error)
{
    char *req = http_request(path);
    char *resp = http_response(path);
    gboolean ok = tlsconn_send(c, SIDE_CLIENT, req, error) &&
                  tlsconn_receive(c, SIDE_SERVER, NULL, error) &&
                  tlsconn_send(c, SIDE_SERVER, resp, error) &&
                  tlsconn_receive(c, SIDE_CLIENT, NULL, error);

    g_free(req);
    g_free(resp);
    return ok;
}

gboolean scenario_http_connection(const struct scenario_env *env,
                                  struct scenario_output *out,
                                  const struct tls_profile *profile,
                                  struct tcpflow *flow, const char *path,
                                  const gnutls_datum_t *resume,
                                  gnutls_datum_t *session_out,
                                  GError **error)
{
    struct tlsconn c = { .tcp = *flow };
    gboolean ok = tlsconn_open(&c, env->creds, profile, resume, out->keylog, error) &&
                  tlsconn_handshake(&c, error) &&
                  http_exchange(&c, path, error) &&
                  (!session_out || tlsconn_session_data(&c, session_out, error)) &&
                  tlsconn_close(&c, error);

    *flow = c.tcp;
    tlsconn_free(&c);
    return ok;
}

static int64_t flow_end(const struct tcpflow *f)
{
    return MAX(f->now[SIDE_CLIENT], f->now[SIDE_SERVER]);
}

static gboolean run_tls12_ticket(const struct scenario_env *env,
                                 struct scenario_output *out, GError **error)
{
    struct tcpflow flow;
    gnutls_datum_t ticket = { NULL, 0 };
    gboolean ok;

    tcpflow_init(&flow, env->path, out->packets, 51514, DET_EPOCH_NS);
    ok = scenario_http_connection(env, out, &profile_tls12, &flow, "/",
                                  NULL, &ticket, error);
    if (ok) {
        tcpflow_init(&flow, env->path, out->packets, 51515,
                     flow_end(&flow) + NEXT_CONNECTION_NS);
        ok = scenario_http_connection(env, out, &profile_tls12, &flow,
                                      "/style.css", &ticket, NULL, error);
    }
    gnutls_free(ticket.data);
    return ok;
}

static gboolean run_tls13_tickets(const struct scenario_env *env,
                                  struct scenario_output *out, GError **error)
{
    struct tcpflow flow;

    tcpflow_init(&flow, env->path, out->packets, 51613, DET_EPOCH_NS);
    return scenario_http_connection(env, out, &profile_tls13, &flow, "/",
                                    NULL, NULL, error);
}

static const struct scenario scenarios[] = {
    { "tls12-ecdhe-rsa-ticket",
      "TLS 1.2 ECDHE-RSA-AES128-GCM full handshake with a session ticket, "
      "then a second connection resuming with it",
      run_tls12_ticket },
    { "tls13-full-tickets",
      "TLS 1.3 full 1-RTT handshake (x25519), two NewSessionTickets",
      run_tls13_tickets },
};

const struct scenario *scenario_table(size_t *count)
{
    *count = G_N_ELEMENTS(scenarios);
    return scenarios;
}

const struct scenario *scenario_find(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(scenarios); i++)
        if (strcmp(scenarios[i].name, name) == 0)
            return &scenarios[i];
    return NULL;
}
