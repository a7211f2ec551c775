/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * credentials: the test certificates and the server-side state that every
 * connection of a capture shares (ticket key, session-ID cache, DTLS
 * cookie key, 0-RTT anti-replay window): resumption only works if the
 * second connection sees what the first one left behind.
 */
#ifndef TLSEXPLAIN_CREDENTIALS_H
#define TLSEXPLAIN_CREDENTIALS_H

#include <glib.h>
#include <gnutls/gnutls.h>

struct tls_credentials {
    char *dir;
    /* Base set, loaded at start-up: www.example.com (RSA, signed by the
     * test CA), a client that trusts the test CA, the ticket key. */
    gnutls_certificate_credentials_t server;
    gnutls_certificate_credentials_t client;
    gnutls_datum_t ticket_key;
    /* Extras, loaded by tls_credentials_load_extras(). */
    gboolean extras_loaded;
    /* The RSA server again, with the test CA as trust anchor for
     * verifying client certificates (and naming it in CertificateRequest). */
    gnutls_certificate_credentials_t server_mutual;
    gnutls_certificate_credentials_t server_ecdsa;  /* ECDSA P-256 */
    gnutls_certificate_credentials_t server_chain;  /* leaf + intermediate CA */
    gnutls_certificate_credentials_t client_with_cert; /* + student.example.com */
    gnutls_certificate_credentials_t client_other_ca;  /* trusts another CA only */
    gnutls_datum_t cookie_key;
    gnutls_anti_replay_t anti_replay;
    GHashTable *replay_seen;    /* ClientHellos that brought early data */
    GHashTable *session_cache;  /* session ID -> session data (GBytes) */
    /* Servers with a classic flaw, loaded by tls_credentials_load_flawed(). */
    gboolean flawed_loaded;
    gnutls_certificate_credentials_t server_expired;    /* expired 2025-12-01 */
    gnutls_certificate_credentials_t server_other_name; /* other.example.net */
    gnutls_certificate_credentials_t server_self_signed;
    gnutls_certificate_credentials_t server_rsa1024;    /* 1024-bit RSA key */
    /* The usual RSA server with a 1024-bit DH group of its own (RFC 2409
     * group 2), for clients that do not offer an RFC 7919 group. */
    gnutls_certificate_credentials_t server_dh1024;
    gnutls_dh_params_t dh1024;
};

/* certs_dir holds the PEM files of gen/certs/. */
gboolean tls_credentials_load(struct tls_credentials *creds,
                              const char *certs_dir, GError **error);
void tls_credentials_free(struct tls_credentials *creds);

/*
 * Loading a key pair draws from GnuTLS's random generator (it checks that
 * key and certificate match by signing), and a forked scenario inherits
 * the generator's state.  So the extras are loaded only inside scenarios
 * that use them: loading them up front would change the tickets, and
 * with them the bytes, of the captures that predate them.
 */
gboolean tls_credentials_load_extras(struct tls_credentials *creds,
                                     GError **error);
void tls_credentials_free_extras(struct tls_credentials *creds);
/* The same for the flawed servers, which only their scenarios load. */
gboolean tls_credentials_load_flawed(struct tls_credentials *creds,
                                     GError **error);
void tls_credentials_free_flawed(struct tls_credentials *creds);

/* Makes session a server that resumes by session ID from creds' cache. */
void tls_credentials_use_session_cache(const struct tls_credentials *creds,
                                       gnutls_session_t session);

#endif
