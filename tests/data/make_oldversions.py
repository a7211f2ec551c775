#!/usr/bin/env python3
# Writes old-versions.pcap: versions from before today's standards, which
# must be recognised, not called malformed.
#   tcp.stream 0  port 52101  TLS 1.3 draft 20 (0x7f14): the ClientHello lists
#                 it in supported_versions and sends its key_share as
#                 extension 40 (the drafts' number, 51 since draft 23); the
#                 ServerHello has the drafts' layout (version 0x7f14, random,
#                 cipher suite, extensions), then encrypted records.
#   udp port 52102  DTLS 1.0 as OpenSSL before 0.9.8f sent it (version
#                 0x0100): RSA key exchange whose ClientKeyExchange holds the
#                 encrypted pre-master secret without a length in front. It
#                 is encrypted for real with the key of pcaps/gen/certs, so
#                 tlsexplain.rsa_key_file:pcaps/gen/certs/server-key.pem
#                 recovers it.
# Plaintext handshakes from 192.0.2.10 to 198.51.100.20, 2026-01-01.
# Usage: make_oldversions.py OUT.pcap
# SPDX-License-Identifier: GPL-2.0-or-later
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pcapwrite import PCAP_HEADER, handshake, record  # noqa: E402
from make_classics import (CERT, CLIENT, KEY_N, SERVER, T0, Connection, certificate,  # noqa: E402
                           done, ext, opaque, sni, u16s, vec8, vec16)
from make_psk import udp_frame  # noqa: E402

DRAFT20 = 0x7F14
DTLS_OPENSSL = 0x0100
RSA_AES128_SHA = 0x002F


def draft20():
    c = Connection(52101, T0)
    cr, sr = opaque("d20cr", 32), opaque("d20sr", 32)
    share = struct.pack("!H", 0x001D) + vec16(opaque("d20cs", 32))
    exts = (sni("www.example.com") + ext(10, vec16(u16s([0x001D]))) +
            ext(13, vec16(u16s([0x0804, 0x0403]))) + ext(40, vec16(share)) +
            ext(43, vec8(u16s([DRAFT20]))))
    ch = handshake(1, struct.pack("!H", 0x0303) + cr + vec8(b"") + vec16(u16s([0x1301])) +
                   vec8(b"\x00") + vec16(exts))
    c.send(False, record(22, ch, 0x0301))
    sshare = struct.pack("!H", 0x001D) + vec16(opaque("d20ss", 32))
    sh = handshake(2, struct.pack("!H", DRAFT20) + sr + struct.pack("!H", 0x1301) +
                   vec16(ext(40, sshare)))
    c.send(True, record(22, sh) + record(23, opaque("d20flight", 1200)))
    c.send(False, record(23, opaque("d20cfin", 53)) + record(23, opaque("d20get", 100)))
    c.send(True, record(23, opaque("d20ok", 200)))
    c.close()
    return c.packets


def dtls_record(ctype, epoch, seq, body):
    return struct.pack("!BHH", ctype, DTLS_OPENSSL, epoch) + seq.to_bytes(6, "big") + \
        vec16(body)


def dtls_handshake(htype, msg_seq, body):
    n = len(body).to_bytes(3, "big")
    return bytes([htype]) + n + struct.pack("!H", msg_seq) + b"\0\0\0" + n + body


def rsa_encrypt(message):
    """PKCS #1 v1.5 encryption to the server key, padding fixed for the file."""
    k = (KEY_N.bit_length() + 7) // 8
    pad = bytes(b or 1 for b in opaque("pkcs1-pad", k - 3 - len(message)))
    em = b"\x00\x02" + pad + b"\x00" + message
    return pow(int.from_bytes(em, "big"), 65537, KEY_N).to_bytes(k, "big")


def dtls_openssl():
    cr, sr = opaque("o98cr", 32), opaque("o98sr", 32)
    ch = struct.pack("!H", DTLS_OPENSSL) + cr + vec8(b"") + vec8(b"") + \
        vec16(u16s([RSA_AES128_SHA])) + vec8(b"\x00")
    sh = struct.pack("!H", DTLS_OPENSSL) + sr + vec8(opaque("o98sid", 32)) + \
        struct.pack("!HB", RSA_AES128_SHA, 0)
    cert = certificate()[4:]
    pre_master = struct.pack("!H", DTLS_OPENSSL) + opaque("o98pms", 46)
    flights = [
        (False, dtls_record(22, 0, 0, dtls_handshake(1, 0, ch))),
        (True, dtls_record(22, 0, 0, dtls_handshake(2, 0, sh)) +
         dtls_record(22, 0, 1, dtls_handshake(11, 1, cert)) +
         dtls_record(22, 0, 2, dtls_handshake(14, 2, done()[4:]))),
        (False, dtls_record(22, 0, 1, dtls_handshake(16, 1, rsa_encrypt(pre_master))) +
         dtls_record(20, 0, 2, b"\x01") + dtls_record(22, 1, 0, opaque("o98cfin", 64))),
        (True, dtls_record(20, 0, 3, b"\x01") + dtls_record(22, 1, 0, opaque("o98sfin", 64))),
    ]
    packets, t = [], (T0 + 1) * 1000000
    for from_server, payload in flights:
        src, dst = (SERVER, CLIENT) if from_server else (CLIENT, SERVER)
        sport, dport = (4433, 52102) if from_server else (52102, 4433)
        t += 10300 if from_server else 300
        packets.append((t, udp_frame(src, dst, sport, dport, payload)))
    return packets


def main():
    out = [PCAP_HEADER]
    for t, pkt in draft20() + dtls_openssl():
        out.append(struct.pack("<IIII", t // 1000000, t % 1000000, len(pkt), len(pkt)) + pkt)
    with open(sys.argv[1], "wb") as f:
        f.write(b"".join(out))


if __name__ == "__main__":
    main()
