/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "udpflow.h"

#include <glib.h>
#include <string.h>

void udpflow_init(struct udpflow *f, const struct flow_path *path,
                  struct packet_list *out, uint16_t client_port,
                  int64_t start_ns)
{
    memset(f, 0, sizeof *f);
    f->path = path;
    f->out = out;
    f->port[SIDE_CLIENT] = client_port;
    f->port[SIDE_SERVER] = path->server_port;
    /* Arbitrary but reproducible, like tcpflow's sequence numbers. */
    f->ip_id[SIDE_CLIENT] = (uint16_t)(client_port * 40503u);
    f->ip_id[SIDE_SERVER] = (uint16_t)(client_port * 40503u + 0x5bd1u);
    f->now[SIDE_CLIENT] = start_ns;
    f->now[SIDE_SERVER] = start_ns;
}

void udpflow_send(struct udpflow *f, enum flow_side s, const uint8_t *data,
                  size_t len)
{
    enum flow_side p = flow_peer(s);
    struct nf_packet pkt = {
        .src = &f->path->host[s], .dst = &f->path->host[p],
        .transport = NF_UDP, .sport = f->port[s], .dport = f->port[p],
        .ip_id = f->ip_id[s]++,
        .payload = data, .payload_len = len,
    };
    uint8_t frame[NF_MAX_FRAME];
    size_t n = nf_build_frame(&pkt, frame, sizeof frame);
    int64_t sent = f->now[s];
    int64_t arrival = sent + f->path->half_rtt_ns;

    g_assert(n > 0);
    /* Captured on the client: its datagrams when sent, the server's on arrival. */
    packet_list_add(f->out, s == SIDE_CLIENT ? sent : arrival, frame, n);
    f->now[s] += f->path->segment_gap_ns;
    if (f->now[p] < arrival)
        f->now[p] = arrival;
}
