/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <epan/packet.h>
#include <string.h>
#include <wsutil/report_message.h>
#include "catalog.h"
#include "fields.h"
#include "registry.h"
#include "strbuf.h"
#include "text.h"

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

gboolean tlsx_text_has(const char *section, const char *key)
{
    return catalog_has(current(), section, key);
}

static const char *side_key(guint8 sender, gboolean peer)
{
    if (sender == SENDER_UNKNOWN)
        return "unknown";
    return (sender == SENDER_CLIENT) != peer ? "client" : "server";
}

/* What a text may refer to; values are worked out only when named. */
struct fill_ctx {
    struct catalog *c;
    const struct item *it;
    const struct field *f;
    const char *value;
    const struct placeholder *extra;
    gsize n_extra;
};

static gboolean is(const char *name, gsize len, const char *want)
{
    return strlen(want) == len && memcmp(name, want, len) == 0;
}

static void put(GString *out, const char *s)
{
    sb_puts(out, s ? s : "?");
}

static gboolean fill_item(const struct fill_ctx *x, const char *name, gsize len, GString *out)
{
    const struct item *it = x->it;
    if (is(name, len, "message")) put(out, it->message);
    else if (is(name, len, "sender"))
        put(out, catalog_lookup(x->c, "ui", side_key(it->sender, FALSE), language));
    else if (is(name, len, "peer"))
        put(out, catalog_lookup(x->c, "ui", side_key(it->sender, TRUE), language));
    else if (is(name, len, "handshake")) sb_put_uint(out, it->handshake);
    else if (is(name, len, "step")) sb_put_uint(out, it->step);
    else if (is(name, len, "version")) put(out, reg_version_name(it->version));
    else if (is(name, len, "level")) put(out, reg_alert_level_name(it->alert_level));
    else if (is(name, len, "description")) put(out, reg_alert_name(it->alert_desc));
    else if (is(name, len, "left"))
        sb_put_uint(out, item_error(it) ? item_error(it)->left : 0);
    else if (is(name, len, "offset"))
        sb_put_uint(out, item_error(it) ? item_error(it)->offset : 0);
    else
        return FALSE;
    return TRUE;
}

static gboolean fill_field(const struct fill_ctx *x, const char *name, gsize len, GString *out)
{
    const struct field *f = x->f;
    guint16 code = f ? (guint16)f->value : 0;
    const struct reg_suite *suite = f && f->kind == FK_SUITE ? reg_suite(code)
                                  : x->it->suite ? reg_suite(x->it->suite) : NULL;
    if (is(name, len, "field"))
        put(out, f ? f->name : item_error(x->it) ? item_error(x->it)->field : NULL);
    else if (is(name, len, "value")) put(out, x->value ? x->value : "");
    else if (is(name, len, "bytes")) sb_put_uint(out, f ? f->length : 0);
    else if (is(name, len, "bits")) sb_put_uint(out, f ? f->length * 8 : 0);
    else if (is(name, len, "count")) sb_put_uint(out, f ? f->count : 0);
    else if (is(name, len, "kx")) put(out, suite ? reg_suite_kx(suite) : NULL);
    else if (is(name, len, "auth")) put(out, suite ? reg_suite_auth(suite) : NULL);
    else if (is(name, len, "enc")) put(out, suite ? reg_suite_enc(suite) : NULL);
    else if (is(name, len, "mac")) put(out, suite ? reg_suite_mac(suite) : NULL);
    else if (is(name, len, "group_kind") || is(name, len, "group_bits")) {
        const struct reg_group *g = f && f->kind == FK_GROUP ? reg_group(code) : NULL;
        if (is(name, len, "group_bits"))
            sb_put_uint(out, g ? g->bits : 0);
        else
            put(out, g ? reg_group_kind_name(g->kind) : NULL);
    } else if (is(name, len, "sig_algorithm") || is(name, len, "sig_hash")) {
        const struct reg_sigscheme *sig = f && f->kind == FK_SIGALG ? reg_sigscheme(code) : NULL;
        const char *v = !sig ? NULL : is(name, len, "sig_hash") ? sig->hash : sig->algorithm;
        /* IANA's "intrinsic" (EdDSA, ML-DSA) is a word, so it is translated. */
        if (v && strcmp(v, "intrinsic") == 0)
            v = catalog_lookup(x->c, "ui", "hash_intrinsic", language);
        put(out, v);
    } else
        return FALSE;
    return TRUE;
}

static gboolean fill(const char *name, gsize len, gpointer data, GString *out)
{
    const struct fill_ctx *x = data;
    for (gsize i = 0; i < x->n_extra; i++) {
        if (is(name, len, x->extra[i].name)) {
            put(out, x->extra[i].value);
            return TRUE;
        }
    }
    return fill_item(x, name, len, out) || fill_field(x, name, len, out);
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
    struct fill_ctx x = { current(), it, f, value, extra, n_extra };
    const char *raw = catalog_lookup(x.c, section, key, language);
    if (!raw && g_strcmp0(key, "text") != 0)
        raw = catalog_lookup(x.c, section, "text", language);
    if (!raw)
        return wmem_strdup_printf(pool, "[%s] %s", section, key);
    if (!strchr(raw, '{'))
        return raw;  /* the catalog outlives every tree drawn with it */
    if (!scratch)
        scratch = g_string_sized_new(512);
    g_string_truncate(scratch, 0);
    catalog_fill_into(scratch, raw, fill, &x);
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

#define WRAP_COLUMNS TLSX_LINE_COLUMNS

/* How many of the first n bytes are ASCII before the first that is not,
 * eight at a time. */
static gsize ascii_prefix(const char *p, gsize n)
{
    guint64 word;
    gsize i = 0;
    for (; i + 8 <= n; i += 8) {
        memcpy(&word, p + i, 8);
        if (word & G_GUINT64_CONSTANT(0x8080808080808080))
            break;
    }
    for (; i < n; i++)
        if ((guchar)p[i] >= 0x80)
            break;
    return i;
}

/* Where the line starting at text ends: after at most `columns` columns,
 * at the last space (or before a wide character) that fits, else after
 * `columns` columns. The first `ascii` bytes are known to be ASCII, one
 * column each, and fewer than `columns`. */
static const char *wrap_point_slow(const char *text, guint columns, gsize ascii)
{
    const char *p = text + ascii, *space = NULL;
    guint cols = (guint)ascii;
    for (const char *q = p; q > text; q--)
        if (q[-1] == ' ') {
            space = q - 1;
            break;
        }
    while (*p) {
        guchar c = (guchar)*p;
        gboolean wide = FALSE;
        if (c < 0xe0) {
            /* ASCII and two-byte sequences (Latin, Greek, the § of every
             * citation) are one column and never wide. */
            if (c == ' ')
                space = p;
            if (++cols > columns)
                return space && space > text ? space : p;
            p += c < 0xc0 ? 1 : 2;
            if (c >= 0xc0 && !p[-1])
                return p - 1;  /* a sequence cut by the end of the string */
            continue;
        }
        gunichar u = g_utf8_get_char(p);
        GUnicodeType type = g_unichar_type(u);
        wide = g_unichar_iswide(u);
        /* A line may break before a wide (CJK) character, unless it is
         * punctuation that must stay on the line before. */
        if (wide && type != G_UNICODE_OTHER_PUNCTUATION && type != G_UNICODE_CLOSE_PUNCTUATION)
            space = p;
        cols += wide ? 2 : 1;
        if (cols > columns)
            return space && space > text ? space : p;
        p = g_utf8_next_char(p);
    }
    return p;
}

/* ASCII, most of every text, is one byte a column: the same answer from
 * library scans instead of a loop over characters. No UTF-8 character is
 * wider in columns than in bytes, so a text of at most `columns` bytes
 * fits whatever its script. */
static const char *wrap_point(const char *text, guint columns)
{
    gsize n = strnlen(text, (gsize)columns + 1), ascii;
    if (n <= columns)
        return text + n;
    ascii = ascii_prefix(text, n);
    if (ascii < n)
        return wrap_point_slow(text, columns, ascii);
    /* The last space among the first columns + 1 characters, not the first. */
    for (const char *q = text + columns; q > text; q--)
        if (*q == ' ')
            return q;
    return text + columns;
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
        end = wrap_point(p, WRAP_COLUMNS);
        if (end == p)
            break;
        if (*end || *indent) {
            /* A line of at most WRAP_COLUMNS characters, four bytes each at
             * most, fits; the tree keeps fewer anyway. */
            char line[8 + 4 * WRAP_COLUMNS + 1];
            gsize ilen = strlen(indent), n = MIN((gsize)(end - p), sizeof line - 1 - ilen);
            memcpy(line, indent, ilen);
            memcpy(line + ilen, p, n);
            line[ilen + n] = '\0';
            proto_tree_add_subtree(t, tvb, off, len, ett_tlsexplain, &last, line);
        } else {
            proto_tree_add_subtree(t, tvb, off, len, ett_tlsexplain, &last, p);
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
    const char *end = wrap_point(text, WRAP_COLUMNS > plen + 20 ? WRAP_COLUMNS - plen : 20);
    proto_item_set_text(ti, "%s: %.*s", prefix, (int)(end - text), text);
    last = add_rest(t, tvb, off, len, "    ", end);
    return last ? last : ti;
}

void tlsx_add_text(proto_tree *t, tvbuff_t *tvb, guint off, guint len,
                   const char *text)
{
    add_rest(t, tvb, off, len, "", text);
}
