/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <epan/packet.h>
#include <string.h>
#include <wsutil/report_message.h>
#include "catalog.h"
#include "fields.h"
#include "text.h"
#include "textfill.h"
#include "verdicts.h"
#include "wrap.h"

static struct catalog *catalog;
static const char *language;  /* resolved once per catalog load */

/* "auto" follows the user's locale: Simplified Chinese for zh_CN (and plain
 * zh), English otherwise. */
static const char *resolve_language(void)
{
    const char *chosen = tlsx_language_code();
    if (chosen)
        return chosen;
    for (const char *const *l = g_get_language_names(); *l; l++) {
        if (g_str_has_prefix(*l, "zh_CN") || strcmp(*l, "zh") == 0)
            return "zh_CN";
        if (g_str_has_prefix(*l, "zh_"))
            break;  /* other Chinese locales: traditional script, not ours */
    }
    return "en";
}

void tlsx_catalog_reload(void)
{
    char *problem = NULL;
    catalog_free(catalog);
    catalog = catalog_new_default();
    language = resolve_language();
    if (tlsx_prefs.catalog && *tlsx_prefs.catalog &&
        !catalog_load_override(catalog, tlsx_prefs.catalog, &problem)) {
        /* One clear warning; the built-in texts stay in use. */
        report_warning("tlsexplain: the catalog file was not used; the built-in texts are shown.\n%s",
                       problem);
        g_free(problem);
    }
}

void tlsx_catalog_free(void)
{
    catalog_free(catalog);
    catalog = NULL;
}

static struct catalog *current(void)
{
    if (!catalog)
        tlsx_catalog_reload();
    return catalog;
}

const char *tlsx_catalog_word(const char *section, const char *key)
{
    return strcmp(language, "en") == 0 ? NULL : catalog_lookup(current(), section, key, language);
}

const char *tlsx_reason_text(enum verify_reason reason)
{
    const char *s = catalog_lookup(current(), "reason", verdicts_reason_key(reason), language);
    return s ? s : verify_reason_text(reason);
}

/* A warning for the user, from the catalog's [warning] section, shown once
 * per distinct text: Wireshark dissects a capture again whenever a
 * preference changes, and the same problem should not pop up each time. */
void tlsx_warn_once(const char *key, const struct placeholder *ph, gsize n)
{
    static GHashTable *shown;
    char *text = catalog_text(current(), "warning", key, language, ph, n);
    if (!shown)
        shown = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if (g_hash_table_contains(shown, text)) {
        g_free(text);
        return;
    }
    report_warning("tlsexplain: %s", text);
    g_hash_table_add(shown, text);
}

gboolean tlsx_text_has(const char *section, const char *key)
{
    return catalog_has(current(), section, key);
}

/* wmem_strndup copies byte by byte, looking for a NUL; these copies know
 * their length and hold none. */
static char *copy_len(wmem_allocator_t *pool, const char *src, gsize len)
{
    char *dst = wmem_alloc(pool, len + 1);
    memcpy(dst, src, len);
    dst[len] = '\0';
    return dst;
}

static const char *text_impl(wmem_allocator_t *pool, const struct item *it, const struct field *f,
                             const char *value, const char *section, const char *key,
                             const struct placeholder *extra, gsize n_extra)
{
    /* Texts are filled into one scratch buffer and copied once: this runs
     * for every field of every message drawn. */
    static GString *scratch;
    const char *s;
    if (!scratch)
        scratch = g_string_sized_new(512);
    s = text_fill(current(), language, it, f, value, section, key, extra, n_extra, scratch);
    if (!s)
        return wmem_strdup_printf(pool, "[%s] %s", section, key);
    if (s != scratch->str)
        return s;  /* the catalog outlives every tree drawn with it */
    return copy_len(pool, scratch->str, scratch->len);
}

const char *tlsx_text(wmem_allocator_t *pool, const struct item *it, const struct field *f,
                const char *value, const char *section, const char *key)
{
    return text_impl(pool, it, f, value, section, key, NULL, 0);
}

const char *tlsx_text_with(wmem_allocator_t *pool, const struct item *it, const char *section,
                     const char *key, const struct placeholder *extra, gsize n_extra)
{
    return text_impl(pool, it, NULL, NULL, section, key, extra, n_extra);
}

guint tlsx_line_columns(void)
{
    return CLAMP(tlsx_prefs.wrap_columns, TLSX_LINE_COLUMNS_MIN, TLSX_LINE_COLUMNS_MAX);
}

/* Returns the last line added, or NULL. */
static proto_item *add_rest(proto_tree *t, tvbuff_t *tvb, guint off, guint len,
                            const char *indent, const char *p)
{
    proto_item *last = NULL;
    while (*p) {
        const char *end;
        while (*p == ' ')
            p++;
        end = wrap_point(p, tlsx_line_columns());
        if (end == p)
            break;
        if (*end || *indent) {
            /* A line of at most TLSX_LINE_COLUMNS_MAX characters, four
             * bytes each at most, fits; the tree keeps fewer anyway. */
            char line[8 + 4 * TLSX_LINE_COLUMNS_MAX + 1];
            gsize ilen = strlen(indent), n = MIN((gsize)(end - p), sizeof line - 1 - ilen);
            memcpy(line, indent, ilen);
            memcpy(line + ilen, p, n);
            line[ilen + n] = '\0';
            proto_tree_add_subtree(t, tvb, off, len, ett_tlsx_text, &last, line);
        } else {
            proto_tree_add_subtree(t, tvb, off, len, ett_tlsx_text, &last, p);
        }
        p = end;
    }
    return last;
}

proto_item *tlsx_add_lines(proto_tree *t, proto_item *ti, tvbuff_t *tvb,
                           guint off, guint len, const char *prefix, const char *text)
{
    proto_item *last;
    guint plen = (guint)strlen(prefix) + 2;
    guint columns = tlsx_line_columns();
    const char *end = wrap_point(text, columns > plen + 20 ? columns - plen : 20);
    proto_item_set_text(ti, "%s: %.*s", prefix, (int)(end - text), text);
    last = add_rest(t, tvb, off, len, "    ", end);
    return last ? last : ti;
}

void tlsx_add_text(proto_tree *t, tvbuff_t *tvb, guint off, guint len,
                   const char *text)
{
    add_rest(t, tvb, off, len, "", text);
}
