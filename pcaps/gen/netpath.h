/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * netpath: the two hosts of a capture and the network between them,
 * shared by the TCP (tcpflow) and UDP (udpflow) connections over it.
 */
#ifndef TLSEXPLAIN_NETPATH_H
#define TLSEXPLAIN_NETPATH_H

#include <stdint.h>

#include "netframe.h"

enum flow_side { SIDE_CLIENT = 0, SIDE_SERVER = 1 };

static inline enum flow_side flow_peer(enum flow_side s)
{
    return s == SIDE_CLIENT ? SIDE_SERVER : SIDE_CLIENT;
}

struct flow_path {
    struct nf_host host[2];  /* indexed by enum flow_side */
    uint16_t server_port;
    uint16_t mss;            /* what the link MTU leaves for TCP payload */
    int64_t half_rtt_ns;
    int64_t segment_gap_ns;  /* serialisation delay between back-to-back segments */
};

/* IPv4 client 192.0.2.10 and server 198.51.100.20 (documentation ranges). */
void flow_path_init_ipv4(struct flow_path *path, int64_t rtt_ns);
/* IPv6 client 2001:db8:10::a and server 2001:db8:20::14 (RFC 3849). */
void flow_path_init_ipv6(struct flow_path *path, int64_t rtt_ns);

#endif
