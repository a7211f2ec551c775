/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "netpath.h"

#include <string.h>

/* Ethernet MTU minus the IP and TCP headers. */
#define MSS_IPV4 1460
#define MSS_IPV6 1440

static void init_common(struct flow_path *path, int64_t rtt_ns)
{
    path->server_port = 443;
    path->half_rtt_ns = rtt_ns / 2;
    path->segment_gap_ns = 12000; /* ~1 Gbit/s for a full segment */
}

void flow_path_init_ipv4(struct flow_path *path, int64_t rtt_ns)
{
    static const struct nf_host client = {
        NF_IPV4, { 0x02, 0x00, 0x5e, 0x10, 0x00, 0x0a }, { 192, 0, 2, 10 }, 64
    };
    /* Server packets arrive through the client's router: its MAC, and a
     * TTL that has lost a few hops on the way. */
    static const struct nf_host server = {
        NF_IPV4, { 0x02, 0x00, 0x5e, 0x10, 0x00, 0x01 }, { 198, 51, 100, 20 }, 52
    };

    memset(path, 0, sizeof *path);
    path->host[SIDE_CLIENT] = client;
    path->host[SIDE_SERVER] = server;
    path->mss = MSS_IPV4;
    init_common(path, rtt_ns);
}

void flow_path_init_ipv6(struct flow_path *path, int64_t rtt_ns)
{
    static const struct nf_host client = {
        NF_IPV6, { 0x02, 0x00, 0x5e, 0x10, 0x00, 0x0a },
        { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x10, [15] = 0x0a }, 64
    };
    static const struct nf_host server = {
        NF_IPV6, { 0x02, 0x00, 0x5e, 0x10, 0x00, 0x01 },
        { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x20, [15] = 0x14 }, 52
    };

    memset(path, 0, sizeof *path);
    path->host[SIDE_CLIENT] = client;
    path->host[SIDE_SERVER] = server;
    path->mss = MSS_IPV6;
    init_common(path, rtt_ns);
}
