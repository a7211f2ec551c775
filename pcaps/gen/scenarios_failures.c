/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * scenarios_failures: handshakes that end in a fatal alert.
 */
#include "determinism.h"
#include "scenarios_private.h"

/* A client that only offers CBC suites meets a server that only
 * accepts AEAD ones. */
static const struct tls_profile profile_no_shared_cipher = {
    .client_priority = "NORMAL:-VERS-ALL:+VERS-TLS1.2"
                       ":-CIPHER-ALL:+AES-128-CBC:+AES-256-CBC"
                       ":-MAC-ALL:+SHA1:+SHA256",
    .server_priority = TLS12_SERVER_PRIORITY,
    .server_name = "www.example.com",
};

gboolean scenario_tls12_no_shared_cipher(const struct scenario_env *env,
                                         struct scenario_output *out,
                                         GError **error)
{
    return scenario_failing_connection(env, out, &profile_no_shared_cipher,
                                       53114, error);
}

/* The server is fine; the client trusts a different CA.  Tickets wait
 * for the client's Finished, which never comes; sent with the server's
 * Finished they would be records nobody can decrypt, because the client
 * stops before it derives (and logs) the application secrets. */
static const struct tls_profile profile_unknown_ca = {
    .client_priority = TLS13_CLIENT_PRIORITY,
    .server_priority = TLS13_SERVER_PRIORITY,
    .server_name = "www.example.com",
    .tls13_tickets_after_finished = 2,
    .client_trusts_other_ca = TRUE,
};

gboolean scenario_tls13_unknown_ca(const struct scenario_env *env,
                                   struct scenario_output *out, GError **error)
{
    return scenario_failing_connection(env, out, &profile_unknown_ca, 53214,
                                       error);
}
