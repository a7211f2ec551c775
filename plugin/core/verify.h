/* Checks a teacher can show as a verdict: certificates, chains, handshake
 * signatures and Finished messages.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Every check answers VALID only when it actually ran to the end and
 * succeeded; anything we could not check is UNKNOWN with a reason.
 */
#ifndef TLSX_VERIFY_H
#define TLSX_VERIFY_H

#include <glib.h>
#include <time.h>
#include "reader.h"

/* UNKNOWN is 0 so that a zeroed or forgotten result never reads as VALID. */
enum verify_verdict {
    VERIFY_UNKNOWN = 0,
    VERIFY_VALID,
    VERIFY_INVALID,
};

enum verify_reason {
    REASON_NONE = 0,              /* VALID, nothing to say */
    REASON_EMPTY_INPUT,
    REASON_BAD_DER,               /* certificate does not parse */
    REASON_BAD_FORMAT,            /* handshake message does not parse */
    REASON_UNKNOWN_ALGORITHM,     /* signature scheme or hash we cannot name */
    REASON_UNSUPPORTED,           /* known, but this check is not implemented */
    REASON_NO_KEY,                /* no certificate / private key to check with */
    REASON_KEY_MISMATCH,          /* scheme does not fit the certificate's key */
    REASON_EXPIRED,
    REASON_NOT_YET_VALID,
    REASON_NO_TIME,               /* no capture time to check validity against */
    REASON_ISSUER_MISMATCH,       /* issuer name != next certificate's subject */
    REASON_NOT_CA,                /* the issuer is not allowed to sign certificates */
    REASON_BAD_SIGNATURE,
    REASON_UNTRUSTED_ROOT,        /* chain ends at no configured trust anchor */
    REASON_NO_TRUST_ANCHOR,       /* no trust store and no CA file configured */
    REASON_TRUST_STORE_ERROR,     /* CA file or system store could not be loaded */
    REASON_REVOKED,
    REASON_CHAIN_REJECTED,        /* trust check failed for another reason */
    REASON_HOSTNAME_MISMATCH,
    REASON_NO_HOSTNAME,           /* no SNI to compare against */
    REASON_MISSING_SECRET,
    REASON_TRUNCATED_TRANSCRIPT,  /* a handshake message is missing or cut */
    REASON_FINISHED_MISMATCH,     /* verify_data differs from the computed one */
    REASON_DECRYPT_FAILED,        /* RSA pre-master secret did not decrypt */
    REASON_BAD_PREMASTER_LENGTH,
    REASON_BAD_PREMASTER_VERSION, /* version bytes != ClientHello.client_version */
    REASON_SCHEME_NOT_ALLOWED,    /* e.g. RSA PKCS#1 v1.5 in a TLS 1.3 CertificateVerify */
    REASON_INTERNAL,              /* the crypto library refused for its own reasons */
    REASON_NO_KEYLOG,             /* a secret is needed and no key log was given */
    REASON_N
};

/* Short English text for logs; the UI maps the enum to catalog keys. */
const char *verify_reason_text(enum verify_reason reason);

struct verify_result {
    enum verify_verdict verdict;
    enum verify_reason reason;
    gboolean weak;   /* MD5 or SHA-1 involved; still checked */
};

/* ---- Certificates ---- */
struct cert_info {
    char *subject;        /* RFC 4514 DN */
    char *issuer;
    char *serial_hex;     /* lowercase, no separators */
    gint64 not_before;    /* seconds since the epoch */
    gint64 not_after;
    guint version;        /* 1..3 */
    char *key_algorithm;  /* "RSA", "EC/ECDSA", "Ed25519", ... */
    guint key_bits;
    char *curve;          /* "SECP256R1" for EC keys, else NULL */
    char *sig_algorithm;  /* "RSA-SHA256", ... */
    gboolean sig_weak;    /* MD5/SHA-1 or otherwise insecure signature */
    char **dns_names;     /* subjectAltName dNSName, NULL-terminated; never NULL */
    gboolean has_basic_constraints;
    gboolean is_ca;
    int path_len;         /* -1 when absent */
    gboolean has_key_usage;
    char **key_usage;     /* "digitalSignature", ...; NULL-terminated; never NULL */
};

/* Fills info from one DER certificate; REASON_NONE on success. On failure
 * info is left zeroed (safe to clear). */
enum verify_reason cert_info_parse(const guint8 *der, gsize len, struct cert_info *info);
void cert_info_clear(struct cert_info *info);
/* The same, parsed once per distinct certificate and owned by a cache that
 * lives until verify_cache_clear (a new capture). NULL with *why on
 * failure. Signature checks use the same cache for the leaf's key. */
const struct cert_info *cert_info_cached(const guint8 *der, gsize len, enum verify_reason *why);
void verify_cache_clear(void);
/* Validity at a moment; UNKNOWN/REASON_NO_TIME when when == 0. */
struct verify_result cert_info_valid_at(const struct cert_info *info, gint64 when);

/* ---- Chains ---- */
struct verify_trust;
/* A trust list made of the system store (when system) and a PEM CA file
 * (when ca_file is not NULL). NULL with *why set when loading failed. */
struct verify_trust *verify_trust_new(gboolean system, const char *ca_file,
                                      enum verify_reason *why);
void verify_trust_free(struct verify_trust *trust);

struct verify_chain_result {
    struct verify_result overall;  /* first problem of the four below */
    struct verify_result links;    /* issuer names and signatures along the chain */
    int links_index;               /* certificate whose link failed, -1 */
    struct verify_result trust;    /* last certificate against the trust list */
    struct verify_result time;     /* every certificate valid at the capture time */
    int time_index;
    struct verify_result hostname; /* leaf against the SNI */
};

/* certs[i]/lens[i]: DER as sent, leaf first. trust may be NULL (trust then
 * UNKNOWN), when 0 means no capture time, hostname NULL means no SNI. */
void verify_chain(const struct verify_trust *trust, const guint8 *const *certs,
                  const gsize *lens, guint n, gint64 when, const char *hostname,
                  struct verify_chain_result *out);

/* ---- Handshake signatures ---- */
/* TLS 1.2/1.3 SignatureScheme over data with the key of leaf_der. */
struct verify_result verify_signature(const guint8 *leaf_der, gsize leaf_len,
                                      guint16 version, guint16 scheme,
                                      const guint8 *data, gsize data_len,
                                      const guint8 *sig, gsize sig_len);

/* ServerKeyExchange body (after the 4-byte header) for ECDHE or DHE key
 * exchange (kx: enum kx_kind from handshake.h), whose first params_len
 * bytes are the parameters, as the parser found them (hs_message's
 * ske_params). TLS 1.0/1.1 signatures (MD5+SHA-1 for RSA, SHA-1 for
 * DSA/ECDSA) are checked too, flagged weak. */
struct verify_result verify_server_key_exchange(const guint8 *leaf_der, gsize leaf_len,
                                                guint16 version, guint8 kx,
                                                const guint8 client_random[32],
                                                const guint8 server_random[32],
                                                const guint8 *body, gsize len,
                                                gsize params_len);

/* CertificateVerify body (after the header). TLS 1.3: transcript_hash is
 * Transcript-Hash(ClientHello .. Certificate), from_server says whose
 * context string is signed. TLS <= 1.2: transcript is all handshake
 * message bytes before the CertificateVerify. */
struct verify_result verify_certificate_verify13(const guint8 *leaf_der, gsize leaf_len,
                                                 gboolean from_server,
                                                 const guint8 *transcript_hash, gsize hash_len,
                                                 const guint8 *body, gsize len);
struct verify_result verify_certificate_verify12(const guint8 *leaf_der, gsize leaf_len,
                                                 guint16 version,
                                                 const guint8 *transcript, gsize transcript_len,
                                                 const guint8 *body, gsize len);

/* Finished messages: verdicts.h. */

#endif
