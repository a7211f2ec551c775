/* Parsing of handshake messages into values with byte spans.
 * One parse function per message type; each reads only through the bounded
 * reader and reports the first field that does not fit.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_HANDSHAKE_H
#define TLSX_HANDSHAKE_H

#include <glib.h>
#include "reader.h"
#include "walker.h"

/* TLSX_SSL2: a ClientHello in the SSL 2.0-compatible form a TLS client may
 * send (RFC 5246 §E.2); its bytes start at msg_type, without a length. */
enum tlsx_proto { TLSX_TLS = 0, TLSX_DTLS = 1, TLSX_QUIC = 2, TLSX_SSL2 = 3 };

/* HandshakeType, RFC 8446 §4 and RFC 5246 §7.4, plus DTLS's hello_verify_request. */
enum hs_type {
    HS_HELLO_REQUEST = 0,
    HS_CLIENT_HELLO = 1,
    HS_SERVER_HELLO = 2,
    HS_HELLO_VERIFY_REQUEST = 3,
    HS_NEW_SESSION_TICKET = 4,
    HS_END_OF_EARLY_DATA = 5,
    HS_HELLO_RETRY_REQUEST = 6,  /* only as a name: on the wire it is a ServerHello */
    HS_ENCRYPTED_EXTENSIONS = 8,
    HS_CERTIFICATE = 11,
    HS_SERVER_KEY_EXCHANGE = 12,
    HS_CERTIFICATE_REQUEST = 13,
    HS_SERVER_HELLO_DONE = 14,
    HS_CERTIFICATE_VERIFY = 15,
    HS_CLIENT_KEY_EXCHANGE = 16,
    HS_FINISHED = 20,
    HS_CERTIFICATE_URL = 21,
    HS_CERTIFICATE_STATUS = 22,
    HS_SUPPLEMENTAL_DATA = 23,
    HS_KEY_UPDATE = 24,
    HS_COMPRESSED_CERTIFICATE = 25,
    HS_MESSAGE_HASH = 254,
};

#define TLSX_VERSION_TLS13 0x0304
/* Pre-RFC TLS 1.3 drafts called themselves 0x7f00 + draft number. */
static inline gboolean tlsx_version_draft(guint16 v)
{
    return (v >> 8) == 0x7f;
}
/* TLS 1.3 or one of its drafts: the same shape of handshake. */
static inline gboolean tlsx_version_tls13(guint16 v)
{
    return v == TLSX_VERSION_TLS13 || tlsx_version_draft(v);
}

/* How keys are exchanged, which decides the form of ServerKeyExchange and
 * ClientKeyExchange (RFC 5246 §7.4.3, §7.4.7; RFC 4279; RFC 8422). */
enum kx_kind {
    KX_UNKNOWN, KX_RSA, KX_DHE, KX_ECDHE, KX_DH_ANON, KX_ECDH_ANON, KX_DH, KX_ECDH,
    KX_PSK, KX_DHE_PSK, KX_ECDHE_PSK, KX_RSA_PSK, KX_RSA_EXPORT, KX_SRP, KX_TLS13,
};

/* What the parser must know from the rest of the handshake. */
struct hs_context {
    enum tlsx_proto proto;
    guint16 version;       /* negotiated so far, 0 if unknown */
    guint16 suite;         /* negotiated cipher suite, 0 if unknown */
    guint8 kx;             /* enum kx_kind of that suite */
    guint8 sender;         /* 1 client, 2 server, 0 unknown */
};

struct hs_extension {
    guint16 type;
    struct span whole;     /* type + length + body */
    struct span body;
};

/* Extensions we need to reason about the handshake; the full list stays
 * available for per-field rendering. */

struct hs_extensions {
    gboolean present;           /* the extensions block exists at all */
    struct span block;
    guint count;
    struct hs_extension items[64];  /* the first 64; count says how many there were */
};

struct hs_client_hello {
    guint16 legacy_version;
    struct span random;
    struct span session_id;
    struct span cookie;          /* DTLS only */
    struct span cipher_suites;
    struct span compression;
    struct hs_extensions ext;
};

struct hs_server_hello {
    guint16 legacy_version;
    struct span random;
    struct span session_id;
    guint16 cipher_suite;
    guint8 compression;
    struct hs_extensions ext;
    gboolean is_hrr;             /* random is RFC 8446's HelloRetryRequest magic */
    guint16 selected_version;    /* from supported_versions, else legacy_version */
    gboolean version_in_ext;     /* it came from supported_versions */
};

/* How many certificates of a Certificate message are kept by position;
 * chains longer than this are rare, and checked on these. */
#define HS_CERTS_KEPT 16

struct hs_message {
    enum tlsx_proto proto;
    guint8 type;                 /* wire type (HelloRetryRequest shows as 2) */
    guint32 length;              /* body length from the header */
    gsize header_len;            /* 4, or 12 for DTLS */
    guint16 message_seq;         /* DTLS */
    guint32 fragment_offset;     /* DTLS */
    guint32 fragment_length;     /* DTLS */
    struct span body;
    guint cert_count;            /* Certificate: entries in the list */
    struct span certs[HS_CERTS_KEPT]; /* Certificate: each cert_data's DER, leaf first */
    struct span ske_params;      /* ServerKeyExchange: the parameters its signature covers */
    guint16 ske_group;           /* ServerKeyExchange (EC)DHE: the named group */
    guint16 dh_bits;             /* ServerKeyExchange DHE: size of p */
    union {
        struct hs_client_hello ch;
        struct hs_server_hello sh;
    } u;
};

/* Parses the header and body of one complete message of len bytes. Some
 * bodies differ between versions and key exchanges, hence ctx. Returns FALSE
 * and fills err when a field does not fit; what was parsed before it stays in
 * msg. With fields non-NULL, every field read is appended to it (struct field). */
gboolean hs_parse(const guint8 *data, gsize len, const struct hs_context *ctx,
                  struct hs_message *msg, struct hs_error *err, GArray *fields);

/* Reads only the header: enough to know the type and whether the message
 * is complete in len bytes. */
gboolean hs_parse_header(const guint8 *data, gsize len, enum tlsx_proto proto,
                         struct hs_message *msg);


/* The message's name as the RFCs write it (e.g. "ClientHello"), or NULL. */
const char *hs_type_name(guint8 type);

#endif
