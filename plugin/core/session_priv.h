/* The analyzer's state: session.c owns the sequence of each handshake and
 * shares it read-only; the story's part (struct story_state) is story.c's
 * and the checks' (struct running_checks, checks.c) the checks'. Not part
 * of core's API.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_SESSION_PRIV_H
#define TLSX_SESSION_PRIV_H

#include "findings.h"
#include "offer.h"
#include "session.h"

/* What the story (story.c) keeps of a handshake: negotiation, resumption,
 * the server's flight and what the summary says. Only story.c touches it. */
struct story_state {
    guint32 client_hello_frame;
    guint8 resumption;        /* enum resumption, once decided */
    gboolean resumption_decided;
    guint32 resumed_from;
    gboolean client_auth;     /* CertificateRequest seen */
    gboolean client_cert;     /* the client sent a non-empty Certificate */
    gboolean saw_certificate; /* the server sent one */
    gboolean saw_ske;
    gboolean saw_server_hello_done;
    gboolean early_data;      /* offered by the client */
    gboolean early_accepted;  /* accepted in EncryptedExtensions */
    gboolean saw_encrypted_extensions;
    gboolean hrr;
    gboolean cookie;          /* DTLS HelloVerifyRequest */
    guint chain_length;
    guint16 group;
    guint16 dh_bits;
    const char *alpn;         /* interned in the analyzer's strings, or NULL */
    guint8 last_sender;
    guint server_flights;
    GString *history;
    const struct summary *unfinished; /* made for `fed` items */
    guint unfinished_fed;
};

/* What findings.c keeps of a handshake: its findings so far and the frames
 * a diagnosis may point at. Only findings.c touches it. */
#define FOUND_KEPT 24
struct found_state {
    struct finding *list;     /* g_malloc'ed when the first is found: most have none */
    guint n, cap;
    guint16 cert_rsa_bits;    /* the server certificate's RSA key */
    gboolean order_noted;
    gboolean hello_seen;
    gboolean client_cert_empty;
    guint32 client_hello_frame;
    guint32 cert_frame;       /* the server's Certificate */
    guint32 client_cert_frame;
    guint32 cert_request_frame;
    guint32 finished_frame[3];/* indexed by enum sender */
};

struct handshake {
    guint number;
    guint steps;
    guint16 version;          /* selected by the server, 0 until known */
    guint16 suite;            /* selected by the server, 0 until known */
    guint8 kx;                /* enum kx_kind of that suite */
    gboolean tls13;
    gboolean saw_server_hello;
    gboolean retry_pending;   /* after HelloRetryRequest or HelloVerifyRequest */
    gboolean ccs[3];          /* indexed by enum sender */
    gboolean finished[3];
    gboolean encrypted_flight[3]; /* TLS 1.3: an undecrypted flight was seen */
    guint32 client_flight_frame;  /* where the client's encrypted flight began */
    gboolean appdata_noted[3];
    gboolean complete;
    gboolean under_old_keys;  /* renegotiation inside an encrypted connection */
    gboolean renegotiation;   /* began on a connection whose handshake had finished */
    gboolean have_client_hello;
    gdouble start_time;
    gboolean timed;          /* start_time is set: from its first message */
    struct offer *offer;      /* offer and choice, while the handshake runs */
    gboolean ended;           /* summary made */
    gboolean unconfirmed;     /* ended OUTCOME_UNCONFIRMED: the client's answer unread */
    gboolean started_mid;     /* the capture began after its ClientHello */
    struct running_checks *rc;/* transcript, randoms, leaf certificates */
    const struct check_context *randoms; /* rc's shared part once both randoms are in;
                                            outlives rc (the analyzer's memory) */
    guint16 *dtls_steps;      /* DTLS only: step of each message_seq (32 per sender) */
    guint32 client_hello_hash; /* to recognise a retransmitted ClientHello */
    gsize client_hello_len;
    guint8 proto;             /* enum tlsx_proto of its messages */
    /* Its last item so far, which ends it if the capture shows nothing more. */
    guint32 last_frame;
    guint last_step;
    guint8 last_kind, last_type;
    gdouble last_time;
    guint fed;                /* items so far */
    struct story_state story; /* story.c's alone: nobody else reads or writes it */
    struct found_state found; /* findings.c's alone */
};

struct connection {
    int client_side;          /* -1 until known */
    struct handshake *cur;
};

struct issued {
    guint32 frame;            /* where the session or ticket was issued */
    gdouble time;
    guint32 age_add;          /* TLS 1.3 ticket_age_add */
    gboolean tls13;
    struct item_extra *issuer; /* of the item that issued it: its uses go there */
};

struct analyzer {
    GHashTable *conns;        /* guint64 conn -> struct connection */
    guint64 last_id;          /* the connection of the last event, which the */
    struct connection *last;  /* next one mostly shares (freed only with a) */
    GPtrArray *handshakes;    /* owns every struct handshake */
    guint next_number;
    GHashTable *tickets;      /* ticket hash -> struct issued */
    GHashTable *sessions;     /* session ID (GBytes) -> struct issued */
    GPtrArray *blocks;        /* arena for what items point to (links, summaries…) */
    gsize block_used;
    GPtrArray *large;         /* allocations too big for a block */
    GStringChunk *strings;    /* interned flow names and summary texts */
    const char *recent[8];    /* the last strings interned, most recent first */
    const struct keys_privkey *rsa;
    GHashTable *chains;       /* distinct leaf certificates (GBytes set) */
    /* What ended handshakes leave for the next ones: offers and transcripts
     * are a few KiB each, and malloc is slow at that size. */
    GPtrArray *spare_offers;
    GPtrArray *spare_transcripts;
};

/* How many of each are kept for reuse. */
#define SPARES_KEPT 32


/* Zeroed memory that lives as long as the analyzer: what items point to is
 * never freed one by one, so it comes from large blocks. */
gpointer analyzer_alloc(struct analyzer *a, gsize size);
/* One copy of each string for the capture's lifetime. */
const char *analyzer_intern(struct analyzer *a, const char *s);

/* The item's extra part, made on first use. */
struct item_extra *item_extra_of(struct analyzer *a, struct item *out);

/* checks.c: what gnutls can check, on the first pass, in frame order. */
void checks_message(struct analyzer *a, struct handshake *h, const struct event *ev,
                    const struct hs_message *m, struct item *out);
void checks_free(struct handshake *h);
/* The handshake's randoms and shared check inputs, once both hellos were seen. */
const struct check_context *checks_context(const struct handshake *h);
/* The same for a handshake that ended, keeping its transcript for reuse. */
void checks_release(struct analyzer *a, struct handshake *h);
guint checks_cert_hash(gconstpointer key);

/* findings.c: called by session.c for each message, alert and heartbeat
 * record, and by story.c when a handshake ends. */
void findings_message(struct analyzer *a, struct handshake *h, const struct event *ev,
                      const struct hs_message *m, struct item *out);
void findings_alert(struct analyzer *a, struct handshake *h, const struct event *ev,
                    struct item *out);
void findings_heartbeat(struct analyzer *a, struct handshake *h, const struct event *ev,
                        struct item *out);
/* The handshake's findings and, for a failed one, the probable cause. */
void findings_summarise(struct analyzer *a, const struct handshake *h, struct summary *s);
void findings_free(struct handshake *h);

/* story.c: called by session.c at each step. */
void story_client_hello(struct analyzer *a, struct handshake *h, const struct event *ev,
                        const struct hs_message *m, struct item *out);
void story_server_hello(struct analyzer *a, struct handshake *h, const struct event *ev,
                        const struct hs_message *m, struct item *out);
void story_message(struct analyzer *a, struct handshake *h, const struct event *ev,
                   const struct hs_message *m, struct item *out);
void story_record(struct analyzer *a, struct handshake *h, struct item *out);
/* A message too broken to read: only its place in the history. */
void story_malformed(struct handshake *h, const struct item *out);
void story_end(struct analyzer *a, struct handshake *h, const struct event *ev,
               struct item *out, enum outcome outcome);
void story_free_handshake(struct handshake *h);
/* The same for a handshake that ended, keeping its offer for reuse. */
/* The summary of a handshake that never ended, as it stands. */
const struct summary *story_unfinished(struct analyzer *a, struct handshake *h);
/* A note on an item, e.g. "note.started_mid". */
void story_note(struct analyzer *a, struct item *out, const char *note);

#endif
