/* Views of the whole capture drawn from the stored facts: the handshake
 * ladder in Statistics > Flow Graph (tshark -z flow,tlsexplain,...).
 * Every frame with facts is queued to the "tlsexplain" tap on every pass
 * that taps (dissect.c); what a listener makes of it depends on those facts
 * alone, so one pass and two give the same.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include <epan/packet.h>
#include <epan/tap.h>
#include "compat.h"
#include "facts.h"
#include "fields.h"
#include "taps.h"
#include "text.h"

static int tlsx_tap = -1;

void tlsx_tap_frame(packet_info *pinfo, const struct frame_facts *facts)
{
    if (tlsx_tap >= 0 && facts->count && have_tap_listener(tlsx_tap))
        tap_queue_packet(tlsx_tap, pinfo, facts);
}

/* The first sentence of a message's explanation, for a line of its own. */
static const char *first_sentence(wmem_allocator_t *pool, const struct item *it)
{
    const char *variant = it->sender == SENDER_CLIENT && tlsx_text_has(it->explain, "text_client")
                          ? "text_client" : "text";
    const char *text = tlsx_text(pool, it, NULL, NULL, it->explain, variant);
    const char *end = strstr(text, ". ");
    const char *zh = strstr(text, "\xe3\x80\x82");  /* 。 */
    if (zh && (!end || zh < end))
        return wmem_strndup(pool, text, (gsize)(zh - text) + 3);
    return end ? wmem_strndup(pool, text, (gsize)(end - text) + 1) : text;
}

const char *tlsx_outcome_word(wmem_allocator_t *pool, const struct item *it,
                              const struct summary *s)
{
    static const char *const keys[] = { "outcome_none", "outcome_established", "outcome_failed",
                                        "outcome_incomplete", "outcome_unconfirmed" };
    return tlsx_text(pool, it, NULL, NULL, "views", keys[MIN(s->outcome, G_N_ELEMENTS(keys) - 1)]);
}

/* "2 ServerHello, 3 Certificate": every item of the frame, in order. */
static const char *arrow_label(packet_info *pinfo, const struct frame_facts *facts)
{
    wmem_strbuf_t *b = wmem_strbuf_new(pinfo->pool, "");
    for (guint i = 0; i < facts->count; i++) {
        const struct item *it = &facts->items[i].item;
        if (i)
            wmem_strbuf_append(b, ", ");
        if (it->step)
            wmem_strbuf_append_printf(b, "%u ", it->step);
        wmem_strbuf_append(b, it->message);
    }
    return wmem_strbuf_get_str(b);
}

/* The handshake, its flow and outcome where it ends, and what the first
 * message of the arrow is for. */
static const char *arrow_comment(packet_info *pinfo, const struct frame_facts *facts,
                                 const char *label)
{
    const struct item *first = &facts->items[0].item;
    /* A label of several messages is cut short in tshark's drawing. */
    const char *messages = facts->count > 1 ? label : first->message;
    for (guint i = 0; i < facts->count; i++) {
        const struct item *it = &facts->items[i].item;
        const struct summary *s = item_summary(it);
        if (s) {
            struct placeholder ph[] = {
                { "flow", s->flow ? s->flow : "?" },
                { "outcome", tlsx_outcome_word(pinfo->pool, it, s) },
                { "explanation", first_sentence(pinfo->pool, first) },
                { "messages", messages },
            };
            return tlsx_text_with(pinfo->pool, it, "views", "comment_end", ph, G_N_ELEMENTS(ph));
        }
    }
    {
        struct placeholder ph[] = { { "explanation", first_sentence(pinfo->pool, first) },
                                    { "messages", messages } };
        return tlsx_text_with(pinfo->pool, first, "views",
                              first->handshake ? "comment" : "comment_bare", ph,
                              G_N_ELEMENTS(ph));
    }
}

/* One arrow per frame, from the sender to the receiver (the frame's own
 * direction), whatever the packet list shows: the Flow Graph limits it to
 * the displayed packets by the filter it taps with. */
static tap_packet_status flow_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                     const void *data, tap_flags_t flags _U_)
{
    seq_analysis_info_t *sainfo = (seq_analysis_info_t *)tapdata;
    const struct frame_facts *facts = (const struct frame_facts *)data;
    seq_analysis_item_t *sai;
    const char *label;
    if (!facts || !facts->count)
        return TAP_PACKET_DONT_REDRAW;
    sai = sequence_analysis_create_sai_with_addresses(pinfo, sainfo);
    if (!sai)
        return TAP_PACKET_DONT_REDRAW;
    sai->frame_number = pinfo->num;
    sequence_analysis_use_color_filter(pinfo, sai);
    sai->port_src = (guint16)pinfo->srcport;
    sai->port_dst = (guint16)pinfo->destport;
    label = arrow_label(pinfo, facts);
    sai->frame_label = g_strdup(label);
    sai->comment = g_strdup(arrow_comment(pinfo, facts, label));
    sai->line_style = 1;
    sai->conv_num = (guint16)facts->items[0].item.handshake;
    sai->display = TRUE;
    g_queue_push_tail(sainfo->items, sai);
    return TAP_PACKET_REDRAW;
}

void tlsx_register_taps(void)
{
    tlsx_tap = register_tap("tlsexplain");
    /* Registered before preferences are read: the menu name stays English. */
    register_seq_analysis("tlsexplain", "TLS handshake", proto_tlsexplain, "tlsexplain",
                          TL_REQUIRES_NOTHING, flow_packet);
}
