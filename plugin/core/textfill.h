/* A catalog text filled with what a message's facts say: the item's own
 * (message, sender, version, alert, ...), a field's (its name, value,
 * size, the suite, group or scheme it names) and any extra placeholders.
 * Values are looked up only when a text names them.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_TEXTFILL_H
#define TLSX_TEXTFILL_H

#include <glib.h>
#include "catalog.h"
#include "session.h"
#include "walker.h"

/* section/key in lang (falling back to section/"text"), filled. Returns
 * the catalog's own text when it has no placeholder, out->str when it
 * was filled into out, NULL when the catalog has neither key. f and value
 * may be NULL; a placeholder with no value reads "?". */
const char *text_fill(const struct catalog *c, const char *lang, const struct item *it,
                      const struct field *f, const char *value, const char *section,
                      const char *key, const struct placeholder *extra, gsize n_extra,
                      GString *out);

#endif
