/* Reading a message while recording each field it holds: value, bytes and
 * which catalog text explains it. The same parse code serves the first pass
 * (no field list, only the values core needs) and rendering (full list).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_WALKER_H
#define TLSX_WALKER_H

#include <glib.h>
#include "reader.h"

/* How a field's value is shown. */
enum field_kind {
    FK_NONE,        /* a container: its children say it all */
    FK_UINT,        /* a number */
    FK_LENGTH,      /* a vector's length prefix, in bytes */
    FK_BYTES,       /* opaque bytes, shown in hex */
    FK_STRING,      /* bytes that are text (host name, ALPN id) */
    FK_VERSION,     /* ProtocolVersion */
    FK_MSGTYPE,     /* HandshakeType */
    FK_SUITE,       /* CipherSuite */
    FK_COMPRESSION, /* CompressionMethod */
    FK_EXTTYPE,     /* ExtensionType */
    FK_GROUP,       /* NamedGroup */
    FK_SIGALG,      /* SignatureScheme */
    FK_POINTFMT,    /* ECPointFormat */
    FK_PSKMODE,     /* PskKeyExchangeMode */
    FK_CERTTYPE,    /* ClientCertificateType */
    FK_SECONDS,     /* a duration in seconds */
    FK_HEX,         /* a number better read in hex */
    FK_CURVETYPE,   /* ECCurveType */
    FK_STATUSTYPE,  /* CertificateStatusType */
    FK_KEYUPDATE,   /* KeyUpdateRequest */
    FK_CERTCOMP,    /* CertificateCompressionAlgorithm */
    FK_SUITE3,      /* SSL 2.0 cipher spec: a TLS suite when its first byte is 0 */
    FK_QUICTP,      /* QUIC transport parameter ID */
    FK_CERTFORMAT,  /* TLS Certificate Type (RFC 7250): X509, RawPublicKey, ... */
    FK_SRTP,        /* DTLS-SRTP protection profile (RFC 5764) */
};

struct field {
    guint32 offset;
    guint32 length;
    guint8 depth;         /* 0 = a field of the message itself */
    guint8 kind;          /* enum field_kind */
    guint16 count;        /* fields directly inside it, length prefixes aside */
    const char *name;     /* as the RFC names it, e.g. "legacy_version" */
    const char *section;  /* catalog section that explains it */
    const char *variant;  /* key within the section: "text" or a context */
    guint64 value;
};

/* Why parsing stopped, for a malformed-message report. */
struct hs_error {
    const char *field;     /* RFC name of the field that did not fit */
    const char *expected;  /* catalog key (section "malformed") */
    guint32 offset;        /* where in the message */
    guint32 left;          /* bytes that were left there */
};

#define WALK_MAX_DEPTH 32

struct walker {
    const guint8 *data;   /* the whole message */
    GArray *fields;       /* struct field, or NULL when only parsing */
    guint depth;
    struct hs_error *err;
    guint open[WALK_MAX_DEPTH];  /* index of the container at each depth */
};

void w_init(struct walker *w, const guint8 *data, GArray *fields, struct hs_error *err);
gboolean w_fail(struct walker *w, const struct reader *r, const char *field, const char *expected);

/* Each reads one field and records it under section (NULL: not recorded). */
gboolean w_u8(struct walker *w, struct reader *r, const char *name, const char *section,
              enum field_kind kind, guint8 *out);
gboolean w_u16(struct walker *w, struct reader *r, const char *name, const char *section,
               enum field_kind kind, guint16 *out);
gboolean w_u24(struct walker *w, struct reader *r, const char *name, const char *section,
               enum field_kind kind, guint32 *out);
gboolean w_u32(struct walker *w, struct reader *r, const char *name, const char *section,
               enum field_kind kind, guint32 *out);
gboolean w_bytes(struct walker *w, struct reader *r, gsize n, const char *name,
                 const char *section, enum field_kind kind, struct reader *out);
/* A QUIC variable-length integer (RFC 9000 §16). */
gboolean w_varint(struct walker *w, struct reader *r, const char *name, const char *section,
                  enum field_kind kind, guint64 *out);

/* A length-prefixed vector: records the whole vector, then (one level down)
 * its length prefix; what the caller records next sits inside it, until
 * w_end(). On failure nothing stays open. */
gboolean w_vec(struct walker *w, struct reader *r, guint prefix, const char *name,
               const char *section, struct reader *out);
/* A container whose span the caller knows (e.g. one extension). */
void w_open(struct walker *w, gsize offset, gsize length, const char *name,
            const char *section, enum field_kind kind, guint64 value);
void w_end(struct walker *w);

/* The field recorded last, to set its variant or count; NULL if none. */
struct field *w_last(struct walker *w);
/* The field recorded at index i (from w_mark), to patch it later. */
guint w_mark(const struct walker *w);
struct field *w_at(struct walker *w, guint i);

#endif
