/* The postdissector: on the first pass, find the handshake messages and
 * records Wireshark's TLS, DTLS and QUIC dissectors produced, let core
 * reason about them in frame order, and store the facts; on every pass,
 * draw the stored facts.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include <epan/packet.h>
#include <epan/proto_data.h>
#include <epan/address.h>
#include "offer.h"
#include "compat.h"
#include "context.h"
#include "facts.h"
#include "fields.h"
#include "taps.h"
#include "text.h"

void proto_register_tlsexplain(void);
void proto_reg_handoff_tlsexplain(void);

#define TLS_RECORD_HEADER 5
#define DTLS_RECORD_HEADER 13
#define CT_CHANGE_CIPHER_SPEC 20
#define CT_ALERT 21
#define CT_HANDSHAKE 22
#define CT_APPLICATION_DATA 23
#define CT_HEARTBEAT 24

/* The Wireshark fields we read; each may be registered more than once
 * under one name (before 4.4, tls.handshake.type is also SSLv2's). */
enum role { R_TLS_RECORD, R_DTLS_RECORD, R_TLS_HS_TYPE, R_DTLS_HS_TYPE, R_ALERT,
            R_SSL2_HS_TYPE, R_TCP_FIN, R_TCP_RST,
            R_QUIC_FORM, R_QUIC_LONG_TYPE, R_QUIC_OPAQUE,
            R_BARREN, R_TCP, R_COUNT_ };

/* QUIC v1 long header packet type of Handshake packets (RFC 9000 §17.2). */
#define QUIC_LONG_HANDSHAKE 2

/* Where the TCP flags sit in the TCP header, with the reserved bits and
 * data offset before them (RFC 9293 §3.1), as tcp.flags spans them. */
#define TCP_FLAGS_OFFSET 12
#define TCP_FLAGS_LENGTH 2

struct wanted_field {
    int id;
    enum role role;
};

static struct wanted_field wanted[16];
static guint n_wanted;
static dissector_handle_t tlsexplain_handle;

struct record_ctx {
    tvbuff_t *ds;
    guint offset;
    guint length;
    guint8 outer;
    gboolean dtls;
    gboolean saw_message;
    gboolean saw_alert;
    gboolean sslv2;      /* an SSL 2.0 record (only its ClientHello is ours) */
};

struct walk {
    packet_info *pinfo;
    struct analyzer *analyzer;
    GArray *placed;      /* struct placed_item */
    gboolean located;    /* conn and side are known */
    int decrypted[2];    /* -1 until asked: did Wireshark decrypt TLS, DTLS here */
    guint64 conn;
    int side;
    GArray *whole;       /* struct dtls_whole */
    guint32 bodies_used; /* "Reassembled DTLS" sources already matched */
    gboolean feeding_whole;
    int quic_type;       /* long packet type of the QUIC packet being walked, or -1 */
    field_info *tcp;     /* the frame's TCP header, if it may be closing */
};

/* Every node of the tree is asked, and in a first pass without -V most
 * nodes are wanted ones: an open-addressed table answers in a step or two. */
#define ROLE_SLOTS 64
static struct { int id; int role; } role_table[ROLE_SLOTS];

static int role_of(int id)
{
    for (guint i = (guint)id % ROLE_SLOTS;; i = (i + 1) % ROLE_SLOTS) {
        if (role_table[i].id == id)
            return role_table[i].role;
        if (role_table[i].id == -1)
            return -1;
    }
}

static void index_role(int id, enum role role)
{
    guint slot = (guint)id % ROLE_SLOTS;
    if (id < 0)
        return;
    while (role_table[slot].id != -1)
        slot = (slot + 1) % ROLE_SLOTS;
    role_table[slot].id = id;
    role_table[slot].role = (int)role;
}

/* Protocols whose subtrees never hold a field we read: in a visible tree
 * (tshark -V) they are most of its nodes. TLS is TCP's sibling, not its
 * child. */
static const char *const barren_protocols[] = { "frame", "eth", "ip", "ipv6", "udp" };

/* At most 16 wanted fields and 6 protocols: the table never fills. */
static void index_roles(void)
{
    for (guint i = 0; i < ROLE_SLOTS; i++)
        role_table[i].id = -1;
    for (guint i = 0; i < n_wanted; i++)
        index_role(wanted[i].id, wanted[i].role);
    for (guint i = 0; i < G_N_ELEMENTS(barren_protocols); i++)
        index_role(proto_get_id_by_filter_name(barren_protocols[i]), R_BARREN);
    index_role(proto_get_id_by_filter_name("tcp"), R_TCP);
}

static guint ds_index_of(packet_info *pinfo, tvbuff_t *tvb)
{
    guint i = 0;
    for (GSList *l = pinfo->data_src; l; l = l->next, i++)
        if (TLSX_DS_TVB((struct data_source *)l->data) == tvb)
            return i;
    return G_MAXUINT;
}

static int endpoint_side(packet_info *pinfo);

/* The connection is its two endpoints, in a fixed order so both directions
 * agree; hashing them is much cheaper than a conversation lookup and does
 * not depend on which dissector made the conversation. Looked up only for
 * frames that carry something to feed. */
static void put_bytes(guint8 *key, gsize *n, const void *data, gsize len)
{
    /* Longer than an IPv6 address: its hash stands for it. */
    if (len > 16) {
        guint64 h = offer_hash64(data, len);
        put_bytes(key, n, &h, sizeof h);
        return;
    }
    if (len)
        memcpy(key + *n, data, len);
    *n += len;
}

static void locate(struct walk *w)
{
    packet_info *pinfo = w->pinfo;
    const address *a = &pinfo->src, *b = &pinfo->dst;
    guint32 pa = pinfo->srcport, pb = pinfo->destport;
    /* Zero-padded to whole 64-bit words: the hash then takes no byte steps. */
    guint8 key[48] = { 0 };
    gsize n = 0;
    w->side = endpoint_side(pinfo);
    if (w->side == 1) {
        a = &pinfo->dst;
        b = &pinfo->src;
        pa = pinfo->destport;
        pb = pinfo->srcport;
    }
    put_bytes(key, &n, &pinfo->ptype, sizeof pinfo->ptype);
    put_bytes(key, &n, a->data, (gsize)a->len);
    put_bytes(key, &n, &pa, sizeof pa);
    put_bytes(key, &n, b->data, (gsize)b->len);
    put_bytes(key, &n, &pb, sizeof pb);
    w->conn = offer_hash64(key, (n + 7) & ~(gsize)7);
    w->located = TRUE;
}

static void feed(struct walk *w, enum event_kind kind, enum tlsx_proto proto,
                 tvbuff_t *ds, guint offset, guint length,
                 const guint8 *data, gsize data_len)
{
    struct placed_item p;
    if (!w->located)
        locate(w);
    struct event ev = { kind, proto, w->conn, w->side, data, data_len, w->pinfo->num,
                        nstime_to_sec(&w->pinfo->abs_ts) };
    if (!w->analyzer || !analyzer_feed(w->analyzer, &ev, &p.item))
        return;
    p.ds_index = (guint16)MIN(ds_index_of(w->pinfo, ds), G_MAXUINT16);
    p.whole = w->feeding_whole;
    p.offset = offset;
    p.length = length;
    g_array_append_val(w->placed, p);
}

#define DTLS_HS_HEADER 12

/* A whole DTLS handshake message from the last fragment's header and the
 * reassembled body: message_seq and the rest as sent, fragment_offset 0
 * and fragment_length = length. */
tvbuff_t *tlsx_dtls_whole(packet_info *pinfo, tvbuff_t *header_tvb, guint header_offset,
                          tvbuff_t *body_tvb, guint32 length)
{
    guint8 *buf;
    tvbuff_t *t;
    if (tvb_captured_length_remaining(header_tvb, header_offset) < 6 ||
        tvb_captured_length(body_tvb) < length)
        return NULL;
    buf = wmem_alloc(pinfo->pool, DTLS_HS_HEADER + length);
    tvb_memcpy(header_tvb, buf, header_offset, 6);
    memset(buf + 6, 0, 3);
    buf[9] = (guint8)(length >> 16);
    buf[10] = (guint8)(length >> 8);
    buf[11] = (guint8)length;
    tvb_memcpy(body_tvb, buf + DTLS_HS_HEADER, 0, length);
    t = tvb_new_child_real_data(header_tvb, buf, DTLS_HS_HEADER + length,
                                DTLS_HS_HEADER + length);
    add_new_data_source(pinfo, t, "DTLS handshake message (reassembled)");
    return t;
}

/* Later passes add the same data sources in the same order, so the stored
 * data source positions of the items drawn over them hold. */
void tlsx_rebuild_dtls_whole(packet_info *pinfo, const struct frame_facts *facts)
{
    for (guint i = 0; i < facts->n_whole; i++) {
        const struct dtls_whole *d = &facts->whole[i];
        struct data_source *h = g_slist_nth_data(pinfo->data_src, d->header_ds);
        struct data_source *b = g_slist_nth_data(pinfo->data_src, d->body_ds);
        if (!h || !b)
            return;
        tlsx_dtls_whole(pinfo, TLSX_DS_TVB(h), d->header_offset, TLSX_DS_TVB(b), d->length);
    }
}

/* The "Reassembled DTLS" data source holding a body of this length that no
 * earlier message of the frame took; G_MAXUINT if none. */
static guint reassembled_body(struct walk *w, guint32 length)
{
    guint i = 0;
    for (GSList *l = w->pinfo->data_src; l && i < 32; l = l->next, i++) {
        struct data_source *src = l->data;
        char *name;
        gboolean match;
        if ((w->bodies_used & (1u << i)) || tvb_captured_length(TLSX_DS_TVB(src)) != length)
            continue;
        name = TLSX_DS_NAME(src);
        match = g_str_has_prefix(name, TLSX_DS_REASSEMBLED_DTLS_PREFIX);
        wmem_free(NULL, name);
        if (match) {
            w->bodies_used |= 1u << i;
            return i;
        }
    }
    return G_MAXUINT;
}

static void on_dtls_last_fragment(struct walk *w, tvbuff_t *ds, guint start, guint32 len)
{
    guint body = reassembled_body(w, len);
    guint header_ds = ds_index_of(w->pinfo, ds);
    struct data_source *src = body != G_MAXUINT ? g_slist_nth_data(w->pinfo->data_src, body) : NULL;
    struct dtls_whole d;
    tvbuff_t *whole;
    if (!src || header_ds > G_MAXUINT16 || body > G_MAXUINT16)
        return;
    whole = tlsx_dtls_whole(w->pinfo, ds, start, TLSX_DS_TVB(src), len);
    if (!whole)
        return;
    d.header_ds = (guint16)header_ds;
    d.body_ds = (guint16)body;
    d.header_offset = start;
    d.length = len;
    g_array_append_val(w->whole, d);
    w->feeding_whole = TRUE;
    feed(w, EV_HANDSHAKE, TLSX_DTLS, whole, 0, DTLS_HS_HEADER + len,
         tvb_get_ptr(whole, 0, DTLS_HS_HEADER + len), DTLS_HS_HEADER + len);
    w->feeding_whole = FALSE;
}

/* A complete handshake message starts at the type byte Wireshark marked. */
static void on_handshake_type(struct walk *w, field_info *fi, struct record_ctx *rec,
                              gboolean dtls)
{
    tvbuff_t *ds = fi->ds_tvb;
    guint start = (guint)fi->start;
    guint header = dtls ? 12 : 4;
    guint avail = tvb_captured_length_remaining(ds, start) > 0
                  ? (guint)tvb_captured_length_remaining(ds, start) : 0;
    guint32 len, frag_off = 0, frag_len;
    enum tlsx_proto proto = dtls ? TLSX_DTLS : rec ? TLSX_TLS : TLSX_QUIC;

    if (rec)
        rec->saw_message = TRUE;
    if (avail < header)
        return;
    len = tvb_get_ntoh24(ds, start + 1);
    frag_len = len;
    if (dtls) {
        frag_off = tvb_get_ntoh24(ds, start + 6);
        frag_len = tvb_get_ntoh24(ds, start + 9);
    }
    /* Fragments are explained once, when Wireshark has reassembled them:
     * with the fragment that ends the message. */
    if (frag_off != 0 || frag_len != len || avail - header < len) {
        if (!dtls || frag_len > avail - header)
            return;
        if (frag_off + frag_len == len)
            on_dtls_last_fragment(w, ds, start, len);
        else
            feed(w, EV_FRAGMENT, TLSX_DTLS, ds, start, header + frag_len,
                 tvb_get_ptr(ds, start, header), header);
        return;
    }
    feed(w, EV_HANDSHAKE, proto, ds, start, header + len,
         tvb_get_ptr(ds, start, header + len), header + len);
}

/* An alert is in clear when it is the whole 2-byte payload of its record,
 * or sits in a decrypted data source. The DTLS dissector marks the first two
 * bytes of an encrypted alert too, so the record's length decides. */
static void on_alert(struct walk *w, field_info *fi, struct record_ctx *rec)
{
    guint header = rec && rec->dtls ? DTLS_RECORD_HEADER : TLS_RECORD_HEADER;
    gboolean whole_record = !rec || fi->ds_tvb != rec->ds || rec->length == header + 2;
    gboolean plain = fi->length == 2 && whole_record &&
                     tvb_captured_length_remaining(fi->ds_tvb, fi->start) >= 2;
    if (rec)
        rec->saw_alert = TRUE;
    feed(w, EV_ALERT, rec && rec->dtls ? TLSX_DTLS : TLSX_TLS, fi->ds_tvb,
         (guint)fi->start, (guint)fi->length,
         plain ? tvb_get_ptr(fi->ds_tvb, fi->start, 2) : NULL, plain ? 2 : 0);
}

static void walk_children(struct walk *w, proto_node *node, struct record_ctx *rec);

/* A FIN or RST ends a handshake still under way (the analyzer ignores
 * connections it does not know); the item spans the TCP flags. Priming
 * tcp.flags would cost every TCP segment a formatted item, so the primed
 * fields are TCP's expert notes on FIN and RST, which only those segments
 * carry. Where they sit in the tree depends on what else a filter asked
 * for, so they are looked up, not walked to; the flags are then found from
 * the TCP header's start, which every pass places alike. The close is fed
 * after the frame's TLS: a FIN often rides on the segment that carries the
 * last record, a fatal alert say. */
static int hf_tcp_fin = -1, hf_tcp_rst = -1;

static gboolean has_field(proto_tree *tree, int id)
{
    GPtrArray *a = id != -1 ? proto_get_finfo_ptr_array(tree, id) : NULL;
    return a && a->len;
}

static void feed_close(struct walk *w, proto_tree *tree)
{
    field_info *tcp = w->tcp;
    guint8 how;
    if (!tcp || tcp->length < TCP_FLAGS_OFFSET + TCP_FLAGS_LENGTH)
        return;
    /* A segment with both flags is a reset. */
    if (has_field(tree, hf_tcp_rst))
        how = CLOSE_RESET;
    else if (has_field(tree, hf_tcp_fin))
        how = CLOSE_FIN;
    else
        return;
    feed(w, EV_CLOSE, TLSX_TLS, tcp->ds_tvb, (guint)tcp->start + TCP_FLAGS_OFFSET,
         TCP_FLAGS_LENGTH, &how, 1);
}

/* A QUIC Handshake packet Wireshark could not decrypt: the payload left
 * undissected belongs to the encrypted part of the handshake, as an
 * undecrypted TLS 1.3 record would. Initial packets always decrypt; 0-RTT
 * and 1-RTT packets carry no handshake messages of the flight. */
static void on_quic_opaque(struct walk *w, field_info *fi)
{
    if (w->quic_type != QUIC_LONG_HANDSHAKE || fi->length <= 0)
        return;
    feed(w, EV_OPAQUE, TLSX_QUIC, fi->ds_tvb, (guint)fi->start, (guint)fi->length, NULL, 0);
}

/* Whether Wireshark decrypted any of this frame's TLS (or DTLS) records:
 * packet-tls.c and packet-dtls.c name their data sources so. */
static gboolean frame_decrypted(struct walk *w, gboolean dtls)
{
    int *known = &w->decrypted[dtls ? 1 : 0];
    if (*known < 0)
        *known = TLSX_DS_NAMED(w->pinfo, dtls ? TLSX_DS_DECRYPTED_DTLS : TLSX_DS_DECRYPTED_TLS);
    return *known > 0;
}

static void finish_record(struct walk *w, struct record_ctx *rec)
{
    guint header = rec->dtls ? DTLS_RECORD_HEADER : TLS_RECORD_HEADER;
    enum tlsx_proto proto = rec->dtls ? TLSX_DTLS : TLSX_TLS;
    guint payload = rec->length > header ? rec->length - header : 0;
    const guint8 *data = payload ? tvb_get_ptr(rec->ds, rec->offset + header, payload) : NULL;
    enum event_kind kind;

    switch (rec->outer) {
    case CT_CHANGE_CIPHER_SPEC:
        kind = EV_CCS;
        break;
    case CT_ALERT:
        if (rec->saw_alert)
            return;
        kind = EV_ALERT;
        data = NULL;
        payload = 0;
        break;
    case CT_HANDSHAKE:
        if (rec->saw_message)
            return;
        kind = EV_HANDSHAKE_RAW;
        break;
    case CT_APPLICATION_DATA:
        if (rec->saw_message || rec->saw_alert)
            return;
        /* A decrypted TLS 1.3 record whose inner type were handshake or
         * alert would have shown those children; with none it is data. */
        kind = frame_decrypted(w, rec->dtls) ? EV_APPDATA : EV_OPAQUE;
        break;
    case CT_HEARTBEAT:
        kind = EV_HEARTBEAT;
        break;
    default:
        return;
    }
    feed(w, kind, proto, rec->ds, rec->offset, rec->length, data, payload);
}

/* An SSL 2.0-compatible ClientHello: from its msg_type to the end of the
 * record; the record header carried the length (RFC 5246 §E.2). */
static void on_sslv2_type(struct walk *w, field_info *fi, struct record_ctx *rec)
{
    guint start = (guint)fi->start, end;
    if (!rec || !rec->sslv2 || fi->ds_tvb != rec->ds)
        return;
    end = rec->offset + rec->length;
    if (end <= start || tvb_captured_length_remaining(fi->ds_tvb, start) < (gint)(end - start) ||
        TLSX_TVB_U8(fi->ds_tvb, start) != 1)
        return;
    feed(w, EV_HANDSHAKE, TLSX_SSL2, fi->ds_tvb, start, end - start,
         tvb_get_ptr(fi->ds_tvb, start, end - start), end - start);
}

static void on_record(struct walk *w, proto_node *node, field_info *fi, gboolean dtls)
{
    struct record_ctx rec = { fi->ds_tvb, (guint)fi->start, (guint)fi->length, 0, dtls,
                              FALSE, FALSE, FALSE };
    guint header = dtls ? DTLS_RECORD_HEADER : TLS_RECORD_HEADER;
    if (fi->length < (gint)header ||
        tvb_captured_length_remaining(fi->ds_tvb, fi->start) < fi->length)
        return;
    rec.outer = TLSX_TVB_U8(fi->ds_tvb, fi->start);
    /* Wireshark draws an SSL 2.0 record as tls.record too; its 2-byte
     * header has the top bit set, which no TLS content type has
     * (RFC 5246 §E.2). */
    rec.sslv2 = (rec.outer & 0x80) != 0;
    walk_children(w, node, &rec);
    finish_record(w, &rec);
}

/* TCP's subtree holds nothing we walk to; see feed_close. In an invisible
 * tree its only children are fields someone asked for, such as the FIN and
 * RST notes: without any, neither is there. */
static void on_tcp(struct walk *w, proto_node *node)
{
    if (!w->tcp && node->first_child)
        w->tcp = PNODE_FINFO(node);
}

/* Returns TRUE after a handshake message's type: what follows it in the
 * message's subtree is mostly the message's own fields, which a visible
 * tree (tshark -V, the GUI) holds in the hundreds and nothing here reads. */
static gboolean on_node(struct walk *w, proto_node *node, struct record_ctx *rec)
{
    field_info *fi = PNODE_FINFO(node);
    int role = fi ? role_of(fi->hfinfo->id) : -1;
    switch (role) {
    case R_BARREN:
        return FALSE;
    case R_TCP:
        on_tcp(w, node);
        return FALSE;
    case R_TLS_RECORD:
    case R_DTLS_RECORD:
        on_record(w, node, fi, role == R_DTLS_RECORD);
        return FALSE;
    case R_TLS_HS_TYPE:
    case R_SSL2_HS_TYPE:
        if (rec && rec->sslv2)
            on_sslv2_type(w, fi, rec);
        else if (role == R_TLS_HS_TYPE)
            on_handshake_type(w, fi, rec, FALSE);
        return TRUE;
    case R_DTLS_HS_TYPE:
        on_handshake_type(w, fi, rec, TRUE);
        return TRUE;
    case R_ALERT:
        on_alert(w, fi, rec);
        break;
    case R_QUIC_FORM:
        w->quic_type = -1;  /* a new packet; a short header has no type */
        break;
    case R_QUIC_LONG_TYPE:
        w->quic_type = (int)TLSX_FI_UINT(fi);
        break;
    case R_QUIC_OPAQUE:
        on_quic_opaque(w, fi);
        break;
    default:
        break;
    }
    walk_children(w, node, rec);
    return FALSE;
}

/* The handshake message nodes (tls.handshake, dtls.handshake, every
 * registration of each): QUIC puts later messages of a CRYPTO frame among
 * the fields of an earlier one. */
static int message_ids[8];
static guint n_message_ids;

static void find_message_ids(void)
{
    static const char *const names[] = { "tls.handshake", "dtls.handshake" };
    n_message_ids = 0;
    for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
        header_field_info *hfi = proto_registrar_get_byname(names[i]);
        for (int id = hfi ? hfi->id : -1; id != -1 && n_message_ids < G_N_ELEMENTS(message_ids);
             id = proto_registrar_get_nth((guint)id)->same_name_prev_id)
            message_ids[n_message_ids++] = id;
    }
}

/* Among a message's own fields, only what may hold another message or a
 * field we read is worth a visit. */
static gboolean worth_visiting(proto_node *node)
{
    field_info *fi = PNODE_FINFO(node);
    if (!fi)
        return TRUE;
    if (fi->hfinfo->type == FT_PROTOCOL || role_of(fi->hfinfo->id) != -1)
        return TRUE;
    for (guint i = 0; i < n_message_ids; i++)
        if (fi->hfinfo->id == message_ids[i])
            return TRUE;
    return FALSE;
}

static void walk_children(struct walk *w, proto_node *node, struct record_ctx *rec)
{
    gboolean in_message = FALSE;
    for (proto_node *child = node->first_child; child; child = child->next)
        if (!in_message || worth_visiting(child))
            in_message |= on_node(w, child, rec);
}

/* Cheap test before walking the tree: did any field we read appear? */
static gboolean frame_has_tls(proto_tree *tree)
{
    for (guint i = 0; i < n_wanted; i++) {
        /* Alerts only ever sit inside records. */
        if (wanted[i].role == R_ALERT || wanted[i].role == R_SSL2_HS_TYPE)
            continue;
        GPtrArray *a = proto_get_finfo_ptr_array(tree, wanted[i].id);
        if (a && a->len)
            return TRUE;
    }
    return FALSE;
}

static int endpoint_side(packet_info *pinfo)
{
    int c = cmp_address(&pinfo->src, &pinfo->dst);
    if (c == 0)
        c = pinfo->srcport < pinfo->destport ? -1 : pinfo->srcport > pinfo->destport;
    return c < 0 ? 0 : 1;
}

/* An invisible tree's top level is the frame's protocols; below them only
 * the fields someone asked for are real. When every protocol is one the
 * walk skips (TCP with nothing asked for under it), the frame has nothing
 * for us: most frames, answered by a short loop instead of the walk. */
static gboolean nothing_here(proto_tree *tree)
{
    for (proto_node *n = tree->first_child; n; n = n->next) {
        field_info *fi = PNODE_FINFO(n);
        int role = fi ? role_of(fi->hfinfo->id) : -1;
        if (role != R_BARREN && (role != R_TCP || n->first_child))
            return FALSE;
    }
    return TRUE;
}

/* Kept out of line: the code of every frame's first look stays small. */
static G_GNUC_NO_INLINE struct frame_facts *analyse_frame(struct tlsx_context *ctx,
                                                          proto_tree *tree, packet_info *pinfo)
{
    struct walk w = { pinfo, NULL, NULL, FALSE, { -1, -1 }, 0, 0, NULL, 0, FALSE, -1, NULL };
    struct frame_facts *facts = NULL;

    /* An invisible tree holds only the primed fields: walking it is cheaper
     * than asking for each field; a visible one is worth the question. */
    if (!tree || (PTREE_DATA(tree)->visible && !frame_has_tls(tree)))
        return NULL;
    w.analyzer = ctx->analyzer;
    w.placed = ctx->placed;
    w.whole = ctx->whole;
    if (w.placed->len)
        g_array_set_size(w.placed, 0);
    if (w.whole->len)
        g_array_set_size(w.whole, 0);
    walk_children(&w, tree, NULL);
    feed_close(&w, tree);
    if (w.placed->len) {
        facts = wmem_alloc(wmem_file_scope(),
                           sizeof *facts + w.placed->len * sizeof(struct placed_item));
        facts->count = w.placed->len;
        memcpy(facts->items, w.placed->data, w.placed->len * sizeof(struct placed_item));
        facts->n_whole = w.whole->len;
        facts->whole = w.whole->len ? wmem_memdup(wmem_file_scope(), w.whole->data,
                                                  w.whole->len * sizeof(struct dtls_whole))
                                    : NULL;
    }
    return facts;
}

static int dissect_tlsexplain(tvbuff_t *tvb _U_, packet_info *pinfo, proto_tree *tree,
                              void *data _U_)
{
    struct tlsx_context *ctx = tlsx_context();
    gboolean first = !PINFO_FD_VISITED(pinfo);
    struct frame_facts *facts = first && pinfo->num > ctx->last_analysed
                                ? NULL : tlsx_stored_facts(ctx, pinfo->num);
    if (first && !facts) {
        ctx->last_analysed = MAX(ctx->last_analysed, pinfo->num);
        if (!tree || (!PTREE_DATA(tree)->visible && nothing_here(tree)))
            return 0;
        facts = analyse_frame(ctx, tree, pinfo);
        if (facts)
            tlsx_store_facts(ctx, pinfo->num, facts);
    } else if (facts) {
        tlsx_rebuild_dtls_whole(pinfo, facts);
    }
    if (facts) {
        tlsx_draw(tree, pinfo, facts);
        tlsx_tap_frame(pinfo, facts);
    }
    return 0;
}

void proto_register_tlsexplain(void)
{
    tlsx_register_fields(tlsx_catalog_reload);
    tlsx_register_findings();
    /* The handle's protocol is a helper of ours, not ours: Wireshark then
     * still asks ours whether it is enabled, but no longer pushes a layer
     * for every frame only to pop it again from the frames we leave: a list
     * entry and a hash map insert, 7,000 instructions a handshake (0.6% of
     * tshark -r). */
    int proto_hook = proto_register_protocol_in_name_only(
        "TLS Handshake Explainer postdissector", "TLSexplain postdissector",
        "tlsexplain.postdissector", proto_tlsexplain, FT_PROTOCOL);
    tlsexplain_handle = register_dissector("tlsexplain", dissect_tlsexplain, proto_hook);
    tlsx_context_register();
    tlsx_register_taps();
    register_shutdown_routine(tlsx_catalog_free);
}

/* Every registration of the fields we read, primed only while we are
 * enabled: Wireshark primes a postdissector's wanted fields in every frame
 * whether or not its protocol is enabled, and a tree then built for every
 * packet cost a disabled plugin a fifth more than none at all. Checked
 * whenever a capture is (re)dissected, as Wireshark's own transum does. */
static GArray *wanted_ids;

static void prime_wanted_fields(void)
{
    gboolean on = proto_is_protocol_enabled(find_protocol_by_id(proto_tlsexplain));
    set_postdissector_wanted_hfids(tlsexplain_handle, on ? g_array_copy(wanted_ids) : NULL);
}

/* Every registration of the name (a field may be registered more than
 * once under one name). */
static void want(GArray *ids, const char *name, enum role role)
{
    header_field_info *hfi = proto_registrar_get_byname(name);
    for (int id = hfi ? hfi->id : -1; id != -1 && n_wanted < G_N_ELEMENTS(wanted);) {
        header_field_info *h = proto_registrar_get_nth((guint)id);
        wanted[n_wanted].id = id;
        wanted[n_wanted].role = role;
        n_wanted++;
        g_array_append_val(ids, id);
        id = h->same_name_prev_id;
    }
}

void proto_reg_handoff_tlsexplain(void)
{
    GArray *ids = g_array_new(FALSE, FALSE, sizeof(int));
    want(ids, "tls.record", R_TLS_RECORD);
    want(ids, "dtls.record", R_DTLS_RECORD);
    want(ids, "tls.handshake.type", R_TLS_HS_TYPE);
    /* 4.4 gave SSLv2's message type a name of its own. */
    want(ids, "tls.ssl2.handshake.type", R_SSL2_HS_TYPE);
    want(ids, "dtls.handshake.type", R_DTLS_HS_TYPE);
    want(ids, "tls.alert_message", R_ALERT);
    want(ids, "dtls.alert_message", R_ALERT);
    want(ids, "tcp.connection.fin", R_TCP_FIN);
    want(ids, "tcp.connection.rst", R_TCP_RST);
    hf_tcp_fin = proto_registrar_get_id_byname("tcp.connection.fin");
    hf_tcp_rst = proto_registrar_get_id_byname("tcp.connection.rst");
#if TLSX_PRIME_TCP_ITEM
    {
        int tcp = proto_get_id_by_filter_name("tcp");
        if (tcp != -1)
            g_array_append_val(ids, tcp);
    }
#endif
    want(ids, "quic.header_form", R_QUIC_FORM);
    want(ids, "quic.long.packet_type", R_QUIC_LONG_TYPE);
    want(ids, "quic.remaining_payload", R_QUIC_OPAQUE);
    index_roles();
    find_message_ids();
    register_postdissector(tlsexplain_handle);
    wanted_ids = ids;
    register_init_routine(prime_wanted_fields);
}
