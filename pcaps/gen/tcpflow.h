/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tcpflow: one simulated TCP connection between a client and a server,
 * turned into frames in a packet_list.
 *
 * Time model: each end has its own clock.  A packet sent at time t
 * arrives at the other end at t + RTT/2.  The capture point is the
 * client's interface (as if Wireshark ran on the client machine), so
 * client packets are stamped when sent and server packets when they
 * arrive; a request/response round trip therefore shows up as one RTT.
 */
#ifndef TLSEXPLAIN_TCPFLOW_H
#define TLSEXPLAIN_TCPFLOW_H

#include <glib.h>
#include <stdint.h>

#include "capture.h"
#include "netframe.h"

#define TCPFLOW_MSS 1460

enum flow_side { SIDE_CLIENT = 0, SIDE_SERVER = 1 };

static inline enum flow_side flow_peer(enum flow_side s)
{
    return s == SIDE_CLIENT ? SIDE_SERVER : SIDE_CLIENT;
}

/* The network between the two hosts; shared by all flows of a capture. */
struct flow_path {
    struct nf_host host[2];  /* indexed by enum flow_side */
    uint16_t server_port;
    int64_t half_rtt_ns;
    int64_t segment_gap_ns;  /* serialisation delay between back-to-back segments */
};

struct tcpflow {
    const struct flow_path *path;
    struct packet_list *out;
    uint16_t port[2];
    uint32_t snd_nxt[2];
    uint32_t rcv_nxt[2];
    uint16_t ip_id[2];
    int64_t now[2];
    unsigned unacked_segs[2];
    gboolean ack_pending[2];
    int64_t ack_due[2];
};

/* IPv4 client 192.0.2.10 and server 198.51.100.20 (documentation ranges). */
void flow_path_init_ipv4(struct flow_path *path, int64_t rtt_ns);

void tcpflow_init(struct tcpflow *f, const struct flow_path *path,
                  struct packet_list *out, uint16_t client_port,
                  int64_t start_ns);
void tcpflow_connect(struct tcpflow *f);
/* Sends len bytes from side s, segmented at the MSS, with receiver ACKs. */
void tcpflow_send(struct tcpflow *f, enum flow_side s, const uint8_t *data,
                  size_t len);
/* FIN/ACK from first, FIN/ACK back, final ACK. */
void tcpflow_close(struct tcpflow *f, enum flow_side first);
/* Local work (crypto, application) on side s before it sends again. */
void tcpflow_think(struct tcpflow *f, enum flow_side s, int64_t ns);

#endif
