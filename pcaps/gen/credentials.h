/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * credentials: the test CA, the www.example.com server certificate and
 * the server's session-ticket key, loaded once and shared by every
 * connection (the ticket key must be shared or resumption cannot work).
 */
#ifndef TLSEXPLAIN_CREDENTIALS_H
#define TLSEXPLAIN_CREDENTIALS_H

#include <glib.h>
#include <gnutls/gnutls.h>

struct tls_credentials {
    gnutls_certificate_credentials_t server;
    gnutls_certificate_credentials_t client;
    gnutls_datum_t ticket_key;
};

/* certs_dir holds ca-cert.pem, server-cert.pem and server-key.pem. */
gboolean tls_credentials_load(struct tls_credentials *creds,
                              const char *certs_dir, GError **error);
void tls_credentials_free(struct tls_credentials *creds);

#endif
