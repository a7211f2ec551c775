/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * scenarios_private: what the scenario files share: the deployments'
 * priority strings, connection helpers, and the scenario functions the
 * table in scenarios.c lists.
 */
#ifndef TLSEXPLAIN_SCENARIOS_PRIVATE_H
#define TLSEXPLAIN_SCENARIOS_PRIVATE_H

#include "scenarios.h"

/* A browser-like TLS 1.2 offer (14 suites, AES-128-GCM first, as
 * Firefox orders them) and an nginx-like server that insists on
 * forward-secret AEAD suites in its own order. */
#define TLS12_CLIENT_PRIORITY \
    "NORMAL:-VERS-ALL:+VERS-TLS1.2" \
    ":-CIPHER-ALL:+AES-128-GCM:+CHACHA20-POLY1305:+AES-256-GCM" \
    ":+AES-128-CBC:+AES-256-CBC" \
    ":-KX-ALL:+ECDHE-ECDSA:+ECDHE-RSA:+RSA" \
    ":-MAC-ALL:+AEAD:+SHA1" \
    ":-GROUP-ALL:+GROUP-X25519:+GROUP-SECP256R1:+GROUP-SECP384R1"
#define TLS12_SERVER_PRIORITY \
    "NORMAL:-VERS-ALL:+VERS-TLS1.2" \
    ":-CIPHER-ALL:+AES-128-GCM:+AES-256-GCM:+CHACHA20-POLY1305" \
    ":-KX-ALL:+ECDHE-RSA:+ECDHE-ECDSA:%SERVER_PRECEDENCE"
/* TLS 1.3 with GnuTLS's default suites; x25519 first so that is the
 * key share the server accepts. */
#define TLS13_CLIENT_PRIORITY \
    "NORMAL:-VERS-ALL:+VERS-TLS1.3" \
    ":-GROUP-ALL:+GROUP-X25519:+GROUP-SECP256R1:+GROUP-SECP384R1"
#define TLS13_SERVER_PRIORITY "NORMAL:-VERS-ALL:+VERS-TLS1.3"

/* Gap between connections, like a user clicking a second link. */
#define NEXT_CONNECTION_NS INT64_C(1500000000)

/* When the later of the two ends is done with the connection. */
int64_t scenario_flow_end(const struct tcpflow *f);
/* The HTTP request and response of every capture (g_free them). */
char *scenario_http_request(const char *path);
char *scenario_http_response(const char *path);
gboolean scenario_http_exchange(struct tlsconn *c, const char *path,
                                GError **error);
/* A full handshake on client_port, then 1.5 s later a second connection
 * on client_port + 1 that resumes it, each with one HTTP exchange. */
gboolean scenario_full_then_resumed(const struct scenario_env *env,
                                    struct scenario_output *out,
                                    const struct tls_profile *profile,
                                    uint16_t client_port, GError **error);

/* One connection with one HTTP exchange, starting at the epoch. */
gboolean scenario_single_connection(const struct scenario_env *env,
                                    struct scenario_output *out,
                                    const struct flow_path *path,
                                    const struct tls_profile *profile,
                                    uint16_t client_port, GError **error);
/* One connection, starting at the epoch, whose handshake must fail with
 * a fatal alert (tlsconn_handshake_fails()). */
gboolean scenario_failing_connection(const struct scenario_env *env,
                                     struct scenario_output *out,
                                     const struct tls_profile *profile,
                                     uint16_t client_port, GError **error);

/* scenarios_tls12.c */
gboolean scenario_tls12_session_id(const struct scenario_env *env,
                                   struct scenario_output *out, GError **error);
gboolean scenario_tls12_rsa_kx_ipv6(const struct scenario_env *env,
                                    struct scenario_output *out, GError **error);
gboolean scenario_tls12_dhe_ffdhe2048(const struct scenario_env *env,
                                      struct scenario_output *out, GError **error);
gboolean scenario_tls12_ecdhe_ecdsa(const struct scenario_env *env,
                                    struct scenario_output *out, GError **error);
gboolean scenario_tls12_mutual_auth(const struct scenario_env *env,
                                    struct scenario_output *out, GError **error);
gboolean scenario_tls12_cert_chain(const struct scenario_env *env,
                                   struct scenario_output *out, GError **error);
gboolean scenario_tls12_cert_fragmented(const struct scenario_env *env,
                                        struct scenario_output *out,
                                        GError **error);
gboolean scenario_tls12_renegotiation(const struct scenario_env *env,
                                      struct scenario_output *out,
                                      GError **error);
gboolean scenario_tls10_cbc(const struct scenario_env *env,
                            struct scenario_output *out, GError **error);

/* scenarios_tls13.c */
gboolean scenario_tls13_resumption(const struct scenario_env *env,
                                   struct scenario_output *out, GError **error);
gboolean scenario_tls13_hello_retry(const struct scenario_env *env,
                                    struct scenario_output *out, GError **error);
gboolean scenario_tls13_early_data(const struct scenario_env *env,
                                   struct scenario_output *out, GError **error);
gboolean scenario_tls13_mutual_auth(const struct scenario_env *env,
                                    struct scenario_output *out, GError **error);

/* scenarios_failures.c */
gboolean scenario_tls12_no_shared_cipher(const struct scenario_env *env,
                                         struct scenario_output *out,
                                         GError **error);
gboolean scenario_tls13_unknown_ca(const struct scenario_env *env,
                                   struct scenario_output *out, GError **error);

/* scenarios_flawed.c */
gboolean scenario_tls12_no_reneg_ems(const struct scenario_env *env,
                                     struct scenario_output *out,
                                     GError **error);
gboolean scenario_tls12_expired_cert(const struct scenario_env *env,
                                     struct scenario_output *out,
                                     GError **error);
gboolean scenario_tls12_hostname_mismatch(const struct scenario_env *env,
                                          struct scenario_output *out,
                                          GError **error);
gboolean scenario_tls12_self_signed(const struct scenario_env *env,
                                    struct scenario_output *out,
                                    GError **error);
gboolean scenario_tls12_dhe_1024(const struct scenario_env *env,
                                 struct scenario_output *out, GError **error);
gboolean scenario_tls12_rsa_1024(const struct scenario_env *env,
                                 struct scenario_output *out, GError **error);

/* scenarios_transport.c */
gboolean scenario_dtls12_cookie(const struct scenario_env *env,
                                struct scenario_output *out, GError **error);
gboolean scenario_interleaved(const struct scenario_env *env,
                              struct scenario_output *out, GError **error);

/* scenarios_quic.c */
gboolean scenario_quic_tls13(const struct scenario_env *env,
                             struct scenario_output *out, GError **error);

#endif
