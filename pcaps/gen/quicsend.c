/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * quicsend: turns what one end of a quicconn has to send into protected
 * packets, coalesced into as few datagrams as fit (RFC 9000 section
 * 12.2), and tells the peer what it would find in them: CRYPTO bytes,
 * packets to acknowledge, the sender's connection ID, keys it no longer
 * needs.
 */
#include <string.h>

#include "quicconn_private.h"

/* Less room than this left in a datagram: start the next one rather
 * than send a packet with a handful of bytes in it. */
#define MIN_PACKET_FRAMES 32

struct datagram {
    GByteArray *sealed;   /* packets already protected */
    size_t size;          /* sealed plus the held packet, as they will be sent */
    gboolean has_initial;
    /* The last packet is held back unprotected: if the datagram carries
     * an Initial packet, that is where the padding goes. */
    gboolean holding;
    struct quic_header held;
    const struct quic_keys *held_keys;
    GByteArray *held_frames;
};

/* What the peer learns from a packet besides its CRYPTO bytes. */
struct packet_facts {
    enum quic_space space;
    uint64_t pn;
    gboolean ack_eliciting;
    gboolean handshake_done;
};

void quic_discard_keys(struct quic_end *end, enum quic_space sp)
{
    struct quic_space_state *st = &end->space[sp];

    g_assert(st->crypto_out->len == 0);
    st->can_send = FALSE;
    st->ack_due = FALSE;
}

static size_t room(const struct datagram *d)
{
    return QUIC_DATAGRAM_SIZE - d->size;
}

static gboolean seal_held(struct datagram *d)
{
    gboolean ok;

    if (!d->holding)
        return TRUE;
    ok = quic_packet_seal(&d->held, d->held_keys, d->held_frames, d->sealed);
    d->holding = FALSE;
    return ok;
}

static gboolean datagram_add(struct datagram *d, const struct quic_header *h,
                             const struct quic_keys *keys, const GByteArray *frames)
{
    if (!seal_held(d))
        return FALSE;
    d->held = *h;
    d->held_keys = keys;
    g_byte_array_set_size(d->held_frames, 0);
    g_byte_array_append(d->held_frames, frames->data, frames->len);
    d->holding = TRUE;
    d->size += quic_packet_overhead(h) + frames->len;
    d->has_initial |= h->space == QUIC_SPACE_INITIAL;
    return TRUE;
}

/* RFC 9000 section 14.1: a datagram with an Initial packet is at least
 * 1200 bytes, so a path too narrow for QUIC fails at the first packet,
 * and the server may answer with up to three times as much before it
 * knows the client's address is real (section 8.1). */
static gboolean datagram_send(struct quicconn *c, enum flow_side s,
                              struct datagram *d, guint *sent)
{
    if (d->size == 0)
        return TRUE;
    if (d->has_initial && d->size < QUIC_DATAGRAM_SIZE) {
        quic_frame_padding(d->held_frames, QUIC_DATAGRAM_SIZE - d->size);
        d->size = QUIC_DATAGRAM_SIZE;
    }
    if (!seal_held(d))
        return FALSE;
    g_assert(d->sealed->len == d->size);
    udpflow_send(&c->udp, s, d->sealed->data, d->sealed->len);
    (*sent)++;
    g_byte_array_set_size(d->sealed, 0);
    d->size = 0;
    d->has_initial = FALSE;
    return TRUE;
}

static gboolean has_work(const struct quic_end *end, enum quic_space sp)
{
    const struct quic_space_state *st = &end->space[sp];

    return st->can_send &&
           (st->ack_due || st->crypto_out->len > 0 ||
            (sp == QUIC_SPACE_APP && end->owes_handshake_done));
}

/* As much of the pending handshake data as fits in room; the peer gets
 * the bytes at once, ready for its next turn. */
static void add_crypto(struct quic_end *end, enum quic_space sp, size_t room,
                       GByteArray *frames, struct packet_facts *facts)
{
    struct quic_space_state *st = &end->space[sp];
    struct quic_end *peer = &end->conn->end[flow_peer(end->side)];
    size_t header = quic_crypto_header_len(st->crypto_sent);
    size_t n;

    if (st->crypto_out->len == 0 || room <= frames->len + header)
        return;
    n = MIN(st->crypto_out->len, room - frames->len - header);
    quic_frame_crypto(frames, st->crypto_sent, st->crypto_out->data, n);
    g_byte_array_append(peer->space[sp].crypto_in, st->crypto_out->data, (guint)n);
    g_byte_array_remove_range(st->crypto_out, 0, (guint)n);
    st->crypto_sent += n;
    facts->ack_eliciting = TRUE;
}

/* ACK first, then HANDSHAKE_DONE, then CRYPTO data up to room bytes. */
static void fill_frames(struct quic_end *end, enum quic_space sp, size_t room,
                        int64_t now, GByteArray *frames,
                        struct packet_facts *facts)
{
    struct quic_space_state *st = &end->space[sp];

    g_byte_array_set_size(frames, 0);
    if (st->ack_due) {
        quic_frame_ack(frames, st->largest_rcvd,
                       (uint64_t)(now - st->largest_rcvd_at) / 1000);
        st->ack_due = FALSE;
    }
    if (sp == QUIC_SPACE_APP && end->owes_handshake_done) {
        quic_frame_handshake_done(frames);
        end->owes_handshake_done = FALSE;
        facts->handshake_done = facts->ack_eliciting = TRUE;
    }
    add_crypto(end, sp, room, frames, facts);
    if (frames->len < quic_min_frames_len())
        quic_frame_padding(frames, quic_min_frames_len() - frames->len);
}

/* The peer acknowledges the packet later, learns the sender's connection
 * ID from long headers (RFC 9000 section 7.2), and drops keys the packet
 * makes useless (RFC 9001 section 4.9). */
static void peer_receives(struct quicconn *c, const struct quic_end *from,
                          const struct packet_facts *f)
{
    struct quic_end *to = &c->end[flow_peer(from->side)];
    struct quic_space_state *st = &to->space[f->space];

    st->largest_rcvd = f->pn;
    st->largest_rcvd_at = c->udp.now[from->side] + c->udp.path->half_rtt_ns;
    st->ack_due |= f->ack_eliciting;
    if (f->space != QUIC_SPACE_APP)
        memcpy(to->peer_cid, from->cid, QUIC_CID_LEN);
    /* A Handshake packet proves the client got the server's Initial. */
    if (to->side == SIDE_SERVER && f->space == QUIC_SPACE_HANDSHAKE)
        quic_discard_keys(to, QUIC_SPACE_INITIAL);
    /* HANDSHAKE_DONE confirms the handshake for the client. */
    if (f->handshake_done)
        quic_discard_keys(to, QUIC_SPACE_HANDSHAKE);
}

static gboolean send_packet(struct quicconn *c, struct quic_end *end,
                            enum quic_space sp, struct datagram *d,
                            GByteArray *frames, guint *sent)
{
    struct quic_space_state *st = &end->space[sp];
    struct quic_header h = { sp, end->peer_cid, end->cid, st->next_pn };
    struct packet_facts facts = { sp, st->next_pn, FALSE, FALSE };
    size_t overhead = quic_packet_overhead(&h);

    if (room(d) < overhead + MIN_PACKET_FRAMES &&
        !datagram_send(c, end->side, d, sent))
        return FALSE;
    fill_frames(end, sp, room(d) - overhead, c->udp.now[end->side], frames,
                &facts);
    st->next_pn++;
    if (!datagram_add(d, &h, &st->tx, frames))
        return FALSE;
    peer_receives(c, end, &facts);
    /* The client's first Handshake packet ends its use of Initial keys
     * (RFC 9001 section 4.9.1); that packet's datagram may still carry
     * an Initial packet before it. */
    if (end->side == SIDE_CLIENT && sp == QUIC_SPACE_HANDSHAKE)
        quic_discard_keys(end, QUIC_SPACE_INITIAL);
    return TRUE;
}

gboolean quic_send_pending(struct quicconn *c, enum flow_side s, guint *sent,
                           GError **error)
{
    struct quic_end *end = &c->end[s];
    struct datagram d = { .sealed = g_byte_array_new(),
                          .held_frames = g_byte_array_new() };
    GByteArray *frames = g_byte_array_new();
    gboolean ok = TRUE;

    for (int sp = 0; ok && sp < QUIC_SPACES; sp++)
        while (ok && has_work(end, (enum quic_space)sp))
            ok = send_packet(c, end, (enum quic_space)sp, &d, frames, sent);
    ok = ok && datagram_send(c, s, &d, sent);
    g_byte_array_free(d.sealed, TRUE);
    g_byte_array_free(d.held_frames, TRUE);
    g_byte_array_free(frames, TRUE);
    if (!ok)
        g_set_error(error, QUIC_ERROR, 0, "QUIC packet protection failed");
    return ok;
}
