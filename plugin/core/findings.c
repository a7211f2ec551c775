/* Findings: what the first pass can tell is weak in a handshake, from the
 * hellos, the certificates, the key exchange and the alerts. A weak suite
 * the client only offers is a note about the offer; the one chosen is the
 * warning. Sources for each are in the catalog's [finding.NAME] texts.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "findings.h"
#include "registry.h"
#include "session_priv.h"
#include "verify.h"

static const struct finding_def defs[FINDING_N] = {
    [FINDING_SSL2_HELLO] = { "sslv2_hello", SEVERITY_WARN, "A ClientHello in SSL 2.0 form" },
    [FINDING_SSL3] = { "ssl3", SEVERITY_ERROR, "SSL 3.0 was chosen" },
    [FINDING_TLS10] = { "tls10", SEVERITY_WARN, "TLS 1.0 was chosen" },
    [FINDING_TLS11] = { "tls11", SEVERITY_WARN, "TLS 1.1 was chosen" },
    [FINDING_DTLS10] = { "dtls10", SEVERITY_WARN, "DTLS 1.0 was chosen" },
    [FINDING_OFFERED_WEAK] = { "offered_weak", SEVERITY_NOTE,
                               "The client offers broken cipher suites" },
    [FINDING_NULL_CIPHER] = { "null_cipher", SEVERITY_ERROR, "A suite without encryption" },
    [FINDING_ANON] = { "anon", SEVERITY_ERROR, "An anonymous suite: no authentication" },
    [FINDING_EXPORT] = { "export", SEVERITY_ERROR, "An export-grade suite" },
    [FINDING_RC4] = { "rc4", SEVERITY_WARN, "RC4 was chosen" },
    [FINDING_3DES] = { "3des", SEVERITY_WARN, "A 64-bit block cipher was chosen" },
    [FINDING_CBC_TLS10] = { "cbc_tls10", SEVERITY_WARN, "CBC in TLS 1.0 or SSL 3.0" },
    [FINDING_CBC_NO_ETM] = { "cbc_no_etm", SEVERITY_NOTE, "CBC without encrypt_then_mac" },
    [FINDING_STATIC_RSA] = { "static_rsa", SEVERITY_WARN,
                             "RSA key exchange: no forward secrecy" },
    [FINDING_COMPRESSION] = { "compression", SEVERITY_WARN, "TLS compression was chosen" },
    [FINDING_NO_RENEGOTIATION_INFO] = { "no_renegotiation_info", SEVERITY_WARN,
                                        "No secure renegotiation" },
    [FINDING_NO_EMS] = { "no_extended_master_secret", SEVERITY_WARN,
                         "No extended master secret" },
    [FINDING_HEARTBEAT] = { "heartbeat", SEVERITY_NOTE, "Heartbeat was negotiated" },
    [FINDING_HEARTBLEED] = { "heartbleed", SEVERITY_ERROR,
                             "A heartbeat asks for more than it carries" },
    [FINDING_FALLBACK_SCSV] = { "fallback_scsv", SEVERITY_NOTE,
                                "A fallback retry with a lowered version" },
    [FINDING_INAPPROPRIATE_FALLBACK] = { "inappropriate_fallback", SEVERITY_WARN,
                                         "The server stopped a version fallback" },
    [FINDING_DOWNGRADE] = { "downgrade", SEVERITY_ERROR,
                            "The TLS 1.3 downgrade sentinel" },
    [FINDING_DH_SMALL] = { "dh_small", SEVERITY_WARN, "A Diffie-Hellman group under 2048 bits" },
    [FINDING_DH_BELOW_CERT] = { "dh_below_cert", SEVERITY_NOTE,
                                "The DH group is weaker than the certificate's key" },
    [FINDING_EC_SMALL] = { "ec_small", SEVERITY_WARN, "An elliptic curve under 256 bits" },
    [FINDING_CERT_EXPIRED] = { "cert_expired", SEVERITY_WARN, "A certificate had expired" },
    [FINDING_CERT_NOT_YET_VALID] = { "cert_not_yet_valid", SEVERITY_WARN,
                                     "A certificate was not yet valid" },
    [FINDING_CERT_RSA_SMALL] = { "cert_rsa_small", SEVERITY_WARN,
                                 "An RSA key under 2048 bits" },
    [FINDING_CERT_WEAK_SIGNATURE] = { "cert_weak_signature", SEVERITY_WARN,
                                      "A certificate signed with SHA-1 or MD5" },
    [FINDING_CERT_SELF_SIGNED] = { "cert_self_signed", SEVERITY_WARN,
                                   "The server's certificate is self-signed" },
    [FINDING_CERT_HOSTNAME] = { "cert_hostname", SEVERITY_WARN,
                                "The certificate does not name the server" },
    [FINDING_CERT_CN_ONLY] = { "cert_cn_only", SEVERITY_WARN,
                               "The name is only in the Common Name" },
    [FINDING_CERT_ORDER] = { "cert_order", SEVERITY_NOTE, "The chain is out of order" },
    /* Both from the chain's verdict, when drawn: the 398 days bind only
     * publicly trusted certificates. */
    [FINDING_CERT_LIFETIME] = { "cert_lifetime", SEVERITY_NOTE,
                                "A certificate valid for more than 398 days" },
    [FINDING_CERT_UNTRUSTED] = { "cert_untrusted", SEVERITY_NOTE,
                                 "The chain ends at a root this machine does not trust" },
    [FINDING_EARLY_DATA] = { "early_data", SEVERITY_NOTE, "0-RTT data can be replayed" },
    [FINDING_TICKET_LIFETIME] = { "ticket_lifetime", SEVERITY_WARN,
                                  "A ticket lifetime over 7 days" },
};

const struct finding_def *finding_def(guint kind)
{
    return kind > FINDING_NONE && kind < FINDING_N ? &defs[kind] : NULL;
}

#define ALERT_FATAL 2
#define SECONDS_PER_DAY 86400
#define EXT_HEARTBEAT 15
#define EXT_RENEGOTIATION_INFO 0xff01
#define SUITE_FALLBACK_SCSV 0x5600

/* Adds a finding to the item and to its handshake's list. */
static void add(struct analyzer *a, struct handshake *h, struct item *out, const struct event *ev,
                guint8 kind, guint8 cert, guint32 value)
{
    struct item_extra *x = item_extra_of(a, out);
    const struct findings *old = x->findings;
    guint n = old ? old->n : 0;
    struct findings *f = analyzer_alloc(a, sizeof *f + (n + 1) * sizeof f->list[0]);
    struct finding one = { kind, cert, value, ev->frame };
    if (n)
        memcpy(f->list, old->list, n * sizeof f->list[0]);
    f->list[n] = one;
    f->n = n + 1;
    x->findings = f;  /* the old list stays in the arena: items are few */
    if (h->found.n == FOUND_KEPT)
        return;
    if (h->found.n == h->found.cap) {
        h->found.cap = h->found.cap ? 2 * h->found.cap : 4;
        h->found.list = g_renew(struct finding, h->found.list, h->found.cap);
    }
    h->found.list[h->found.n++] = one;
}

void findings_free(struct handshake *h)
{
    g_free(h->found.list);
    h->found.list = NULL;
    h->found.n = h->found.cap = 0;
}

static gboolean has_extension(const struct hs_extensions *ext, guint16 type)
{
    for (guint i = 0; i < MIN(ext->count, G_N_ELEMENTS(ext->items)); i++)
        if (ext->items[i].type == type)
            return TRUE;
    return FALSE;
}

static gboolean broken_suite(const struct reg_suite *s)
{
    return s && !(s->flags & (REG_SUITE_SCSV | REG_SUITE_GREASE)) &&
           (s->flags & (REG_SUITE_EXPORT | REG_SUITE_ANON | REG_SUITE_NULL_ENC) ||
            strcmp(s->cipher, "RC4") == 0 || strcmp(s->cipher, "3DES_EDE") == 0 ||
            strcmp(s->cipher, "DES") == 0);
}

static void client_hello(struct analyzer *a, struct handshake *h, const struct event *ev,
                         struct item *out)
{
    const struct offer *o = h->offer;
    guint weak = 0;
    if (ev->proto == TLSX_SSL2)
        add(a, h, out, ev, FINDING_SSL2_HELLO, 0, 0);
    if (!o)
        return;
    for (guint i = 0; i < o->n_suites; i++) {
        if (o->suites[i] == SUITE_FALLBACK_SCSV)
            add(a, h, out, ev, FINDING_FALLBACK_SCSV, 0, o->legacy_version);
        if (broken_suite(reg_suite(o->suites[i])))
            weak++;
    }
    if (weak)
        add(a, h, out, ev, FINDING_OFFERED_WEAK, 0, weak);
    if (o->early_data)
        add(a, h, out, ev, FINDING_EARLY_DATA, 0, 0);
}

static void version_findings(struct analyzer *a, struct handshake *h, const struct event *ev,
                             struct item *out, guint16 v)
{
    if (v == 0x0300)
        add(a, h, out, ev, FINDING_SSL3, 0, v);
    else if (v == 0x0301)
        add(a, h, out, ev, FINDING_TLS10, 0, v);
    else if (v == 0x0302)
        add(a, h, out, ev, FINDING_TLS11, 0, v);
}

static void suite_findings(struct analyzer *a, struct handshake *h, const struct event *ev,
                           struct item *out, const struct hs_server_hello *sh)
{
    const struct reg_suite *s = reg_suite(h->suite);
    gboolean cbc;
    if (!s)
        return;
    cbc = strcmp(s->mode, "CBC") == 0;
    if (s->flags & REG_SUITE_NULL_ENC)
        add(a, h, out, ev, FINDING_NULL_CIPHER, 0, 0);
    if (s->flags & REG_SUITE_ANON)
        add(a, h, out, ev, FINDING_ANON, 0, 0);
    if (s->flags & REG_SUITE_EXPORT)
        add(a, h, out, ev, FINDING_EXPORT, 0, s->key_bits);
    if (strcmp(s->cipher, "RC4") == 0)
        add(a, h, out, ev, FINDING_RC4, 0, 0);
    if (strcmp(s->cipher, "3DES_EDE") == 0 || strcmp(s->cipher, "DES") == 0 ||
        strcmp(s->cipher, "IDEA") == 0)
        add(a, h, out, ev, FINDING_3DES, 0, 64);
    if (cbc && h->version <= 0x0301 && h->version >= 0x0300)
        add(a, h, out, ev, FINDING_CBC_TLS10, 0, 0);
    else if (cbc && !has_extension(&sh->ext, 22 /* encrypt_then_mac */))
        add(a, h, out, ev, FINDING_CBC_NO_ETM, 0, 0);
    if (h->kx == KX_RSA || h->kx == KX_RSA_EXPORT)
        add(a, h, out, ev, FINDING_STATIC_RSA, 0, 0);
}

/* RFC 8446 §4.1.3: a server that could do TLS 1.3 ends its random with
 * "DOWNGRD" and 01 when it answers TLS 1.2, 00 when it answers an older one. */
static void downgrade(struct analyzer *a, struct handshake *h, const struct event *ev,
                      struct item *out, const struct hs_server_hello *sh)
{
    static const guint8 sentinel[7] = { 'D', 'O', 'W', 'N', 'G', 'R', 'D' };
    struct reader r;
    guint8 tail[8];
    guint16 highest = h->offer->offers_tls13 ? TLSX_VERSION_TLS13 : h->offer->legacy_version;
    if (h->tls13 || !rd_view(ev->data, ev->len, &sh->random, &r) || !rd_skip(&r, 24) ||
        !rd_copy(&r, tail, sizeof tail) || memcmp(tail, sentinel, sizeof sentinel) != 0 ||
        tail[7] > 1)
        return;
    /* The client must abort if it offered more than the sentinel allows. */
    if (ev->proto == TLSX_TLS && (tail[7] == 1 ? highest >= TLSX_VERSION_TLS13 : highest >= 0x0303))
        add(a, h, out, ev, FINDING_DOWNGRADE, 0, tail[7]);
}

static void server_hello(struct analyzer *a, struct handshake *h, const struct event *ev,
                         const struct hs_message *m, struct item *out)
{
    const struct hs_server_hello *sh = &m->u.sh;
    if (sh->is_hrr || !h->offer)
        return;
    if (ev->proto == TLSX_TLS)
        version_findings(a, h, ev, out, h->version);
    else if (ev->proto == TLSX_DTLS && (h->version == 0xfeff || h->version == 0x0100))
        add(a, h, out, ev, FINDING_DTLS10, 0, h->version);
    suite_findings(a, h, ev, out, sh);
    downgrade(a, h, ev, out, sh);
    if (h->tls13)
        return;
    if (sh->compression != 0)
        add(a, h, out, ev, FINDING_COMPRESSION, 0, sh->compression);
    if (!has_extension(&sh->ext, EXT_RENEGOTIATION_INFO))
        add(a, h, out, ev, FINDING_NO_RENEGOTIATION_INFO, 0, h->offer->scsv);
    /* SSL 3.0 has no extensions: its other findings say enough. */
    if (h->version != 0x0300 && !h->offer->choice.ems)
        add(a, h, out, ev, FINDING_NO_EMS, 0, h->offer->ems);
    if (has_extension(&sh->ext, EXT_HEARTBEAT))
        add(a, h, out, ev, FINDING_HEARTBEAT, 0, 0);
}

guint8 findings_from_chain(guint8 verdict, guint8 reason, const struct cert_info *leaf,
                           guint32 *days)
{
    *days = 0;
    if (verdict == VERIFY_INVALID && reason == REASON_UNTRUSTED_ROOT)
        return FINDING_CERT_UNTRUSTED;
    if (verdict == VERIFY_VALID && leaf && (*days = findings_lifetime_days(leaf)) != 0)
        return FINDING_CERT_LIFETIME;
    return FINDING_NONE;
}

guint32 findings_lifetime_days(const struct cert_info *leaf)
{
    gint64 life = leaf->not_after - leaf->not_before;
    return life > 398 * (gint64)SECONDS_PER_DAY
           ? (guint32)MIN(life / SECONDS_PER_DAY, G_MAXUINT32) : 0;
}

/* RFC 9525 §6.3: a DNS name, a wildcard only as the whole leftmost label. */
static gboolean name_matches(const char *pattern, const char *host)
{
    if (g_ascii_strcasecmp(pattern, host) == 0)
        return TRUE;
    if (strncmp(pattern, "*.", 2) != 0)
        return FALSE;
    const char *dot = strchr(host, '.');
    return dot && dot != host && g_ascii_strcasecmp(pattern + 1, dot) == 0;
}

static gboolean names_host(const struct cert_info *leaf, const char *host)
{
    for (char **n = leaf->dns_names; *n; n++)
        if (name_matches(*n, host))
            return TRUE;
    return FALSE;
}

static void leaf_findings(struct analyzer *a, struct handshake *h, const struct event *ev,
                          struct item *out, const struct cert_info *leaf, guint n_certs)
{
    if (g_strcmp0(leaf->key_algorithm, "RSA") == 0 && leaf->key_bits && leaf->key_bits < 2048)
        add(a, h, out, ev, FINDING_CERT_RSA_SMALL, 0, leaf->key_bits);
    if (leaf->key_algorithm && strcmp(leaf->key_algorithm, "RSA") == 0)
        h->found.cert_rsa_bits = leaf->key_bits;
    if (n_certs == 1 && leaf->subject && g_strcmp0(leaf->subject, leaf->issuer) == 0)
        add(a, h, out, ev, FINDING_CERT_SELF_SIGNED, 0, 0);
    if (!leaf->dns_names[0])
        add(a, h, out, ev, FINDING_CERT_CN_ONLY, 0, 0);
    else if (h->offer && h->offer->sni[0] && !names_host(leaf, h->offer->sni))
        add(a, h, out, ev, FINDING_CERT_HOSTNAME, 0, 0);
}

static void certificate(struct analyzer *a, struct handshake *h, const struct event *ev,
                        const struct hs_message *m, struct item *out)
{
    const struct cert_info *info[HS_CERTS_KEPT] = { NULL };
    guint n = MIN(m->cert_count, HS_CERTS_KEPT);
    gint64 now = (gint64)ev->time;
    gboolean expired = FALSE, early = FALSE, weak = FALSE;
    h->found.cert_frame = ev->frame;
    for (guint i = 0; i < n; i++) {
        struct reader r;
        enum verify_reason why;
        if (rd_view(ev->data, ev->len, &m->certs[i], &r))
            info[i] = cert_info_cached(rd_ptr(&r), rd_left(&r), &why);
    }
    if (n == 0 || !info[0])
        return;
    for (guint i = 0; i < n && info[i]; i++) {
        gboolean root = g_strcmp0(info[i]->subject, info[i]->issuer) == 0;
        if (now > 0 && now > info[i]->not_after && !expired) {
            add(a, h, out, ev, FINDING_CERT_EXPIRED, (guint8)i,
                (guint32)MIN((now - info[i]->not_after) / SECONDS_PER_DAY, G_MAXUINT32));
            expired = TRUE;
        }
        if (now > 0 && now < info[i]->not_before && !early) {
            add(a, h, out, ev, FINDING_CERT_NOT_YET_VALID, (guint8)i, 0);
            early = TRUE;
        }
        /* A root's own signature is not checked by anyone. */
        if (info[i]->sig_weak && !root && !weak) {
            add(a, h, out, ev, FINDING_CERT_WEAK_SIGNATURE, (guint8)i, 0);
            weak = TRUE;
        }
        if (i + 1 < n && info[i + 1] && g_strcmp0(info[i]->issuer, info[i + 1]->subject) != 0 &&
            !root && !h->found.order_noted) {
            add(a, h, out, ev, FINDING_CERT_ORDER, (guint8)i, 0);
            h->found.order_noted = TRUE;
        }
    }
    leaf_findings(a, h, ev, out, info[0], n);
}

static void key_exchange(struct analyzer *a, struct handshake *h, const struct event *ev,
                         const struct hs_message *m, struct item *out)
{
    const struct reg_group *g = m->ske_group ? reg_group(m->ske_group) : NULL;
    if (m->dh_bits && m->dh_bits < 2048)
        add(a, h, out, ev, FINDING_DH_SMALL, 0, m->dh_bits);
    if (m->dh_bits && h->found.cert_rsa_bits > m->dh_bits)
        add(a, h, out, ev, FINDING_DH_BELOW_CERT, 0, m->dh_bits);
    if (g && g->kind == REG_GROUP_EC && g->bits && g->bits < 255)
        add(a, h, out, ev, FINDING_EC_SMALL, 0, g->bits);
}

static void ticket(struct analyzer *a, struct handshake *h, const struct event *ev,
                   const struct hs_message *m, struct item *out)
{
    guint32 lifetime, age_add, hash;
    /* RFC 8446 §4.6.1: servers MUST NOT use any value over 7 days. */
    if (h->tls13 && ticket13_read(ev->data, ev->len, m, &lifetime, &age_add, &hash) &&
        lifetime > 7 * SECONDS_PER_DAY)
        add(a, h, out, ev, FINDING_TICKET_LIFETIME, 0, lifetime / SECONDS_PER_DAY);
}

void findings_message(struct analyzer *a, struct handshake *h, const struct event *ev,
                      const struct hs_message *m, struct item *out)
{
    switch (out->msg_type) {
    case HS_CLIENT_HELLO:
        if (!h->found.hello_seen)
            client_hello(a, h, ev, out);
        h->found.hello_seen = TRUE;
        h->found.client_hello_frame = ev->frame;
        break;
    case HS_SERVER_HELLO:
        server_hello(a, h, ev, m, out);
        break;
    case HS_CERTIFICATE:
        if (out->sender == SENDER_SERVER)
            certificate(a, h, ev, m, out);
        else
            h->found.client_cert_frame = ev->frame;
        h->found.client_cert_empty = out->sender == SENDER_CLIENT && m->cert_count == 0;
        break;
    case HS_SERVER_KEY_EXCHANGE:
        key_exchange(a, h, ev, m, out);
        break;
    case HS_CERTIFICATE_REQUEST:
        h->found.cert_request_frame = ev->frame;
        break;
    case HS_NEW_SESSION_TICKET:
        ticket(a, h, ev, m, out);
        break;
    case HS_FINISHED:
        if (out->sender == SENDER_SERVER || out->sender == SENDER_CLIENT)
            h->found.finished_frame[out->sender] = ev->frame;
        break;
    default:
        break;
    }
}

/* RFC 9846 §6.2 alert 86: the server saw TLS_FALLBACK_SCSV (RFC 7507) with
 * a version below its highest. */
void findings_alert(struct analyzer *a, struct handshake *h, const struct event *ev,
                    struct item *out)
{
    if (out->has_alert && out->alert_desc == 86)
        add(a, h, out, ev, FINDING_INAPPROPRIATE_FALLBACK, 0, 0);
}

/* RFC 6520 §4: a HeartbeatMessage is type (1), payload_length (2), the
 * payload and at least 16 bytes of padding; a request whose payload_length
 * is more than it carries made Heartbleed's servers answer with memory. */
void findings_heartbeat(struct analyzer *a, struct handshake *h, const struct event *ev,
                        struct item *out)
{
    struct reader r;
    guint8 type;
    guint16 length;
    rd_init(&r, ev->data, ev->len);
    if (rd_u8(&r, &type) && rd_u16(&r, &length) && type == 1 &&
        (gsize)length + 16 > rd_left(&r))
        add(a, h, out, ev, FINDING_HEARTBLEED, 0, length);
}

/* ---- Why it failed ---- */

static gboolean found(const struct handshake *h, guint8 kind, guint32 *frame)
{
    for (guint i = 0; i < h->found.n; i++)
        if (h->found.list[i].kind == kind) {
            *frame = h->found.list[i].frame;
            return TRUE;
        }
    return FALSE;
}

static gboolean certificate_alert(guint8 desc)
{
    /* bad_certificate .. unknown_ca, and certificate_required (RFC 9846 §6.2) */
    return (desc >= 42 && desc <= 48) || desc == 116;
}

static void chain_cause(const struct handshake *h, struct diagnosis *d)
{
    static const struct { guint8 kind; const char *key; } causes[] = {
        { FINDING_CERT_EXPIRED, "cert_expired" },
        { FINDING_CERT_NOT_YET_VALID, "cert_not_yet_valid" },
        { FINDING_CERT_HOSTNAME, "cert_hostname" },
        { FINDING_CERT_SELF_SIGNED, "cert_self_signed" },
        { FINDING_CERT_WEAK_SIGNATURE, "cert_weak_signature" },
        { FINDING_CERT_RSA_SMALL, "cert_rsa_small" },
    };
    for (gsize i = 0; i < G_N_ELEMENTS(causes); i++)
        if (found(h, causes[i].kind, &d->frame)) {
            d->key = causes[i].key;
            return;
        }
    d->frame = h->found.cert_frame;
    d->key = h->found.cert_frame ? "cert_rejected"
           : h->encrypted_flight[SENDER_SERVER] ? "cert_encrypted" : "cert_unseen";
}

static void alert_cause(const struct handshake *h, guint8 desc, struct diagnosis *d)
{
    if (found(h, FINDING_INAPPROPRIATE_FALLBACK, &d->frame))
        d->key = "fallback";
    else if (found(h, FINDING_DOWNGRADE, &d->frame))
        d->key = "downgrade";
    else if (h->found.client_cert_empty && h->found.cert_request_frame &&
             (desc == 40 || desc == 42 || desc == 116)) {
        d->key = "no_client_cert";
        d->frame = h->found.client_cert_frame;
    } else if (certificate_alert(desc))
        chain_cause(h, d);
    else if (desc == 70) {
        d->key = "version";
        d->frame = h->found.client_hello_frame;
    } else if ((desc == 40 || desc == 71) && !h->saw_server_hello && h->offer) {
        d->key = "nothing_shared";
        d->frame = h->found.client_hello_frame;
        d->value = h->offer->n_suites;
    } else if ((desc == 51 || desc == 20) && (h->found.finished_frame[SENDER_CLIENT] ||
                                               h->found.finished_frame[SENDER_SERVER])) {
        d->key = "finished";
        d->frame = h->found.finished_frame[SENDER_SERVER] ? h->found.finished_frame[SENDER_SERVER]
                                                          : h->found.finished_frame[SENDER_CLIENT];
    } else if (desc == 51 || desc == 20) {
        d->key = "decrypt_error";
    } else {
        d->key = "unexplained";
    }
}

void findings_summarise(struct analyzer *a, const struct handshake *h, struct summary *s)
{
    if (h->found.n) {
        struct finding *list = analyzer_alloc(a, h->found.n * sizeof *list);
        memcpy(list, h->found.list, h->found.n * sizeof *list);
        s->findings = list;
        s->n_findings = h->found.n;
    }
    if (s->outcome != OUTCOME_FAILED)
        return;
    if (s->has_alert)
        alert_cause(h, s->alert, &s->diagnosis);
    else if (h->encrypted_flight[SENDER_SERVER] && !h->found.cert_frame)
        s->diagnosis.key = "closed_encrypted";
    else
        s->diagnosis.key = "closed";
}

/* ---- The summary's Security subtree ---- */

/* The most severe warning or error, the first of them when several tie;
 * a note is not a weakness of its own. */
static const struct finding *weakest(const struct summary *s)
{
    const struct finding *w = NULL;
    guint8 worst = SEVERITY_NOTE;
    for (guint i = 0; i < s->n_findings; i++)
        if (defs[s->findings[i].kind].severity > worst) {
            w = &s->findings[i];
            worst = defs[w->kind].severity;
        }
    return w;
}

static const char *forward_secrecy_key(const struct summary *s)
{
    const struct reg_suite *suite = s->suite ? reg_suite(s->suite) : NULL;
    if (s->outcome == OUTCOME_FAILED)
        return "fs_failed";
    if (s->resumption != RES_NONE && !tlsx_version_tls13(s->version))
        return "fs_resumed";
    if (!s->fs_known)
        return s->resumption != RES_NONE ? "fs_psk_unknown" : "fs_unknown";
    if (s->forward_secrecy)
        return "fs_yes";
    if (s->resumption != RES_NONE)
        return "fs_psk_ke";
    return suite && strcmp(suite->kx, "RSA") == 0 ? "fs_rsa" : "fs_no";
}

/* A warning about the server's certificate: a checking client refuses it. */
static gboolean certificate_flawed(const struct summary *s)
{
    for (guint i = 0; i < s->n_findings; i++) {
        const struct finding_def *d = &defs[s->findings[i].kind];
        if (d->severity >= SEVERITY_WARN && g_str_has_prefix(d->name, "cert_"))
            return TRUE;
    }
    return FALSE;
}

static const char *authentication_key(const struct summary *s)
{
    const struct reg_suite *suite = s->suite ? reg_suite(s->suite) : NULL;
    if (s->outcome == OUTCOME_FAILED)
        return "auth_failed";
    if (s->resumption != RES_NONE)
        return "auth_resumed";
    if (!s->chain_known)
        return "auth_unknown";
    if (s->chain_length == 0)
        return suite && (suite->flags & REG_SUITE_ANON) ? "auth_none" : "auth_psk";
    if (certificate_flawed(s))
        return "auth_flawed";
    if (s->client_auth)
        return "auth_mutual";
    return suite && strcmp(suite->kx, "RSA") == 0 ? "auth_server_rsa" : "auth_server";
}

void findings_security(const struct summary *s, struct security_view *out)
{
    out->forward_secrecy = forward_secrecy_key(s);
    out->authentication = authentication_key(s);
    out->finding = weakest(s);
    out->weakest = out->finding ? "weakest"
                 : s->n_findings ? "only_notes"
                 : s->outcome == OUTCOME_ESTABLISHED ? "nothing_weak" : "nothing_weak_seen";
}
