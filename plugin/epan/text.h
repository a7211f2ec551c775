/* Explanation text for the tree: the catalog in use (built-in, or with a
 * teacher's file), placeholders filled from facts, long text wrapped.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_TEXT_H
#define TLSX_TEXT_H

#include <epan/packet.h>
#include "session.h"
#include "catalog.h"
#include "verify.h"
#include "walker.h"

void tlsx_catalog_reload(void);
void tlsx_catalog_free(void);
gboolean tlsx_text_has(const char *section, const char *key);
/* Tells the user about a problem with what they gave (a file, a key):
 * [warning] key of the catalog, filled; each distinct text once. */
void tlsx_warn_once(const char *key, const struct placeholder *ph, gsize n);
/* A label or value word of the catalog's [label] or [value] section in the
 * user's language; NULL in English, whose words are the registered ones. */
const char *tlsx_catalog_word(const char *section, const char *key);
/* A check's reason in the user's language ([reason] of the catalog). */
const char *tlsx_reason_text(enum verify_reason reason);

/* Text of section/key filled with this item's values (and a field's, when
 * given); allocated from pool, or the catalog's own when it has nothing to
 * fill. Missing keys fall back to "text". */
const char *tlsx_text(wmem_allocator_t *pool, const struct item *it, const struct field *f,
                const char *value, const char *section, const char *key);
/* The same with more placeholders, for links and summaries. */
const char *tlsx_text_with(wmem_allocator_t *pool, const struct item *it, const char *section,
                     const char *key, const struct placeholder *extra, gsize n_extra);

/* The width lines are wrapped at (tlsexplain.wrap_columns, bounded). */
guint tlsx_line_columns(void);

/* Adds text as item ti's label ("<prefix>: first line") and the rest as
 * indented lines below it in tree t, since labels are cut at 240 bytes.
 * Returns the item of the last line, where what follows the text (an
 * expert note) reads after it. */
proto_item *tlsx_add_lines(proto_tree *t, proto_item *ti, tvbuff_t *tvb,
                           guint off, guint len, const char *prefix, const char *text);

/* Adds text as lines of their own in tree t. */
void tlsx_add_text(proto_tree *t, tvbuff_t *tvb, guint off, guint len,
                   const char *text);

#endif
