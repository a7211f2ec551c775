/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "credentials.h"

#include <string.h>

#define CRED_ERROR g_quark_from_static_string("credentials-error")

static gboolean gnutls_failed(int rc, const char *what, GError **error)
{
    if (rc >= 0)
        return FALSE;
    g_set_error(error, CRED_ERROR, rc, "%s: %s", what, gnutls_strerror(rc));
    return TRUE;
}

static gboolean load_server(struct tls_credentials *creds,
                            const char *dir, GError **error)
{
    char *cert = g_build_filename(dir, "server-cert.pem", NULL);
    char *key = g_build_filename(dir, "server-key.pem", NULL);
    int rc = gnutls_certificate_allocate_credentials(&creds->server);

    if (rc >= 0)
        rc = gnutls_certificate_set_x509_key_file(creds->server, cert, key,
                                                  GNUTLS_X509_FMT_PEM);
    gnutls_failed(rc, cert, error);
    g_free(cert);
    g_free(key);
    return rc >= 0;
}

static gboolean load_client(struct tls_credentials *creds,
                            const char *dir, GError **error)
{
    char *ca = g_build_filename(dir, "ca-cert.pem", NULL);
    int rc = gnutls_certificate_allocate_credentials(&creds->client);

    if (rc >= 0)
        rc = gnutls_certificate_set_x509_trust_file(creds->client, ca,
                                                    GNUTLS_X509_FMT_PEM);
    /* set_x509_trust_file returns the number of certificates loaded. */
    if (rc == 0)
        rc = GNUTLS_E_NO_CERTIFICATE_FOUND;
    gnutls_failed(rc, ca, error);
    g_free(ca);
    return rc >= 0;
}

gboolean tls_credentials_load(struct tls_credentials *creds,
                              const char *certs_dir, GError **error)
{
    memset(creds, 0, sizeof *creds);
    if (!load_server(creds, certs_dir, error) ||
        !load_client(creds, certs_dir, error) ||
        gnutls_failed(gnutls_session_ticket_key_generate(&creds->ticket_key),
                      "ticket key", error)) {
        tls_credentials_free(creds);
        return FALSE;
    }
    return TRUE;
}

void tls_credentials_free(struct tls_credentials *creds)
{
    if (creds->server)
        gnutls_certificate_free_credentials(creds->server);
    if (creds->client)
        gnutls_certificate_free_credentials(creds->client);
    gnutls_free(creds->ticket_key.data);
    memset(creds, 0, sizeof *creds);
}
