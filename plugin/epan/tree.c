/* Draws stored facts into the tree. Everything shown comes from the facts,
 * the message bytes and the catalog, so every pass draws the same thing.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/packet.h>
#include <epan/column-info.h>
#include <epan/expert.h>
#include <epan/tap.h>
#include "compat.h"
#include "context.h"
#include "facts.h"
#include "fields.h"
#include "registry.h"
#include "suiteparts.h"
#include "text.h"
#include "verdicts.h"

static const char *sender_code(guint8 sender)
{
    return sender == SENDER_CLIENT ? "client" : sender == SENDER_SERVER ? "server" : "unknown";
}

/* Which part of its message a DTLS fragment holds, from its own header. */
static const char *fragment_text(packet_info *pinfo, tvbuff_t *tvb, const struct placed_item *p)
{
    guint32 total = tvb_get_ntoh24(tvb, p->offset + 1);
    guint32 first = tvb_get_ntoh24(tvb, p->offset + 6);
    guint32 count = tvb_get_ntoh24(tvb, p->offset + 9);
    const char *type = hs_type_name(TLSX_TVB_U8(tvb, p->offset));
    struct placeholder ph[] = {
        { "type", type ? type : "?" },
        { "first", wmem_strdup_printf(pinfo->pool, "%u", first) },
        { "last", wmem_strdup_printf(pinfo->pool, "%u", first + count - (count ? 1 : 0)) },
        { "total", wmem_strdup_printf(pinfo->pool, "%u", total) },
    };
    return tlsx_text_with(pinfo->pool, &p->item, p->item.explain, "text", ph, G_N_ELEMENTS(ph));
}

/* The explanation: the message's own text, then what its alert means. */
static const char *message_text(packet_info *pinfo, const struct item *it)
{
    /* A message both sides send may mean different things from each. */
    const char *variant = it->sender == SENDER_CLIENT && tlsx_text_has(it->explain, "text_client")
                          ? "text_client" : "text";
    const char *text = tlsx_text(pinfo->pool, it, NULL, NULL, it->explain, variant);
    const char *desc = it->has_alert ? reg_alert_name(it->alert_desc) : NULL;
    if (desc) {
        char *section = wmem_strdup_printf(pinfo->pool, "alert.%s", desc);
        if (tlsx_text_has(section, "text"))
            text = wmem_strdup_printf(pinfo->pool, "%s %s", text,
                                      tlsx_text(pinfo->pool, it, NULL, NULL, section, "text"));
    }
    return text;
}

static const char *explanation(packet_info *pinfo, tvbuff_t *tvb, const struct placed_item *p)
{
    if (p->item.kind == EV_FRAGMENT && tvb && p->length >= 12)
        return fragment_text(pinfo, tvb, p);
    return message_text(pinfo, &p->item);
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

/* Text costs far more than items: build it only where someone will see it,
 * in a visible tree or for a filter or column that names the field. */
static gboolean wanted(proto_tree *tree, int hf)
{
    return tree && (PTREE_DATA(tree)->visible || proto_field_is_referenced(tree, hf));
}

/* Whether this frame's expert notes are read by anyone even where the tree
 * is not: Expert Information and -z expert (a tap), a filter or -e on
 * _ws.expert, or the Expert column. Set for each tlsx_draw(). */
static gboolean experts_read;

static gboolean experts_observed(proto_tree *tree, packet_info *pinfo)
{
    static int expert_tap = -1, proto_expert = -1;
    if (expert_tap < 0) {
        expert_tap = find_tap_id("expert");
        proto_expert = proto_get_id_by_filter_name("_ws.expert");
    }
    return (expert_tap >= 0 && have_tap_listener(expert_tap)) ||
           (proto_expert >= 0 && proto_field_is_referenced(tree, proto_expert)) ||
           (pinfo->cinfo && pinfo->cinfo->col_first &&
            pinfo->cinfo->col_first[COL_EXPERT] >= 0);
}

static gboolean wanted_expert(proto_tree *tree, const expert_field *ei)
{
    return experts_read || wanted(tree, ei->hf);
}

/* Whether a filter, a column or -e names the field: unlike wanted(), a
 * visible tree alone is not enough (brief detail keeps its fields out of
 * the printed tree, and drawing them hidden for nobody costs a full tree). */
static gboolean named(int hf)
{
    return hf >= 0 && proto_registrar_get_nth((guint)hf)->ref_type != HF_REF_TYPE_NONE;
}

/* The notes on an item's own facts; pi may be NULL when there is no tree. */
/* Encrypted although the key log Wireshark decrypts with has secrets for
 * this handshake: Wireshark could not use them, so they are wrong. */
static gboolean secrets_failed(const struct item *it)
{
    return tlsx_context()->keylog_is_tls && verdicts_keylog_has_secrets(tlsx_verdicts(), it);
}

static void note_encrypted(packet_info *pinfo, proto_item *pi, const struct item *it)
{
    expert_add_info_format(pinfo, pi, &ei_tlsx_encrypted, "%s",
                           tlsx_text(pinfo->pool, it, NULL, NULL, "expert",
                                     secrets_failed(it) ? "encrypted_wrong_secret"
                                                        : "encrypted"));
}

static void note_alert(packet_info *pinfo, proto_item *pi, const struct item *it)
{
    expert_add_info_format(pinfo, pi, &ei_tlsx_alert, "%s",
                           tlsx_text(pinfo->pool, it, NULL, NULL, "expert", "alert"));
}

static void note_malformed(packet_info *pinfo, proto_item *pi, const struct item *it)
{
    expert_add_info_format(pinfo, pi, &ei_tlsx_malformed, "%s",
                           tlsx_text(pinfo->pool, it, NULL, NULL, "malformed",
                                     item_error(it)->expected));
}

static void draw_alert(proto_tree *t, packet_info *pinfo, proto_item *pi,
                       tvbuff_t *tvb, const struct placed_item *p)
{
    const struct item *it = &p->item;
    const char *level = reg_alert_level_name(it->alert_level);
    const char *desc = reg_alert_name(it->alert_desc);
    if (!it->has_alert)
        return;
    proto_tree_add_string(t, hf_tlsx_alert_level, tvb, p->offset, 1, level ? level : "unknown");
    proto_tree_add_string(t, hf_tlsx_alert_description, tvb, p->offset + 1, 1,
                          desc ? desc : "unknown");
    if (it->alert_desc != 0 && wanted_expert(t, &ei_tlsx_alert))  /* close_notify is normal */
        note_alert(pinfo, pi, it);
}

static const char *part_text(packet_info *pinfo, const struct item *it,
                             const struct suite_parts *sp, const struct suite_part *part)
{
    const struct placeholder ph[] = {
        { "group", sp->group ? sp->group : "?" }, { "hash", sp->hash ? sp->hash : "?" },
    };
    if (!part->key)
        return part->value ? part->value : "?";
    return tlsx_text_with(pinfo->pool, it, "suite_parts", part->key, ph, G_N_ELEMENTS(ph));
}

/* The negotiated suite in its five parts, as they apply to this
 * handshake, on the message that chose it. */
static void draw_suite(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                       const struct item *it)
{
    struct suite_parts sp;
    if (!suite_parts(it, &sp))
        return;
    proto_tree_add_string(t, hf_tlsx_cipher_kx, tvb, off, len, part_text(pinfo, it, &sp, &sp.kx));
    proto_tree_add_string(t, hf_tlsx_cipher_auth, tvb, off, len,
                          part_text(pinfo, it, &sp, &sp.auth));
    proto_tree_add_string(t, hf_tlsx_cipher_enc, tvb, off, len, sp.enc);
    proto_tree_add_string(t, hf_tlsx_cipher_mac, tvb, off, len, sp.mac);
    proto_tree_add_string(t, hf_tlsx_cipher_prf, tvb, off, len, part_text(pinfo, it, &sp, &sp.prf));
}

/* Full detail draws every field, with a warning on each extension the
 * client must refuse. Brief only hides the fields: a filter or -e on them
 * still matches, and the warning goes on the message itself. */
static void draw_fields(proto_tree *t, packet_info *pinfo, proto_item *pi, tvbuff_t *tvb,
                        const struct placed_item *p)
{
    const struct links *l = item_links(&p->item);
    if (tlsx_detail_full()) {
        if (wanted(t, hf_tlsx_field) || wanted_expert(t, &ei_tlsx_not_offered))
            tlsx_draw_fields(t, pinfo, tvb, p, FALSE);
        return;
    }
    if (named(hf_tlsx_field))
        tlsx_draw_fields(t, pinfo, tvb, p, TRUE);
    if (l && l->refused_ext)
        expert_add_info(pinfo, pi, &ei_tlsx_not_offered);
}

static void draw_item(proto_tree *tree, packet_info *pinfo, const struct placed_item *p)
{
    const struct item *it = &p->item;
    tvbuff_t *tvb = item_tvb(pinfo, p);
    guint off = tvb ? p->offset : 0, len = tvb ? p->length : 0;
    const char *label_key = it->step ? "label" : it->handshake ? "label_nostep" : "label_bare";
    proto_item *pi = proto_tree_add_item(tree, proto_tlsexplain, tvb, off, len, ENC_NA);
    proto_tree *t = proto_item_add_subtree(pi, ett_tlsexplain);
    proto_item *ti;
    const char *text;

    if (PTREE_DATA(tree)->visible)
        proto_item_append_text(pi, ": %s", tlsx_text(pinfo->pool, it, NULL, NULL, "ui", label_key));
    proto_tree_add_string(t, hf_tlsx_message, tvb, off, len, it->message);
    proto_tree_add_string(t, hf_tlsx_sender, tvb, off, len, sender_code(it->sender));
    if (it->handshake)
        proto_tree_add_uint(t, hf_tlsx_handshake, tvb, off, len, it->handshake);
    if (it->step)
        proto_tree_add_uint(t, hf_tlsx_step, tvb, off, len, it->step);
    if (it->version && reg_version_name(it->version))
        proto_tree_add_string(t, hf_tlsx_version, tvb, off, len, reg_version_name(it->version));
    if (wanted(t, hf_tlsx_explanation)) {
        text = explanation(pinfo, tvb, p);
        ti = proto_tree_add_string(t, hf_tlsx_explanation, tvb, off, len, text);
        tlsx_add_lines(t, ti, tvb, off, len,
                       tlsx_text(pinfo->pool, it, NULL, NULL, "ui", "explanation"), text);
    }
    draw_suite(t, pinfo, tvb, off, len, it);
    if (it->msg_type == HS_NEW_SESSION_TICKET && tvb && it->kind == EV_HANDSHAKE)
        tlsx_draw_ticket(t, tvb, off, len, it->proto == TLSX_DTLS ? 12 : 4);
    tlsx_draw_links(t, pinfo, tvb, off, len, it,
                    wanted(t, hf_tlsx_note) || wanted(t, hf_tlsx_choice) ||
                    wanted_expert(t, &ei_tlsx_not_offered));
    if (wanted(t, hf_tlsx_check) || wanted(t, hf_tlsx_chain_valid) ||
        wanted(t, hf_tlsx_hostname_match) || wanted(t, hf_tlsx_signature_valid) ||
        wanted(t, hf_tlsx_finished_valid) || wanted_expert(t, &ei_tlsx_check_failed) ||
        wanted_expert(t, &ei_tlsx_chain_failed))
        tlsx_draw_checks(t, pinfo, tvb, p, wanted(t, hf_tlsx_check),
                         wanted_expert(t, &ei_tlsx_check_failed) ||
                         wanted_expert(t, &ei_tlsx_chain_failed));
    tlsx_draw_findings(t, pinfo, tvb, off, len, it, PTREE_DATA(tree)->visible);
    if (tvb && PTREE_DATA(tree)->visible) {
        tlsx_draw_certificates(t, pinfo, tvb, p);
        tlsx_draw_schedule(t, pinfo, tvb, off, len, it);
    }
    tlsx_draw_summary(t, pinfo, tvb, off, len, it);
    tlsx_draw_later(t, pinfo, tvb, off, len, it);
    if (it->encrypted) {
        proto_item *ei = proto_tree_add_boolean(t, hf_tlsx_encrypted, tvb, off, len, TRUE);
        /* Once a flight: each later record of it would repeat the hint. */
        if (!it->more_of_flight && wanted_expert(t, &ei_tlsx_encrypted))
            note_encrypted(pinfo, ei, it);
    }
    draw_alert(t, pinfo, pi, tvb, p);
    if (it->kind == EV_HANDSHAKE && tvb)
        draw_fields(t, pinfo, pi, tvb, p);
    if (it->malformed && item_error(it))
        note_malformed(pinfo, pi, it);
}

/* Without a tree (the Expert Information dialog retaps without one), the
 * notes draw_item() would add, in its order, on no item. */
static void add_notes(packet_info *pinfo, const struct placed_item *p)
{
    const struct item *it = &p->item;
    const struct links *l = item_links(it);
    tlsx_links_notes(pinfo, it);
    if (it->encrypted && !it->more_of_flight)
        note_encrypted(pinfo, NULL, it);
    if (it->has_alert && it->alert_desc != 0)
        note_alert(pinfo, NULL, it);
    /* As draw_fields(): full detail warns on each refused extension, brief
     * once; counted on the first pass, so no fields need drawing here. */
    if (l && it->kind == EV_HANDSHAKE && item_tvb(pinfo, p)) {
        guint n = tlsx_detail_full() ? l->refused_ext : MIN(l->refused_ext, 1);
        for (guint i = 0; i < n; i++)
            expert_add_info(pinfo, NULL, &ei_tlsx_not_offered);
    }
    if (it->malformed && item_error(it))
        note_malformed(pinfo, NULL, it);
    if (item_checks(it) && item_tvb(pinfo, p))
        tlsx_draw_checks(NULL, pinfo, item_tvb(pinfo, p), p, FALSE, TRUE);
    tlsx_draw_findings(NULL, pinfo, NULL, 0, 0, it, FALSE);
}

/* tree may be NULL: the Expert Information dialog retaps without one, and
 * tshark -2 builds none on its second pass unless a filter or a column
 * needs one; our notes still count there. */
/* The word a shown value stands for in the user's language, for the
 * fields whose values are words; NULL to keep it. */
static const char *value_word(const header_field_info *h, const char *value)
{
    char key[48];
    if (h->type == FT_BOOLEAN)
        return tlsx_catalog_word("value", strcmp(value, "True") == 0 ? "bool.true"
                                        : strcmp(value, "False") == 0 ? "bool.false" : "-");
    if (h->id == hf_tlsx_sender)
        return tlsx_catalog_word("ui", value);
    if (h->id == hf_tlsx_outcome || h->id == hf_tlsx_alert_level) {
        g_snprintf(key, sizeof key, "%s.%s", h->id == hf_tlsx_outcome ? "outcome" : "alert_level",
                   value);
        return tlsx_catalog_word("value", key);
    }
    return NULL;
}

/* Wireshark labels each row with the field's registered (English) name;
 * in another language the rows of our subtrees are labelled again from
 * the catalog, so that a Chinese tree reads Chinese from top to bottom.
 * Filters and columns keep the registered names and values. */
static void relabel_one(proto_node *n)
{
    field_info *fi = PNODE_FINFO(n);
    const header_field_info *h = fi ? fi->hfinfo : NULL;
    const char *label = h ? tlsx_catalog_word("label", h->abbrev) : NULL;
    char text[ITEM_LABEL_LENGTH];
    gsize name_len;
    if (!label || proto_item_is_hidden(n))
        return;
    name_len = strlen(h->name);
    if (fi->rep)
        g_strlcpy(text, fi->rep->representation, sizeof text);
    else
        TLSX_FILL_LABEL(fi, text);
    if (strncmp(text, h->name, name_len) == 0 && text[name_len] == ':') {
        const char *value = text + name_len + 1 + (text[name_len + 1] == ' ');
        const char *word = value_word(h, value);
        proto_item_set_text(n, "%s: %s", label, word ? word : value);
    } else if (strcmp(text, h->name) == 0) {
        proto_item_set_text(n, "%s", label);
    }
}

static void relabel(proto_node *node)
{
    relabel_one(node);
    for (proto_node *n = node->first_child; n; n = n->next)
        relabel(n);
}

void tlsx_draw(proto_tree *tree, packet_info *pinfo, const struct frame_facts *facts)
{
    gboolean seen = tree && (PTREE_DATA(tree)->visible ||
                             proto_field_is_referenced(tree, proto_tlsexplain));
    const char *saved;
    experts_read = experts_observed(tree, pinfo);
    /* Nothing asked for our fields or notes and nobody looks: skip all the work. */
    if (!seen && !experts_read)
        return;
    /* Expert notes name pinfo->current_proto as their protocol, which
     * Wireshark sets only for a handle's own protocol, not a helper's. */
    saved = pinfo->current_proto;
    pinfo->current_proto = proto_get_protocol_short_name(find_protocol_by_id(proto_tlsexplain));
    for (guint i = 0; i < facts->count; i++) {
        if (tree)
            draw_item(tree, pinfo, &facts->items[i]);
        else
            add_notes(pinfo, &facts->items[i]);
    }
    if (tree && PTREE_DATA(tree)->visible && tlsx_catalog_word("label", "tlsexplain.message"))
        for (proto_node *n = tree->first_child; n; n = n->next)
            if (PNODE_FINFO(n) && PNODE_FINFO(n)->hfinfo->id == proto_tlsexplain)
                relabel(n);
    pinfo->current_proto = saved;
}
