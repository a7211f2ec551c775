/* The capture-scoped context (context.c): made when a capture is opened,
 * freed when it is closed.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_CONTEXT_H
#define TLSX_CONTEXT_H

#include <glib.h>
#include "session.h"

struct frame_facts;
struct keylog;
struct keys_privkey;
struct verdicts;

struct tlsx_context {
    struct analyzer *analyzer;    /* the first pass, in frame order */
    GPtrArray *facts_by_frame;    /* struct frame_facts * (file scope) by frame number */
    /* The last frame a first pass analysed: the frames after it have no
     * facts yet, and their entries (ahead in a large array) need not be read. */
    guint32 last_analysed;
    GArray *placed;               /* scratch: struct placed_item of the frame analysed */
    GArray *whole;                /* scratch: struct dtls_whole of the frame analysed */
    struct keylog *keylog;        /* NULL when none configured */
    gboolean keylog_is_tls;       /* it is the one Wireshark's TLS decrypts with */
    struct keys_privkey *rsa_key; /* NULL when none configured or usable */
    struct verdicts *verdicts;
};

struct tlsx_context *tlsx_context(void);
/* Registers the routines that make and free it with each capture. */
void tlsx_context_register(void);

/* Each frame's facts, by frame number: every frame asks for its own. */
struct frame_facts *tlsx_stored_facts(const struct tlsx_context *c, guint32 num);
void tlsx_store_facts(struct tlsx_context *c, guint32 num, struct frame_facts *facts);

/* The summary of a handshake the capture never ends, on its last item. */
const struct summary *tlsx_unfinished(const struct item *it, guint32 frame);
/* The capture's verdicts (key log, trust anchors, chain cache). */
struct verdicts *tlsx_verdicts(void);

#endif
