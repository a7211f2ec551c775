/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "quicpacket.h"

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <string.h>

#define QUIC_VERSION_1 0x00000001u
/* Packet numbers stay small here, and one byte can name any packet
 * still in flight (RFC 9000 section 17.1). */
#define PN_LEN 1
#define TAG_LEN 16
#define SAMPLE_LEN 16
/* Long header packet types (RFC 9000 section 17.2). */
#define LONG_TYPE_INITIAL 0x0
#define LONG_TYPE_HANDSHAKE 0x2

/* RFC 9001 section 5.2: the QUIC version 1 salt. */
static const uint8_t initial_salt[20] = {
    0x38, 0x76, 0x2c, 0xf7, 0xf5, 0x59, 0x34, 0xb3, 0x4d, 0x17,
    0x9a, 0xe6, 0xa4, 0xc8, 0x0c, 0xad, 0xcc, 0xbb, 0x7f, 0x0a,
};

/* HKDF-Expand-Label of TLS 1.3 (RFC 8446 section 7.1), empty context. */
static gboolean expand_label(const gnutls_datum_t *secret, const char *label,
                             uint8_t *out, size_t len)
{
    static const char prefix[] = "tls13 ";
    size_t label_len = strlen(prefix) + strlen(label);
    uint8_t info[4 + 255];
    gnutls_datum_t d = { info, (unsigned)(4 + label_len) };

    g_assert(label_len <= 255 && len <= 0xffff);
    info[0] = (uint8_t)(len >> 8);
    info[1] = (uint8_t)len;
    info[2] = (uint8_t)label_len;
    memcpy(info + 3, prefix, strlen(prefix));
    memcpy(info + 3 + strlen(prefix), label, strlen(label));
    info[3 + label_len] = 0;  /* context */
    return gnutls_hkdf_expand(GNUTLS_MAC_SHA256, secret, &d, out, len) == 0;
}

gboolean quic_keys_from_secret(const void *secret, size_t len,
                               struct quic_keys *keys)
{
    gnutls_datum_t s = { (unsigned char *)secret, (unsigned)len };

    return expand_label(&s, "quic key", keys->key, sizeof keys->key) &&
           expand_label(&s, "quic iv", keys->iv, sizeof keys->iv) &&
           expand_label(&s, "quic hp", keys->hp, sizeof keys->hp);
}

gboolean quic_keys_initial(const uint8_t *odcid, size_t odcid_len,
                           enum flow_side s, struct quic_keys *keys)
{
    gnutls_datum_t ikm = { (unsigned char *)odcid, (unsigned)odcid_len };
    gnutls_datum_t salt = { (unsigned char *)initial_salt, sizeof initial_salt };
    uint8_t prk[32], secret[32];
    gnutls_datum_t prk_d = { prk, sizeof prk };

    return gnutls_hkdf_extract(GNUTLS_MAC_SHA256, &ikm, &salt, prk) == 0 &&
           expand_label(&prk_d, s == SIDE_CLIENT ? "client in" : "server in",
                        secret, sizeof secret) &&
           quic_keys_from_secret(secret, sizeof secret, keys);
}

size_t quic_varint_len(uint64_t v)
{
    return v < 64 ? 1 : v < 16384 ? 2 : v < 1073741824 ? 4 : 8;
}

/* RFC 9000 section 16: the top two bits give the length. */
static void put_varint_as(GByteArray *b, uint64_t v, size_t len)
{
    static const uint8_t len_bits[9] = { [1] = 0x00, [2] = 0x40, [4] = 0x80, [8] = 0xc0 };
    uint8_t buf[8];

    for (size_t i = 0; i < len; i++)
        buf[i] = (uint8_t)(v >> (8 * (len - 1 - i)));
    buf[0] |= len_bits[len];
    g_byte_array_append(b, buf, (guint)len);
}

void quic_put_varint(GByteArray *b, uint64_t v)
{
    put_varint_as(b, v, quic_varint_len(v));
}

static void put_u8(GByteArray *b, uint8_t v)
{
    g_byte_array_append(b, &v, 1);
}

size_t quic_min_frames_len(void)
{
    /* The sample starts 4 bytes after the packet number's first byte
     * (RFC 9001 section 5.4.2) and needs 16 bytes of ciphertext. */
    return 4 - PN_LEN;
}

static size_t long_header_len(const struct quic_header *h)
{
    /* first byte, version, two CIDs with their lengths, the Length field
     * (always 2 bytes here), and for Initial an empty token. */
    return 1 + 4 + 1 + QUIC_CID_LEN + 1 + QUIC_CID_LEN + 2 +
           (h->space == QUIC_SPACE_INITIAL ? 1 : 0);
}

size_t quic_packet_overhead(const struct quic_header *h)
{
    size_t header = h->space == QUIC_SPACE_APP ? 1 + QUIC_CID_LEN
                                               : long_header_len(h);

    return header + PN_LEN + TAG_LEN;
}

static void put_long_header(GByteArray *out, const struct quic_header *h,
                            size_t payload_len)
{
    uint8_t type = h->space == QUIC_SPACE_INITIAL ? LONG_TYPE_INITIAL
                                                  : LONG_TYPE_HANDSHAKE;
    uint8_t version[4] = { 0, 0, 0, QUIC_VERSION_1 };

    put_u8(out, (uint8_t)(0xc0 | type << 4 | (PN_LEN - 1)));
    g_byte_array_append(out, version, sizeof version);
    put_u8(out, QUIC_CID_LEN);
    g_byte_array_append(out, h->dcid, QUIC_CID_LEN);
    put_u8(out, QUIC_CID_LEN);
    g_byte_array_append(out, h->scid, QUIC_CID_LEN);
    if (h->space == QUIC_SPACE_INITIAL)
        quic_put_varint(out, 0);  /* no token: no Retry happened */
    put_varint_as(out, PN_LEN + payload_len + TAG_LEN, 2);
}

/* Spin bit 0, key phase 0: keys are never updated here. */
static void put_short_header(GByteArray *out, const struct quic_header *h)
{
    put_u8(out, (uint8_t)(0x40 | (PN_LEN - 1)));
    g_byte_array_append(out, h->dcid, QUIC_CID_LEN);
}

/* RFC 9001 section 5.3: the IV with the packet number XORed into its end. */
static void make_nonce(const struct quic_keys *keys, uint64_t pn,
                       uint8_t nonce[12])
{
    memcpy(nonce, keys->iv, 12);
    for (int i = 0; i < 8; i++)
        nonce[11 - i] ^= (uint8_t)(pn >> (8 * i));
}

static gboolean encrypt_payload(const struct quic_keys *keys, uint64_t pn,
                                GByteArray *out, size_t start,
                                const GByteArray *frames)
{
    gnutls_datum_t key = { (unsigned char *)keys->key, sizeof keys->key };
    gnutls_aead_cipher_hd_t aead;
    uint8_t nonce[12];
    size_t header_len = out->len - start;
    size_t ctext_len = frames->len + TAG_LEN;
    int rc;

    make_nonce(keys, pn, nonce);
    if (gnutls_aead_cipher_init(&aead, GNUTLS_CIPHER_AES_128_GCM, &key) < 0)
        return FALSE;
    g_byte_array_set_size(out, (guint)(out->len + ctext_len));
    /* The header as sent, before header protection, is the AAD. */
    rc = gnutls_aead_cipher_encrypt(aead, nonce, sizeof nonce,
                                    out->data + start, header_len, TAG_LEN,
                                    frames->data, frames->len,
                                    out->data + start + header_len, &ctext_len);
    gnutls_aead_cipher_deinit(aead);
    return rc == 0 && ctext_len == frames->len + TAG_LEN;
}

/* AES-ECB of one block, which GnuTLS does not offer: CBC with a zero IV
 * over a single block is the same thing. */
static gboolean hp_mask(const struct quic_keys *keys, const uint8_t *sample,
                        uint8_t mask[16])
{
    static const uint8_t zero_iv[16];
    gnutls_datum_t key = { (unsigned char *)keys->hp, sizeof keys->hp };
    gnutls_datum_t iv = { (unsigned char *)zero_iv, sizeof zero_iv };
    gnutls_cipher_hd_t hd;
    int rc;

    if (gnutls_cipher_init(&hd, GNUTLS_CIPHER_AES_128_CBC, &key, &iv) < 0)
        return FALSE;
    rc = gnutls_cipher_encrypt2(hd, sample, SAMPLE_LEN, mask, SAMPLE_LEN);
    gnutls_cipher_deinit(hd);
    return rc == 0;
}

/* RFC 9001 section 5.4.1: hide the packet number and the low bits of the
 * first byte (4 for long headers, 5 for short) under a mask made from
 * the ciphertext. */
static gboolean protect_header(const struct quic_keys *keys, uint8_t *packet,
                               size_t pn_off, gboolean long_header)
{
    uint8_t mask[16];

    if (!hp_mask(keys, packet + pn_off + 4, mask))
        return FALSE;
    packet[0] ^= mask[0] & (long_header ? 0x0f : 0x1f);
    for (size_t i = 0; i < PN_LEN; i++)
        packet[pn_off + i] ^= mask[1 + i];
    return TRUE;
}

gboolean quic_packet_seal(const struct quic_header *h,
                          const struct quic_keys *keys, const GByteArray *frames,
                          GByteArray *out)
{
    size_t start = out->len;
    size_t pn_off;
    gboolean long_header = h->space != QUIC_SPACE_APP;

    g_assert(frames->len >= quic_min_frames_len());
    if (long_header)
        put_long_header(out, h, frames->len);
    else
        put_short_header(out, h);
    pn_off = out->len - start;
    put_u8(out, (uint8_t)h->pn);
    g_assert(h->pn < 256);
    return encrypt_payload(keys, h->pn, out, start, frames) &&
           protect_header(keys, out->data + start, pn_off, long_header);
}

void quic_frame_padding(GByteArray *b, size_t n)
{
    size_t old = b->len;

    g_byte_array_set_size(b, (guint)(old + n));
    memset(b->data + old, 0, n);  /* PADDING is type 0x00, one byte each */
}

/* Every ACK here acknowledges one unbroken range, 0 to largest, and the
 * delay uses the default ack_delay_exponent 3 (units of 8 us). */
void quic_frame_ack(GByteArray *b, uint64_t largest, uint64_t delay_us)
{
    put_u8(b, 0x02);
    quic_put_varint(b, largest);
    quic_put_varint(b, delay_us >> 3);
    quic_put_varint(b, 0);        /* ACK Range Count */
    quic_put_varint(b, largest);  /* First ACK Range: largest down to 0 */
}

size_t quic_crypto_header_len(uint64_t offset)
{
    return 1 + quic_varint_len(offset) + 2;
}

void quic_frame_crypto(GByteArray *b, uint64_t offset, const uint8_t *data,
                       size_t len)
{
    g_assert(len < 16384);
    put_u8(b, 0x06);
    quic_put_varint(b, offset);
    put_varint_as(b, len, 2);
    g_byte_array_append(b, data, (guint)len);
}

void quic_frame_handshake_done(GByteArray *b)
{
    put_u8(b, 0x1e);
}
