/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * netframe: builds complete link-layer frames (Ethernet + IP + transport)
 * around a payload, with valid checksums.  It knows nothing about
 * connections; callers (tcpflow.c, udpflow.c) keep the state.
 */
#ifndef TLSEXPLAIN_NETFRAME_H
#define TLSEXPLAIN_NETFRAME_H

#include <stddef.h>
#include <stdint.h>

/* Big enough for a full-MSS segment with any header combination we build. */
#define NF_MAX_FRAME 1600

enum nf_family { NF_IPV4 = 4, NF_IPV6 = 6 };
enum nf_transport { NF_TCP = 6, NF_UDP = 17 };

enum nf_tcp_flag {
    NF_TCP_FIN = 0x01,
    NF_TCP_SYN = 0x02,
    NF_TCP_RST = 0x04,
    NF_TCP_PSH = 0x08,
    NF_TCP_ACK = 0x10,
};

/* One end of a path as seen on the wire at the capture point. */
struct nf_host {
    enum nf_family family;
    uint8_t mac[6];
    uint8_t ip[16];  /* first 4 bytes for IPv4 */
    uint8_t ttl;     /* TTL / hop limit as it arrives at the capture point */
};

struct nf_tcp_fields {
    uint32_t seq;
    uint32_t ack;
    uint8_t flags;
    uint16_t window;
    const uint8_t *options; /* already padded to a multiple of 4 */
    size_t options_len;
};

struct nf_packet {
    const struct nf_host *src;
    const struct nf_host *dst;
    enum nf_transport transport;
    uint16_t sport;
    uint16_t dport;
    uint16_t ip_id;           /* ignored for IPv6 */
    struct nf_tcp_fields tcp; /* ignored for UDP */
    const uint8_t *payload;
    size_t payload_len;
};

/*
 * Writes the frame for pkt into out (cap bytes).  Returns the frame
 * length, or 0 if the addresses are of different families, the TCP
 * options are not padded, or the frame does not fit.
 */
size_t nf_build_frame(const struct nf_packet *pkt, uint8_t *out, size_t cap);

#endif
