/* The verdicts of a message's checks (certificate chain, host name,
 * handshake signature, Finished) and the key schedule behind a Finished,
 * worked out from what the first pass stored with the message (struct
 * checks), the message's own bytes and the capture's secrets and trust
 * anchors. One implementation of each, with no Wireshark in sight: epan
 * only draws what these return.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_VERDICTS_H
#define TLSX_VERDICTS_H

#include <glib.h>
#include "keys.h"
#include "session.h"
#include "verify.h"

struct keylog;

/* One capture's inputs: the key log (borrowed; NULL when none could be
 * read), whether one was configured at all, and where trust comes from.
 * The trust anchors are loaded the first time a chain is checked, and a
 * chain's verdict is kept for the capture: one server, many connections. */
struct verdicts;
struct verdicts *verdicts_new(const struct keylog *keylog, gboolean keylog_configured,
                              gboolean system_trust, const char *ca_file);
void verdicts_free(struct verdicts *v);
/* The trust anchors, loading them now if need be; NULL when none loaded
 * (*why says why; REASON_NONE when loaded). */
const struct verify_trust *verdicts_trust(struct verdicts *v, enum verify_reason *why);

struct check_verdict {
    struct verify_result main;      /* the message's check (enum check_kind) */
    struct verify_result hostname;  /* CHECK_CHAIN from the server: the SNI */
    gboolean from_rsa_key;          /* Finished: checked with the master secret
                                     * decrypted with the server's RSA key */
};

/* The verdict of it's check over body (the message without its handshake
 * header), at capture time when (seconds; 0 when unknown). A check that
 * needs a secret the capture's key log lacks says REASON_MISSING_SECRET,
 * or REASON_NO_KEYLOG when no key log was given at all. */
struct check_verdict verdicts_check(struct verdicts *v, const struct item *it,
                                    const guint8 *body, gsize blen, gint64 when);

/* verify_data has the wrong length for the suite: INVALID, REASON_BAD_FORMAT
 * (once the secret is known; before that, nothing can be said). */
struct verify_result verdicts_finished12(guint16 version, const struct reg_suite *suite,
                                         const guint8 *master, gsize master_len,
                                         gboolean from_server, const guint8 *hash,
                                         gsize hash_len, const guint8 *verify_data,
                                         gsize vd_len);
struct verify_result verdicts_finished13(const struct reg_suite *suite,
                                         const guint8 *traffic_secret, gsize secret_len,
                                         const guint8 *hash, gsize hash_len,
                                         const guint8 *verify_data, gsize vd_len);

/* The key schedule behind a Finished, as named lines of bytes in the order
 * a student derives them: TLS 1.2 master secret and key block, TLS 1.3 the
 * sender's handshake and application traffic secrets with their keys (QUIC
 * packet protection keys for QUIC). */
#define SCHEDULE_MAX_LINES 16
struct schedule_line {
    const char *name;             /* RFC's name, e.g. "client_write_key" */
    const char *how;              /* [schedule] catalog key: how it is made; NULL
                                   * when a line before it was made the same way */
    guint8 value[KEYS_HASH_MAX];
    gsize len;
};
struct schedule {
    guint n;
    gboolean from_rsa_key;        /* the master secret came from the RSA key */
    struct schedule_line lines[SCHEDULE_MAX_LINES];
};
/* FALSE when there is nothing to show (not a Finished, or no secret). */
gboolean verdicts_schedule(const struct verdicts *v, const struct item *it,
                           struct schedule *out);

/* Whether a verdict is a failure the capture itself shows (a signature,
 * a date, a link, a name): INVALID, except a chain that ends at no root
 * this machine trusts, which says as much about the machine's store as
 * about the handshake (the client may well trust that root). */
gboolean verdicts_failed(struct verify_result r);
/* An encrypted item whose handshake's client random the key log has: the
 * secrets were there, so if whoever decrypts used this key log, they are
 * wrong. */
gboolean verdicts_keylog_has_secrets(const struct verdicts *v, const struct item *it);
/* The SignatureScheme a CertificateVerify or a TLS 1.2 ServerKeyExchange
 * names, read from the message body (after its header) where the parse
 * found the signed parameters to end; 0 where none is named (TLS 1.0 and
 * 1.1, other messages). */
guint16 verdicts_signature_scheme(const struct item *it, const guint8 *body, gsize len);

/* The catalog key under [reason] for a reason. */
const char *verdicts_reason_key(enum verify_reason reason);

#endif
