/* What is weak or wrong in a handshake, found on the first pass from facts
 * the parse already has: each finding sits on the message whose bytes show
 * it, and the handshake's summary lists them with the probable cause of a
 * failure. Texts are the catalog's [finding.NAME] and [diagnosis.NAME].
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_FINDINGS_H
#define TLSX_FINDINGS_H

#include <glib.h>

enum finding_severity { SEVERITY_NOTE = 1, SEVERITY_WARN = 2, SEVERITY_ERROR = 3 };

enum finding_kind {
    FINDING_NONE,
    /* protocol version */
    FINDING_SSL2_HELLO, FINDING_SSL3, FINDING_TLS10, FINDING_TLS11, FINDING_DTLS10,
    /* cipher suites */
    FINDING_OFFERED_WEAK, FINDING_NULL_CIPHER, FINDING_ANON, FINDING_EXPORT, FINDING_RC4,
    FINDING_3DES, FINDING_CBC_TLS10, FINDING_CBC_NO_ETM, FINDING_STATIC_RSA,
    /* extensions and options */
    FINDING_COMPRESSION, FINDING_NO_RENEGOTIATION_INFO, FINDING_NO_EMS, FINDING_HEARTBEAT,
    FINDING_HEARTBLEED, FINDING_FALLBACK_SCSV, FINDING_INAPPROPRIATE_FALLBACK,
    FINDING_DOWNGRADE,
    /* key exchange */
    FINDING_DH_SMALL, FINDING_DH_BELOW_CERT, FINDING_EC_SMALL,
    /* certificates */
    FINDING_CERT_EXPIRED, FINDING_CERT_NOT_YET_VALID, FINDING_CERT_RSA_SMALL,
    FINDING_CERT_WEAK_SIGNATURE, FINDING_CERT_SELF_SIGNED, FINDING_CERT_HOSTNAME,
    FINDING_CERT_CN_ONLY, FINDING_CERT_ORDER, FINDING_CERT_LIFETIME,
    FINDING_CERT_UNTRUSTED,    /* from the chain's verdict, when drawn (verdicts.h) */
    /* TLS 1.3 */
    FINDING_EARLY_DATA, FINDING_TICKET_LIFETIME,
    FINDING_N
};

struct finding_def {
    const char *name;          /* field tlsexplain.finding.NAME, catalog [finding.NAME] */
    guint8 severity;           /* enum finding_severity */
    const char *summary;       /* English, for the field's registration only */
};

/* A server certificate's lifetime in days when over the 398 that publicly
 * trusted ones may have (CA/Browser Forum), else 0. */
struct cert_info;
guint32 findings_lifetime_days(const struct cert_info *leaf);

/* A finding only the chain's verdict shows, for the server's chain: a root
 * this machine does not trust, or (trusted) the 398-day rule; FINDING_NONE
 * otherwise. *days receives the lifetime for the latter. */
guint8 findings_from_chain(guint8 verdict, guint8 reason, const struct cert_info *leaf,
                           guint32 *days);

/* The Security subtree of a summary, as catalog keys of [security]. */
struct summary;
struct security_view {
    const char *forward_secrecy;
    const char *authentication;
    const char *weakest;           /* "weakest" (see finding) or a key saying none */
    const struct finding *finding; /* the most severe warning or error, or NULL */
};
void findings_security(const struct summary *s, struct security_view *out);

/* NULL for FINDING_NONE or out of range. */
const struct finding_def *finding_def(guint kind);

/* One finding where it was found. */
struct finding {
    guint8 kind;               /* enum finding_kind */
    guint8 cert;               /* certificate findings: position in the chain, 0 = leaf */
    guint32 value;             /* bits, days, bytes, version: what the text names */
    guint32 frame;
};

/* The findings of one item (one message or record). */
struct findings {
    guint n;
    struct finding list[];
};

/* Catalog keys of the probable cause of a failed handshake. */
struct diagnosis {
    const char *key;           /* [diagnosis] key */
    guint32 frame;             /* the frame that shows the cause, 0 if none */
    guint32 value;             /* what the text counts (offered suites, ...) */
};

#endif
