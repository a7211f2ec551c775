/* One handshake's story: who is client and server, which handshake of the
 * capture a message belongs to, its step, and what encrypted records must be
 * from their position. Fed in frame order on the first pass only; what it
 * returns is stored and rendered on every pass.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_SESSION_H
#define TLSX_SESSION_H

#include <glib.h>
#include "findings.h"
#include "handshake.h"

enum event_kind {
    EV_HANDSHAKE,     /* a complete plaintext or decrypted handshake message */
    EV_HANDSHAKE_RAW, /* handshake record bytes Wireshark could not decrypt or
                         that are a fragment of a longer message */
    EV_CCS,
    EV_ALERT,         /* data holds level and description, or NULL if encrypted */
    EV_APPDATA,       /* known to be application data */
    EV_OPAQUE,        /* an undecrypted record of type 23: in TLS 1.3 it may
                         carry handshake messages */
    EV_CLOSE,         /* the transport connection closes: data holds CLOSE_* */
    EV_FRAGMENT,      /* a DTLS handshake fragment that does not complete its
                         message: data holds its 12-byte header */
    EV_HEARTBEAT,     /* a heartbeat record (RFC 6520): data holds its payload */
};

/* How a connection closed (EV_CLOSE). */
enum { CLOSE_FIN = 1, CLOSE_RESET = 2 };

enum sender { SENDER_UNKNOWN = 0, SENDER_CLIENT = 1, SENDER_SERVER = 2 };

struct event {
    enum event_kind kind;
    enum tlsx_proto proto;
    guint64 conn;        /* the connection, as the glue identifies it */
    int side;            /* 0 or 1: which endpoint of conn sent this */
    const guint8 *data;
    gsize len;
    guint32 frame;
    gdouble time;        /* capture time, seconds */
};

enum resumption { RES_NONE, RES_SESSION_ID, RES_TICKET, RES_PSK };
/* INCOMPLETE: the capture misses part of a handshake that evidently went on. */
/* UNCONFIRMED: the client answered the server's encrypted flight with an
 * encrypted record that should hold its Finished; without keys that
 * cannot be confirmed. */
enum outcome { OUTCOME_NONE, OUTCOME_ESTABLISHED, OUTCOME_FAILED, OUTCOME_INCOMPLETE,
               OUTCOME_UNCONFIRMED };

/* Where a ticket or session ID was presented again: known only from later
 * frames, so drawn only once the whole capture has been read. */
#define USES_KEPT 8
struct uses {
    guint count;              /* every use; the first USES_KEPT are listed */
    guint32 frames[USES_KEPT];/* the ClientHellos that presented it */
};

/* The server's choices next to the client's offer, and other links from one
 * message to others; on the items they concern. */
struct links {
    guint32 offered_in;       /* frame of the ClientHello answered */
    guint16 suite_pos;        /* 1-based position of the chosen suite in the offer */
    guint16 suite_count;
    guint16 group;            /* key_share group chosen (TLS 1.3) */
    guint16 group_pos;        /* its position among the client's key shares */
    guint16 group_count;
    guint16 alpn_pos;         /* ALPN chosen: position among those offered */
    guint16 alpn_count;
    guint16 version;          /* the version chosen, with its place in supported_versions */
    guint16 version_pos;
    guint16 version_count;    /* 0: the client sent no supported_versions */
    guint16 client_version;   /* then its legacy_version, the highest it offered */
    gboolean version_in_ext;  /* the server named it in supported_versions */
    gboolean group_shared;    /* HRR: the client already sent a share for group */
    gboolean scsv;            /* the client listed TLS_EMPTY_RENEGOTIATION_INFO_SCSV */
    guint16 refused_ext;      /* extensions it answers that the client must refuse */
    guint16 n_offered_ext;
    const guint16 *offered_ext; /* the ClientHello's extension types, in order */
    guint8 resumption;        /* enum resumption decided by this message */
    gboolean resumed;         /* with resumption != NONE: accepted or refused */
    guint32 resumed_from;     /* frame that issued the session or ticket, 0 if unknown */
    guint32 ticket_from;      /* ClientHello: frame that issued the ticket offered */
    gboolean have_age;        /* TLS 1.3 ticket age worked out */
    gint64 real_age_ms;       /* obfuscated_ticket_age - ticket_age_add */
    gint64 elapsed_ms;        /* capture time since the ticket was issued */
    const char *note;         /* catalog section: a message expected or missing */
    const struct uses *used;  /* on the message that issued a ticket or session ID */
};

/* What a handshake's checks share: kept once per handshake. */
struct check_context {
    guint8 client_random[32];
    guint8 server_random[32];
    guint8 *master;           /* 48 bytes from the server's RSA key, when given */
    gboolean have_master;
    guint8 rsa_reason;        /* why the RSA key gave no master secret (enum verify_reason) */
    gboolean have_randoms;
    const char *sni;          /* interned */
    GBytes *server_leaf;      /* shared by every handshake with the same certificate */
    GBytes *client_leaf;
};

enum check_kind { CHECK_NONE, CHECK_CHAIN, CHECK_SKE, CHECK_CV13, CHECK_CV12, CHECK_FINISHED };

/* What this message's check needs beyond its own bytes. The costly part,
 * the verdict, is worked out only when someone looks (tree visible or a
 * check field in a filter), from these inputs, the message bytes and the
 * preferences; so every pass computes the same. CHECK_CV12 is the exception:
 * it signs the whole transcript, which is not kept, so it is checked at once
 * (rare: TLS 1.2 client authentication). */
struct checks {
    guint8 kind;                       /* enum check_kind */
    guint8 hash_len;
    guint8 verdict, reason;            /* CHECK_CV12 only */
    guint8 weak;
    guint8 n_certs;                    /* CHECK_CHAIN: certificates in the message */
    guint16 params_len;                /* CHECK_SKE: bytes of the signed parameters */
    const struct check_context *ctx;
    /* The transcript hash before this message (hash_len bytes); for
     * CHECK_CHAIN, where each certificate's DER sits in the message body
     * (checks_cert), as the parser found it. */
    guint8 hash[];
};

/* CHECK_CHAIN: the i-th certificate (leaf first) within the message body. */
static inline struct span checks_cert(const struct checks *c, guint i)
{
    guint32 at[2] = { 0, 0 };
    struct span s;
    if (i < c->n_certs)
        memcpy(at, c->hash + i * sizeof at, sizeof at);
    s.offset = at[0];
    s.length = at[1];
    return s;
}

/* One handshake told in a few lines, as it stood when it ended. */
/* What became of 0-RTT data (RFC 8446 §4.2.10). */
enum early_data { EARLY_NONE, EARLY_OFFERED, EARLY_ACCEPTED, EARLY_REJECTED };

struct summary {
    guint8 outcome;           /* enum outcome */
    guint8 resumption;
    guint8 alert;             /* with OUTCOME_FAILED: the fatal alert, if any */
    gboolean has_alert;
    gboolean client_auth;
    gboolean forward_secrecy;
    gboolean fs_known;
    gboolean chain_known;     /* chain_length is a fact, not a default */
    gboolean resumption_known;    /* whether it was resumed, for an incomplete one */
    gboolean client_auth_known;
    guint8 early_data;        /* enum early_data */
    guint16 version;
    guint16 suite;
    guint16 group;            /* key exchange group, 0 if none or unknown */
    guint16 dh_bits;          /* DHE prime size */
    guint chain_length;       /* server certificates */
    guint round_trips;
    gdouble duration;         /* seconds from ClientHello to the end */
    guint32 resumed_from;
    const char *flow;         /* e.g. "tls12-full-ecdhe", interned */
    const char *sni;
    const char *alpn;
    const char *history;
    const char *note;         /* catalog section, for a handshake the capture never ends */
    const struct finding *findings; /* every finding of the handshake, in frame order */
    guint n_findings;
    struct diagnosis diagnosis;     /* OUTCOME_FAILED: the probable cause (key NULL otherwise) */
};

struct item_extra;

/* What we know about one explained item; plain values only, so it can be
 * stored per frame and rendered again on any pass. */
struct item {
    guint8 kind;          /* enum event_kind it came from */
    guint8 proto;
    guint8 sender;        /* enum sender */
    guint8 msg_type;      /* handshake type, or 0 */
    /* Bit-fields: kept per item for the whole capture, so size matters. */
    guint8 encrypted : 1;
    guint8 malformed : 1;
    guint8 has_alert : 1;
    guint8 more_of_flight : 1; /* encrypted, after the first record of its flight */
    guint8 alert_level;
    guint8 alert_desc;
    guint16 version;      /* negotiated version when known, else 0 */
    guint16 suite;        /* negotiated cipher suite when known, else 0 */
    guint8 kx;            /* enum kx_kind of that suite */
    guint handshake;      /* 1, 2, ... in order of first appearance */
    guint step;           /* position in its handshake; 0 = not part of it */
    const char *message;  /* "ClientHello", "Finished", ... (static) */
    const char *explain;  /* catalog section of the explanation (static) */
    const struct item_extra *extra; /* NULL for most items; owned by the analyzer */
};

/* What only some items carry, kept apart so the many items that have none
 * of it stay small. */
struct item_extra {
    const struct hs_error *error;   /* when malformed */
    const struct links *links;      /* choices, resumption, notes */
    const struct summary *summary;  /* on the item that ended a handshake */
    const struct checks *checks;    /* what gnutls can check */
    const struct findings *findings;/* what is weak or wrong in this message */
    /* An encrypted item of a handshake whose randoms are known: whether a
     * key log has secrets for it tells why it stayed encrypted. */
    const struct check_context *randoms;
};

static inline const struct hs_error *item_error(const struct item *it)
{
    return it->extra ? it->extra->error : NULL;
}

static inline const struct links *item_links(const struct item *it)
{
    return it->extra ? it->extra->links : NULL;
}

static inline const struct summary *item_summary(const struct item *it)
{
    return it->extra ? it->extra->summary : NULL;
}

static inline const struct findings *item_findings(const struct item *it)
{
    return it->extra ? it->extra->findings : NULL;
}

static inline const struct checks *item_checks(const struct item *it)
{
    return it->extra ? it->extra->checks : NULL;
}

struct analyzer;

struct analyzer *analyzer_new(void);
void analyzer_free(struct analyzer *a);
/* The server's RSA key, for the first pass to decrypt an RSA key
 * exchange's pre-master secret (may be NULL; the analyzer does not own it
 * and it must outlive it). Verdicts need the rest (verdicts.h). */
struct keys_privkey;
void analyzer_set_rsa_key(struct analyzer *a, const struct keys_privkey *rsa);

/* Returns TRUE and fills *out when ev is worth explaining. */
gboolean analyzer_feed(struct analyzer *a, const struct event *ev, struct item *out);

/* How a server's choice stands against the client's offer (RFC 8446 §4.1.3,
 * §4.2, §4.2.1, §4.2.8; RFC 5246 §7.4.1.3, §7.4.1.4; RFC 5746 §3.6): the
 * catalog key of the text that says so, within the choice's section. */
const char *links_version_key(const struct links *l);
const char *links_suite_key(const struct links *l);
const char *links_group_key(const struct links *l, gboolean hrr);
const char *links_alpn_key(const struct links *l);
/* For one extension of a ServerHello, HelloRetryRequest or
 * EncryptedExtensions (msg_type); *pos is its place in the client's list,
 * 0 if the client did not send it. */
const char *links_extension_key(const struct links *l, guint8 msg_type, guint16 type,
                                guint *pos);
/* Whether a key names a choice the client must refuse. */
gboolean links_refused(const char *key);

/* The summary of a handshake the capture shows no end of, for its last item
 * (it, fed from frame), or NULL. Only once every frame has been fed is this
 * a fact: callers ask on passes after the first. The summary lives as long
 * as the analyzer and is the same whenever asked, until more is fed. */
const struct summary *analyzer_unfinished(struct analyzer *a, const struct item *it,
                                          guint32 frame);

#endif
