/* The story of a handshake: what the client offered and the server chose,
 * whether and how a session was resumed, tickets and their ages, and a
 * summary when the handshake ends. Everything is worked out in frame order
 * on the first pass; items get links and summaries that never change after.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "registry.h"
#include "session_priv.h"
#include "strbuf.h"

static void story_release(struct analyzer *a, struct handshake *h);

static struct links *links_of(struct analyzer *a, struct item *out)
{
    struct item_extra *x = item_extra_of(a, out);
    if (!x->links) {
        x->links = analyzer_alloc(a, sizeof(struct links));
    }
    return (struct links *)x->links;
}

static gboolean resumed_now(const struct handshake *h);

void story_note(struct analyzer *a, struct item *out, const char *note)
{
    links_of(a, out)->note = note;
}

static struct issued *issued_ticket(struct analyzer *a, guint32 hash)
{
    return g_hash_table_lookup(a->tickets, GUINT_TO_POINTER(hash));
}

/* The issuing item's extra part is kept so that later uses can be listed on
 * it; what it lists is drawn only once the whole capture has been read. */
static void remember(struct analyzer *a, GHashTable *table, gpointer key, const struct event *ev,
                     guint32 age_add, gboolean tls13, struct item *issuer)
{
    struct issued *i = g_new0(struct issued, 1);
    i->frame = ev->frame;
    i->time = ev->time;
    i->age_add = age_add;
    i->tls13 = tls13;
    i->issuer = item_extra_of(a, issuer);
    g_hash_table_replace(table, key, i);
}

static void record_use(struct analyzer *a, const struct issued *i, guint32 frame)
{
    struct links *l = (struct links *)i->issuer->links;
    struct uses *u;
    if (!l) {
        l = analyzer_alloc(a, sizeof *l);
        i->issuer->links = l;
    }
    u = (struct uses *)l->used;
    if (!u) {
        u = analyzer_alloc(a, sizeof *u);
        l->used = u;
    }
    if (u->count < USES_KEPT)
        u->frames[u->count] = frame;
    u->count++;
}

static struct issued *issued_session(struct analyzer *a, const guint8 *id, guint len)
{
    GBytes *key = g_bytes_new(id, len);
    struct issued *i = g_hash_table_lookup(a->sessions, key);
    g_bytes_unref(key);
    return i;
}

static void history_add(struct handshake *h, guint8 sender, const char *name)
{
    if (!h->story.history)
        h->story.history = g_string_new(NULL);
    if (sender != h->story.last_sender || h->story.history->len == 0) {
        if (h->story.history->len)
            sb_puts(h->story.history, " | ");
        sb_puts(h->story.history, sender == SENDER_CLIENT ? "C: "
                                    : sender == SENDER_SERVER ? "S: " : "?: ");
        /* A HelloRequest before the ClientHello is not a round trip of it. */
        if (sender == SENDER_SERVER && h->have_client_hello)
            h->story.server_flights++;
        h->story.last_sender = sender;
    } else {
        sb_puts(h->story.history, ", ");
    }
    sb_puts(h->story.history, name);
}

/* A TLS 1.3 ticket's real age: the client adds ticket_age_add to the age in
 * milliseconds, modulo 2^32 (RFC 8446 §4.2.11.1). */
static void ticket_age(const struct issued *i, guint32 obfuscated, gdouble now, struct links *l)
{
    l->have_age = TRUE;
    l->real_age_ms = (gint64)(guint32)(obfuscated - i->age_add);
    l->elapsed_ms = (gint64)((now - i->time) * 1000.0 + 0.5);
}

/* What the ClientHello offers to resume, linked both ways with where it was
 * issued. A ClientHello repeated after HelloRetryRequest or
 * HelloVerifyRequest (first == FALSE) is not another use. */
static void offered_resumption(struct analyzer *a, struct handshake *h,
                               const struct event *ev, struct item *out, gboolean first)
{
    const struct offer *o = h->offer;
    const struct issued *i = NULL;
    if (o->n_psk > 0) {
        i = issued_ticket(a, o->psk_hash[0]);
        if (i && i->tls13)
            ticket_age(i, o->psk_age[0], ev->time, links_of(a, out));
        for (guint k = 0; first && k < o->n_psk; k++) {
            const struct issued *other = issued_ticket(a, o->psk_hash[k]);
            if (other)
                record_use(a, other, ev->frame);
        }
    } else if (o->ticket_len > 0) {
        i = issued_ticket(a, o->ticket_hash);
    } else if (o->session_id_len > 0 && !o->offers_tls13) {
        i = issued_session(a, o->session_id, o->session_id_len);
    }
    if (i)
        links_of(a, out)->ticket_from = i->frame;
    if (i && first && o->n_psk == 0)
        record_use(a, i, ev->frame);
}

void story_client_hello(struct analyzer *a, struct handshake *h, const struct event *ev,
                        const struct hs_message *m, struct item *out)
{
    gboolean first = !h->offer;
    if (first) {
        h->offer = a->spare_offers->len
                 ? g_ptr_array_steal_index_fast(a->spare_offers, a->spare_offers->len - 1)
                 : g_new(struct offer, 1);
        h->story.client_hello_frame = ev->frame;
        if (!h->timed)
            h->start_time = ev->time;
        h->timed = TRUE;
    } else {
        /* The ClientHello after a HelloRetryRequest or HelloVerifyRequest. */
        h->story.client_hello_frame = ev->frame;
    }
    offer_read(ev->data, ev->len, m, h->offer);
    h->story.early_data = h->offer->early_data;
    offered_resumption(a, h, ev, out, first);
}

/* The ClientHello's extension types, kept for the answers drawn under each
 * of the server's extensions. */
static void extension_links(struct analyzer *a, const struct offer *o, struct links *l)
{
    guint16 *types = analyzer_alloc(a, MAX(o->n_ext, 1) * sizeof *types);
    memcpy(types, o->ext_types, o->n_ext * sizeof *types);
    l->offered_ext = types;
    l->n_offered_ext = (guint16)o->n_ext;
    l->scsv = o->scsv;
}

/* How many extensions of a server's block (the vector's contents) answer
 * none the client sent, which the client must refuse (RFC 8446 §4.2): full
 * detail warns on each, and without a tree the count says how often. */
static guint16 refused_extensions(const struct links *l, guint8 msg_type, struct reader exts)
{
    struct reader body;
    guint16 type, n = 0;
    guint pos;
    while (rd_u16(&exts, &type) && rd_vec16(&exts, &body))
        if (links_refused(links_extension_key(l, msg_type, type, &pos)) && n < G_MAXUINT16)
            n++;
    return n;
}

static void version_links(const struct offer *o, const struct hs_message *m, struct links *l)
{
    guint16 chosen = m->u.sh.selected_version;
    l->version = chosen;
    l->version_in_ext = m->u.sh.version_in_ext;
    l->version_count = (guint16)o->n_versions;
    l->version_pos = (guint16)offer_position(o->versions, o->n_versions, chosen);
    l->client_version = o->legacy_version;
}

static void choice_links(struct analyzer *a, struct handshake *h, const struct hs_message *m,
                         struct links *l)
{
    const struct offer *o = h->offer;
    l->offered_in = h->story.client_hello_frame;
    version_links(o, m, l);
    extension_links(a, o, l);
    l->suite_pos = (guint16)offer_position(o->suites, o->n_suites, h->offer->choice.suite);
    l->suite_count = (guint16)o->n_suites;
    l->group = h->offer->choice.share_group;
    if (m->u.sh.is_hrr) {
        /* HRR names a group from supported_groups the client sent no share for. */
        l->group_pos = (guint16)offer_position(o->groups, o->n_groups, l->group);
        l->group_count = (guint16)o->n_groups;
        l->group_shared = offer_position(o->shares, o->n_shares, l->group) != 0;
    } else if (l->group) {
        l->group_pos = (guint16)offer_position(o->shares, o->n_shares, l->group);
        l->group_count = (guint16)o->n_shares;
    }
}

/* "number 1 of the 1 offered" reads oddly: a choice among one has its own text. */
static const char *of_one(guint count)
{
    return count == 1 ? "text_only" : "text";
}

/* DTLS numbers its versions downwards (RFC 6347 §4.1). */
static gboolean version_newer(guint16 a, guint16 b)
{
    gboolean dtls = (a >> 8) == 0xfe && (b >> 8) == 0xfe;
    return dtls ? a < b : a > b;
}

const char *links_version_key(const struct links *l)
{
    if (!l->version_count)
        return version_newer(l->version, l->client_version) ? "text_legacy_higher" : "text_legacy";
    if (!l->version_pos)
        return l->version_in_ext ? "text_not_offered" : "text_not_offered_legacy";
    return of_one(l->version_count);
}

const char *links_suite_key(const struct links *l)
{
    return l->suite_pos ? of_one(l->suite_count) : "text_not_offered";
}

const char *links_group_key(const struct links *l, gboolean hrr)
{
    if (!l->group_pos)
        return "text_not_offered";
    return hrr && l->group_shared ? "text_already_shared" : of_one(l->group_count);
}

const char *links_alpn_key(const struct links *l)
{
    return of_one(l->alpn_count);
}

#define EXT_COOKIE 44
#define EXT_RENEGOTIATION_INFO 0xff01

const char *links_extension_key(const struct links *l, guint8 msg_type, guint16 type,
                                guint *pos)
{
    *pos = offer_position(l->offered_ext, l->n_offered_ext, type);
    if (*pos)
        return "text";
    if (type == EXT_COOKIE && msg_type == HS_HELLO_RETRY_REQUEST)
        return "text_cookie";
    /* The SCSV stands for an empty renegotiation_info (RFC 5746 §3.3). */
    return type == EXT_RENEGOTIATION_INFO && l->scsv ? "text_scsv" : "text_not_offered";
}

gboolean links_refused(const char *key)
{
    return strcmp(key, "text_not_offered") == 0 || strcmp(key, "text_not_offered_legacy") == 0 ||
           strcmp(key, "text_legacy_higher") == 0 || strcmp(key, "text_already_shared") == 0;
}

static void alpn_links(const struct offer *o, const char *chosen, struct links *l)
{
    for (guint i = 0; i < o->n_alpn; i++)
        if (strcmp(o->alpn[i], chosen) == 0)
            l->alpn_pos = (guint16)(i + 1);
    l->alpn_count = (guint16)o->n_alpn;
}

static void decide(struct handshake *h, struct links *l, enum resumption how, gboolean resumed,
                   const struct issued *from)
{
    h->story.resumption = (guint8)how;
    h->story.resumption_decided = TRUE;
    h->story.resumed_from = resumed && from ? from->frame : 0;
    l->resumption = (guint8)how;
    l->resumed = resumed;
    l->resumed_from = h->story.resumed_from;
}

static void resumption_tls13(struct analyzer *a, struct handshake *h, struct links *l)
{
    const struct offer *o = h->offer;
    if (h->offer->choice.psk) {
        guint idx = h->offer->choice.psk_identity;
        decide(h, l, RES_PSK, TRUE, idx < o->n_psk ? issued_ticket(a, o->psk_hash[idx]) : NULL);
    } else if (o->n_psk > 0) {
        decide(h, l, RES_PSK, FALSE, NULL);
    }
}

/* TLS 1.2: accepting a session ID, the server echoes it; accepting a ticket
 * it echoes the client's session ID if there was one, and otherwise shows it
 * only by skipping the Certificate (RFC 5077 §3.4). */
static void resumption_tls12(struct analyzer *a, struct handshake *h, const struct event *ev,
                             struct item *out, struct links *l)
{
    const struct offer *o = h->offer;
    const struct choice *c = &h->offer->choice;
    gboolean echoed = o->session_id_len > 0 && o->session_id_len == c->session_id_len &&
                      memcmp(o->session_id, c->session_id, c->session_id_len) == 0;
    if (o->ticket_len > 0) {
        if (echoed)
            decide(h, l, RES_TICKET, TRUE, issued_ticket(a, o->ticket_hash));
    } else if (o->session_id_len > 0) {
        decide(h, l, RES_SESSION_ID, echoed,
               issued_session(a, o->session_id, o->session_id_len));
    }
    /* A new session ID from a full handshake can be resumed later. */
    if (!echoed && c->session_id_len > 0)
        remember(a, a->sessions, g_bytes_new(c->session_id, c->session_id_len), ev, 0, FALSE,
                 out);
}

void story_server_hello(struct analyzer *a, struct handshake *h, const struct event *ev,
                        const struct hs_message *m, struct item *out)
{
    struct links *l;
    if (!h->offer)
        return;  /* the capture began after the ClientHello */
    choice_read(ev->data, ev->len, m, &h->offer->choice);
    l = links_of(a, out);
    choice_links(a, h, m, l);
    if (m->u.sh.ext.present) {
        struct reader exts;
        if (rd_view(ev->data, ev->len, &m->u.sh.ext.block, &exts))
            l->refused_ext = refused_extensions(l, out->msg_type, exts);
    }
    if (m->u.sh.is_hrr) {
        h->story.hrr = TRUE;
        return;
    }
    h->story.group = h->offer->choice.share_group;
    if (tlsx_version_draft(h->version) && !l->note)
        l->note = "note.tls13_draft";
    if (h->offer->choice.alpn[0]) {
        h->story.alpn = analyzer_intern(a, h->offer->choice.alpn);
        alpn_links(h->offer, h->story.alpn, l);
    }
    if (tlsx_version_tls13(h->offer->choice.version))
        resumption_tls13(a, h, l);
    else
        resumption_tls12(a, h, ev, out, l);
}

static void new_session_ticket(struct analyzer *a, struct handshake *h, const struct event *ev,
                               const struct hs_message *m, struct item *out)
{
    guint32 lifetime, age_add, hash;
    gsize len;
    if (h->tls13 && ticket13_read(ev->data, ev->len, m, &lifetime, &age_add, &hash))
        remember(a, a->tickets, GUINT_TO_POINTER(hash), ev, age_add, TRUE, out);
    else if (!h->tls13 && ticket12_read(ev->data, ev->len, m, &lifetime, &hash, &len) &&
             len > 0)
        remember(a, a->tickets, GUINT_TO_POINTER(hash), ev, 0, FALSE, out);
}

static void server_certificate(struct analyzer *a, struct handshake *h,
                               const struct hs_message *m, struct item *out)
{
    /* A resumed session reuses its keys: no certificate is expected. */
    if (h->story.resumption_decided && h->story.resumption != RES_NONE && resumed_now(h))
        links_of(a, out)->note = h->tls13 ? "note.unexpected_certificate_psk"
                                          : "note.unexpected_certificate_resumed";
    h->story.saw_certificate = TRUE;
    h->story.chain_length = m->cert_count;
    /* A ticket offered without a session ID: a Certificate means refused. */
    if (!h->tls13 && !h->story.resumption_decided && h->offer && h->offer->ticket_len > 0)
        decide(h, links_of(a, out), RES_TICKET, FALSE, NULL);
}

void story_message(struct analyzer *a, struct handshake *h, const struct event *ev,
                   const struct hs_message *m, struct item *out)
{
    history_add(h, out->sender, out->message);
    switch (out->msg_type) {
    case HS_CERTIFICATE:
        if (out->sender == SENDER_SERVER)
            server_certificate(a, h, m, out);
        else
            h->story.client_cert = m->cert_count > 0;
        break;
    case HS_CERTIFICATE_REQUEST:
        h->story.client_auth = TRUE;
        break;
    case HS_SERVER_KEY_EXCHANGE:
        if (h->kx == KX_RSA)
            links_of(a, out)->note = "note.unexpected_ske_rsa";
        h->story.saw_ske = TRUE;
        h->story.group = m->ske_group;
        h->story.dh_bits = m->dh_bits;
        break;
    case HS_SERVER_HELLO_DONE:
        h->story.saw_server_hello_done = TRUE;
        if (!h->story.saw_ske && (h->kx == KX_RSA || h->kx == KX_PSK || h->kx == KX_RSA_PSK))
            links_of(a, out)->note = h->kx == KX_RSA ? "note.no_ske_rsa" : "note.no_ske_psk";
        break;
    case HS_NEW_SESSION_TICKET:
        new_session_ticket(a, h, ev, m, out);
        break;
    case HS_ENCRYPTED_EXTENSIONS: {
        char alpn[64];
        encrypted_extensions_read(ev->data, ev->len, m, alpn, sizeof alpn,
                                  &h->story.early_accepted);
        h->story.saw_encrypted_extensions = TRUE;
        if (h->offer) {
            struct links *l = links_of(a, out);
            struct reader r, exts;
            l->offered_in = h->story.client_hello_frame;
            extension_links(a, h->offer, l);
            rd_init(&r, ev->data, ev->len);
            if (rd_skip(&r, m->header_len) && rd_vec16(&r, &exts))
                l->refused_ext = refused_extensions(l, out->msg_type, exts);
        }
        if (alpn[0]) {
            h->story.alpn = analyzer_intern(a, alpn);
            if (h->offer)
                alpn_links(h->offer, h->story.alpn, links_of(a, out));
        }
        break;
    }
    case HS_HELLO_VERIFY_REQUEST:
        h->story.cookie = TRUE;
        break;
    default:
        break;
    }
}

void story_malformed(struct handshake *h, const struct item *out)
{
    history_add(h, out->sender, out->message);
}

/* Records that are not handshake messages of their own: ChangeCipherSpec,
 * encrypted handshake records, alerts. */
void story_record(struct analyzer *a, struct handshake *h, struct item *out)
{
    history_add(h, out->sender, out->message);
    if (out->kind == EV_CCS && out->sender == SENDER_SERVER && !h->tls13 &&
        h->saw_server_hello && !h->story.saw_server_hello_done &&
        !h->story.saw_certificate && !h->under_old_keys) {
        /* Straight from ServerHello to ChangeCipherSpec: an abbreviated
         * handshake (RFC 5246 §7.3, RFC 5077 §3.1). A full one always ends
         * the server's first flight with ServerHelloDone, also when a
         * pre-shared-key or anonymous suite sends no certificate. */
        struct links *l = links_of(a, out);
        if (!h->story.resumption_decided && h->offer)
            decide(h, l, h->offer->ticket_len > 0 ? RES_TICKET : RES_SESSION_ID, TRUE,
                   h->offer->ticket_len > 0 ? issued_ticket(a, h->offer->ticket_hash) : NULL);
        l->note = "note.resumed_no_certificate";
    }
}

static const char *version_tag(guint16 v)
{
    if (tlsx_version_draft(v))
        return "tls13";
    switch (v) {
    case 0x0304: return "tls13";
    case 0x0303: return "tls12";
    case 0x0302: return "tls11";
    case 0x0301: return "tls10";
    case 0x0300: return "ssl3";
    case 0xfefd: return "dtls12";
    case 0xfeff:
    case 0x0100: return "dtls10";
    default: return "tls";
    }
}

static const char *kx_tag(guint8 kx)
{
    static const char *const tags[] = {
        [KX_RSA] = "rsa", [KX_DHE] = "dhe", [KX_ECDHE] = "ecdhe", [KX_DH_ANON] = "dh-anon",
        [KX_ECDH_ANON] = "ecdh-anon", [KX_DH] = "dh", [KX_ECDH] = "ecdh", [KX_PSK] = "psk",
        [KX_DHE_PSK] = "dhe-psk", [KX_ECDHE_PSK] = "ecdhe-psk", [KX_RSA_PSK] = "rsa-psk",
        [KX_RSA_EXPORT] = "rsa-export", [KX_SRP] = "srp",
    };
    return kx < G_N_ELEMENTS(tags) && tags[kx] ? tags[kx] : "unknown";
}

static gboolean resumed_now(const struct handshake *h)
{
    if (h->story.resumption == RES_NONE)
        return FALSE;
    if (h->story.resumption == RES_PSK)
        return h->offer && h->offer->choice.psk;
    return h->story.resumption_decided && !h->story.saw_certificate;
}

/* Only the server's EncryptedExtensions says whether it took the early data
 * (RFC 8446 §4.2.10); without keys we can tell only that the client offered it. */
static const char *early_data_tag(const struct handshake *h)
{
    if (!h->story.early_data)
        return "-psk";
    if (!h->story.saw_encrypted_extensions)
        return "-psk-0rtt-offered";
    return h->story.early_accepted ? "-psk-0rtt" : "-psk";
}

static char *flow_name(const struct handshake *h, enum outcome outcome)
{
    /* QUIC runs the TLS 1.3 handshake without records (RFC 9001 §4). */
    GString *f = g_string_sized_new(64);
    sb_puts(f, h->proto == TLSX_QUIC ? "quic-" : "");
    sb_puts(f, h->version || h->proto != TLSX_DTLS ? version_tag(h->version) : "dtls");
    gboolean resumed = resumed_now(h);
    if (outcome == OUTCOME_FAILED)
        sb_puts(f, "-failed");
    else if (outcome == OUTCOME_INCOMPLETE)
        sb_puts(f, "-incomplete");
    else if (h->tls13)
        sb_puts(f, resumed ? early_data_tag(h) : "-1rtt");
    else if (resumed)
        sb_puts(f, "-abbreviated");
    else {
        sb_puts(f, "-full-");
        sb_puts(f, kx_tag(h->kx));
    }
    if (h->story.hrr)
        sb_puts(f, "+hrr");
    if (h->story.cookie)
        sb_puts(f, "+cookie");
    if (h->story.client_auth)
        sb_puts(f, "+client-auth");
    if (h->under_old_keys || h->renegotiation)
        sb_puts(f, "+renegotiation");
    return g_string_free(f, FALSE);
}

static void forward_secrecy(const struct handshake *h, struct summary *s)
{
    const struct reg_suite *suite = reg_suite(h->suite);
    /* A resumed TLS 1.2 session reuses an old master secret: whether it is
     * forward-secret was settled by the handshake that made it. */
    s->fs_known = h->suite != 0 && (h->tls13 || !resumed_now(h));
    if (h->tls13)
        /* psk_ke resumes without a fresh (EC)DHE: no forward secrecy. */
        s->forward_secrecy = !resumed_now(h) || h->story.group != 0;
    else
        s->forward_secrecy = suite && (suite->flags & REG_SUITE_FS);
}

static gboolean offers_resumption(const struct handshake *h)
{
    const struct offer *o = h->offer;
    return o && (o->n_psk > 0 || o->ticket_len > 0 || (o->session_id_len > 0 && !o->offers_tls13));
}

/* A handshake the capture does not finish may still have resumed or asked
 * for a client certificate: only what was seen is known. */
static void incomplete_knowledge(const struct handshake *h, struct summary *s)
{
    s->resumption_known = h->story.resumption_decided || (h->saw_server_hello && !offers_resumption(h));
    s->client_auth_known = s->client_auth_known &&
                           (h->story.client_auth || h->story.saw_server_hello_done ||
                            h->finished[SENDER_SERVER] || resumed_now(h));
    /* A Certificate may still have been on its way, unless the server's
     * flight was over (TLS 1.2's ServerHelloDone) or a resumption needs none. */
    s->chain_known = h->story.saw_certificate || (!h->tls13 && h->story.saw_server_hello_done) ||
                     (h->story.resumption_decided && resumed_now(h));
}

/* The handshake as it stands, told in a few lines. */
static struct summary *summarise(struct analyzer *a, const struct handshake *h,
                                 enum outcome outcome, gdouble end_time)
{
    struct summary *s = analyzer_alloc(a, sizeof *s);
    char *flow;
    s->outcome = (guint8)outcome;
    s->version = h->version;
    s->suite = h->suite;
    s->group = h->story.group;
    s->dh_bits = h->story.dh_bits;
    s->chain_length = h->story.chain_length;
    /* No Certificate seen means none was sent only where it would have been
     * readable: in clear before TLS 1.3, or when a PSK made it unnecessary. */
    s->chain_known = h->story.saw_certificate ||
                     (h->saw_server_hello && (h->tls13 ? resumed_now(h) : !h->under_old_keys));
    s->client_auth = h->story.client_auth;
    s->resumption_known = TRUE;
    /* A request for the client's certificate travels inside an encrypted
     * flight in TLS 1.3 (never with a PSK, RFC 8446 §4.3.2) and in a
     * renegotiation under the old keys: unread, it is unknown. */
    s->client_auth_known = h->story.client_auth ||
        !((h->tls13 && h->encrypted_flight[SENDER_SERVER] && !resumed_now(h)) ||
          h->under_old_keys);
    if (outcome == OUTCOME_INCOMPLETE)
        incomplete_knowledge(h, s);
    s->resumption = resumed_now(h) ? h->story.resumption : RES_NONE;
    s->resumed_from = s->resumption ? h->story.resumed_from : 0;
    /* Server flights the client waited for until the handshake was done:
     * 2 for a full TLS 1.2 handshake, 1 for TLS 1.3 or an abbreviated one. */
    s->round_trips = h->story.server_flights;
    s->duration = h->timed ? end_time - h->start_time : 0;
    forward_secrecy(h, s);
    /* Only EncryptedExtensions says whether the server took it. */
    s->early_data = !h->story.early_data ? EARLY_NONE : !h->story.saw_encrypted_extensions ? EARLY_OFFERED
                  : h->story.early_accepted ? EARLY_ACCEPTED : EARLY_REJECTED;
    flow = flow_name(h, outcome);
    s->flow = analyzer_intern(a, flow);
    g_free(flow);
    s->sni = h->offer && h->offer->sni[0] ? analyzer_intern(a, h->offer->sni) : NULL;
    s->alpn = h->story.alpn;
    s->history = analyzer_intern(a, h->story.history ? h->story.history->str : "");
    return s;
}

void story_end(struct analyzer *a, struct handshake *h, const struct event *ev,
               struct item *out, enum outcome outcome)
{
    struct summary *s;
    if (h->ended)
        return;
    h->ended = TRUE;
    s = summarise(a, h, outcome, ev->time);
    s->has_alert = out->has_alert;
    s->alert = out->alert_desc;
    findings_summarise(a, h, s);
    item_extra_of(a, out)->summary = s;
    story_release(a, h);
    checks_release(a, h);
}

/* Nothing in the capture ended it: incomplete, as far as the capture goes.
 * Made again only if more was fed since (a live capture grows). */
const struct summary *story_unfinished(struct analyzer *a, struct handshake *h)
{
    struct summary *s;
    if (h->story.unfinished && h->story.unfinished_fed == h->fed)
        return h->story.unfinished;
    s = summarise(a, h, OUTCOME_INCOMPLETE, h->last_time);
    findings_summarise(a, h, s);
    s->note = h->have_client_hello && h->story.server_flights == 0 && !h->started_mid &&
              !h->under_old_keys ? "note.capture_ended_no_answer" : "note.capture_ended";
    h->story.unfinished = s;
    h->story.unfinished_fed = h->fed;
    return s;
}

static void story_release(struct analyzer *a, struct handshake *h)
{
    if (h->offer && a->spare_offers->len < SPARES_KEPT) {
        g_ptr_array_add(a->spare_offers, h->offer);
        h->offer = NULL;
    }
    story_free_handshake(h);
}

/* What only a running handshake needs. */
void story_free_handshake(struct handshake *h)
{
    g_free(h->offer);
    h->offer = NULL;
    if (h->story.history)
        g_string_free(h->story.history, TRUE);
    h->story.history = NULL;
}
