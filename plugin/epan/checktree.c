/* Draws what gnutls checked (verdicts with their reasons), the certificates
 * as gnutls reads them, and the key schedule behind a Finished.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/packet.h>
#include <epan/to_str.h>
#include "context.h"
#include "facts.h"
#include "fields.h"
#include "registry.h"
#include "text.h"
#include "verdicts.h"

/* One verdict: a boolean field when it is known, and a sentence saying
 * what was checked and why it passed, failed or could not be checked. */
static void draw_verdict(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                         const struct item *it, int hf, const char *section, guint8 verdict,
                         guint8 reason, gboolean rsa, gboolean text, gboolean notes)
{
    const char *key = verdict == VERIFY_VALID ? (rsa ? "text_valid_rsa" : "text_valid")
                      : verdict == VERIFY_INVALID ? "text_invalid" : "text_unknown";
    proto_item *bi = NULL;
    if (!text && !(notes && verdict == VERIFY_INVALID)) {
        if (verdict != VERIFY_UNKNOWN)
            proto_tree_add_boolean(t, hf, tvb, off, len, verdict == VERIFY_VALID);
        return;
    }
    struct placeholder ph[] = {
        { "reason", tlsx_text(pinfo->pool, it, NULL, NULL, "reason", verdicts_reason_key(reason)) },
    };
    const char *s = tlsx_text_with(pinfo->pool, it, section, key, ph, G_N_ELEMENTS(ph));
    if (verdict != VERIFY_UNKNOWN)
        bi = proto_tree_add_boolean(t, hf, tvb, off, len, verdict == VERIFY_VALID);
    /* A check that ran and failed stands out: coloured in the GUI, listed
     * in Expert Information and by tshark -z expert. */
    if (notes && verdicts_failed((struct verify_result){ verdict, reason, FALSE }))
        expert_add_info_format(pinfo, bi,
                               hf == hf_tlsx_chain_valid || hf == hf_tlsx_hostname_match
                               ? &ei_tlsx_chain_failed : &ei_tlsx_check_failed, "%s", s);
    if (!text)
        return;
    proto_item *ti = proto_tree_add_string(t, hf_tlsx_check, tvb, off, len, s);
    tlsx_add_lines(t, ti, tvb, off, len, proto_registrar_get_name(hf_tlsx_check), s);
}

/* What only the chain's verdict shows (an untrusted root, the 398-day
 * rule of trusted chains), decided by core; noted on the explainer item. */
static void note_chain_findings(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb,
                                const struct placed_item *p, const struct checks *c,
                                guint header, struct verify_result r)
{
    struct span leaf = checks_cert(c, 0);
    enum verify_reason why;
    const struct cert_info *info = NULL;
    guint32 days;
    guint8 kind;
    if (leaf.length && header + leaf.offset + leaf.length <= p->length)
        info = cert_info_cached(tvb_get_ptr(tvb, p->offset + header + leaf.offset, leaf.length),
                                leaf.length, &why);
    kind = findings_from_chain(r.verdict, r.reason, info, &days);
    if (kind != FINDING_NONE)
        tlsx_note_finding(pinfo, t ? proto_tree_get_parent(t) : NULL, &p->item, kind, days);
}

void tlsx_draw_checks(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, const struct placed_item *p,
                      gboolean text, gboolean notes)
{
    const struct item *it = &p->item;
    const struct checks *c = item_checks(it);
    guint header = it->proto == TLSX_DTLS ? 12 : 4;
    guint off = tvb ? p->offset : 0, len = tvb ? p->length : 0;
    struct check_verdict v;
    struct verify_result r, hostname;
    if (!c || !tvb || p->length < header)
        return;
    v = verdicts_check(tlsx_verdicts(), it, tvb_get_ptr(tvb, p->offset + header, p->length - header),
                       p->length - header, (gint64)pinfo->abs_ts.secs);
    r = v.main;
    hostname = v.hostname;
    switch (c->kind) {
    case CHECK_CHAIN:
        draw_verdict(t, pinfo, tvb, off, len, it, hf_tlsx_chain_valid, "check.chain", r.verdict,
                     r.reason, FALSE, text, notes);
        if (notes && it->sender == SENDER_SERVER)
            note_chain_findings(t, pinfo, tvb, p, c, header, r);
        if (it->sender == SENDER_SERVER)
            draw_verdict(t, pinfo, tvb, off, len, it, hf_tlsx_hostname_match, "check.hostname",
                         hostname.verdict, hostname.reason, FALSE, text, notes);
        break;
    case CHECK_FINISHED:
        draw_verdict(t, pinfo, tvb, off, len, it, hf_tlsx_finished_valid, "check.finished",
                     r.verdict, r.reason, v.from_rsa_key, text, notes);
        break;
    default:
        draw_verdict(t, pinfo, tvb, off, len, it, hf_tlsx_signature_valid,
                     c->kind == CHECK_SKE ? "check.ske_signature" : "check.certificate_verify",
                     r.verdict, r.reason, FALSE, text, notes);
        if (r.weak && text) {
            /* Labelled like the verdict it qualifies, so it reads as a check. */
            const char *weak = tlsx_text(pinfo->pool, it, NULL, NULL, "check.weak", "text");
            proto_item *ti = proto_tree_add_string(t, hf_tlsx_check, tvb, off, len, weak);
            tlsx_add_lines(t, ti, tvb, off, len, proto_registrar_get_name(hf_tlsx_check),
                           weak);
        }
        break;
    }
}

static char *hex(packet_info *pinfo, const guint8 *p, gsize n)
{
    static const char digits[] = "0123456789abcdef";
    char *s = wmem_alloc(pinfo->pool, n * 2 + 1);
    for (gsize i = 0; i < n; i++) {
        s[i * 2] = digits[p[i] >> 4];
        s[i * 2 + 1] = digits[p[i] & 0xf];
    }
    s[n * 2] = '\0';
    return s;
}

static void secret_line(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                        const struct item *it, const struct schedule_line *line)
{
    char bytes[16];
    const struct placeholder ph[] = { { "bytes", bytes } };
    const char *value, *key;
    proto_item *ti;
    g_snprintf(bytes, sizeof bytes, "%" G_GSIZE_FORMAT, line->len);
    value = tlsx_prefs.show_secrets ? hex(pinfo, line->value, line->len)
            : tlsx_text_with(pinfo->pool, it, "ui", "secret_hidden", ph, G_N_ELEMENTS(ph));
    ti = proto_tree_add_string(t, hf_tlsx_secret, tvb, off, len, value);
    proto_item_set_text(ti, "%s: %s", line->name, value);
    /* How it was made, where every field is explained. */
    key = tlsx_detail_full() ? line->how : NULL;
    if (key)
        tlsx_add_text(proto_item_add_subtree(ti, ett_tlsx_text), tvb, off, len,
                      tlsx_text(pinfo->pool, it, NULL, NULL, "schedule", key));
}

/* On a Finished, what the key log (or the server's RSA key) gives and what
 * follows from it, as core derived it. */
void tlsx_draw_schedule(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                        const struct item *it)
{
    struct schedule s;
    proto_tree *st;
    if (!verdicts_schedule(tlsx_verdicts(), it, &s))
        return;
    st = proto_tree_add_subtree(t, tvb, off, len, ett_tlsx_schedule, NULL,
                                tlsx_text(pinfo->pool, it, NULL, NULL, "ui",
                                          s.from_rsa_key ? "schedule_rsa" : "schedule"));
    for (guint i = 0; i < s.n; i++)
        secret_line(st, pinfo, tvb, off, len, it, &s.lines[i]);
}

/* One line of a certificate's details, its words from the catalog. */
static void cert_line(proto_tree *ct, packet_info *pinfo, tvbuff_t *tvb, guint off, guint len,
                      const struct item *it, const char *key, const struct placeholder *ph,
                      gsize n)
{
    proto_tree_add_subtree(ct, tvb, off, len, ett_tlsx_text, NULL,
                           tlsx_text_with(pinfo->pool, it, "certificate", key, ph, n));
}

#define CERT_LINE(key, ...) do { \
        const struct placeholder ph_[] = { __VA_ARGS__ }; \
        cert_line(ct, pinfo, tvb, off, len, it, key, ph_, G_N_ELEMENTS(ph_)); \
    } while (0)

static void draw_one_certificate(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb, guint off,
                                 guint len, const struct item *it, guint position,
                                 const guint8 *der, gsize der_len, gint64 when)
{
    enum verify_reason why;
    const struct cert_info *info = cert_info_cached(der, der_len, &why);
    const char *validity;
    proto_item *ti;
    proto_tree *ct;
    if (!info)
        return;
    switch (cert_info_valid_at(info, when).verdict) {
    case VERIFY_VALID: validity = "validity_valid"; break;
    case VERIFY_INVALID: validity = "validity_invalid"; break;
    default: validity = "validity_unknown"; break;
    }
    ti = proto_tree_add_string(t, hf_tlsx_cert, tvb, off, len, info->subject ? info->subject : "");
    {
        const struct placeholder ph[] = {
            { "position", wmem_strdup_printf(pinfo->pool, "%u", position) },
            { "subject", info->subject ? info->subject : "?" },
        };
        proto_item_set_text(ti, "%s", tlsx_text_with(pinfo->pool, it, "certificate", "title",
                                                     ph, G_N_ELEMENTS(ph)));
    }
    ct = proto_item_add_subtree(ti, ett_tlsx_cert);
    CERT_LINE("issuer", { "issuer", info->issuer ? info->issuer : "?" });
    CERT_LINE("serial", { "serial", info->serial_hex ? info->serial_hex : "?" });
    CERT_LINE(validity,
              { "from", abs_time_secs_to_str(pinfo->pool, (time_t)info->not_before,
                                             ABSOLUTE_TIME_UTC, TRUE) },
              { "until", abs_time_secs_to_str(pinfo->pool, (time_t)info->not_after,
                                              ABSOLUTE_TIME_UTC, TRUE) });
    CERT_LINE(info->curve ? "key_curve" : "key",
              { "algorithm", info->key_algorithm ? info->key_algorithm : "?" },
              { "bits", wmem_strdup_printf(pinfo->pool, "%u", info->key_bits) },
              { "curve", info->curve ? info->curve : "" });
    CERT_LINE(info->sig_weak ? "signature_weak" : "signature",
              { "algorithm", info->sig_algorithm ? info->sig_algorithm : "?" });
    for (char **n = info->dns_names; n && *n; n++)
        CERT_LINE("san", { "name", *n });
    if (info->has_basic_constraints)
        CERT_LINE(info->is_ca ? "ca" : "not_ca", { "subject", info->subject ? info->subject : "?" });
    if (info->has_key_usage && info->key_usage[0]) {
        char *usage = g_strjoinv(", ", info->key_usage);
        CERT_LINE("key_usage", { "usage", wmem_strdup(pinfo->pool, usage) });
        g_free(usage);
    }
}

/* The certificates of a Certificate message as gnutls reads them, where
 * the parser found them on the first pass; each item spans that
 * certificate's bytes. */
void tlsx_draw_certificates(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb,
                            const struct placed_item *p)
{
    const struct item *it = &p->item;
    const struct checks *c = item_checks(it);
    guint header = it->proto == TLSX_DTLS ? 12 : 4;
    if (it->msg_type != HS_CERTIFICATE || !c || c->kind != CHECK_CHAIN || p->length <= header)
        return;
    for (guint i = 0; i < c->n_certs; i++) {
        struct span s = checks_cert(c, i);
        if (s.length == 0 || s.offset + s.length > p->length - header)
            return;
        draw_one_certificate(t, pinfo, tvb, p->offset + header + (guint)s.offset, (guint)s.length,
                             it, i, tvb_get_ptr(tvb, p->offset + header + (guint)s.offset,
                                                (gint)s.length),
                             s.length, (gint64)pinfo->abs_ts.secs);
    }
}
