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
#include "netpath.h"

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
