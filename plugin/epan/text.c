/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <epan/packet.h>
#include <string.h>
#include <wsutil/report_message.h>
#include "catalog.h"
#include "fields.h"
#include "registry.h"
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

static char *text_impl(wmem_allocator_t *pool, const struct item *it, const struct field *f,
                       const char *value, const char *section, const char *key,
                       const struct placeholder *extra, gsize n_extra)
{
    struct catalog *c = current();
    const char *lang = language;
    const char *sender = catalog_lookup(c, "ui", side_key(it->sender, FALSE), lang);
    const char *peer = catalog_lookup(c, "ui", side_key(it->sender, TRUE), lang);
    char *num[7];
    guint16 code = f ? (guint16)f->value : 0;
    const struct reg_suite *suite = f && f->kind == FK_SUITE ? reg_suite(code)
                                  : it->suite ? reg_suite(it->suite) : NULL;
    const struct reg_group *group = f && f->kind == FK_GROUP ? reg_group(code) : NULL;
    const struct reg_sigscheme *sig = f && f->kind == FK_SIGALG ? reg_sigscheme(code) : NULL;
    const char *version = reg_version_name(it->version);
    const char *level = reg_alert_level_name(it->alert_level);
    const char *desc = reg_alert_name(it->alert_desc);
    num[0] = g_strdup_printf("%u", it->handshake);
    num[1] = g_strdup_printf("%u", it->step);
    num[2] = g_strdup_printf("%" G_GSIZE_FORMAT, it->error.left);
    num[3] = g_strdup_printf("%u", f ? f->length : 0);
    num[4] = g_strdup_printf("%u", f ? f->length * 8 : 0);
    num[5] = g_strdup_printf("%u", f ? f->count : 0);
    num[6] = g_strdup_printf("%u", group ? group->bits : 0);
    struct placeholder ph[] = {
        { "message", it->message },
        { "sender", sender ? sender : "?" },
        { "peer", peer ? peer : "?" },
        { "handshake", num[0] },
        { "step", num[1] },
        { "version", version ? version : "?" },
        { "level", level ? level : "?" },
        { "description", desc ? desc : "?" },
        { "field", f ? f->name : it->error.field ? it->error.field : "?" },
        { "left", num[2] },
        { "bytes", num[3] },
        { "bits", num[4] },
        { "count", num[5] },
        { "value", value ? value : "" },
        { "kx", suite ? reg_suite_kx(suite) : "?" },
        { "auth", suite ? reg_suite_auth(suite) : "?" },
        { "enc", suite ? reg_suite_enc(suite) : "?" },
        { "mac", suite ? reg_suite_mac(suite) : "?" },
        { "group_kind", group ? reg_group_kind_name(group->kind) : "?" },
        { "group_bits", num[6] },
        { "sig_algorithm", sig && sig->algorithm ? sig->algorithm : "?" },
        { "sig_hash", sig && sig->hash ? sig->hash : "?" },
    };
    const char *raw = catalog_lookup(c, section, key, lang);
    if (!raw && g_strcmp0(key, "text") != 0)
        raw = catalog_lookup(c, section, "text", lang);
    struct placeholder all[G_N_ELEMENTS(ph) + 16];
    gsize n = G_N_ELEMENTS(ph);
    memcpy(all, ph, sizeof ph);
    for (gsize i = 0; i < n_extra && n < G_N_ELEMENTS(all); i++)
        all[n++] = extra[i];
    char *filled = raw ? catalog_fill(raw, all, n)
                       : g_strdup_printf("[%s] %s", section, key);
    char *out = wmem_strdup(pool, filled);
    g_free(filled);
    for (gsize i = 0; i < G_N_ELEMENTS(num); i++)
        g_free(num[i]);
    return out;
}

char *tlsx_text(wmem_allocator_t *pool, const struct item *it, const struct field *f,
                const char *value, const char *section, const char *key)
{
    return text_impl(pool, it, f, value, section, key, NULL, 0);
}

char *tlsx_text_with(wmem_allocator_t *pool, const struct item *it, const char *section,
                     const char *key, const struct placeholder *extra, gsize n_extra)
{
    return text_impl(pool, it, NULL, NULL, section, key, extra, n_extra);
}

/* Wide (CJK) characters count two columns. */
#define WRAP_COLUMNS 100

static const char *wrap_point(const char *text, guint columns)
{
    const char *p = text, *space = NULL;
    guint cols = 0;
    while (*p) {
        gunichar c = g_utf8_get_char(p);
        gboolean wide = g_unichar_iswide(c);
        GUnicodeType type = g_unichar_type(c);
        /* A line may break at a space, or before a wide (CJK) character
         * unless it is punctuation that must stay on the line before. */
        if (c == ' ' || (wide && type != G_UNICODE_OTHER_PUNCTUATION &&
                         type != G_UNICODE_CLOSE_PUNCTUATION))
            space = p;
        cols += wide ? 2 : 1;
        if (cols > columns)
            return space && space > text ? space : p;
        p = g_utf8_next_char(p);
    }
    return p;
}

static void add_rest(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                     const char *indent, const char *p)
{
    while (*p) {
        const char *end;
        while (*p == ' ')
            p++;
        end = wrap_point(p, WRAP_COLUMNS);
        if (end == p)
            break;
        proto_tree_add_subtree_format(t, tvb, off, len, ett_tlsexplain, NULL, "%s%s", indent,
                                      wmem_strndup(pinfo->pool, p, (gsize)(end - p)));
        p = end;
    }
}

void tlsx_add_lines(proto_tree *t, proto_item *ti, packet_info *pinfo, tvbuff_t *tvb,
                    guint off, guint len, const char *prefix, const char *text)
{
    guint plen = (guint)strlen(prefix) + 2;
    const char *end = wrap_point(text, WRAP_COLUMNS > plen + 20 ? WRAP_COLUMNS - plen : 20);
    proto_item_set_text(ti, "%s: %s", prefix, wmem_strndup(pinfo->pool, text, (gsize)(end - text)));
    add_rest(t, pinfo, tvb, off, len, "    ", end);
}

void tlsx_add_text(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                   const char *text)
{
    add_rest(t, pinfo, tvb, off, len, "", text);
}
