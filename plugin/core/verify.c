/* Certificate, chain, signature and Finished checks on GnuTLS.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <gnutls/abstract.h>
#include "verify.h"
#include "keys.h"
#include "handshake.h"
#include "testing.h"

/* Weak algorithms are still checked: we explain, we do not enforce policy. */
#define ALLOW_WEAK (GNUTLS_VERIFY_ALLOW_BROKEN | GNUTLS_VERIFY_ALLOW_SIGN_WITH_SHA1)
/* Time is judged against the capture time by us, not against "now". */
#define NO_CLOCK (GNUTLS_VERIFY_DISABLE_TIME_CHECKS | GNUTLS_VERIFY_DISABLE_TRUSTED_TIME_CHECKS)

static const char *const reason_texts[REASON_N] = {
    [REASON_NONE] = "ok",
    [REASON_EMPTY_INPUT] = "nothing to check",
    [REASON_BAD_DER] = "certificate or key does not parse",
    [REASON_BAD_FORMAT] = "message does not parse",
    [REASON_UNKNOWN_ALGORITHM] = "unknown algorithm",
    [REASON_UNSUPPORTED] = "check not supported",
    [REASON_NO_KEY] = "no key to check with",
    [REASON_KEY_MISMATCH] = "signature scheme does not fit the key",
    [REASON_EXPIRED] = "certificate expired",
    [REASON_NOT_YET_VALID] = "certificate not yet valid",
    [REASON_NO_TIME] = "no time to check validity against",
    [REASON_ISSUER_MISMATCH] = "issuer does not match the next certificate",
    [REASON_NOT_CA] = "issuer is not a CA",
    [REASON_BAD_SIGNATURE] = "signature does not verify",
    [REASON_UNTRUSTED_ROOT] = "chain does not end at a trusted root",
    [REASON_NO_TRUST_ANCHOR] = "no trusted roots configured",
    [REASON_TRUST_STORE_ERROR] = "trusted roots could not be loaded",
    [REASON_REVOKED] = "certificate revoked",
    [REASON_CHAIN_REJECTED] = "chain rejected",
    [REASON_HOSTNAME_MISMATCH] = "certificate is not for this host name",
    [REASON_NO_HOSTNAME] = "no host name to compare",
    [REASON_MISSING_SECRET] = "secret not available",
    [REASON_TRUNCATED_TRANSCRIPT] = "handshake messages missing",
    [REASON_FINISHED_MISMATCH] = "verify_data does not match",
    [REASON_DECRYPT_FAILED] = "pre-master secret does not decrypt",
    [REASON_BAD_PREMASTER_LENGTH] = "pre-master secret has the wrong length",
    [REASON_BAD_PREMASTER_VERSION] = "pre-master secret has the wrong version",
    [REASON_SCHEME_NOT_ALLOWED] = "signature scheme not allowed here",
    [REASON_INTERNAL] = "crypto library error",
    [REASON_NO_KEYLOG] = "no key log given",
};

const char *verify_reason_text(enum verify_reason reason)
{
    return (guint)reason < REASON_N && reason_texts[reason] ? reason_texts[reason] : "?";
}

#ifdef TLSX_TESTING
const char *verify_verdict_name(enum verify_verdict verdict)
{
    switch (verdict) {
    case VERIFY_VALID: return "valid";
    case VERIFY_INVALID: return "invalid";
    default: return "unknown";
    }
}
#endif

static struct verify_result result(enum verify_verdict v, enum verify_reason r)
{
    struct verify_result res = { v, r, FALSE };
    return res;
}

static struct verify_result unknown(enum verify_reason r)
{
    return result(VERIFY_UNKNOWN, r);
}

static struct verify_result invalid(enum verify_reason r)
{
    return result(VERIFY_INVALID, r);
}

/* ---- Certificates ---- */

static gnutls_x509_crt_t import_crt(const guint8 *der, gsize len)
{
    gnutls_x509_crt_t crt;
    if (!der || len == 0 || len > G_MAXUINT || gnutls_x509_crt_init(&crt) < 0)
        return NULL;
    gnutls_datum_t d = { (unsigned char *)der, (unsigned int)len };
    if (gnutls_x509_crt_import(crt, &d, GNUTLS_X509_FMT_DER) < 0) {
        gnutls_x509_crt_deinit(crt);
        return NULL;
    }
    return crt;
}

/* g_strdup of a GnuTLS-allocated datum, freeing it. */
static char *take_datum(int ret, gnutls_datum_t *d)
{
    if (ret < 0)
        return g_strdup("");
    char *s = g_strndup((const char *)d->data, d->size);
    gnutls_free(d->data);
    return s;
}

static char *serial_hex(gnutls_x509_crt_t crt)
{
    guint8 buf[64];
    size_t n = sizeof buf;
    if (gnutls_x509_crt_get_serial(crt, buf, &n) < 0)
        return g_strdup("");
    GString *s = g_string_sized_new(2 * n);
    for (size_t i = 0; i < n; i++)
        g_string_append_printf(s, "%02x", buf[i]);
    return g_string_free(s, FALSE);
}

static gboolean sign_is_weak(gnutls_sign_algorithm_t sig)
{
    gnutls_digest_algorithm_t h = gnutls_sign_get_hash_algorithm(sig);
    return h == GNUTLS_DIG_MD5 || h == GNUTLS_DIG_SHA1 || h == GNUTLS_DIG_MD2
           || !gnutls_sign_is_secure2(sig, GNUTLS_SIGN_FLAG_SECURE_FOR_CERTS);
}

static void fill_key(gnutls_x509_crt_t crt, struct cert_info *info)
{
    unsigned int bits = 0;
    int pk = gnutls_x509_crt_get_pk_algorithm(crt, &bits);
    const char *name = pk >= 0 ? gnutls_pk_get_name((gnutls_pk_algorithm_t)pk) : NULL;
    info->key_algorithm = g_strdup(name ? name : "unknown");
    info->key_bits = bits;
    if (pk == GNUTLS_PK_ECDSA) {
        gnutls_ecc_curve_t curve;
        gnutls_datum_t x = { NULL, 0 }, y = { NULL, 0 };
        if (gnutls_x509_crt_get_pk_ecc_raw(crt, &curve, &x, &y) >= 0)
            info->curve = g_strdup(gnutls_ecc_curve_get_name(curve));
        gnutls_free(x.data);
        gnutls_free(y.data);
    }
}

/* subjectAltName dNSName entries; other name types are not shown. */
static char **dns_names(gnutls_x509_crt_t crt)
{
    GPtrArray *a = g_ptr_array_new();
    for (unsigned int i = 0; i < 1024; i++) {
        char buf[512];
        size_t n = sizeof buf - 1;
        int type = gnutls_x509_crt_get_subject_alt_name(crt, i, buf, &n, NULL);
        if (type == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
            break;
        if (type == GNUTLS_SAN_DNSNAME)
            g_ptr_array_add(a, g_strndup(buf, n));
        /* too long or another type: skip it, keep listing */
    }
    g_ptr_array_add(a, NULL);
    return (char **)g_ptr_array_free(a, FALSE);
}

static char **key_usage_names(unsigned int usage)
{
    static const struct { unsigned int bit; const char *name; } bits[] = {
        { GNUTLS_KEY_DIGITAL_SIGNATURE, "digitalSignature" },
        { GNUTLS_KEY_NON_REPUDIATION, "nonRepudiation" },
        { GNUTLS_KEY_KEY_ENCIPHERMENT, "keyEncipherment" },
        { GNUTLS_KEY_DATA_ENCIPHERMENT, "dataEncipherment" },
        { GNUTLS_KEY_KEY_AGREEMENT, "keyAgreement" },
        { GNUTLS_KEY_KEY_CERT_SIGN, "keyCertSign" },
        { GNUTLS_KEY_CRL_SIGN, "cRLSign" },
        { GNUTLS_KEY_ENCIPHER_ONLY, "encipherOnly" },
        { GNUTLS_KEY_DECIPHER_ONLY, "decipherOnly" },
    };
    GPtrArray *a = g_ptr_array_new();
    for (gsize i = 0; i < G_N_ELEMENTS(bits); i++)
        if (usage & bits[i].bit)
            g_ptr_array_add(a, g_strdup(bits[i].name));
    g_ptr_array_add(a, NULL);
    return (char **)g_ptr_array_free(a, FALSE);
}

static void fill_extensions(gnutls_x509_crt_t crt, struct cert_info *info)
{
    unsigned int ca = 0, usage = 0;
    int pathlen = -1;
    info->dns_names = dns_names(crt);
    info->path_len = -1;
    if (gnutls_x509_crt_get_basic_constraints(crt, NULL, &ca, &pathlen) >= 0) {
        info->has_basic_constraints = TRUE;
        info->is_ca = ca != 0;
        info->path_len = pathlen;
    }
    info->has_key_usage = gnutls_x509_crt_get_key_usage(crt, &usage, NULL) >= 0;
    info->key_usage = key_usage_names(info->has_key_usage ? usage : 0);
}

enum verify_reason cert_info_parse(const guint8 *der, gsize len, struct cert_info *info)
{
    gnutls_datum_t d;
    memset(info, 0, sizeof *info);
    if (!der || len == 0)
        return REASON_EMPTY_INPUT;
    gnutls_x509_crt_t crt = import_crt(der, len);
    if (!crt)
        return REASON_BAD_DER;
    info->subject = take_datum(gnutls_x509_crt_get_dn3(crt, &d, 0), &d);
    info->issuer = take_datum(gnutls_x509_crt_get_issuer_dn3(crt, &d, 0), &d);
    info->serial_hex = serial_hex(crt);
    info->not_before = gnutls_x509_crt_get_activation_time(crt);
    info->not_after = gnutls_x509_crt_get_expiration_time(crt);
    int version = gnutls_x509_crt_get_version(crt);
    info->version = version > 0 ? (guint)version : 0;
    fill_key(crt, info);
    int sig = gnutls_x509_crt_get_signature_algorithm(crt);
    const char *sname = sig > 0 ? gnutls_sign_get_name((gnutls_sign_algorithm_t)sig) : NULL;
    info->sig_algorithm = g_strdup(sname ? sname : "unknown");
    info->sig_weak = sig > 0 && sign_is_weak((gnutls_sign_algorithm_t)sig);
    fill_extensions(crt, info);
    gnutls_x509_crt_deinit(crt);
    return REASON_NONE;
}

void cert_info_clear(struct cert_info *info)
{
    if (!info)
        return;
    g_free(info->subject);
    g_free(info->issuer);
    g_free(info->serial_hex);
    g_free(info->key_algorithm);
    g_free(info->curve);
    g_free(info->sig_algorithm);
    g_strfreev(info->dns_names);
    g_strfreev(info->key_usage);
    memset(info, 0, sizeof *info);
}

static struct verify_result valid_at(gint64 not_before, gint64 not_after, gint64 when)
{
    if (when == 0)
        return unknown(REASON_NO_TIME);
    /* GnuTLS answers (time_t)-1 for a time it could not decode. */
    if (not_before == -1 || not_after == -1)
        return unknown(REASON_BAD_DER);
    if (when < not_before)
        return invalid(REASON_NOT_YET_VALID);
    if (when > not_after)
        return invalid(REASON_EXPIRED);
    return result(VERIFY_VALID, REASON_NONE);
}

struct verify_result cert_info_valid_at(const struct cert_info *info, gint64 when)
{
    if (!info || !info->subject)
        return unknown(REASON_EMPTY_INPUT);
    return valid_at(info->not_before, info->not_after, when);
}

/* ---- Chains ---- */

/* The anchors are kept as DER, by subject, not as a GnuTLS trust list: a
 * parsed system store costs megabytes for the whole capture, while a chain
 * needs only the anchors named as its last certificate's issuer. GnuTLS
 * itself finds issuers by comparing raw DNs, as this does. */
struct verify_trust {
    GHashTable *by_subject;   /* raw subject DN (GBytes) -> GPtrArray of DER (GBytes) */
    guint anchors;
};

static GBytes *datum_bytes(const gnutls_datum_t *d)
{
    return g_bytes_new(d->data, d->size);
}

static void keep_anchor(struct verify_trust *t, gnutls_x509_crt_t crt)
{
    gnutls_datum_t dn = { NULL, 0 }, der = { NULL, 0 };
    if (gnutls_x509_crt_get_raw_dn(crt, &dn) == 0 &&
        gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_DER, &der) == 0) {
        GBytes *key = datum_bytes(&dn);
        GPtrArray *same = g_hash_table_lookup(t->by_subject, key);
        if (!same) {
            same = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
            g_hash_table_insert(t->by_subject, g_bytes_ref(key), same);
        }
        g_ptr_array_add(same, datum_bytes(&der));
        g_bytes_unref(key);
        t->anchors++;
    }
    gnutls_free(dn.data);
    gnutls_free(der.data);
}

/* Loads with GnuTLS (so "system" means what it means to GnuTLS), then keeps
 * each anchor's DER. */
static gboolean load_anchors(struct verify_trust *t, gboolean system, const char *ca_file)
{
    gnutls_x509_trust_list_t list;
    gnutls_x509_trust_list_iter_t iter = NULL;
    gnutls_x509_crt_t crt;
    gboolean ok = TRUE;
    if (gnutls_x509_trust_list_init(&list, 0) < 0)
        return FALSE;
    if (system && gnutls_x509_trust_list_add_system_trust(list, 0, 0) <= 0)
        ok = FALSE;
    if (ca_file && gnutls_x509_trust_list_add_trust_file(list, ca_file, NULL,
                                                         GNUTLS_X509_FMT_PEM, 0, 0) <= 0)
        ok = FALSE;
    while (gnutls_x509_trust_list_iter_get_ca(list, &iter, &crt) == 0) {
        keep_anchor(t, crt);
        gnutls_x509_crt_deinit(crt);
    }
    gnutls_x509_trust_list_iter_deinit(iter);
    gnutls_x509_trust_list_deinit(list, 1);
    return ok;
}

struct verify_trust *verify_trust_new(gboolean system, const char *ca_file,
                                      enum verify_reason *why)
{
    enum verify_reason dummy;
    struct verify_trust *t;
    why = why ? why : &dummy;
    *why = REASON_NONE;
    t = g_new0(struct verify_trust, 1);
    t->by_subject = g_hash_table_new_full(g_bytes_hash, g_bytes_equal,
                                          (GDestroyNotify)g_bytes_unref,
                                          (GDestroyNotify)g_ptr_array_unref);
    if (system && !load_anchors(t, TRUE, NULL))
        *why = REASON_TRUST_STORE_ERROR;
    if (ca_file) {
        guint before = t->anchors;
        /* a CA file the teacher named but we cannot use must not pass silently */
        if (!load_anchors(t, FALSE, ca_file) || t->anchors == before) {
            verify_trust_free(t);
            *why = REASON_TRUST_STORE_ERROR;
            return NULL;
        }
    }
    return t;
}

void verify_trust_free(struct verify_trust *trust)
{
    if (!trust)
        return;
    g_hash_table_destroy(trust->by_subject);
    g_free(trust);
}

static void add_anchors(GPtrArray *same, gnutls_x509_trust_list_t list)
{
    for (guint i = 0; same && i < same->len; i++) {
        gsize len;
        const guint8 *der = g_bytes_get_data(g_ptr_array_index(same, i), &len);
        gnutls_datum_t d = { (unsigned char *)der, (unsigned int)len };
        gnutls_x509_crt_t ca;
        if (gnutls_x509_crt_init(&ca) < 0)
            continue;
        if (gnutls_x509_crt_import(ca, &d, GNUTLS_X509_FMT_DER) < 0 ||
            gnutls_x509_trust_list_add_cas(list, &ca, 1, 0) != 1)
            gnutls_x509_crt_deinit(ca);
    }
}

static GPtrArray *anchors_named(const struct verify_trust *trust, const gnutls_datum_t *dn)
{
    GBytes *key = datum_bytes(dn);
    GPtrArray *same = g_hash_table_lookup(trust->by_subject, key);
    g_bytes_unref(key);
    return same;
}

/* A GnuTLS trust list of the anchors that can decide crt: those named as
 * its issuer, and crt itself when it is an anchor (a pinned certificate). */
static gboolean anchors_for(const struct verify_trust *trust, gnutls_x509_crt_t crt,
                            gnutls_x509_trust_list_t *list)
{
    gnutls_datum_t issuer = { NULL, 0 }, subject = { NULL, 0 };
    if (gnutls_x509_trust_list_init(list, 0) < 0)
        return FALSE;
    if (gnutls_x509_crt_get_raw_issuer_dn(crt, &issuer) == 0)
        add_anchors(anchors_named(trust, &issuer), *list);
    /* A self-issued certificate's subject anchors were added just above. */
    if (gnutls_x509_crt_get_raw_dn(crt, &subject) == 0 && subject.size > 0 &&
        (issuer.size != subject.size || memcmp(issuer.data, subject.data, issuer.size) != 0))
        add_anchors(anchors_named(trust, &subject), *list);
    gnutls_free(issuer.data);
    gnutls_free(subject.data);
    return TRUE;
}

/* GnuTLS status bits to our reasons, most specific first. */
static enum verify_reason status_reason(unsigned int status)
{
    if (status & GNUTLS_CERT_SIGNATURE_FAILURE)
        return REASON_BAD_SIGNATURE;
    if (status & GNUTLS_CERT_SIGNER_NOT_FOUND)
        return REASON_UNTRUSTED_ROOT;
    if (status & GNUTLS_CERT_SIGNER_NOT_CA)
        return REASON_NOT_CA;
    if (status & GNUTLS_CERT_REVOKED)
        return REASON_REVOKED;
    if (status & GNUTLS_CERT_INSECURE_ALGORITHM)
        return REASON_UNSUPPORTED;
    return REASON_CHAIN_REJECTED;
}

static gboolean crt_sig_weak(gnutls_x509_crt_t crt)
{
    int sig = gnutls_x509_crt_get_signature_algorithm(crt);
    return sig > 0 && sign_is_weak((gnutls_sign_algorithm_t)sig);
}

static struct verify_result check_link(gnutls_x509_crt_t crt, gnutls_x509_crt_t issuer)
{
    unsigned int status = 0;
    if (!gnutls_x509_crt_check_issuer(crt, issuer))
        return invalid(REASON_ISSUER_MISMATCH);
    if (gnutls_x509_crt_verify(crt, &issuer, 1, NO_CLOCK | ALLOW_WEAK, &status) < 0)
        return unknown(REASON_INTERNAL);
    struct verify_result r = status == 0 ? result(VERIFY_VALID, REASON_NONE)
                                         : invalid(status_reason(status));
    if (r.reason == REASON_UNSUPPORTED)
        r.verdict = VERIFY_UNKNOWN;
    r.weak = crt_sig_weak(crt);
    return r;
}

static struct verify_result check_links(gnutls_x509_crt_t *crts, guint n, int *index)
{
    struct verify_result r = result(VERIFY_VALID, REASON_NONE);
    gboolean weak = FALSE;
    *index = -1;
    for (guint i = 0; i + 1 < n; i++) {
        r = check_link(crts[i], crts[i + 1]);
        weak |= r.weak;
        if (r.verdict != VERIFY_VALID) {
            *index = (int)i;
            break;
        }
    }
    r.weak = weak;
    return r;
}

static struct verify_result check_trust(const struct verify_trust *trust, gnutls_x509_crt_t last)
{
    unsigned int status = 0;
    gnutls_x509_trust_list_t list;
    int rc;
    if (!trust || trust->anchors == 0)
        return unknown(REASON_NO_TRUST_ANCHOR);
    if (!anchors_for(trust, last, &list))
        return unknown(REASON_INTERNAL);
    rc = gnutls_x509_trust_list_verify_crt2(list, &last, 1, NULL, 0, NO_CLOCK | ALLOW_WEAK,
                                            &status, NULL);
    gnutls_x509_trust_list_deinit(list, 1);
    if (rc < 0)
        return unknown(REASON_INTERNAL);
    if (status == 0) {
        struct verify_result r = result(VERIFY_VALID, REASON_NONE);
        /* a self-signed root's own signature protects nothing */
        r.weak = !gnutls_x509_crt_check_issuer(last, last) && crt_sig_weak(last);
        return r;
    }
    struct verify_result r = invalid(status_reason(status));
    if (r.reason == REASON_UNSUPPORTED)
        r.verdict = VERIFY_UNKNOWN;
    return r;
}

static struct verify_result check_times(gnutls_x509_crt_t *crts, guint n, gint64 when,
                                        int *index)
{
    *index = -1;
    for (guint i = 0; i < n; i++) {
        struct verify_result r = valid_at(gnutls_x509_crt_get_activation_time(crts[i]),
                                          gnutls_x509_crt_get_expiration_time(crts[i]), when);
        if (r.verdict != VERIFY_VALID) {
            *index = r.reason == REASON_NO_TIME ? -1 : (int)i;
            return r;
        }
    }
    return result(VERIFY_VALID, REASON_NONE);
}

static struct verify_result check_hostname(gnutls_x509_crt_t leaf, const char *hostname)
{
    if (!hostname || !*hostname)
        return unknown(REASON_NO_HOSTNAME);
    return gnutls_x509_crt_check_hostname2(leaf, hostname, 0)
               ? result(VERIFY_VALID, REASON_NONE)
               : invalid(REASON_HOSTNAME_MISMATCH);
}

/* The first INVALID part, else the first UNKNOWN one, else VALID. */
static struct verify_result combine(const struct verify_result *parts, guint n)
{
    struct verify_result out = result(VERIFY_VALID, REASON_NONE);
    for (guint i = 0; i < n; i++)
        out.weak |= parts[i].weak;
    for (enum verify_verdict v = VERIFY_INVALID; ; v = VERIFY_UNKNOWN) {
        for (guint i = 0; i < n; i++) {
            if (parts[i].verdict == v) {
                out.verdict = v;
                out.reason = parts[i].reason;
                return out;
            }
        }
        if (v == VERIFY_UNKNOWN)
            return out;
    }
}

static void fail_all(struct verify_chain_result *out, struct verify_result r, int index)
{
    out->overall = out->links = out->trust = out->time = out->hostname = r;
    out->links_index = out->time_index = index;
}

void verify_chain(const struct verify_trust *trust, const guint8 *const *certs,
                  const gsize *lens, guint n, gint64 when, const char *hostname,
                  struct verify_chain_result *out)
{
    memset(out, 0, sizeof *out);
    if (!certs || !lens || n == 0) {
        fail_all(out, unknown(REASON_EMPTY_INPUT), -1);
        return;
    }
    gnutls_x509_crt_t *crts = g_new0(gnutls_x509_crt_t, n);
    guint ok = 0;
    while (ok < n && (crts[ok] = import_crt(certs[ok], lens[ok])) != NULL)
        ok++;
    if (ok < n) {
        fail_all(out, invalid(REASON_BAD_DER), (int)ok);
    } else {
        out->links = check_links(crts, n, &out->links_index);
        out->trust = check_trust(trust, crts[n - 1]);
        out->time = check_times(crts, n, when, &out->time_index);
        out->hostname = check_hostname(crts[0], hostname);
        struct verify_result parts[] = { out->links, out->time, out->trust, out->hostname };
        out->overall = combine(parts, G_N_ELEMENTS(parts));
    }
    for (guint i = 0; i < ok; i++)
        gnutls_x509_crt_deinit(crts[i]);
    g_free(crts);
}

/* ---- Handshake signatures ---- */

/* TLS SignatureScheme codepoints (RFC 8446 §4.2.3, RFC 5246 §7.4.1.4.1)
 * to GnuTLS. TLS 1.3 pins the ECDSA curve to the hash; TLS 1.2 does not. */
static const struct {
    guint16 scheme;
    gnutls_sign_algorithm_t tls12, tls13;
} schemes[] = {
    { 0x0101, GNUTLS_SIGN_RSA_MD5, GNUTLS_SIGN_UNKNOWN },
    { 0x0201, GNUTLS_SIGN_RSA_SHA1, GNUTLS_SIGN_RSA_SHA1 },
    { 0x0202, GNUTLS_SIGN_DSA_SHA1, GNUTLS_SIGN_UNKNOWN },
    { 0x0203, GNUTLS_SIGN_ECDSA_SHA1, GNUTLS_SIGN_ECDSA_SHA1 },
    { 0x0301, GNUTLS_SIGN_RSA_SHA224, GNUTLS_SIGN_UNKNOWN },
    { 0x0302, GNUTLS_SIGN_DSA_SHA224, GNUTLS_SIGN_UNKNOWN },
    { 0x0303, GNUTLS_SIGN_ECDSA_SHA224, GNUTLS_SIGN_UNKNOWN },
    { 0x0401, GNUTLS_SIGN_RSA_SHA256, GNUTLS_SIGN_RSA_SHA256 },
    { 0x0402, GNUTLS_SIGN_DSA_SHA256, GNUTLS_SIGN_UNKNOWN },
    { 0x0403, GNUTLS_SIGN_ECDSA_SHA256, GNUTLS_SIGN_ECDSA_SECP256R1_SHA256 },
    { 0x0501, GNUTLS_SIGN_RSA_SHA384, GNUTLS_SIGN_RSA_SHA384 },
    { 0x0503, GNUTLS_SIGN_ECDSA_SHA384, GNUTLS_SIGN_ECDSA_SECP384R1_SHA384 },
    { 0x0601, GNUTLS_SIGN_RSA_SHA512, GNUTLS_SIGN_RSA_SHA512 },
    { 0x0603, GNUTLS_SIGN_ECDSA_SHA512, GNUTLS_SIGN_ECDSA_SECP521R1_SHA512 },
    { 0x0804, GNUTLS_SIGN_RSA_PSS_RSAE_SHA256, GNUTLS_SIGN_RSA_PSS_RSAE_SHA256 },
    { 0x0805, GNUTLS_SIGN_RSA_PSS_RSAE_SHA384, GNUTLS_SIGN_RSA_PSS_RSAE_SHA384 },
    { 0x0806, GNUTLS_SIGN_RSA_PSS_RSAE_SHA512, GNUTLS_SIGN_RSA_PSS_RSAE_SHA512 },
    { 0x0807, GNUTLS_SIGN_EDDSA_ED25519, GNUTLS_SIGN_EDDSA_ED25519 },
    { 0x0808, GNUTLS_SIGN_EDDSA_ED448, GNUTLS_SIGN_EDDSA_ED448 },
    { 0x0809, GNUTLS_SIGN_RSA_PSS_SHA256, GNUTLS_SIGN_RSA_PSS_SHA256 },
    { 0x080a, GNUTLS_SIGN_RSA_PSS_SHA384, GNUTLS_SIGN_RSA_PSS_SHA384 },
    { 0x080b, GNUTLS_SIGN_RSA_PSS_SHA512, GNUTLS_SIGN_RSA_PSS_SHA512 },
};

static gnutls_sign_algorithm_t scheme_to_sign(guint16 scheme, guint16 version)
{
    for (gsize i = 0; i < G_N_ELEMENTS(schemes); i++)
        if (schemes[i].scheme == scheme)
            return version == TLSX_VERSION_TLS13 || version == 0xfefc  /* DTLS 1.3 */
                       ? schemes[i].tls13 : schemes[i].tls12;
    return GNUTLS_SIGN_UNKNOWN;
}

/* What gnutls read from one certificate, kept per capture: a server's
 * certificate comes again in every connection, and parsing it and
 * importing its key cost more than the signature check itself. */
struct cert_entry {
    enum verify_reason info_why;
    struct cert_info info;
    gboolean pub_done;
    enum verify_reason pub_why;
    gnutls_pubkey_t pub;
};

static GHashTable *cert_cache;

static void cert_entry_free(gpointer data)
{
    struct cert_entry *e = data;
    cert_info_clear(&e->info);
    if (e->pub)
        gnutls_pubkey_deinit(e->pub);
    g_free(e);
}

void verify_cache_clear(void)
{
    if (cert_cache)
        g_hash_table_destroy(cert_cache);
    cert_cache = NULL;
}

static struct cert_entry *cert_entry(const guint8 *der, gsize len)
{
    GBytes *key = g_bytes_new_static(der, len);
    struct cert_entry *e;
    if (!cert_cache)
        cert_cache = g_hash_table_new_full(g_bytes_hash, g_bytes_equal,
                                           (GDestroyNotify)g_bytes_unref, cert_entry_free);
    e = g_hash_table_lookup(cert_cache, key);
    g_bytes_unref(key);
    if (e)
        return e;
    e = g_new0(struct cert_entry, 1);
    e->info_why = cert_info_parse(der, len, &e->info);
    g_hash_table_insert(cert_cache, g_bytes_new(der, len), e);
    return e;
}

const struct cert_info *cert_info_cached(const guint8 *der, gsize len, enum verify_reason *why)
{
    struct cert_entry *e;
    if (!der || len == 0) {
        *why = REASON_EMPTY_INPUT;
        return NULL;
    }
    e = cert_entry(der, len);
    *why = e->info_why;
    return e->info_why == REASON_NONE ? &e->info : NULL;
}

/* The leaf's public key, owned by the cache. */
static gnutls_pubkey_t leaf_pubkey(const guint8 *der, gsize len, enum verify_reason *why)
{
    struct cert_entry *e;
    if (!der || len == 0) {
        *why = REASON_NO_KEY;
        return NULL;
    }
    e = cert_entry(der, len);
    if (!e->pub_done) {
        gnutls_x509_crt_t crt = import_crt(der, len);
        e->pub_done = TRUE;
        e->pub_why = REASON_NONE;
        if (!crt) {
            e->pub_why = REASON_BAD_DER;
        } else if (gnutls_pubkey_init(&e->pub) < 0 || gnutls_pubkey_import_x509(e->pub, crt, 0) < 0) {
            gnutls_pubkey_deinit(e->pub);
            e->pub = NULL;
            e->pub_why = REASON_UNKNOWN_ALGORITHM;
        }
        if (crt)
            gnutls_x509_crt_deinit(crt);
    }
    *why = e->pub_why;
    return e->pub;
}

static struct verify_result from_gnutls(int ret)
{
    if (ret >= 0)
        return result(VERIFY_VALID, REASON_NONE);
    switch (ret) {
    case GNUTLS_E_PK_SIG_VERIFY_FAILED:
        return invalid(REASON_BAD_SIGNATURE);
    case GNUTLS_E_INCOMPATIBLE_SIG_WITH_KEY:
    case GNUTLS_E_CONSTRAINT_ERROR:
        return invalid(REASON_KEY_MISMATCH);
    case GNUTLS_E_UNSUPPORTED_SIGNATURE_ALGORITHM:
    case GNUTLS_E_UNKNOWN_ALGORITHM:
    case GNUTLS_E_UNKNOWN_PK_ALGORITHM:
    case GNUTLS_E_UNIMPLEMENTED_FEATURE:
        return unknown(REASON_UNSUPPORTED);
    default:
        return unknown(REASON_INTERNAL);
    }
}

static struct verify_result verify_with(gnutls_pubkey_t pub, gnutls_sign_algorithm_t sign,
                                        const guint8 *data, gsize len,
                                        const guint8 *sig, gsize sig_len)
{
    gnutls_datum_t d = { (unsigned char *)data, (unsigned int)len };
    gnutls_datum_t s = { (unsigned char *)sig, (unsigned int)sig_len };
    struct verify_result r = from_gnutls(gnutls_pubkey_verify_data2(pub, sign, ALLOW_WEAK, &d, &s));
    r.weak = sign_is_weak(sign);
    return r;
}

struct verify_result verify_signature(const guint8 *leaf_der, gsize leaf_len,
                                      guint16 version, guint16 scheme,
                                      const guint8 *data, gsize data_len,
                                      const guint8 *sig, gsize sig_len)
{
    enum verify_reason why;
    if (!data || !sig || sig_len == 0)
        return unknown(REASON_EMPTY_INPUT);
    gnutls_sign_algorithm_t sign = scheme_to_sign(scheme, version);
    if (sign == GNUTLS_SIGN_UNKNOWN)
        return unknown(REASON_UNKNOWN_ALGORITHM);
    gnutls_pubkey_t pub = leaf_pubkey(leaf_der, leaf_len, &why);
    if (!pub)
        return unknown(why);
    struct verify_result r = verify_with(pub, sign, data, data_len, sig, sig_len);
    return r;
}

/* TLS 1.0/1.1 digitally-signed: RSA over MD5||SHA-1 without DigestInfo
 * (RFC 2246 §4.7), DSA and ECDSA (RFC 4492 §5.4) over SHA-1. */
static struct verify_result verify_legacy(const guint8 *leaf_der, gsize leaf_len,
                                          const guint8 *data, gsize len,
                                          const guint8 *sig, gsize sig_len)
{
    enum verify_reason why;
    guint8 hash[36];
    gnutls_pubkey_t pub = leaf_pubkey(leaf_der, leaf_len, &why);
    if (!pub)
        return unknown(why);
    struct verify_result r;
    int pk = gnutls_pubkey_get_pk_algorithm(pub, NULL);
    if (pk == GNUTLS_PK_RSA) {
        gnutls_datum_t h = { hash, sizeof hash };
        gnutls_datum_t s = { (unsigned char *)sig, (unsigned int)sig_len };
        r = keys_digest(KEYS_HASH_MD5_SHA1, data, len, hash)
                ? from_gnutls(gnutls_pubkey_verify_hash2(pub, GNUTLS_SIGN_UNKNOWN,
                                                         GNUTLS_VERIFY_USE_TLS1_RSA, &h, &s))
                : unknown(REASON_INTERNAL);
        r.weak = TRUE;
    } else if (pk == GNUTLS_PK_DSA || pk == GNUTLS_PK_ECDSA) {
        r = verify_with(pub, pk == GNUTLS_PK_DSA ? GNUTLS_SIGN_DSA_SHA1 : GNUTLS_SIGN_ECDSA_SHA1,
                        data, len, sig, sig_len);
    } else {
        r = unknown(REASON_UNSUPPORTED);
    }
    return r;
}

static gboolean is_legacy(guint16 version)
{
    return version < 0x0303 || version == 0xfeff;
}

/* The digitally-signed tail of a message: [scheme] vec16 signature, nothing after. */
static struct verify_result verify_tail(const guint8 *leaf_der, gsize leaf_len, guint16 version,
                                        struct reader *r, const guint8 *data, gsize len)
{
    guint16 scheme = 0;
    struct reader sig;
    if ((!is_legacy(version) && !rd_u16(r, &scheme)) || !rd_vec16(r, &sig) || rd_left(r) != 0)
        return invalid(REASON_BAD_FORMAT);
    if (is_legacy(version))
        return verify_legacy(leaf_der, leaf_len, data, len, rd_ptr(&sig), rd_left(&sig));
    return verify_signature(leaf_der, leaf_len, version, scheme, data, len,
                            rd_ptr(&sig), rd_left(&sig));
}

struct verify_result verify_server_key_exchange(const guint8 *leaf_der, gsize leaf_len,
                                                guint16 version, guint8 kx,
                                                const guint8 client_random[32],
                                                const guint8 server_random[32],
                                                const guint8 *body, gsize len,
                                                gsize params_len)
{
    struct reader r;
    if (!body || len == 0 || !client_random || !server_random)
        return unknown(REASON_EMPTY_INPUT);
    if (kx != KX_ECDHE && kx != KX_DHE)
        return unknown(REASON_UNSUPPORTED);
    /* The parser found no signed parameters: they do not parse. */
    rd_init(&r, body, len);
    if (params_len == 0 || !rd_skip(&r, params_len))
        return invalid(REASON_BAD_FORMAT);
    guint8 *signed_data = g_malloc(64 + params_len);
    memcpy(signed_data, client_random, 32);
    memcpy(signed_data + 32, server_random, 32);
    memcpy(signed_data + 64, body, params_len);
    struct verify_result res = verify_tail(leaf_der, leaf_len, version, &r,
                                           signed_data, 64 + params_len);
    g_free(signed_data);
    return res;
}

struct verify_result verify_certificate_verify13(const guint8 *leaf_der, gsize leaf_len,
                                                 gboolean from_server,
                                                 const guint8 *transcript_hash, gsize hash_len,
                                                 const guint8 *body, gsize len)
{
    static const char server_ctx[] = "TLS 1.3, server CertificateVerify";
    static const char client_ctx[] = "TLS 1.3, client CertificateVerify";
    struct reader r, sig;
    guint16 scheme;
    if (!body || len == 0)
        return unknown(REASON_EMPTY_INPUT);
    if (!transcript_hash || hash_len == 0 || hash_len > KEYS_HASH_MAX)
        return unknown(REASON_TRUNCATED_TRANSCRIPT);
    rd_init(&r, body, len);
    if (!rd_u16(&r, &scheme) || !rd_vec16(&r, &sig) || rd_left(&r) != 0)
        return invalid(REASON_BAD_FORMAT);
    /* RFC 8446 §4.4.3: PKCS#1 v1.5 and SHA-1/SHA-224 are not for CertificateVerify. */
    if ((scheme & 0xff) == 0x01 || scheme < 0x0403)
        return invalid(REASON_SCHEME_NOT_ALLOWED);
    /* RFC 8446 §4.4.3: 64 spaces, context string, 0, Transcript-Hash */
    guint8 content[64 + sizeof server_ctx + KEYS_HASH_MAX];
    memset(content, 0x20, 64);
    memcpy(content + 64, from_server ? server_ctx : client_ctx, sizeof server_ctx);
    memcpy(content + 64 + sizeof server_ctx, transcript_hash, hash_len);
    return verify_signature(leaf_der, leaf_len, TLSX_VERSION_TLS13, scheme, content,
                            64 + sizeof server_ctx + hash_len, rd_ptr(&sig), rd_left(&sig));
}

struct verify_result verify_certificate_verify12(const guint8 *leaf_der, gsize leaf_len,
                                                 guint16 version,
                                                 const guint8 *transcript, gsize transcript_len,
                                                 const guint8 *body, gsize len)
{
    struct reader r;
    if (!body || len == 0)
        return unknown(REASON_EMPTY_INPUT);
    if (!transcript || transcript_len == 0)
        return unknown(REASON_TRUNCATED_TRANSCRIPT);
    rd_init(&r, body, len);
    return verify_tail(leaf_der, leaf_len, version, &r, transcript, transcript_len);
}

/* ---- Finished ---- */
