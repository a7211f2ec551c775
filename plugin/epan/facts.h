/* What the first pass stores for a frame: the core's items plus where
 * their bytes are, so every later pass can draw the same tree.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_FACTS_H
#define TLSX_FACTS_H

#include <epan/packet.h>
#include "session.h"

struct placed_item {
    struct item item;
    guint32 offset;
    guint32 length;
    guint16 ds_index;    /* position in pinfo->data_src; stable across passes */
    guint8 whole;        /* a DTLS message shown whole from its fragments */
};

/* A DTLS handshake message Wireshark reassembled from fragments: its body
 * is in a "Reassembled DTLS" data source, its header only in fragments. We
 * show it whole, as RFC 6347 section 4.2.6 hashes it (one fragment at
 * offset 0), in a data source of our own that every pass builds again
 * from these positions. */
struct dtls_whole {
    guint16 header_ds;   /* the last fragment's record */
    guint16 body_ds;     /* Wireshark's reassembled body */
    guint32 header_offset;
    guint32 length;      /* of the body */
};

struct frame_facts {
    guint count;
    guint n_whole;
    struct dtls_whole *whole;  /* in the order their data sources were added */
    struct placed_item items[];
};

/* dissect.c */
tvbuff_t *tlsx_dtls_whole(packet_info *pinfo, tvbuff_t *header_tvb, guint header_offset,
                          tvbuff_t *body_tvb, guint32 length);
void tlsx_rebuild_dtls_whole(packet_info *pinfo, const struct frame_facts *facts);
/* tree.c */
void tlsx_draw(proto_tree *tree, packet_info *pinfo, const struct frame_facts *facts);
/* storytree.c */
void tlsx_draw_links(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                     const struct item *it, gboolean text);
void tlsx_links_notes(packet_info *pinfo, const struct item *it);
void tlsx_draw_ticket(proto_tree *t, tvbuff_t *tvb, guint off, guint len, guint header);
void tlsx_draw_summary(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                       const struct item *it);
void tlsx_draw_later(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                     const struct item *it);
/* checktree.c */
/* text: the sentences; notes: an expert note on each check that failed
 * (t may be NULL: the notes alone, for a tap without a tree). */
void tlsx_draw_checks(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, const struct placed_item *p,
                      gboolean text, gboolean notes);
void tlsx_draw_certificates(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb,
                            const struct placed_item *p);
void tlsx_draw_schedule(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                        const struct item *it);
/* findingtree.c */
void tlsx_register_findings(void);
void tlsx_note_finding(packet_info *pinfo, proto_item *ti, const struct item *it, guint8 kind,
                       guint32 value);
/* t may be NULL: the expert items alone. */
void tlsx_draw_findings(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                        const struct item *it, gboolean text);
void tlsx_draw_security(proto_tree *st, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                        const struct item *it, const struct summary *s);
/* fieldtree.c */
void tlsx_draw_fields(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb,
                      const struct placed_item *p, gboolean hidden);

#endif
