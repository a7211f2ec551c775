/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>
#include "offer.h"

enum {
    EXT_SERVER_NAME = 0, EXT_SUPPORTED_GROUPS = 10, EXT_ALPN = 16, EXT_EMS = 23,
    EXT_SESSION_TICKET = 35,
    EXT_PRE_SHARED_KEY = 41, EXT_EARLY_DATA = 42, EXT_SUPPORTED_VERSIONS = 43,
    EXT_PSK_MODES = 45, EXT_KEY_SHARE = 51,
};

/* FNV-1a over 64-bit words: tickets and certificates are hashed whole on
 * the first pass, and a byte at a time cost eight times the multiplies. */
guint64 offer_hash64(const guint8 *data, gsize len)
{
    guint64 h = G_GUINT64_CONSTANT(14695981039346656037), w;
    gsize i = 0;
    for (; i + 8 <= len; i += 8) {
        memcpy(&w, data + i, 8);
        h = (h ^ w) * G_GUINT64_CONSTANT(1099511628211);
    }
    for (; i < len; i++)
        h = (h ^ data[i]) * G_GUINT64_CONSTANT(1099511628211);
    return h;
}

guint32 offer_hash(const guint8 *data, gsize len)
{
    guint64 h = offer_hash64(data, len);
    return (guint32)(h ^ (h >> 32));
}

guint offer_position(const guint16 *list, guint n, guint16 v)
{
    for (guint i = 0; i < n; i++)
        if (list[i] == v)
            return i + 1;
    return 0;
}

/* A reader over one extension's body within the message. */
static gboolean body(const guint8 *data, gsize len, const struct hs_extension *e,
                     struct reader *out)
{
    return rd_view(data, len, &e->body, out);
}

static void read_u16_list(struct reader *r, guint16 *out, guint *n, guint max)
{
    guint16 v;
    while (*n < max && rd_u16(r, &v))
        out[(*n)++] = v;
}

static void copy_text(struct reader *r, char *out, gsize out_len)
{
    gsize n = MIN(rd_left(r), out_len - 1);
    if (!rd_copy(r, out, n))
        n = 0;
    out[n] = '\0';
}

static void read_sni(struct reader *b, struct offer *o)
{
    struct reader list, name;
    guint8 type;
    if (rd_vec16(b, &list) && rd_u8(&list, &type) && type == 0 && rd_vec16(&list, &name))
        copy_text(&name, o->sni, sizeof o->sni);
}

static void read_alpn(struct reader *b, struct offer *o)
{
    struct reader list, name;
    if (!rd_vec16(b, &list))
        return;
    while (o->n_alpn < OFFER_MAX_ALPN && rd_vec8(&list, &name))
        copy_text(&name, o->alpn[o->n_alpn++], sizeof o->alpn[0]);
}

static void read_key_shares(struct reader *b, struct offer *o)
{
    struct reader list, key;
    guint16 group;
    if (!rd_vec16(b, &list))
        return;
    while (o->n_shares < OFFER_MAX_GROUPS && rd_u16(&list, &group) && rd_vec16(&list, &key))
        o->shares[o->n_shares++] = group;
}

static void read_psk(struct reader *b, struct offer *o)
{
    struct reader ids, id;
    guint32 age;
    if (!rd_vec16(b, &ids))
        return;
    while (o->n_psk < OFFER_MAX_PSK && rd_vec16(&ids, &id) && rd_u32(&ids, &age)) {
        o->psk_hash[o->n_psk] = offer_hash(rd_ptr(&id), rd_left(&id));
        o->psk_age[o->n_psk++] = age;
    }
}

static void read_versions(struct reader *b, struct offer *o)
{
    struct reader list;
    guint16 v;
    if (rd_vec8(b, &list))
        while (rd_u16(&list, &v)) {
            o->offers_tls13 |= v == TLSX_VERSION_TLS13;
            if (o->n_versions < OFFER_MAX_VERSIONS)
                o->versions[o->n_versions++] = v;
        }
}

static void read_psk_modes(struct reader *b, struct offer *o)
{
    struct reader list;
    guint8 m;
    if (rd_vec8(b, &list))
        while (rd_u8(&list, &m))
            o->psk_dhe |= m == 1;
}

static void offer_extension(const guint8 *data, gsize len, const struct hs_extension *e,
                            struct offer *o)
{
    struct reader b, list;
    if (!body(data, len, e, &b))
        return;
    switch (e->type) {
    case EXT_SERVER_NAME: read_sni(&b, o); break;
    case EXT_SUPPORTED_GROUPS:
        if (rd_vec16(&b, &list))
            read_u16_list(&list, o->groups, &o->n_groups, OFFER_MAX_GROUPS);
        break;
    case EXT_ALPN: read_alpn(&b, o); break;
    case EXT_SESSION_TICKET:
        o->ticket_ext = TRUE;
        o->ticket_len = rd_left(&b);
        o->ticket_hash = offer_hash(rd_ptr(&b), rd_left(&b));
        break;
    case EXT_PRE_SHARED_KEY: read_psk(&b, o); break;
    case EXT_EARLY_DATA: o->early_data = TRUE; break;
    case EXT_EMS: o->ems = TRUE; break;
    case EXT_SUPPORTED_VERSIONS: read_versions(&b, o); break;
    case EXT_PSK_MODES: read_psk_modes(&b, o); break;
    case EXT_KEY_SHARE: read_key_shares(&b, o); break;
    default: break;
    }
}

void offer_read(const guint8 *data, gsize len, const struct hs_message *m, struct offer *o)
{
    const struct hs_client_hello *ch = &m->u.ch;
    struct reader v;
    memset(o, 0, sizeof *o);
    if (m->proto == TLSX_SSL2) {
        /* 3-byte cipher specs; TLS suites are those starting with 0. */
        guint32 spec;
        if (rd_view(data, len, &ch->cipher_suites, &v))
            while (o->n_suites < OFFER_MAX_SUITES && rd_u24(&v, &spec))
                if (spec <= 0xffff)
                    o->suites[o->n_suites++] = (guint16)spec;
    } else if (rd_view(data, len, &ch->cipher_suites, &v)) {
        read_u16_list(&v, o->suites, &o->n_suites, OFFER_MAX_SUITES);
    }
    o->session_id_len = (guint)MIN(ch->session_id.length, sizeof o->session_id);
    if (!rd_view(data, len, &ch->session_id, &v) ||
        !rd_copy(&v, o->session_id, o->session_id_len))
        o->session_id_len = 0;
    for (guint i = 0; i < MIN(ch->ext.count, G_N_ELEMENTS(ch->ext.items)); i++) {
        offer_extension(data, len, &ch->ext.items[i], o);
        if (o->n_ext < OFFER_MAX_EXTENSIONS)
            o->ext_types[o->n_ext++] = ch->ext.items[i].type;
    }
    o->legacy_version = ch->legacy_version;
    /* RFC 5746 §3.3: the SCSV stands for an empty renegotiation_info. */
    o->scsv = offer_position(o->suites, o->n_suites, 0x00ff) != 0;
}

static void choice_extension(const guint8 *data, gsize len, const struct hs_extension *e,
                             gboolean hrr, struct choice *c)
{
    struct reader b, list, name;
    guint16 v;
    if (!body(data, len, e, &b))
        return;
    if (e->type == EXT_KEY_SHARE && rd_u16(&b, &v))
        c->share_group = v;  /* the server's entry, or HRR's selected_group */
    else if (e->type == EXT_PRE_SHARED_KEY && !hrr && rd_u16(&b, &v)) {
        c->psk = TRUE;
        c->psk_identity = v;
    } else if (e->type == EXT_SESSION_TICKET)
        c->ticket_ext = TRUE;
    else if (e->type == EXT_EMS)
        c->ems = TRUE;
    else if (e->type == EXT_ALPN && rd_vec16(&b, &list) && rd_vec8(&list, &name))
        copy_text(&name, c->alpn, sizeof c->alpn);
}

void choice_read(const guint8 *data, gsize len, const struct hs_message *m, struct choice *c)
{
    const struct hs_server_hello *sh = &m->u.sh;
    struct reader v;
    memset(c, 0, sizeof *c);
    c->version = sh->selected_version;
    c->suite = sh->cipher_suite;
    c->session_id_len = (guint)MIN(sh->session_id.length, sizeof c->session_id);
    if (!rd_view(data, len, &sh->session_id, &v) ||
        !rd_copy(&v, c->session_id, c->session_id_len))
        c->session_id_len = 0;
    for (guint i = 0; i < MIN(sh->ext.count, G_N_ELEMENTS(sh->ext.items)); i++)
        choice_extension(data, len, &sh->ext.items[i], sh->is_hrr, c);
}

/* The message was parsed whole before (it is not malformed): only the
 * values are read here, from after its header. */
static void after_header(const guint8 *data, gsize len, const struct hs_message *m,
                         struct reader *r)
{
    rd_init(r, data, len);
    rd_skip(r, m->header_len);
}

void encrypted_extensions_read(const guint8 *data, gsize len, const struct hs_message *m,
                               char *out, gsize out_len, gboolean *early_data)
{
    struct reader r, exts, e, list, name;
    guint16 type;
    out[0] = '\0';
    *early_data = FALSE;
    after_header(data, len, m, &r);
    if (!rd_vec16(&r, &exts))
        return;
    while (rd_u16(&exts, &type) && rd_vec16(&exts, &e)) {
        if (type == EXT_ALPN && rd_vec16(&e, &list) && rd_vec8(&list, &name))
            copy_text(&name, out, out_len);
        else if (type == EXT_EARLY_DATA)
            *early_data = TRUE;
    }
}

gboolean ticket13_read(const guint8 *data, gsize len, const struct hs_message *m,
                       guint32 *lifetime, guint32 *age_add, guint32 *hash)
{
    struct reader r, nonce, ticket;
    after_header(data, len, m, &r);
    if (!rd_u32(&r, lifetime) || !rd_u32(&r, age_add) || !rd_vec8(&r, &nonce) ||
        !rd_vec16(&r, &ticket))
        return FALSE;
    *hash = offer_hash(rd_ptr(&ticket), rd_left(&ticket));
    return TRUE;
}

gboolean ticket12_read(const guint8 *data, gsize len, const struct hs_message *m,
                       guint32 *lifetime, guint32 *hash, gsize *ticket_len)
{
    struct reader r, ticket;
    after_header(data, len, m, &r);
    if (!rd_u32(&r, lifetime) || !rd_vec16(&r, &ticket))
        return FALSE;
    *hash = offer_hash(rd_ptr(&ticket), rd_left(&ticket));
    *ticket_len = rd_left(&ticket);
    return TRUE;
}
