/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "credentials.h"

#include <gnutls/dtls.h>
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

static gboolean load_key_pair(gnutls_certificate_credentials_t *cred,
                              const char *dir, const char *cert_name,
                              const char *key_name, GError **error)
{
    char *cert = g_build_filename(dir, cert_name, NULL);
    char *key = g_build_filename(dir, key_name, NULL);
    int rc = *cred ? 0 : gnutls_certificate_allocate_credentials(cred);

    if (rc >= 0)
        rc = gnutls_certificate_set_x509_key_file(*cred, cert, key,
                                                  GNUTLS_X509_FMT_PEM);
    gnutls_failed(rc, cert, error);
    g_free(cert);
    g_free(key);
    return rc >= 0;
}

static gboolean load_trust(gnutls_certificate_credentials_t *cred,
                           const char *dir, const char *ca_name,
                           GError **error)
{
    char *ca = g_build_filename(dir, ca_name, NULL);
    int rc = *cred ? 0 : gnutls_certificate_allocate_credentials(cred);

    if (rc >= 0)
        rc = gnutls_certificate_set_x509_trust_file(*cred, ca,
                                                    GNUTLS_X509_FMT_PEM);
    if (rc == 0)
        rc = GNUTLS_E_NO_CERTIFICATE_FOUND;
    gnutls_failed(rc, ca, error);
    g_free(ca);
    return rc >= 0;
}

static gboolean load_extra_files(struct tls_credentials *c, const char *dir,
                                 GError **error)
{
    return load_key_pair(&c->server_mutual, dir, "server-cert.pem",
                         "server-key.pem", error) &&
           load_trust(&c->server_mutual, dir, "ca-cert.pem", error) &&
           load_key_pair(&c->server_ecdsa, dir, "ecdsa-server-cert.pem",
                         "ecdsa-server-key.pem", error) &&
           load_key_pair(&c->server_chain, dir, "chain-server-cert.pem",
                         "chain-server-key.pem", error) &&
           load_trust(&c->client_with_cert, dir, "ca-cert.pem", error) &&
           load_key_pair(&c->client_with_cert, dir, "client-cert.pem",
                         "client-key.pem", error) &&
           load_trust(&c->client_other_ca, dir, "other-ca-cert.pem", error);
}

static GBytes *datum_bytes(const gnutls_datum_t *d)
{
    return g_bytes_new(d->data, d->size);
}

/* GnuTLS accepts 0-RTT data only if it can record the ClientHello as
 * seen (without an add function it rejects all early data). */
static int replay_add(void *ptr, time_t expires, const gnutls_datum_t *key,
                      const gnutls_datum_t *data)
{
    GBytes *k = datum_bytes(key);

    (void)expires;
    (void)data;
    if (g_hash_table_contains(ptr, k)) {
        g_bytes_unref(k);
        return GNUTLS_E_DB_ENTRY_EXISTS;
    }
    g_hash_table_add(ptr, k);
    return 0;
}

static GHashTable *bytes_table(void)
{
    return g_hash_table_new_full(g_bytes_hash, g_bytes_equal,
                                 (GDestroyNotify)g_bytes_unref,
                                 (GDestroyNotify)g_bytes_unref);
}

static gboolean make_anti_replay(struct tls_credentials *c, GError **error)
{
    if (gnutls_failed(gnutls_anti_replay_init(&c->anti_replay),
                      "anti-replay", error))
        return FALSE;
    /* A set: g_hash_table_add() stores the key as its own value. */
    c->replay_seen = g_hash_table_new_full(g_bytes_hash, g_bytes_equal,
                                           (GDestroyNotify)g_bytes_unref, NULL);
    gnutls_anti_replay_set_ptr(c->anti_replay, c->replay_seen);
    gnutls_anti_replay_set_add_function(c->anti_replay, replay_add);
    return TRUE;
}

static gboolean make_server_state(struct tls_credentials *c, GError **error)
{
    c->session_cache = bytes_table();
    return !gnutls_failed(gnutls_key_generate(&c->cookie_key,
                                              GNUTLS_COOKIE_KEY_SIZE),
                          "cookie key", error) &&
           make_anti_replay(c, error);
}

gboolean tls_credentials_load(struct tls_credentials *creds,
                              const char *certs_dir, GError **error)
{
    memset(creds, 0, sizeof *creds);
    creds->dir = g_strdup(certs_dir);
    if (!load_server(creds, certs_dir, error) ||
        !load_client(creds, certs_dir, error) ||
        gnutls_failed(gnutls_session_ticket_key_generate(&creds->ticket_key),
                      "ticket key", error)) {
        tls_credentials_free(creds);
        return FALSE;
    }
    return TRUE;
}

gboolean tls_credentials_load_extras(struct tls_credentials *creds,
                                     GError **error)
{
    if (load_extra_files(creds, creds->dir, error) &&
        make_server_state(creds, error)) {
        creds->extras_loaded = TRUE;
        return TRUE;
    }
    tls_credentials_free_extras(creds);
    return FALSE;
}

void tls_credentials_free_extras(struct tls_credentials *creds)
{
    if (creds->server_mutual)
        gnutls_certificate_free_credentials(creds->server_mutual);
    if (creds->server_ecdsa)
        gnutls_certificate_free_credentials(creds->server_ecdsa);
    if (creds->server_chain)
        gnutls_certificate_free_credentials(creds->server_chain);
    if (creds->client_with_cert)
        gnutls_certificate_free_credentials(creds->client_with_cert);
    if (creds->client_other_ca)
        gnutls_certificate_free_credentials(creds->client_other_ca);
    if (creds->anti_replay)
        gnutls_anti_replay_deinit(creds->anti_replay);
    if (creds->session_cache)
        g_hash_table_destroy(creds->session_cache);
    if (creds->replay_seen)
        g_hash_table_destroy(creds->replay_seen);
    gnutls_free(creds->cookie_key.data);
    creds->server_mutual = creds->server_ecdsa = creds->server_chain = NULL;
    creds->client_with_cert = creds->client_other_ca = NULL;
    creds->anti_replay = NULL;
    creds->session_cache = creds->replay_seen = NULL;
    creds->cookie_key.data = NULL;
    creds->extras_loaded = FALSE;
}

/* RFC 2409 section 6.2, "Second Oakley Group": the 1024-bit prime most
 * DHE servers shared when Logjam (2015) showed it within reach of a
 * state's precomputation; generator 2. */
static const unsigned char oakley_group2_prime[128] = {
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xC9, 0x0F, 0xDA, 0xA2,
    0x21, 0x68, 0xC2, 0x34, 0xC4, 0xC6, 0x62, 0x8B, 0x80, 0xDC, 0x1C, 0xD1,
    0x29, 0x02, 0x4E, 0x08, 0x8A, 0x67, 0xCC, 0x74, 0x02, 0x0B, 0xBE, 0xA6,
    0x3B, 0x13, 0x9B, 0x22, 0x51, 0x4A, 0x08, 0x79, 0x8E, 0x34, 0x04, 0xDD,
    0xEF, 0x95, 0x19, 0xB3, 0xCD, 0x3A, 0x43, 0x1B, 0x30, 0x2B, 0x0A, 0x6D,
    0xF2, 0x5F, 0x14, 0x37, 0x4F, 0xE1, 0x35, 0x6D, 0x6D, 0x51, 0xC2, 0x45,
    0xE4, 0x85, 0xB5, 0x76, 0x62, 0x5E, 0x7E, 0xC6, 0xF4, 0x4C, 0x42, 0xE9,
    0xA6, 0x37, 0xED, 0x6B, 0x0B, 0xFF, 0x5C, 0xB6, 0xF4, 0x06, 0xB7, 0xED,
    0xEE, 0x38, 0x6B, 0xFB, 0x5A, 0x89, 0x9F, 0xA5, 0xAE, 0x9F, 0x24, 0x11,
    0x7C, 0x4B, 0x1F, 0xE6, 0x49, 0x28, 0x66, 0x51, 0xEC, 0xE6, 0x53, 0x81,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
};

static gboolean make_dh1024(struct tls_credentials *c, GError **error)
{
    static const unsigned char two = 2;
    const gnutls_datum_t prime = { (unsigned char *)oakley_group2_prime,
                                   sizeof oakley_group2_prime };
    const gnutls_datum_t generator = { (unsigned char *)&two, 1 };
    int rc = gnutls_dh_params_init(&c->dh1024);

    if (rc >= 0)
        rc = gnutls_dh_params_import_raw(c->dh1024, &prime, &generator);
    if (gnutls_failed(rc, "1024-bit DH group", error))
        return FALSE;
    gnutls_certificate_set_dh_params(c->server_dh1024, c->dh1024);
    return TRUE;
}

gboolean tls_credentials_load_flawed(struct tls_credentials *c,
                                     GError **error)
{
    const char *dir = c->dir;

    if (load_key_pair(&c->server_expired, dir, "expired-server-cert.pem",
                      "server-key.pem", error) &&
        load_key_pair(&c->server_other_name, dir, "other-name-server-cert.pem",
                      "server-key.pem", error) &&
        load_key_pair(&c->server_self_signed, dir,
                      "self-signed-server-cert.pem", "server-key.pem", error) &&
        load_key_pair(&c->server_rsa1024, dir, "rsa1024-server-cert.pem",
                      "rsa1024-server-key.pem", error) &&
        load_key_pair(&c->server_dh1024, dir, "server-cert.pem",
                      "server-key.pem", error) &&
        make_dh1024(c, error)) {
        c->flawed_loaded = TRUE;
        return TRUE;
    }
    tls_credentials_free_flawed(c);
    return FALSE;
}

void tls_credentials_free_flawed(struct tls_credentials *c)
{
    gnutls_certificate_credentials_t *all[] = {
        &c->server_expired, &c->server_other_name, &c->server_self_signed,
        &c->server_rsa1024, &c->server_dh1024,
    };

    for (size_t i = 0; i < G_N_ELEMENTS(all); i++) {
        if (*all[i])
            gnutls_certificate_free_credentials(*all[i]);
        *all[i] = NULL;
    }
    if (c->dh1024)
        gnutls_dh_params_deinit(c->dh1024);
    c->dh1024 = NULL;
    c->flawed_loaded = FALSE;
}

void tls_credentials_free(struct tls_credentials *creds)
{
    tls_credentials_free_extras(creds);
    tls_credentials_free_flawed(creds);
    if (creds->server)
        gnutls_certificate_free_credentials(creds->server);
    if (creds->client)
        gnutls_certificate_free_credentials(creds->client);
    gnutls_free(creds->ticket_key.data);
    g_free(creds->dir);
    memset(creds, 0, sizeof *creds);
}

static int cache_store(void *ptr, gnutls_datum_t key, gnutls_datum_t data)
{
    g_hash_table_replace(ptr, datum_bytes(&key), datum_bytes(&data));
    return 0;
}

static gnutls_datum_t cache_retrieve(void *ptr, gnutls_datum_t key)
{
    GBytes *k = datum_bytes(&key);
    GBytes *v = g_hash_table_lookup(ptr, k);
    gnutls_datum_t out = { NULL, 0 };
    gsize size;
    const void *data;

    g_bytes_unref(k);
    if (!v)
        return out;
    data = g_bytes_get_data(v, &size);
    /* GnuTLS frees what we return with gnutls_free. */
    out.data = gnutls_malloc(size);
    if (out.data) {
        memcpy(out.data, data, size);
        out.size = (unsigned)size;
    }
    return out;
}

static int cache_remove(void *ptr, gnutls_datum_t key)
{
    GBytes *k = datum_bytes(&key);
    gboolean found = g_hash_table_remove(ptr, k);

    g_bytes_unref(k);
    return found ? 0 : -1;
}

void tls_credentials_use_session_cache(const struct tls_credentials *creds,
                                       gnutls_session_t session)
{
    gnutls_db_set_ptr(session, creds->session_cache);
    gnutls_db_set_store_function(session, cache_store);
    gnutls_db_set_retrieve_function(session, cache_retrieve);
    gnutls_db_set_remove_function(session, cache_remove);
}
