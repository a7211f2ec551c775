/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * scenarios_tls12: TLS 1.2 captures that vary one thing against
 * tls12-ecdhe-rsa-ticket (key exchange, certificate, resumption method,
 * authentication, record layout).
 */
#include <string.h>

#include "determinism.h"
#include "scenarios_private.h"

/* A server with a session cache but no tickets, and a client that does
 * not ask for them: the only way back is the session ID. */
static const struct tls_profile profile_session_id = {
    .client_priority = TLS12_CLIENT_PRIORITY,
    .server_priority = TLS12_SERVER_PRIORITY,
    .server_name = "www.example.com",
    .server_session_cache = TRUE,
};

gboolean scenario_tls12_session_id(const struct scenario_env *env,
                                   struct scenario_output *out, GError **error)
{
    return scenario_full_then_resumed(env, out, &profile_session_id, 51714,
                                      error);
}

/* The client offers its usual list; the server only does RSA key
 * transport, as old or misconfigured servers do. */
static const struct tls_profile profile_rsa_kx = {
    .client_priority = TLS12_CLIENT_PRIORITY,
    .server_priority = "NORMAL:-VERS-ALL:+VERS-TLS1.2"
                       ":-CIPHER-ALL:+AES-128-GCM:-KX-ALL:+RSA",
    .server_name = "www.example.com",
    .client_tickets = TRUE,
};

gboolean scenario_tls12_rsa_kx_ipv6(const struct scenario_env *env,
                                    struct scenario_output *out, GError **error)
{
    struct flow_path path6;

    flow_path_init_ipv6(&path6, 2 * env->path->half_rtt_ns);
    return scenario_single_connection(env, out, &path6, &profile_rsa_kx,
                                      51814, error);
}

/* The client lists ffdhe2048 in supported_groups (RFC 7919), so the
 * server uses that group rather than parameters of its own choosing. */
static const struct tls_profile profile_dhe = {
    .client_priority = "NORMAL:-VERS-ALL:+VERS-TLS1.2"
                       ":-CIPHER-ALL:+AES-128-GCM:+AES-256-GCM"
                       ":-KX-ALL:+ECDHE-RSA:+DHE-RSA"
                       ":-GROUP-ALL:+GROUP-X25519:+GROUP-SECP256R1"
                       ":+GROUP-FFDHE2048:+GROUP-FFDHE3072",
    .server_priority = "NORMAL:-VERS-ALL:+VERS-TLS1.2"
                       ":-CIPHER-ALL:+AES-128-GCM:-KX-ALL:+DHE-RSA"
                       ":-GROUP-ALL:+GROUP-FFDHE2048",
    .server_name = "www.example.com",
    .client_tickets = TRUE,
};

gboolean scenario_tls12_dhe_ffdhe2048(const struct scenario_env *env,
                                      struct scenario_output *out, GError **error)
{
    return scenario_single_connection(env, out, env->path, &profile_dhe,
                                      51914, error);
}

/* Same offer and server settings as tls12-ecdhe-rsa-ticket; only the
 * server's certificate is ECDSA, which rules out the RSA suites. */
static const struct tls_profile profile_ecdsa = {
    .client_priority = TLS12_CLIENT_PRIORITY,
    .server_priority = TLS12_SERVER_PRIORITY,
    .server_name = "www.example.com",
    .client_tickets = TRUE,
    .server_cert = SERVER_CERT_ECDSA,
};

gboolean scenario_tls12_ecdhe_ecdsa(const struct scenario_env *env,
                                    struct scenario_output *out, GError **error)
{
    return scenario_single_connection(env, out, env->path, &profile_ecdsa,
                                      52014, error);
}

static const struct tls_profile profile_mutual = {
    .client_priority = TLS12_CLIENT_PRIORITY,
    .server_priority = TLS12_SERVER_PRIORITY,
    .server_name = "www.example.com",
    .mutual_auth = TRUE,
};

gboolean scenario_tls12_mutual_auth(const struct scenario_env *env,
                                    struct scenario_output *out, GError **error)
{
    return scenario_single_connection(env, out, env->path, &profile_mutual,
                                      52114, error);
}

/* The root is not sent (RFC 5246 section 7.4.2 allows leaving it out),
 * so the capture ships it: NAME.ca.pem. */
static gboolean publish_root(const struct scenario_env *env,
                             struct scenario_output *out, GError **error)
{
    char *path = g_build_filename(env->creds->dir, "ca-cert.pem", NULL);
    char *pem = NULL;
    gsize len = 0;
    gboolean ok = g_file_get_contents(path, &pem, &len, error);

    if (ok)
        out->ca_pem = g_string_new_len(pem, (gssize)len);
    g_free(path);
    g_free(pem);
    return ok;
}

static const struct tls_profile profile_chain = {
    .client_priority = TLS12_CLIENT_PRIORITY,
    .server_priority = TLS12_SERVER_PRIORITY,
    .server_name = "www.example.com",
    .server_cert = SERVER_CERT_CHAIN,
};

gboolean scenario_tls12_cert_chain(const struct scenario_env *env,
                                   struct scenario_output *out, GError **error)
{
    return publish_root(env, out, error) &&
           scenario_single_connection(env, out, env->path, &profile_chain,
                                      52214, error);
}

/* The chain again, from a server that keeps its records to 512 bytes,
 * so the Certificate message is cut across records as well as segments. */
static const struct tls_profile profile_small_records = {
    .client_priority = TLS12_CLIENT_PRIORITY,
    .server_priority = TLS12_SERVER_PRIORITY,
    .server_name = "www.example.com",
    .server_cert = SERVER_CERT_CHAIN,
    .server_record_size = 512,
};

gboolean scenario_tls12_cert_fragmented(const struct scenario_env *env,
                                        struct scenario_output *out,
                                        GError **error)
{
    return publish_root(env, out, error) &&
           scenario_single_connection(env, out, env->path,
                                      &profile_small_records, 52314, error);
}

static const struct tls_profile profile_renegotiation = {
    .client_priority = TLS12_CLIENT_PRIORITY ":%SAFE_RENEGOTIATION",
    .server_priority = TLS12_SERVER_PRIORITY ":%SAFE_RENEGOTIATION",
    .server_name = "www.example.com",
};

static gboolean renegotiated_connection(const struct scenario_env *env,
                                        struct scenario_output *out,
                                        struct tlsconn *c, GError **error)
{
    return tlsconn_open(c, env->creds, &profile_renegotiation, NULL,
                        out->keylog, error) &&
           tlsconn_handshake(c, error) &&
           scenario_http_exchange(c, "/", error) &&
           tlsconn_renegotiate(c, error) &&
           scenario_http_exchange(c, "/account", error) &&
           tlsconn_close(c, error);
}

/* One connection: a request, then the server asks for a new handshake
 * (HelloRequest) and a second request runs under the new keys. */
gboolean scenario_tls12_renegotiation(const struct scenario_env *env,
                                      struct scenario_output *out,
                                      GError **error)
{
    struct tlsconn c;
    gboolean ok;

    memset(&c, 0, sizeof c);
    tcpflow_init(&c.tcp, env->path, out->packets, 52414, DET_EPOCH_NS);
    ok = renegotiated_connection(env, out, &c, error);
    tlsconn_free(&c);
    return ok;
}

/* An old client and server that share nothing newer than TLS 1.0 with
 * AES-128-CBC and HMAC-SHA1. */
static const struct tls_profile profile_tls10 = {
    .client_priority = "NORMAL:-VERS-ALL:+VERS-TLS1.0"
                       ":-CIPHER-ALL:+AES-128-CBC:-MAC-ALL:+SHA1"
                       ":-KX-ALL:+ECDHE-RSA:+RSA:%VERIFY_ALLOW_SIGN_WITH_SHA1",
    .server_priority = "NORMAL:-VERS-ALL:+VERS-TLS1.0"
                       ":-CIPHER-ALL:+AES-128-CBC:-MAC-ALL:+SHA1"
                       ":-KX-ALL:+ECDHE-RSA",
    .server_name = "www.example.com",
};

gboolean scenario_tls10_cbc(const struct scenario_env *env,
                            struct scenario_output *out, GError **error)
{
    return scenario_single_connection(env, out, env->path, &profile_tls10,
                                      52514, error);
}
