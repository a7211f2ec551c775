/* Drawing the findings: each an expert item of group Security under its own
 * field tlsexplain.finding.NAME, on the message that shows it; the
 * handshake's security summary and the probable cause of a failure on the
 * message that ended it.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/expert.h>
#include "facts.h"
#include "fields.h"
#include "findings.h"
#include "registry.h"
#include "text.h"

static int hf_finding = -1;
static int hf_security = -1;
static int hf_security_fs = -1;
static int hf_security_auth = -1;
static int hf_security_weakest = -1;
static int hf_security_finding = -1;
static int hf_diagnosis = -1;
static int hf_diagnosis_frame = -1;
static gint ett_finding = -1;
static gint ett_security = -1;
static expert_field ei_finding[FINDING_N];

static hf_register_info hf[] = {
    { &hf_finding,
      { "Finding", "tlsexplain.finding", FT_STRING, BASE_NONE, NULL, 0x0,
        "Something weak or wrong that this message shows; its expert item names the kind.", HFILL } },
    { &hf_security,
      { "Security", "tlsexplain.security", FT_NONE, BASE_NONE, NULL, 0x0,
        "What protects the handshake and what is weak in it, on the message that ended it.", HFILL } },
    { &hf_security_fs,
      { "Forward secrecy", "tlsexplain.security.forward_secrecy", FT_STRING, BASE_NONE, NULL, 0x0,
        NULL, HFILL } },
    { &hf_security_auth,
      { "Authentication", "tlsexplain.security.authentication", FT_STRING, BASE_NONE, NULL, 0x0,
        NULL, HFILL } },
    { &hf_security_weakest,
      { "Weakest part", "tlsexplain.security.weakest", FT_STRING, BASE_NONE, NULL, 0x0,
        NULL, HFILL } },
    { &hf_security_finding,
      { "Finding in frame", "tlsexplain.security.finding", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
        "A frame with a finding of this handshake.", HFILL } },
    { &hf_diagnosis,
      { "Probable cause", "tlsexplain.diagnosis", FT_STRING, BASE_NONE, NULL, 0x0,
        "Why the handshake failed, as far as the capture shows.", HFILL } },
    { &hf_diagnosis_frame,
      { "Cause shown in frame", "tlsexplain.diagnosis.frame", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
        "The frame whose bytes show the probable cause.", HFILL } },
};

static const int severities[] = { 0, PI_NOTE, PI_WARN, PI_ERROR };

void tlsx_register_findings(void)
{
    static gint *ett[] = { &ett_finding, &ett_security };
    /* Registered once for the program's life, so never freed. */
    ei_register_info *ei = g_new0(ei_register_info, FINDING_N);
    guint n = 0;
    proto_register_field_array(proto_tlsexplain, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    for (guint k = 1; k < FINDING_N; k++) {
        const struct finding_def *d = finding_def(k);
        ei_register_info one = {
            &ei_finding[k],
            { g_strdup_printf("tlsexplain.finding.%s", d->name), PI_SECURITY,
              severities[d->severity], d->summary, EXPFILL }
        };
        ei[n++] = one;
    }
    expert_register_field_array(expert_register_protocol(proto_tlsexplain), ei, n);
}

static const char *section_of(packet_info *pinfo, const struct finding *f)
{
    return wmem_strdup_printf(pinfo->pool, "finding.%s", finding_def(f->kind)->name);
}

static const char *finding_text(packet_info *pinfo, const struct item *it,
                                const struct finding *f, const char *key)
{
    const struct checks *c = item_checks(it);
    struct placeholder ph[] = {
        { "sni", c && c->ctx && c->ctx->sni ? c->ctx->sni : "?" },
        { "value", wmem_strdup_printf(pinfo->pool, "%u", f->value) },
        { "bits", wmem_strdup_printf(pinfo->pool, "%u", f->value) },
        { "position", wmem_strdup_printf(pinfo->pool, "%u", (guint)f->cert) },
        { "frame", wmem_strdup_printf(pinfo->pool, "%u", f->frame) },
    };
    return tlsx_text_with(pinfo->pool, it, section_of(pinfo, f), key, ph, G_N_ELEMENTS(ph));
}

/* t may be NULL: the expert items alone, for a tap without a tree. */
void tlsx_draw_findings(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                        const struct item *it, gboolean text)
{
    const struct findings *fs = item_findings(it);
    for (guint i = 0; fs && i < fs->n; i++) {
        const struct finding *f = &fs->list[i];
        const char *title = finding_text(pinfo, it, f, "title");
        proto_item *ti = NULL;
        if (t) {
            ti = proto_tree_add_string(t, hf_finding, tvb, off, len, title);
            if (text)
                tlsx_add_text(proto_item_add_subtree(ti, ett_finding), tvb, off, len,
                              finding_text(pinfo, it, f, "text"));
        }
        expert_add_info_format(pinfo, ti, &ei_finding[f->kind], "%s", title);
    }
}

/* A finding that only a verdict shows (the chain's trust anchor): noted
 * where the verdict is drawn, on the item ti. */
void tlsx_note_finding(packet_info *pinfo, proto_item *ti, const struct item *it, guint8 kind,
                       guint32 value)
{
    struct finding f = { kind, 0, value, pinfo->num };
    expert_add_info_format(pinfo, ti, &ei_finding[kind], "%s", finding_text(pinfo, it, &f, "title"));
}

/* A row's label in the user's language, for text drawn as lines. */
static const char *label_of(int hf_row)
{
    const header_field_info *h = proto_registrar_get_nth((guint)hf_row);
    const char *word = tlsx_catalog_word("label", h->abbrev);
    return word ? word : h->name;
}

static void add_row(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                    int hf_row, const struct item *it, const char *key, gboolean text,
                    const struct placeholder *ph, gsize n)
{
    const char *s = tlsx_text_with(pinfo->pool, it, "security", key, ph, n);
    proto_item *ti = proto_tree_add_string(t, hf_row, tvb, off, len, s);
    if (text)
        tlsx_add_lines(t, ti, tvb, off, len, label_of(hf_row), s);
}

static void draw_diagnosis(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                           const struct item *it, const struct summary *s, gboolean text)
{
    const struct diagnosis *d = &s->diagnosis;
    const char *alert = s->has_alert ? reg_alert_name(s->alert) : NULL;
    struct placeholder ph[] = {
        { "frame", wmem_strdup_printf(pinfo->pool, "%u", d->frame) },
        { "count", wmem_strdup_printf(pinfo->pool, "%u", d->value) },
        { "description", alert ? alert : "?" },
    };
    const char *s_text;
    proto_item *ti;
    if (!d->key)
        return;
    s_text = tlsx_text_with(pinfo->pool, it, "diagnosis", d->key, ph, G_N_ELEMENTS(ph));
    ti = proto_tree_add_string(t, hf_diagnosis, tvb, off, len, s_text);
    if (text)
        tlsx_add_lines(t, ti, tvb, off, len, label_of(hf_diagnosis), s_text);
    if (d->frame)
        proto_tree_add_uint(t, hf_diagnosis_frame, tvb, off, len, d->frame);
}

/* Under the summary: what protects the handshake, its weakest part and
 * where each finding is. */
void tlsx_draw_security(proto_tree *st, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                        const struct item *it, const struct summary *s)
{
    gboolean text = PTREE_DATA(st)->visible;
    struct security_view v;
    proto_item *ti;
    proto_tree *t;
    findings_security(s, &v);
    draw_diagnosis(st, pinfo, tvb, off, len, it, s, text);
    ti = proto_tree_add_item(st, hf_security, tvb, off, len, ENC_NA);
    t = proto_item_add_subtree(ti, ett_security);
    add_row(t, pinfo, tvb, off, len, hf_security_fs, it, v.forward_secrecy, text, NULL, 0);
    add_row(t, pinfo, tvb, off, len, hf_security_auth, it, v.authentication, text, NULL, 0);
    if (v.finding) {
        struct placeholder ph[] = {
            { "name", finding_text(pinfo, it, v.finding, "title") },
            { "frame", wmem_strdup_printf(pinfo->pool, "%u", v.finding->frame) },
        };
        add_row(t, pinfo, tvb, off, len, hf_security_weakest, it, v.weakest, text, ph,
                G_N_ELEMENTS(ph));
    } else {
        add_row(t, pinfo, tvb, off, len, hf_security_weakest, it, v.weakest, text, NULL, 0);
    }
    for (guint i = 0; i < s->n_findings; i++)
        proto_tree_add_uint_format_value(t, hf_security_finding, tvb, off, len,
                                         s->findings[i].frame, "%u — %s", s->findings[i].frame,
                                         finding_text(pinfo, it, &s->findings[i], "title"));
}
