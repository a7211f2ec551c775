/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "tcpflow.h"

#include <string.h>

/* A pending ACK older than this goes out on its own (Linux quick-ACK). */
#define PIGGYBACK_WINDOW_NS 1000000
/* Window fields after the handshake are scaled by 2^7 (see syn_options). */
static const uint16_t scaled_window[2] = { 501, 509 };
#define SYN_OPTIONS_LEN 12

/* What Linux puts in a SYN, less timestamps. */
static void syn_options(uint16_t mss, uint8_t out[SYN_OPTIONS_LEN])
{
    const uint8_t opts[SYN_OPTIONS_LEN] = {
        0x02, 0x04, (uint8_t)(mss >> 8), (uint8_t)mss, /* MSS */
        0x01, 0x03, 0x03, 0x07,                        /* NOP, window scale 7 */
        0x01, 0x01, 0x04, 0x02,                        /* NOP, NOP, SACK permitted */
    };

    memcpy(out, opts, sizeof opts);
}

/* Arbitrary but reproducible initial sequence numbers. */
static uint32_t initial_seq(uint16_t port, enum flow_side s)
{
    return (uint32_t)port * 2654435761u ^ (s == SIDE_CLIENT ? 0x1b873593u : 0xcc9e2d51u);
}

void tcpflow_init(struct tcpflow *f, const struct flow_path *path,
                  struct packet_list *out, uint16_t client_port,
                  int64_t start_ns)
{
    memset(f, 0, sizeof *f);
    f->path = path;
    f->out = out;
    f->port[SIDE_CLIENT] = client_port;
    f->port[SIDE_SERVER] = path->server_port;
    for (int s = 0; s < 2; s++) {
        f->snd_nxt[s] = initial_seq(client_port, (enum flow_side)s);
        f->ip_id[s] = (uint16_t)(initial_seq(client_port, (enum flow_side)s) >> 16);
        f->now[s] = start_ns;
    }
}

static int64_t capture_time(const struct tcpflow *f, enum flow_side s, int64_t sent)
{
    return s == SIDE_CLIENT ? sent : sent + f->path->half_rtt_ns;
}

static void emit_at(struct tcpflow *f, enum flow_side s, int64_t sent,
                    uint8_t flags, const uint8_t *payload, size_t len)
{
    enum flow_side p = flow_peer(s);
    gboolean syn = (flags & NF_TCP_SYN) != 0;
    uint8_t options[SYN_OPTIONS_LEN];
    struct nf_packet pkt = {
        .src = &f->path->host[s], .dst = &f->path->host[p],
        .transport = NF_TCP, .sport = f->port[s], .dport = f->port[p],
        .ip_id = f->ip_id[s]++,
        .tcp = { .seq = f->snd_nxt[s], .ack = f->rcv_nxt[s], .flags = flags,
                 .window = syn ? 64240 : scaled_window[s],
                 .options = syn ? options : NULL,
                 .options_len = syn ? sizeof options : 0 },
        .payload = payload, .payload_len = len,
    };
    uint8_t frame[NF_MAX_FRAME];
    size_t n;

    if (syn)
        syn_options(f->path->mss, options);
    n = nf_build_frame(&pkt, frame, sizeof frame);
    g_assert(n > 0);
    packet_list_add(f->out, capture_time(f, s, sent), frame, n);
    f->snd_nxt[s] += (uint32_t)len + (syn ? 1 : 0) + ((flags & NF_TCP_FIN) ? 1 : 0);
    if (flags & NF_TCP_ACK) {
        f->ack_pending[s] = FALSE;
        f->unacked_segs[s] = 0;
    }
}

/* Delivery: the peer's clock moves to the arrival time of what it got. */
static void deliver(struct tcpflow *f, enum flow_side s, int64_t sent)
{
    enum flow_side p = flow_peer(s);
    int64_t arrival = sent + f->path->half_rtt_ns;

    f->rcv_nxt[p] = f->snd_nxt[s];
    if (f->now[p] < arrival)
        f->now[p] = arrival;
}

static void emit(struct tcpflow *f, enum flow_side s, uint8_t flags,
                 const uint8_t *payload, size_t len)
{
    int64_t sent = f->now[s];

    emit_at(f, s, sent, flags, payload, len);
    deliver(f, s, sent);
}

static void flush_stale_ack(struct tcpflow *f, enum flow_side s, gboolean force)
{
    if (!f->ack_pending[s])
        return;
    if (force || f->now[s] - f->ack_due[s] > PIGGYBACK_WINDOW_NS)
        emit_at(f, s, f->ack_due[s], NF_TCP_ACK, NULL, 0);
}

/* Before s talks: the peer's ACK went out when it was due; s's own
 * pending ACK rides on its next segment unless it is stale. */
static void settle_acks(struct tcpflow *f, enum flow_side s)
{
    flush_stale_ack(f, flow_peer(s), TRUE);
    flush_stale_ack(f, s, FALSE);
}

/* Delayed-ACK rule: every second full segment is ACKed at once. */
static void receiver_acks(struct tcpflow *f, enum flow_side receiver)
{
    if (++f->unacked_segs[receiver] >= 2) {
        emit_at(f, receiver, f->now[receiver], NF_TCP_ACK, NULL, 0);
        return;
    }
    f->ack_pending[receiver] = TRUE;
    f->ack_due[receiver] = f->now[receiver];
}

void tcpflow_connect(struct tcpflow *f)
{
    emit(f, SIDE_CLIENT, NF_TCP_SYN, NULL, 0);
    emit(f, SIDE_SERVER, NF_TCP_SYN | NF_TCP_ACK, NULL, 0);
    emit(f, SIDE_CLIENT, NF_TCP_ACK, NULL, 0);
}

void tcpflow_send(struct tcpflow *f, enum flow_side s, const uint8_t *data,
                  size_t len)
{
    settle_acks(f, s);
    while (len > 0) {
        size_t mss = f->path->mss;
        size_t n = len < mss ? len : mss;
        uint8_t flags = NF_TCP_ACK | (n == len ? NF_TCP_PSH : 0);

        emit(f, s, flags, data, n);
        receiver_acks(f, flow_peer(s));
        f->now[s] += f->path->segment_gap_ns;
        data += n;
        len -= n;
    }
}

void tcpflow_close(struct tcpflow *f, enum flow_side first)
{
    enum flow_side second = flow_peer(first);

    settle_acks(f, first);
    emit(f, first, NF_TCP_FIN | NF_TCP_ACK, NULL, 0);
    tcpflow_think(f, second, 50000);
    emit(f, second, NF_TCP_FIN | NF_TCP_ACK, NULL, 0);
    emit(f, first, NF_TCP_ACK, NULL, 0);
}

void tcpflow_think(struct tcpflow *f, enum flow_side s, int64_t ns)
{
    f->now[s] += ns;
}
