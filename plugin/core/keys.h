/* Key derivation for TLS 1.0-1.3: PRF, master secret, key block, HKDF key
 * schedule, Finished verify_data, the handshake transcript and RSA
 * pre-master decryption.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Output buffers are sized by the KEYS_*_MAX constants; functions return
 * FALSE (and leave outputs unspecified) when an input does not fit.
 */
#ifndef TLSX_KEYS_H
#define TLSX_KEYS_H

#include <glib.h>
#include "registry.h"
#include "verify.h"

#define KEYS_HASH_MAX 64      /* SHA-512 output */
#define KEYS_MASTER_LEN 48    /* TLS <= 1.2 master and pre-master secrets */
#define KEYS_RANDOM_LEN 32
#define KEYS_VERIFY12_LEN 12  /* TLS <= 1.2 Finished verify_data */
#define KEYS_KEY_MAX 32
#define KEYS_IV_MAX 16

enum keys_hash {
    KEYS_HASH_UNKNOWN = 0,
    KEYS_HASH_MD5,
    KEYS_HASH_SHA1,
    KEYS_HASH_SHA256,
    KEYS_HASH_SHA384,
    KEYS_HASH_SHA512,
    KEYS_HASH_MD5_SHA1,  /* TLS 1.0/1.1 handshake hash: MD5 || SHA-1, 36 bytes */
};

/* "SHA256", "SHA384", "SHA512", "SHA"/"SHA1", "MD5" (registry spellings). */
enum keys_hash keys_hash_by_name(const char *name);
/* Output length, 0 for KEYS_HASH_UNKNOWN. */
gsize keys_hash_len(enum keys_hash h);
/* The hash a handshake uses for its PRF/transcript: MD5_SHA1 before
 * TLS 1.2, the suite's PRF hash from TLS 1.2 on. */
enum keys_hash keys_handshake_hash(guint16 version, const struct reg_suite *suite);
gboolean keys_digest(enum keys_hash h, const guint8 *data, gsize len, guint8 *out);

/* ---- TLS 1.0-1.2 ---- */
/* RFC 5246 §5 PRF(secret, label, seed); for version < TLS 1.2 the RFC 2246
 * §5 MD5/SHA-1 split, prf_hash then ignored. */
gboolean keys_prf(guint16 version, enum keys_hash prf_hash,
                  const guint8 *secret, gsize secret_len, const char *label,
                  const guint8 *seed, gsize seed_len, guint8 *out, gsize out_len);
/* RFC 5246 §8.1. */
gboolean keys_master_secret(guint16 version, enum keys_hash prf_hash,
                            const guint8 *pre_master, gsize pm_len,
                            const guint8 client_random[KEYS_RANDOM_LEN],
                            const guint8 server_random[KEYS_RANDOM_LEN],
                            guint8 master[KEYS_MASTER_LEN]);
/* RFC 7627 §4: session_hash = hash of the messages through ClientKeyExchange. */
gboolean keys_extended_master_secret(guint16 version, enum keys_hash prf_hash,
                                     const guint8 *pre_master, gsize pm_len,
                                     const guint8 *session_hash, gsize hash_len,
                                     guint8 master[KEYS_MASTER_LEN]);

struct keys_block {
    guint8 client_mac[KEYS_HASH_MAX], server_mac[KEYS_HASH_MAX];
    guint8 client_key[KEYS_KEY_MAX], server_key[KEYS_KEY_MAX];
    guint8 client_iv[KEYS_IV_MAX], server_iv[KEYS_IV_MAX];
    gsize mac_len, key_len, iv_len;
};
/* RFC 5246 §6.3 key_block split for suite. CBC suites get block-size IVs
 * for every version (used by TLS 1.0, generated but unused by 1.1/1.2,
 * which send explicit IVs); AEAD GCM/CCM get the 4-byte implicit part,
 * ChaCha20-Poly1305 12 bytes. Export suites and unknown ciphers: FALSE. */
gboolean keys_key_block(guint16 version, const struct reg_suite *suite,
                        const guint8 master[KEYS_MASTER_LEN],
                        const guint8 client_random[KEYS_RANDOM_LEN],
                        const guint8 server_random[KEYS_RANDOM_LEN],
                        struct keys_block *out);
/* RFC 5246 §7.4.9: PRF(master, "client finished"/"server finished",
 * handshake_hash), handshake_hash from keys_handshake_hash's algorithm. */
gboolean keys_finished12(guint16 version, enum keys_hash prf_hash,
                         const guint8 master[KEYS_MASTER_LEN], gboolean from_server,
                         const guint8 *handshake_hash, gsize hash_len,
                         guint8 out[KEYS_VERIFY12_LEN]);

/* ---- TLS 1.3 (RFC 8446 §7.1) ---- */
/* HKDF-Expand-Label; label without the "tls13 " prefix. */
gboolean keys_hkdf_expand_label(enum keys_hash h, const guint8 *secret, gsize secret_len,
                                const char *label, const guint8 *context, gsize ctx_len,
                                guint8 *out, gsize out_len);

struct keys_traffic13 {
    guint8 key[KEYS_KEY_MAX];
    guint8 iv[KEYS_IV_MAX];
    guint8 hp[KEYS_KEY_MAX];     /* QUIC only: header protection key */
    guint8 finished_key[KEYS_HASH_MAX];
    gsize key_len, iv_len, hash_len;
};
/* key, iv and finished_key of one traffic secret (RFC 8446 §7.3, §4.4.4),
 * e.g. a *_TRAFFIC_SECRET from the key log. */
gboolean keys_traffic13(const struct reg_suite *suite, const guint8 *traffic_secret,
                        gsize secret_len, struct keys_traffic13 *out);
/* The same for QUIC, which protects packets with keys of its own labels:
 * "quic key", "quic iv" and "quic hp" (RFC 9001 §5.1); finished_key is
 * TLS's, as QUIC keeps the Finished message. */
gboolean keys_traffic13_quic(const struct reg_suite *suite, const guint8 *traffic_secret,
                             gsize secret_len, struct keys_traffic13 *out);
/* HMAC(finished_key, transcript_hash). */
gboolean keys_finished13(enum keys_hash h, const guint8 *finished_key,
                         const guint8 *transcript_hash, guint8 *out);

/* ---- Handshake transcript ---- */
/* Whole handshake messages with their 4-byte TLS header, in order. For
 * DTLS the caller passes the TLS form of the header (type + 24-bit length,
 * without message_seq and fragment fields), which is what the transcript
 * hash covers (RFC 9147 §5.2 / RFC 6347 §4.2.6). */
struct transcript;
#define TRANSCRIPT_MAX_BYTES (4u << 20)  /* real handshakes are far smaller */

struct transcript *transcript_new(void);
void transcript_free(struct transcript *t);
/* FALSE (and the transcript marks itself broken) when msg is not one whole
 * message or the cap is reached. */
gboolean transcript_add(struct transcript *t, const guint8 *msg, gsize len);
/* DTLS: the whole message with its 12-byte header (RFC 6347 §4.2.6). */
gboolean transcript_add_dtls(struct transcript *t, const guint8 *msg, gsize len);
/* Starts again, e.g. after a DTLS HelloVerifyRequest (RFC 6347 §4.2.1). */
void transcript_reset(struct transcript *t);
gboolean transcript_ok(const struct transcript *t);
const guint8 *transcript_bytes(const struct transcript *t, gsize *len);
/* Hash of everything added so far; FALSE when broken. *out_len may be NULL. */
gboolean transcript_hash(const struct transcript *t, enum keys_hash h,
                         guint8 *out, gsize *out_len);
/* RFC 8446 §4.4.1: after a HelloRetryRequest, ClientHello1 (the first
 * message) is replaced by message_hash(254) || 00 00 Hash.length || Hash(CH1).
 * Call after adding CH1 and before adding the HRR. */
gboolean transcript_hrr_rewrite(struct transcript *t, enum keys_hash h);

/* ---- RSA key exchange ---- */
struct keys_privkey;
/* PEM (or DER) private key file; NULL with *why on failure. */
struct keys_privkey *keys_privkey_load(const char *path, const char *password,
                                       enum verify_reason *why);
void keys_privkey_free(struct keys_privkey *k);
/* ClientKeyExchange body (after the header) for RSA key exchange:
 * vec16 EncryptedPreMasterSecret (TLS 1.0+), or the bare ciphertext for
 * version 0x0100 (OpenSSL's DTLS before 0.9.8f). client_version is the
 * ClientHello.client_version the pre-master must start with (RFC 5246
 * §7.4.7.1). REASON_NONE when pre_master holds the 48 bytes; with
 * REASON_BAD_PREMASTER_VERSION they are filled too, for display. */
enum verify_reason keys_rsa_premaster(const struct keys_privkey *k,
                                      const guint8 *body, gsize len,
                                      guint16 version, guint16 client_version,
                                      guint8 pre_master[KEYS_MASTER_LEN]);

#endif
