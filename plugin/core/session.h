/* One handshake's story: who is client and server, which handshake of the
 * capture a message belongs to, its step, and what encrypted records must be
 * from their position. Fed in frame order on the first pass only; what it
 * returns is stored and rendered on every pass.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_SESSION_H
#define TLSX_SESSION_H

#include <glib.h>
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
};

enum sender { SENDER_UNKNOWN = 0, SENDER_CLIENT = 1, SENDER_SERVER = 2 };

struct event {
    enum event_kind kind;
    enum tlsx_proto proto;
    guint64 conn;        /* the connection, as the glue identifies it */
    int side;            /* 0 or 1: which endpoint of conn sent this */
    const guint8 *data;
    gsize len;
    guint32 frame;
};

/* What we know about one explained item; plain values only, so it can be
 * stored per frame and rendered again on any pass. */
struct item {
    guint8 kind;          /* enum event_kind it came from */
    guint8 proto;
    guint8 sender;        /* enum sender */
    guint8 msg_type;      /* handshake type, or 0 */
    gboolean encrypted;
    gboolean malformed;
    gboolean has_alert;
    guint8 alert_level;
    guint8 alert_desc;
    guint16 version;      /* negotiated version when known, else 0 */
    guint16 suite;        /* negotiated cipher suite when known, else 0 */
    guint8 kx;            /* enum kx_kind of that suite */
    guint handshake;      /* 1, 2, ... in order of first appearance */
    guint step;           /* position in its handshake; 0 = not part of it */
    const char *message;  /* "ClientHello", "Finished", ... (static) */
    const char *explain;  /* catalog section of the explanation (static) */
    struct hs_error error;
};

struct analyzer;

struct analyzer *analyzer_new(void);
void analyzer_free(struct analyzer *a);
/* Returns TRUE and fills *out when ev is worth explaining. */
gboolean analyzer_feed(struct analyzer *a, const struct event *ev, struct item *out);

#endif
