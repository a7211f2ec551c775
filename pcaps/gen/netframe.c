/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "netframe.h"

#include <string.h>

#define ETH_HDR_LEN 14
#define IPV4_HDR_LEN 20
#define IPV6_HDR_LEN 40
#define TCP_HDR_LEN 20
#define UDP_HDR_LEN 8
#define ETHERTYPE_IPV4 0x0800
#define ETHERTYPE_IPV6 0x86dd

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, (uint16_t)(v >> 16));
    put16(p + 2, (uint16_t)v);
}

/* RFC 1071 sum without the final fold, so pieces can be chained. */
static uint32_t sum16(const uint8_t *p, size_t len, uint32_t acc)
{
    for (; len > 1; p += 2, len -= 2)
        acc += (uint32_t)(p[0] << 8 | p[1]);
    if (len)
        acc += (uint32_t)(p[0] << 8);
    return acc;
}

static uint16_t fold(uint32_t acc)
{
    while (acc >> 16)
        acc = (acc & 0xffff) + (acc >> 16);
    return (uint16_t)~acc;
}

static size_t put_ethernet(const struct nf_packet *pkt, uint8_t *out)
{
    memcpy(out, pkt->dst->mac, 6);
    memcpy(out + 6, pkt->src->mac, 6);
    put16(out + 12, pkt->src->family == NF_IPV6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4);
    return ETH_HDR_LEN;
}

static size_t put_ipv4(const struct nf_packet *pkt, size_t l4_len, uint8_t *out)
{
    memset(out, 0, IPV4_HDR_LEN);
    out[0] = 0x45;
    put16(out + 2, (uint16_t)(IPV4_HDR_LEN + l4_len));
    put16(out + 4, pkt->ip_id);
    out[6] = 0x40; /* DF: TCP does path MTU discovery, like real stacks */
    out[8] = pkt->src->ttl;
    out[9] = (uint8_t)pkt->transport;
    memcpy(out + 12, pkt->src->ip, 4);
    memcpy(out + 16, pkt->dst->ip, 4);
    put16(out + 10, fold(sum16(out, IPV4_HDR_LEN, 0)));
    return IPV4_HDR_LEN;
}

static size_t put_ipv6(const struct nf_packet *pkt, size_t l4_len, uint8_t *out)
{
    memset(out, 0, IPV6_HDR_LEN);
    out[0] = 0x60; /* version 6, no traffic class, no flow label */
    put16(out + 4, (uint16_t)l4_len);
    out[6] = (uint8_t)pkt->transport;
    out[7] = pkt->src->ttl;
    memcpy(out + 8, pkt->src->ip, 16);
    memcpy(out + 24, pkt->dst->ip, 16);
    return IPV6_HDR_LEN;
}

static size_t put_ip(const struct nf_packet *pkt, size_t l4_len, uint8_t *out)
{
    return pkt->src->family == NF_IPV6 ? put_ipv6(pkt, l4_len, out)
                                       : put_ipv4(pkt, l4_len, out);
}

/* RFC 8200 section 8.1: addresses, upper-layer length, next header. */
static uint32_t ipv6_pseudo_sum(const struct nf_packet *pkt, size_t l4_len)
{
    uint8_t ph[40];

    memcpy(ph, pkt->src->ip, 16);
    memcpy(ph + 16, pkt->dst->ip, 16);
    put32(ph + 32, (uint32_t)l4_len);
    memset(ph + 36, 0, 3);
    ph[39] = (uint8_t)pkt->transport;
    return sum16(ph, sizeof ph, 0);
}

static uint32_t ipv4_pseudo_sum(const struct nf_packet *pkt, size_t l4_len)
{
    uint8_t ph[12];

    memcpy(ph, pkt->src->ip, 4);
    memcpy(ph + 4, pkt->dst->ip, 4);
    ph[8] = 0;
    ph[9] = (uint8_t)pkt->transport;
    put16(ph + 10, (uint16_t)l4_len);
    return sum16(ph, sizeof ph, 0);
}

static uint32_t pseudo_sum(const struct nf_packet *pkt, size_t l4_len)
{
    return pkt->src->family == NF_IPV6 ? ipv6_pseudo_sum(pkt, l4_len)
                                       : ipv4_pseudo_sum(pkt, l4_len);
}

static size_t l4_len(const struct nf_packet *pkt)
{
    if (pkt->transport == NF_UDP)
        return UDP_HDR_LEN + pkt->payload_len;
    return TCP_HDR_LEN + pkt->tcp.options_len + pkt->payload_len;
}

static size_t put_tcp(const struct nf_packet *pkt, uint8_t *out)
{
    const struct nf_tcp_fields *t = &pkt->tcp;
    size_t hdr = TCP_HDR_LEN + t->options_len;

    memset(out, 0, TCP_HDR_LEN);
    put16(out, pkt->sport);
    put16(out + 2, pkt->dport);
    put32(out + 4, t->seq);
    put32(out + 8, (t->flags & NF_TCP_ACK) ? t->ack : 0);
    out[12] = (uint8_t)((hdr / 4) << 4);
    out[13] = t->flags;
    put16(out + 14, t->window);
    memcpy(out + TCP_HDR_LEN, t->options, t->options_len);
    memcpy(out + hdr, pkt->payload, pkt->payload_len);
    put16(out + 16, fold(sum16(out, hdr + pkt->payload_len,
                               pseudo_sum(pkt, hdr + pkt->payload_len))));
    return hdr + pkt->payload_len;
}

static size_t put_udp(const struct nf_packet *pkt, uint8_t *out)
{
    size_t len = UDP_HDR_LEN + pkt->payload_len;
    uint16_t sum;

    put16(out, pkt->sport);
    put16(out + 2, pkt->dport);
    put16(out + 4, (uint16_t)len);
    put16(out + 6, 0);
    memcpy(out + UDP_HDR_LEN, pkt->payload, pkt->payload_len);
    sum = fold(sum16(out, len, pseudo_sum(pkt, len)));
    /* A computed 0 is sent as all ones; 0 means "no checksum" (RFC 768). */
    put16(out + 6, sum ? sum : 0xffff);
    return len;
}

static size_t put_transport(const struct nf_packet *pkt, uint8_t *out)
{
    return pkt->transport == NF_UDP ? put_udp(pkt, out) : put_tcp(pkt, out);
}

size_t nf_build_frame(const struct nf_packet *pkt, uint8_t *out, size_t cap)
{
    size_t l4 = l4_len(pkt);
    size_t ip_hdr = pkt->src->family == NF_IPV6 ? IPV6_HDR_LEN : IPV4_HDR_LEN;

    if (pkt->src->family != pkt->dst->family)
        return 0;
    if (pkt->transport == NF_TCP && pkt->tcp.options_len % 4 != 0)
        return 0;
    if (ETH_HDR_LEN + ip_hdr + l4 > cap)
        return 0;
    put_ethernet(pkt, out);
    put_ip(pkt, l4, out + ETH_HDR_LEN);
    put_transport(pkt, out + ETH_HDR_LEN + ip_hdr);
    return ETH_HDR_LEN + ip_hdr + l4;
}
