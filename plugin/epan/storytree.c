/* Draws the story facts: the server's choices next to the offer, resumption,
 * tickets, notes, and the summary of a handshake on the message that ended it.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/packet.h>
#include <epan/expert.h>
#include <string.h>
#include "context.h"
#include "facts.h"
#include "fields.h"
#include "registry.h"
#include "text.h"

static const char *const resumption_codes[] = { "none", "session-id", "ticket", "psk" };

static const char *num(packet_info *pinfo, guint64 v)
{
    return wmem_strdup_printf(pinfo->pool, "%" G_GUINT64_FORMAT, v);
}

/* Whether text is wanted at all: building it is the costly part. */
static gboolean with_text;

/* Returns the item of the text's last line. */
static proto_item *add_text(proto_tree *t, tvbuff_t *tvb, guint off, guint len,
                            int hf, const char *text)
{
    if (!with_text)
        return NULL;
    proto_item *ti = proto_tree_add_string(t, hf, tvb, off, len, text);
    return tlsx_add_lines(t, ti, tvb, off, len, proto_registrar_get_name(hf), text);
}

/* A choice outside the offer breaks the protocol: worth a warning. */
static void choice_text(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                        const struct item *it, const char *section, const char *key,
                        const struct placeholder *ph, gsize n_ph)
{
    proto_item *last = add_text(t, tvb, off, len, hf_tlsx_choice,
                                tlsx_text_with(pinfo->pool, it, section, key, ph, n_ph));
    /* After the whole sentence, not between its lines. */
    if (last && links_refused(key))
        expert_add_info(pinfo, last, &ei_tlsx_not_offered);
}

static const char *version_name(packet_info *pinfo, guint16 v)
{
    const char *name = reg_version_name(v);
    return name ? name : wmem_strdup_printf(pinfo->pool, "0x%04x", v);
}


/* The choices a server's message made against the offer, each with the
 * catalog section and key that say how it stands. */
struct choice {
    const char *section;
    const char *key;
};

static guint choices(const struct item *it, const struct links *l, struct choice out[4])
{
    gboolean hrr = it->msg_type == HS_HELLO_RETRY_REQUEST;
    guint n = 0;
    if (l->version)
        out[n++] = (struct choice){ "choice.version", links_version_key(l) };
    if (l->suite_count && it->msg_type != HS_ENCRYPTED_EXTENSIONS)
        out[n++] = (struct choice){ "choice.suite", links_suite_key(l) };
    if (l->group)
        out[n++] = (struct choice){ hrr ? "choice.group_hrr" : "choice.group",
                                    links_group_key(l, hrr) };
    if (l->alpn_count && l->alpn_pos)
        out[n++] = (struct choice){ "choice.alpn", links_alpn_key(l) };
    return n;
}

static void draw_choice(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                        const struct item *it, const struct links *l)
{
    const struct reg_suite *suite = reg_suite(it->suite);
    const struct reg_group *group = reg_group(l->group);
    struct placeholder ph[] = {
        { "frame", num(pinfo, l->offered_in) },
        { "suite", suite ? suite->name : num(pinfo, it->suite) },
        { "position", num(pinfo, l->suite_pos) },
        { "offered", num(pinfo, l->suite_count) },
        { "group", group ? group->name : num(pinfo, l->group) },
        { "group_position", num(pinfo, l->group_pos) },
        { "groups_offered", num(pinfo, l->group_count) },
        { "alpn_position", num(pinfo, l->alpn_pos) },
        { "alpn_offered", num(pinfo, l->alpn_count) },
        { "version", version_name(pinfo, l->version) },
        { "version_position", num(pinfo, l->version_pos) },
        { "versions_offered", num(pinfo, l->version_count) },
        { "client_version", version_name(pinfo, l->client_version) },
    };
    struct choice c[4];
    guint n = choices(it, l, c);
    if (!with_text)
        return;
    for (guint i = 0; i < n; i++)
        choice_text(t, pinfo, tvb, off, len, it, c[i].section, c[i].key, ph, G_N_ELEMENTS(ph));
}

/* Without a tree: only the warnings draw_choice() would add. */
void tlsx_links_notes(packet_info *pinfo, const struct item *it)
{
    const struct links *l = item_links(it);
    struct choice c[4];
    guint n = l && l->offered_in ? choices(it, l, c) : 0;
    for (guint i = 0; i < n; i++)
        if (links_refused(c[i].key))
            expert_add_info(pinfo, NULL, &ei_tlsx_not_offered);
}

static void draw_resumption(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off,
                            guint len, const struct item *it, const struct links *l)
{
    const char *how = resumption_codes[MIN(l->resumption, 3)];
    struct placeholder ph[] = { { "from", num(pinfo, l->resumed_from) } };
    char *key = wmem_strdup_printf(pinfo->pool, "%s%s", l->resumed ? "text" : "text_refused",
                                   l->resumed && l->resumed_from ? "_from" : "");
    proto_tree_add_boolean(t, hf_tlsx_resumed, tvb, off, len, l->resumed);
    proto_tree_add_string(t, hf_tlsx_resumption, tvb, off, len, how);
    if (l->resumed && l->resumed_from)
        proto_tree_add_uint(t, hf_tlsx_resumed_from, tvb, off, len, l->resumed_from);
    if (with_text)
        add_text(t, tvb, off, len, hf_tlsx_note,
             tlsx_text_with(pinfo->pool, it, wmem_strdup_printf(pinfo->pool, "resumption.%s", how),
                            key, ph, G_N_ELEMENTS(ph)));
}

static void draw_ticket_offer(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off,
                              guint len, const struct item *it, const struct links *l)
{
    gint64 skew = l->elapsed_ms - l->real_age_ms;
    struct placeholder ph[] = {
        { "from", num(pinfo, l->ticket_from) },
        { "age", wmem_strdup_printf(pinfo->pool, "%" G_GINT64_FORMAT, l->real_age_ms) },
        { "elapsed", wmem_strdup_printf(pinfo->pool, "%" G_GINT64_FORMAT, l->elapsed_ms) },
        { "skew", wmem_strdup_printf(pinfo->pool, "%" G_GINT64_FORMAT, skew < 0 ? -skew : skew) },
    };
    proto_tree_add_uint(t, hf_tlsx_ticket_issued_in, tvb, off, len, l->ticket_from);
    if (with_text)
        add_text(t, tvb, off, len, hf_tlsx_note,
             tlsx_text_with(pinfo->pool, it, "ticket.offered", "text", ph, G_N_ELEMENTS(ph)));
    if (!l->have_age)
        return;
    proto_tree_add_int64(t, hf_tlsx_ticket_age, tvb, off, len, l->real_age_ms);
    proto_tree_add_int64(t, hf_tlsx_ticket_elapsed, tvb, off, len, l->elapsed_ms);
    if (with_text)
        add_text(t, tvb, off, len, hf_tlsx_note,
             tlsx_text_with(pinfo->pool, it, "ticket.age", "text", ph, G_N_ELEMENTS(ph)));
}

void tlsx_draw_links(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                     const struct item *it, gboolean text)
{
    const struct links *l = item_links(it);
    if (!l)
        return;
    with_text = text;
    if (l->offered_in)
        proto_tree_add_uint(t, hf_tlsx_offered_in, tvb, off, len, l->offered_in);
    if (l->offered_in)
        draw_choice(t, pinfo, tvb, off, len, it, l);
    if (l->resumption)
        draw_resumption(t, pinfo, tvb, off, len, it, l);
    if (l->ticket_from)
        draw_ticket_offer(t, pinfo, tvb, off, len, it, l);
    if (l->note && with_text)
        add_text(t, tvb, off, len, hf_tlsx_note,
                 tlsx_text_with(pinfo->pool, it, l->note, "text", NULL, 0));
}

/* NewSessionTicket's lifetime, from the body's first field. */
void tlsx_draw_ticket(proto_tree *t, tvbuff_t *tvb, guint off, guint len, guint header)
{
    if (len >= header + 4)
        proto_tree_add_item(t, hf_tlsx_ticket_lifetime, tvb, off + header, 4, ENC_BIG_ENDIAN);
}

static const char *group_text(packet_info *pinfo, const struct summary *s)
{
    const struct reg_group *g = reg_group(s->group);
    if (g)
        return wmem_strdup_printf(pinfo->pool, "%s (%u bits)", g->name, g->bits);
    if (s->dh_bits)
        return wmem_strdup_printf(pinfo->pool, "DH, %u-bit prime", s->dh_bits);
    return NULL;
}

/* TLS 1.3 suites say nothing of authentication: it was a certificate, or
 * the PSK when resumed. */
static const char *summary_auth(const struct summary *s, const struct reg_suite *suite)
{
    if (!tlsx_version_tls13(s->version))
        return reg_suite_auth(suite);
    return s->resumption == RES_PSK ? "PSK" : s->chain_length ? "certificate" : "unknown";
}

/* Forward secrecy above is the handshake's; 0-RTT data has neither it nor
 * protection against replay (RFC 8446 §2.3), which a class should see. */
static void draw_early_data(proto_tree *st, packet_info *pinfo, tvbuff_t *tvb, guint off,
                            guint len, const struct item *it, const struct summary *s)
{
    static const char *const codes[] = { NULL, "offered", "accepted", "rejected" };
    const char *code = s->early_data < G_N_ELEMENTS(codes) ? codes[s->early_data] : NULL;
    char *key;
    if (!code)
        return;
    proto_tree_add_string(st, hf_tlsx_sum_early_data, tvb, off, len, code);
    /* Set here, not left from the links drawn before: each draw decides. */
    with_text = PTREE_DATA(st)->visible || proto_field_is_referenced(st, hf_tlsx_note);
    key = wmem_strdup_printf(pinfo->pool, "text_%s", code);
    add_text(st, tvb, off, len, hf_tlsx_note,
             tlsx_text_with(pinfo->pool, it, "summary.early_data", key, NULL, 0));
}

static void draw_summary(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                         const struct item *it, const struct summary *s)
{
    const struct reg_suite *suite;
    const char *version, *group, *outcome;
    proto_item *ti;
    proto_tree *st;
    if (!s)
        return;
    suite = s->suite ? reg_suite(s->suite) : NULL;
    version = reg_version_name(s->version);
    group = group_text(pinfo, s);
    outcome = s->outcome == OUTCOME_FAILED ? "failed"
            : s->outcome == OUTCOME_INCOMPLETE ? "incomplete"
            : s->outcome == OUTCOME_UNCONFIRMED ? "unconfirmed" : "established";
    ti = proto_tree_add_item(t, hf_tlsx_summary, tvb, off, len, ENC_NA);
    if (PTREE_DATA(t)->visible)
        proto_item_append_text(ti, ": %s", tlsx_text(pinfo->pool, it, NULL, NULL, "summary",
                                                      outcome));
    st = proto_item_add_subtree(ti, ett_tlsx_summary);
    proto_tree_add_string(st, hf_tlsx_outcome, tvb, off, len, outcome);
    proto_tree_add_string(st, hf_tlsx_flow, tvb, off, len, s->flow);
    if (version)
        proto_tree_add_string(st, hf_tlsx_sum_version, tvb, off, len, version);
    if (suite)
        proto_tree_add_string(st, hf_tlsx_sum_suite, tvb, off, len, suite->name);
    if (suite)
        proto_tree_add_string(st, hf_tlsx_sum_auth, tvb, off, len, summary_auth(s, suite));
    if (group)
        proto_tree_add_string(st, hf_tlsx_sum_group, tvb, off, len, group);
    if (s->sni)
        proto_tree_add_string(st, hf_tlsx_sum_sni, tvb, off, len, s->sni);
    if (s->alpn)
        proto_tree_add_string(st, hf_tlsx_sum_alpn, tvb, off, len, s->alpn);
    if (s->resumption_known)
        proto_tree_add_boolean(st, hf_tlsx_resumed, tvb, off, len, s->resumption != RES_NONE);
    if (s->resumption != RES_NONE)
        proto_tree_add_string(st, hf_tlsx_resumption, tvb, off, len,
                              resumption_codes[MIN(s->resumption, 3)]);
    if (s->resumed_from)
        proto_tree_add_uint(st, hf_tlsx_resumed_from, tvb, off, len, s->resumed_from);
    if (s->chain_known)
        proto_tree_add_uint(st, hf_tlsx_sum_chain, tvb, off, len, s->chain_length);
    if (s->client_auth_known)
        proto_tree_add_boolean(st, hf_tlsx_sum_client_auth, tvb, off, len, s->client_auth);
    if (s->fs_known)
        proto_tree_add_boolean(st, hf_tlsx_sum_fs, tvb, off, len, s->forward_secrecy);
    draw_early_data(st, pinfo, tvb, off, len, it, s);
    if (s->outcome == OUTCOME_ESTABLISHED || s->outcome == OUTCOME_UNCONFIRMED)
        proto_tree_add_uint(st, hf_tlsx_sum_rtt, tvb, off, len, s->round_trips);
    /* Capture times are microseconds at best; more digits would be noise. */
    proto_tree_add_double_format_value(st, hf_tlsx_sum_duration, tvb, off, len, s->duration,
                                       "%.6f", s->duration);
    proto_tree_add_string(st, hf_tlsx_history, tvb, off, len, s->history);
    tlsx_draw_security(st, pinfo, tvb, off, len, it, s);
}

void tlsx_draw_summary(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                       const struct item *it)
{
    draw_summary(t, pinfo, tvb, off, len, it, item_summary(it));
}

/* "14" or "14, 20, 31": the frames listed, in any language. */
static const char *frame_list(packet_info *pinfo, const struct uses *u)
{
    wmem_strbuf_t *b = wmem_strbuf_new(pinfo->pool, "");
    for (guint i = 0; i < MIN(u->count, USES_KEPT); i++)
        wmem_strbuf_append_printf(b, i ? ", %u" : "%u", u->frames[i]);
    return wmem_strbuf_get_str(b);
}

static void draw_uses(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                      const struct item *it, const struct uses *u)
{
    struct placeholder ph[] = {
        { "frames", frame_list(pinfo, u) },
        { "count", num(pinfo, u->count) },
        { "kept", num(pinfo, USES_KEPT) },
    };
    gboolean session = it->msg_type != HS_NEW_SESSION_TICKET, many = u->count > 1;
    gboolean tls13 = tlsx_version_tls13(it->version);
    const char *key = session ? (many ? "text_session_many" : "text_session")
                    : tls13 ? (many ? "text_tls13_again" : "text_ticket13")
                    : many ? "text_ticket_many" : "text_ticket";
    for (guint i = 0; i < MIN(u->count, USES_KEPT); i++)
        proto_tree_add_uint(t, hf_tlsx_ticket_used_in, tvb, off, len, u->frames[i]);
    if (u->count > USES_KEPT)
        add_text(t, tvb, off, len, hf_tlsx_note,
                 tlsx_text_with(pinfo->pool, it, "ticket.used", "text_more", ph,
                                G_N_ELEMENTS(ph)));
    add_text(t, tvb, off, len, hf_tlsx_note,
             tlsx_text_with(pinfo->pool, it, "ticket.used", key, ph, G_N_ELEMENTS(ph)));
}

/* Facts that only later frames give: where an issued ticket or session ID
 * was used, and the end of a handshake the capture never finishes. They are
 * facts once the first pass has read every frame, so they are drawn on
 * later passes only (the GUI, tshark -2); one-pass tshark prints each frame
 * before reading the next and could only guess. */
void tlsx_draw_later(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                     const struct item *it)
{
    const struct links *l = item_links(it);
    const struct uses *u = l ? l->used : NULL;
    const struct summary *s;
    proto_item *ti;
    proto_tree *lt;
    if (!PINFO_FD_VISITED(pinfo))
        return;
    s = tlsx_unfinished(it, pinfo->num);
    if (!u && !s)
        return;
    ti = proto_tree_add_item(t, hf_tlsx_later, tvb, off, len, ENC_NA);
    lt = proto_item_add_subtree(ti, ett_tlsx_later);
    with_text = PTREE_DATA(t)->visible || proto_field_is_referenced(t, hf_tlsx_note);
    if (u)
        draw_uses(lt, pinfo, tvb, off, len, it, u);
    if (s && s->note)
        add_text(lt, tvb, off, len, hf_tlsx_note,
                 tlsx_text_with(pinfo->pool, it, s->note, "text", NULL, 0));
    if (s)
        draw_summary(lt, pinfo, tvb, off, len, it, s);
}
