/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "scenarios.h"

#include <string.h>

#include "determinism.h"
#include "scenarios_private.h"

const struct tls_profile profile_tls12 = {
    .client_priority = TLS12_CLIENT_PRIORITY,
    .server_priority = TLS12_SERVER_PRIORITY,
    .server_name = "www.example.com",
    .client_tickets = TRUE,
};

const struct tls_profile profile_tls13 = {
    .client_priority = TLS13_CLIENT_PRIORITY,
    .server_priority = TLS13_SERVER_PRIORITY,
    .server_name = "www.example.com",
    .client_tickets = TRUE,
    .tls13_tickets_after_finished = 2,
};

char *scenario_http_request(const char *path)
{
    return g_strdup_printf("GET %s HTTP/1.1\r\n"
                           "Host: www.example.com\r\n"
                           "User-Agent: tlsexplain-pcapgen/1.0\r\n"
                           "Accept: */*\r\n"
                           "\r\n", path);
}

char *scenario_http_response(const char *path)
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

gboolean scenario_http_exchange(struct tlsconn *c, const char *path,
                                GError **error)
{
    char *req = scenario_http_request(path);
    char *resp = scenario_http_response(path);
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
                  scenario_http_exchange(&c, path, error) &&
                  (!session_out || tlsconn_session_data(&c, session_out, error)) &&
                  tlsconn_close(&c, error);

    *flow = c.tcp;
    tlsconn_free(&c);
    return ok;
}

int64_t scenario_flow_end(const struct tcpflow *f)
{
    return MAX(f->now[SIDE_CLIENT], f->now[SIDE_SERVER]);
}

gboolean scenario_full_then_resumed(const struct scenario_env *env,
                                    struct scenario_output *out,
                                    const struct tls_profile *profile,
                                    uint16_t client_port, GError **error)
{
    struct tcpflow flow;
    gnutls_datum_t session = { NULL, 0 };
    gboolean ok;

    tcpflow_init(&flow, env->path, out->packets, client_port, DET_EPOCH_NS);
    ok = scenario_http_connection(env, out, profile, &flow, "/",
                                  NULL, &session, error);
    if (ok) {
        tcpflow_init(&flow, env->path, out->packets, client_port + 1,
                     scenario_flow_end(&flow) + NEXT_CONNECTION_NS);
        ok = scenario_http_connection(env, out, profile, &flow,
                                      "/style.css", &session, NULL, error);
    }
    gnutls_free(session.data);
    return ok;
}

gboolean scenario_single_connection(const struct scenario_env *env,
                                    struct scenario_output *out,
                                    const struct flow_path *path,
                                    const struct tls_profile *profile,
                                    uint16_t client_port, GError **error)
{
    struct tcpflow flow;

    tcpflow_init(&flow, path, out->packets, client_port, DET_EPOCH_NS);
    return scenario_http_connection(env, out, profile, &flow, "/", NULL,
                                    NULL, error);
}

gboolean scenario_failing_connection(const struct scenario_env *env,
                                     struct scenario_output *out,
                                     const struct tls_profile *profile,
                                     uint16_t client_port, GError **error)
{
    struct tlsconn c = { 0 };
    gboolean ok;

    tcpflow_init(&c.tcp, env->path, out->packets, client_port, DET_EPOCH_NS);
    ok = tlsconn_open(&c, env->creds, profile, NULL, out->keylog, error) &&
         tlsconn_handshake_fails(&c, error);
    tlsconn_free(&c);
    return ok;
}

static gboolean run_tls12_ticket(const struct scenario_env *env,
                                 struct scenario_output *out, GError **error)
{
    return scenario_full_then_resumed(env, out, &profile_tls12, 51514, error);
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
      run_tls12_ticket, FALSE, FALSE },
    { "tls13-full-tickets",
      "TLS 1.3 full 1-RTT handshake (x25519), two NewSessionTickets",
      run_tls13_tickets, FALSE, FALSE },
    { "tls12-session-id-resumption",
      "TLS 1.2 full handshake from a server without tickets, then "
      "resumption by session ID",
      scenario_tls12_session_id, TRUE, FALSE },
    { "tls12-rsa-kx-ipv6",
      "TLS 1.2 RSA key exchange (no ServerKeyExchange), over IPv6",
      scenario_tls12_rsa_kx_ipv6, TRUE, FALSE },
    { "tls12-dhe-rsa-ffdhe2048",
      "TLS 1.2 DHE-RSA with the RFC 7919 ffdhe2048 group",
      scenario_tls12_dhe_ffdhe2048, TRUE, FALSE },
    { "tls12-ecdhe-ecdsa",
      "TLS 1.2 ECDHE-ECDSA with a P-256 server certificate",
      scenario_tls12_ecdhe_ecdsa, TRUE, FALSE },
    { "tls12-mutual-auth",
      "TLS 1.2 with a client certificate (CertificateRequest, "
      "Certificate, CertificateVerify)",
      scenario_tls12_mutual_auth, TRUE, FALSE },
    { "tls12-cert-chain",
      "TLS 1.2 server sending leaf + intermediate, root not sent "
      "(root in NAME.ca.pem)",
      scenario_tls12_cert_chain, TRUE, FALSE },
    { "tls12-cert-fragmented",
      "TLS 1.2 Certificate message split over several 512-byte records "
      "and TCP segments",
      scenario_tls12_cert_fragmented, TRUE, FALSE },
    { "tls12-renegotiation",
      "TLS 1.2 secure renegotiation (HelloRequest, second handshake "
      "under encryption) on one connection",
      scenario_tls12_renegotiation, TRUE, FALSE },
    { "tls10-cbc",
      "Legacy TLS 1.0 with ECDHE-RSA-AES128-CBC-SHA",
      scenario_tls10_cbc, TRUE, FALSE },
    { "tls13-ticket-resumption",
      "TLS 1.3 full handshake, then PSK resumption (psk_dhe_ke) with "
      "one of its tickets",
      scenario_tls13_resumption, TRUE, FALSE },
    { "tls13-hello-retry",
      "TLS 1.3 HelloRetryRequest: the server wants secp384r1, the client "
      "sent other key shares",
      scenario_tls13_hello_retry, TRUE, FALSE },
    { "tls13-early-data",
      "TLS 1.3 full handshake, then resumption with accepted 0-RTT "
      "early data",
      scenario_tls13_early_data, TRUE, FALSE },
    { "tls13-mutual-auth",
      "TLS 1.3 with a client certificate",
      scenario_tls13_mutual_auth, TRUE, FALSE },
    { "tls12-no-shared-cipher",
      "Failure: no cipher suite in common, the server sends a "
      "handshake_failure alert",
      scenario_tls12_no_shared_cipher, TRUE, FALSE },
    { "tls13-unknown-ca",
      "Failure: the client does not trust the server's CA and sends an "
      "alert",
      scenario_tls13_unknown_ca, TRUE, FALSE },
    { "dtls12-cookie",
      "DTLS 1.2 over UDP with the HelloVerifyRequest cookie exchange; "
      "a small MTU fragments the Certificate",
      scenario_dtls12_cookie, TRUE, FALSE },
    { "tls-interleaved-connections",
      "Three connections (TLS 1.3, 1.2, 1.3) to one server whose packets "
      "interleave",
      scenario_interleaved, TRUE, FALSE },
    { "quic-tls13",
      "TLS 1.3 inside QUIC version 1 over UDP 443: the handshake in CRYPTO "
      "frames of protected Initial, Handshake and 1-RTT packets",
      scenario_quic_tls13, TRUE, FALSE },
    { "tls12-no-reneg-ems",
      "A TLS 1.2 server without renegotiation_info, extended_master_secret "
      "or encrypt_then_mac: ECDHE with AES-128-CBC and HMAC-SHA1",
      scenario_tls12_no_reneg_ems, FALSE, TRUE },
    { "tls12-expired-cert",
      "TLS 1.2 with a server certificate that expired before the capture; "
      "the client does not check and carries on",
      scenario_tls12_expired_cert, FALSE, TRUE },
    { "tls12-hostname-mismatch",
      "Failure: the certificate is for other.example.net, the client asked "
      "for www.example.com and sends bad_certificate",
      scenario_tls12_hostname_mismatch, FALSE, TRUE },
    { "tls12-self-signed",
      "Failure: a self-signed server certificate, the client sends "
      "unknown_ca",
      scenario_tls12_self_signed, FALSE, TRUE },
    { "tls12-dhe-1024",
      "TLS 1.2 DHE-RSA with the 1024-bit RFC 2409 group 2 (Logjam)",
      scenario_tls12_dhe_1024, FALSE, TRUE },
    { "tls12-rsa-1024",
      "TLS 1.2 ECDHE-RSA with a 1024-bit RSA server key",
      scenario_tls12_rsa_1024, FALSE, TRUE },
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
