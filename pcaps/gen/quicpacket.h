/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * quicpacket: QUIC version 1 packets laid out as RFC 9000 section 17
 * describes and protected as RFC 9001 section 5 says: packet keys from a
 * traffic secret, AEAD over the payload, header protection over the
 * first byte and the packet number.  Plus encoders for the few frames a
 * handshake needs.  It knows nothing about connections; quicconn.c keeps
 * the state.
 */
#ifndef TLSEXPLAIN_QUICPACKET_H
#define TLSEXPLAIN_QUICPACKET_H

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

#include "netpath.h"

/* Connection IDs are 8 bytes here, a common choice (RFC 9000 allows 0-20). */
#define QUIC_CID_LEN 8
/* RFC 9000 section 14: the smallest datagram every path must carry.
 * Datagrams with Initial packets are padded up to it, and no endpoint
 * sends larger ones before it has probed the path. */
#define QUIC_DATAGRAM_SIZE 1200

/* The three packet number spaces (RFC 9000 section 12.3), in the order
 * their packets are coalesced into a datagram. */
enum quic_space {
    QUIC_SPACE_INITIAL = 0,
    QUIC_SPACE_HANDSHAKE,
    QUIC_SPACE_APP,      /* 1-RTT, short header */
    QUIC_SPACES
};

/* One direction's packet protection keys (AEAD_AES_128_GCM). */
struct quic_keys {
    uint8_t key[16];
    uint8_t iv[12];
    uint8_t hp[16];
};

struct quic_header {
    enum quic_space space;
    const uint8_t *dcid;   /* QUIC_CID_LEN bytes */
    const uint8_t *scid;   /* long headers only */
    uint64_t pn;
};

/* Initial keys of side s ("client in" / "server in"), from the
 * Destination Connection ID of the client's first Initial packet. */
gboolean quic_keys_initial(const uint8_t *odcid, size_t odcid_len,
                           enum flow_side s, struct quic_keys *keys);
/* Handshake and 1-RTT keys from a TLS traffic secret (SHA-256 suites). */
gboolean quic_keys_from_secret(const void *secret, size_t len,
                               struct quic_keys *keys);

/* Bytes a packet adds around its frames: header, packet number, tag. */
size_t quic_packet_overhead(const struct quic_header *h);
/* Appends the protected packet carrying frames to out.  frames must be
 * long enough for the header-protection sample (quic_min_frames_len). */
gboolean quic_packet_seal(const struct quic_header *h,
                          const struct quic_keys *keys, const GByteArray *frames,
                          GByteArray *out);
size_t quic_min_frames_len(void);

/* Frames (RFC 9000 section 19), appended to b. */
size_t quic_varint_len(uint64_t v);
void quic_put_varint(GByteArray *b, uint64_t v);
void quic_frame_padding(GByteArray *b, size_t n);
/* All packets from 0 to largest received; delay in microseconds. */
void quic_frame_ack(GByteArray *b, uint64_t largest, uint64_t delay_us);
/* Room a CRYPTO frame header takes for data at offset (len < 16384). */
size_t quic_crypto_header_len(uint64_t offset);
void quic_frame_crypto(GByteArray *b, uint64_t offset, const uint8_t *data,
                       size_t len);
void quic_frame_handshake_done(GByteArray *b);

#endif
