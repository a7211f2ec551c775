/* Draws stored facts into the tree. Everything shown comes from the facts
 * and the catalog, so every pass draws the same thing.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/packet.h>
#include <epan/expert.h>
#include <wsutil/report_message.h>
#include "catalog.h"
#include "compat.h"
#include "facts.h"
#include "fields.h"
#include "registry.h"

static struct catalog *catalog;
static char *catalog_problem;

void tlsx_catalog_reload(void)
{
    char *problem = NULL;
    catalog_free(catalog);
    catalog = catalog_new_default();
    g_free(catalog_problem);
    catalog_problem = NULL;
    if (tlsx_prefs.catalog && *tlsx_prefs.catalog &&
        !catalog_load_override(catalog, tlsx_prefs.catalog, &problem)) {
        /* One clear warning; the built-in texts stay in use. */
        report_warning("tlsexplain: the catalog file was not used, built-in texts are shown instead.\n%s",
                       problem);
        catalog_problem = problem;
    }
}

void tlsx_catalog_free(void)
{
    catalog_free(catalog);
    catalog = NULL;
    g_free(catalog_problem);
    catalog_problem = NULL;
}

static const char *sender_code(guint8 sender)
{
    return sender == SENDER_CLIENT ? "client" : sender == SENDER_SERVER ? "server" : "unknown";
}

static const char *peer_code(guint8 sender)
{
    return sender == SENDER_CLIENT ? "server" : sender == SENDER_SERVER ? "client" : "unknown";
}

/* Text of section/key with this item's values in its placeholders. */
static char *item_text(wmem_allocator_t *pool, const struct item *it,
                       const char *section, const char *key)
{
    const char *lang = tlsx_language_code();
    char *sender = catalog_text(catalog, "ui", sender_code(it->sender), lang, NULL, 0);
    char *peer = catalog_text(catalog, "ui", peer_code(it->sender), lang, NULL, 0);
    char *handshake = g_strdup_printf("%u", it->handshake);
    char *step = g_strdup_printf("%u", it->step);
    char *left = g_strdup_printf("%" G_GSIZE_FORMAT, it->error.left);
    char *offset = g_strdup_printf("%" G_GSIZE_FORMAT, it->error.offset);
    const char *version = reg_version_name(it->version);
    const char *level = reg_alert_level_name(it->alert_level);
    const char *desc = reg_alert_name(it->alert_desc);
    struct placeholder ph[] = {
        { "message", it->message },
        { "sender", sender },
        { "peer", peer },
        { "handshake", handshake },
        { "step", step },
        { "version", version ? version : "?" },
        { "level", level ? level : "?" },
        { "description", desc ? desc : "?" },
        { "field", it->error.field ? it->error.field : "?" },
        { "left", left },
        { "offset", offset },
    };
    char *text = catalog_text(catalog, section, key, lang, ph, G_N_ELEMENTS(ph));
    char *out = wmem_strdup(pool, text);
    g_free(text);
    g_free(sender);
    g_free(peer);
    g_free(handshake);
    g_free(step);
    g_free(left);
    g_free(offset);
    return out;
}

/* The explanation: the message's own text, then what its alert means. */
static char *explanation(packet_info *pinfo, const struct item *it)
{
    char *text = item_text(pinfo->pool, it, it->explain, "text");
    const char *desc = it->has_alert ? reg_alert_name(it->alert_desc) : NULL;
    if (desc) {
        char *section = g_strdup_printf("alert.%s", desc);
        if (catalog_has(catalog, section, "text"))
            text = wmem_strdup_printf(pinfo->pool, "%s %s", text,
                                      item_text(pinfo->pool, it, section, "text"));
        g_free(section);
    }
    return text;
}

/* Wireshark cuts item labels at ITEM_LABEL_LENGTH, so a long explanation is
 * shown as lines; the field itself keeps the whole text for filters and
 * -T fields. Wide (CJK) characters count two columns. */
#define WRAP_COLUMNS 100

static const char *wrap_point(const char *text)
{
    const char *p = text, *space = NULL;
    guint cols = 0;
    while (*p) {
        gunichar c = g_utf8_get_char(p);
        if (c == ' ')
            space = p;
        cols += g_unichar_iswide(c) ? 2 : 1;
        if (cols > WRAP_COLUMNS)
            return space && space > text ? space : p;
        p = g_utf8_next_char(p);
    }
    return p;
}

static void add_explanation(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb,
                            guint off, guint len, const char *text)
{
    const char *end = wrap_point(text);
    proto_item *ti = proto_tree_add_string(t, hf_tlsx_explanation, tvb, off, len, text);
    proto_item_set_text(ti, "Explanation: %s",
                        wmem_strndup(pinfo->pool, text, (gsize)(end - text)));
    for (const char *p = end; *p;) {
        while (*p == ' ')
            p++;
        end = wrap_point(p);
        if (end == p)
            break;
        proto_tree_add_subtree_format(t, tvb, off, len, ett_tlsexplain, NULL, "    %s",
                                      wmem_strndup(pinfo->pool, p, (gsize)(end - p)));
        p = end;
    }
}

static tvbuff_t *item_tvb(packet_info *pinfo, const struct placed_item *p)
{
    struct data_source *src = g_slist_nth_data(pinfo->data_src, p->ds_index);
    tvbuff_t *tvb = src ? TLSX_DS_TVB(src) : NULL;
    /* The facts came from this frame's own data sources, so a mismatch means
     * another pass built them differently: draw without bytes, never past them. */
    if (!tvb || tvb_captured_length(tvb) < p->offset + p->length)
        return NULL;
    return tvb;
}

static void draw_alert(proto_tree *t, packet_info *pinfo, proto_item *pi,
                       tvbuff_t *tvb, const struct placed_item *p)
{
    const struct item *it = &p->item;
    const char *level = reg_alert_level_name(it->alert_level);
    const char *desc = reg_alert_name(it->alert_desc);
    if (!it->has_alert)
        return;
    proto_tree_add_string(t, hf_tlsx_alert_level, tvb, p->offset, p->length,
                          level ? level : "unknown");
    proto_tree_add_string(t, hf_tlsx_alert_description, tvb, p->offset, p->length,
                          desc ? desc : "unknown");
    if (it->alert_desc != 0)  /* close_notify is the normal end, not a warning */
        expert_add_info_format(pinfo, pi, &ei_tlsx_alert, "%s",
                               item_text(pinfo->pool, it, "expert", "alert"));
}

static void draw_item(proto_tree *tree, packet_info *pinfo, const struct placed_item *p)
{
    const struct item *it = &p->item;
    tvbuff_t *tvb = item_tvb(pinfo, p);
    guint off = tvb ? p->offset : 0, len = tvb ? p->length : 0;
    const char *label_key = it->step ? "label" : it->handshake ? "label_nostep" : "label_bare";
    proto_item *pi = proto_tree_add_item(tree, proto_tlsexplain, tvb, off, len, ENC_NA);
    proto_tree *t = proto_item_add_subtree(pi, ett_tlsexplain);

    proto_item_append_text(pi, ": %s", item_text(pinfo->pool, it, "ui", label_key));
    proto_tree_add_string(t, hf_tlsx_message, tvb, off, len, it->message);
    proto_tree_add_string(t, hf_tlsx_sender, tvb, off, len, sender_code(it->sender));
    if (it->handshake)
        proto_tree_add_uint(t, hf_tlsx_handshake, tvb, off, len, it->handshake);
    if (it->step)
        proto_tree_add_uint(t, hf_tlsx_step, tvb, off, len, it->step);
    if (it->version && reg_version_name(it->version))
        proto_tree_add_string(t, hf_tlsx_version, tvb, off, len, reg_version_name(it->version));
    add_explanation(t, pinfo, tvb, off, len, explanation(pinfo, it));
    if (it->encrypted) {
        proto_item *ei = proto_tree_add_boolean(t, hf_tlsx_encrypted, tvb, off, len, TRUE);
        expert_add_info_format(pinfo, ei, &ei_tlsx_encrypted, "%s",
                               item_text(pinfo->pool, it, "expert", "encrypted"));
    }
    draw_alert(t, pinfo, pi, tvb, p);
    if (it->malformed)
        expert_add_info_format(pinfo, pi, &ei_tlsx_malformed, "%s",
                               item_text(pinfo->pool, it, "malformed", it->error.expected));
}

void tlsx_draw(proto_tree *tree, packet_info *pinfo, const struct frame_facts *facts)
{
    if (!catalog)
        tlsx_catalog_reload();
    for (guint i = 0; i < facts->count; i++)
        draw_item(tree, pinfo, &facts->items[i]);
}
