/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * udpflow: one simulated UDP association (for DTLS), turned into frames
 * in a packet_list.  Same time model as tcpflow: each end has its own
 * clock, a datagram sent at t arrives at t + RTT/2, and the capture is
 * taken on the client.
 */
#ifndef TLSEXPLAIN_UDPFLOW_H
#define TLSEXPLAIN_UDPFLOW_H

#include <stddef.h>
#include <stdint.h>

#include "capture.h"
#include "netpath.h"

struct udpflow {
    const struct flow_path *path;
    struct packet_list *out;
    uint16_t port[2];
    uint16_t ip_id[2];
    int64_t now[2];
};

void udpflow_init(struct udpflow *f, const struct flow_path *path,
                  struct packet_list *out, uint16_t client_port,
                  int64_t start_ns);
/* One datagram from side s; the peer's clock moves to its arrival. */
void udpflow_send(struct udpflow *f, enum flow_side s, const uint8_t *data,
                  size_t len);

#endif
