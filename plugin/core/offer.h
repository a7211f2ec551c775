/* What a ClientHello offered and what the ServerHello chose, read from the
 * hellos' extensions, so the server's choices can be shown next to the offer
 * and resumption recognised.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_OFFER_H
#define TLSX_OFFER_H

#include "handshake.h"

#define OFFER_MAX_SUITES 256
#define OFFER_MAX_GROUPS 64
#define OFFER_MAX_ALPN 16
#define OFFER_MAX_PSK 8
#define OFFER_MAX_VERSIONS 16
#define OFFER_MAX_EXTENSIONS 64

struct choice {
    guint16 version;
    guint16 suite;
    guint16 share_group;                   /* key_share (TLS 1.3), or HRR's selected_group */
    gboolean psk;                          /* pre_shared_key accepted */
    guint16 psk_identity;
    guint8 session_id[32];
    guint session_id_len;
    gboolean ticket_ext;                   /* empty SessionTicket: a ticket will come */
    char alpn[64];                         /* from ServerHello (TLS 1.2) */
    gboolean ems;                          /* extended_master_secret accepted */
};

struct offer {
    guint16 suites[OFFER_MAX_SUITES];
    guint n_suites;
    guint16 groups[OFFER_MAX_GROUPS];      /* supported_groups */
    guint n_groups;
    guint16 shares[OFFER_MAX_GROUPS];      /* groups of key_share entries */
    guint n_shares;
    char sni[256];
    char alpn[OFFER_MAX_ALPN][64];
    guint n_alpn;
    guint8 session_id[32];
    guint session_id_len;
    gboolean ticket_ext;                   /* SessionTicket extension present */
    guint32 ticket_hash;                   /* of its bytes, 0 length = none */
    gsize ticket_len;
    guint32 psk_hash[OFFER_MAX_PSK];       /* pre_shared_key identities */
    guint32 psk_age[OFFER_MAX_PSK];        /* obfuscated_ticket_age */
    guint n_psk;
    gboolean early_data;
    gboolean offers_tls13;
    gboolean psk_dhe;                      /* psk_dhe_ke offered */
    gboolean ems;                          /* extended_master_secret offered */
    guint16 legacy_version;
    guint16 versions[OFFER_MAX_VERSIONS];  /* supported_versions, as listed */
    guint n_versions;
    guint16 ext_types[OFFER_MAX_EXTENSIONS]; /* extension types, in order */
    guint n_ext;
    gboolean scsv;                         /* TLS_EMPTY_RENEGOTIATION_INFO_SCSV listed */
    struct choice choice;                  /* what the ServerHello made of it */
};

/* FNV-1a, 64-bit words at a time; offer_hash folds it to 32 bits. */
guint64 offer_hash64(const guint8 *data, gsize len);
guint32 offer_hash(const guint8 *data, gsize len);
void offer_read(const guint8 *data, gsize len, const struct hs_message *m, struct offer *o);
void choice_read(const guint8 *data, gsize len, const struct hs_message *m, struct choice *c);
/* These read a message m that hs_parse accepted (not malformed).
 * The server's answers in EncryptedExtensions (TLS 1.3): the ALPN chosen
 * (empty string if none) and whether it accepted early data. */
void encrypted_extensions_read(const guint8 *data, gsize len, const struct hs_message *m,
                               char *alpn, gsize alpn_len, gboolean *early_data);
/* TLS 1.3 NewSessionTicket: lifetime, ticket_age_add and the ticket's hash. */
gboolean ticket13_read(const guint8 *data, gsize len, const struct hs_message *m,
                       guint32 *lifetime, guint32 *age_add, guint32 *hash);
/* TLS 1.2 NewSessionTicket: the ticket's hash and length. */
gboolean ticket12_read(const guint8 *data, gsize len, const struct hs_message *m,
                       guint32 *lifetime, guint32 *hash, gsize *ticket_len);
/* Position (1-based) of v in list, 0 if absent. */
guint offer_position(const guint16 *list, guint n, guint16 v);

#endif
