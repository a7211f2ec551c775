/* Explanation text: looked up by key and language, values filled in by
 * named placeholders. The default catalog is compiled in; a teacher's file
 * may override some keys and is checked before it is used.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_CATALOG_H
#define TLSX_CATALOG_H

#include <glib.h>

struct catalog;

/* A value for a {name} placeholder. */
struct placeholder {
    const char *name;
    const char *value;
};

struct catalog *catalog_new_default(void);
void catalog_free(struct catalog *c);

/* Loads a teacher's override file. On any problem the catalog is left as it
 * was and *problem says what was wrong (caller frees). */
gboolean catalog_load_override(struct catalog *c, const char *path, char **problem);
/* Same, from memory; name is used in messages. */
gboolean catalog_load_override_data(struct catalog *c, const char *data, gsize len,
                                    const char *name, char **problem);

/* lang is "en", "zh_CN", or NULL for the user's locale. Returns the text of
 * group/key (falling back to English), or NULL when the key does not exist. */
char *catalog_get(const struct catalog *c, const char *group, const char *key,
                  const char *lang);
/* The same text, owned by the catalog and cached: valid until the catalog
 * changes or is freed. */
const char *catalog_lookup(const struct catalog *c, const char *group, const char *key,
                           const char *lang);
gboolean catalog_has(const struct catalog *c, const char *group, const char *key);

/* Fills {name} placeholders from ph; unknown placeholders stay as written.
 * The text is never used as a format string. Caller frees. */
char *catalog_fill(const char *text, const struct placeholder *ph, gsize n);
/* The same, asking fill for each {name} as it comes, so values nobody uses
 * are never computed. fill appends the value and returns TRUE, or FALSE for
 * a name it does not know (then the placeholder stays as written). */
typedef gboolean (*placeholder_fn)(const char *name, gsize len, gpointer data, GString *out);
/* Appends text to out with each placeholder filled by fill. */
void catalog_fill_into(GString *out, const char *text, placeholder_fn fill, gpointer data);

/* Convenience: get + fill; returns the key itself when it is missing, so a
 * gap in the catalog shows instead of vanishing. Caller frees. */
char *catalog_text(const struct catalog *c, const char *group, const char *key,
                   const char *lang, const struct placeholder *ph, gsize n);

/* Every language the default catalog has texts in, e.g. {"en", "zh_CN"}. */
const char *const *catalog_languages(void);


#endif
