/* Shared by the handshake parser's files; not part of core's API.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_PARSE_H
#define TLSX_PARSE_H

#include "handshake.h"

/* Which message an extension block is in: some extensions differ. */
enum ext_where { IN_CH, IN_SH, IN_HRR, IN_EE, IN_CERT, IN_CR, IN_NST };

struct parse {
    struct walker w;
    const struct hs_context *ctx;
    struct hs_message *msg;
    guint ext_mark;     /* field index of the extension being parsed */
};

#define NEED(ok) do { if (!(ok)) return FALSE; } while (0)
#define NEED_OR(ok, p, r, field, what) \
    do { if (!(ok)) return w_fail(&(p)->w, (r), (field), (what)); } while (0)

gboolean need_end(struct parse *p, struct reader *r, const char *after);
/* What is left of the message as one field of bytes (none if empty). */
gboolean parse_opaque_rest(struct parse *p, struct reader *r, const char *name,
                           const char *section);
/* The field just read names a post-quantum or hybrid group: its text
 * says what that is instead of giving a size in bits. */
void note_group_kind(struct parse *p, guint16 group);
gboolean parse_extensions(struct parse *p, struct reader *r, enum ext_where where,
                          struct hs_extensions *ext);
/* A vector of 16-bit values (suites, groups, schemes, versions). */
gboolean parse_u16_list(struct parse *p, struct reader *r, guint prefix, const char *name,
                        const char *section, const char *item, const char *item_section,
                        enum field_kind kind, guint min_bytes, struct span *out);
gboolean parse_message_body(struct parse *p, struct reader *r);

#endif
