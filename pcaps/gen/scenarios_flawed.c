/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * scenarios_flawed: servers with one classic flaw each, for the security
 * findings: no renegotiation_info or extended master secret with
 * MAC-then-encrypt CBC, an expired certificate, a certificate for another
 * name, a self-signed certificate, a 1024-bit DH group, a 1024-bit RSA key.
 * Each is the usual client against a server that gets one thing wrong.
 */
#include "scenarios_private.h"

/* A server from before RFC 5746 (2010) and RFC 7627 (2015) that never
 * learnt encrypt_then_mac (RFC 7366): the modern client offers all three
 * extensions, the server answers none, and the suite is CBC with
 * HMAC-SHA1 computed over the plaintext (MAC-then-encrypt, Lucky13). */
static const struct tls_profile profile_no_reneg_ems = {
    .client_priority = TLS12_CLIENT_PRIORITY,
    .server_priority = "NORMAL:-VERS-ALL:+VERS-TLS1.2"
                       ":-CIPHER-ALL:+AES-128-CBC:-MAC-ALL:+SHA1"
                       ":-KX-ALL:+ECDHE-RSA"
                       ":%DISABLE_SAFE_RENEGOTIATION:%NO_SESSION_HASH:%NO_ETM",
    .server_name = "www.example.com",
};

gboolean scenario_tls12_no_reneg_ems(const struct scenario_env *env,
                                     struct scenario_output *out,
                                     GError **error)
{
    return scenario_single_connection(env, out, env->path,
                                      &profile_no_reneg_ems, 53614, error);
}

/* The server's certificate expired a month before; the client does not
 * check certificates at all (as curl -k or a careless library default),
 * so the handshake completes. */
static const struct tls_profile profile_expired = {
    .client_priority = TLS12_CLIENT_PRIORITY,
    .server_priority = TLS12_SERVER_PRIORITY,
    .server_name = "www.example.com",
    .server_cert = SERVER_CERT_EXPIRED,
    .client_skips_verification = TRUE,
};

gboolean scenario_tls12_expired_cert(const struct scenario_env *env,
                                     struct scenario_output *out,
                                     GError **error)
{
    return scenario_single_connection(env, out, env->path, &profile_expired,
                                      53714, error);
}

/* The client asks for www.example.com and gets a valid certificate of
 * the trusted CA for other.example.net: it rejects it after the server's
 * flight with bad_certificate (42). */
static const struct tls_profile profile_hostname_mismatch = {
    .client_priority = TLS12_CLIENT_PRIORITY,
    .server_priority = TLS12_SERVER_PRIORITY,
    .server_name = "www.example.com",
    .server_cert = SERVER_CERT_OTHER_NAME,
};

gboolean scenario_tls12_hostname_mismatch(const struct scenario_env *env,
                                          struct scenario_output *out,
                                          GError **error)
{
    return scenario_failing_connection(env, out, &profile_hostname_mismatch,
                                       53814, error);
}

/* A self-signed certificate: no CA the client trusts vouches for it, and
 * the client says so with unknown_ca (48). */
static const struct tls_profile profile_self_signed = {
    .client_priority = TLS12_CLIENT_PRIORITY,
    .server_priority = TLS12_SERVER_PRIORITY,
    .server_name = "www.example.com",
    .server_cert = SERVER_CERT_SELF_SIGNED,
    .client_alert_names_problem = TRUE,
};

gboolean scenario_tls12_self_signed(const struct scenario_env *env,
                                    struct scenario_output *out,
                                    GError **error)
{
    return scenario_failing_connection(env, out, &profile_self_signed, 53914,
                                       error);
}

/* Neither end names an RFC 7919 group (GnuTLS would otherwise choose
 * ffdhe2048 itself), so the server uses the group it was configured
 * with: the 1024-bit Oakley group 2 of Logjam. */
static const struct tls_profile profile_dhe_1024 = {
    .client_priority = "NORMAL:-VERS-ALL:+VERS-TLS1.2"
                       ":-CIPHER-ALL:+AES-128-GCM:+AES-256-GCM"
                       ":-KX-ALL:+ECDHE-RSA:+DHE-RSA"
                       ":-GROUP-ALL:+GROUP-X25519:+GROUP-SECP256R1",
    .server_priority = "NORMAL:-VERS-ALL:+VERS-TLS1.2"
                       ":-CIPHER-ALL:+AES-128-GCM:-KX-ALL:+DHE-RSA"
                       ":-GROUP-ALL:+GROUP-X25519:+GROUP-SECP256R1",
    .server_name = "www.example.com",
    .server_cert = SERVER_CERT_DH1024,
};

gboolean scenario_tls12_dhe_1024(const struct scenario_env *env,
                                 struct scenario_output *out, GError **error)
{
    return scenario_single_connection(env, out, env->path, &profile_dhe_1024,
                                      54014, error);
}

/* The usual handshake with a certificate whose RSA key has 1024 bits. */
static const struct tls_profile profile_rsa_1024 = {
    .client_priority = TLS12_CLIENT_PRIORITY,
    .server_priority = TLS12_SERVER_PRIORITY,
    .server_name = "www.example.com",
    .server_cert = SERVER_CERT_RSA1024,
};

gboolean scenario_tls12_rsa_1024(const struct scenario_env *env,
                                 struct scenario_output *out, GError **error)
{
    return scenario_single_connection(env, out, env->path, &profile_rsa_1024,
                                      54114, error);
}
