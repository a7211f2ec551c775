#!/usr/bin/env python3
# Writes psk-full.pcap: full handshakes with pre-shared-key cipher suites,
# which have no certificate and may have no ServerKeyExchange, and must not
# be taken for resumed sessions (RFC 4279):
#   TCP port 51001  TLS 1.2, TLS_PSK_WITH_AES_128_GCM_SHA256: ServerHello,
#                   ServerHelloDone, ClientKeyExchange with psk_identity
#   TCP port 51002  TLS 1.2, TLS_DHE_PSK_WITH_AES_128_GCM_SHA256: with a
#                   ServerKeyExchange (identity hint and DH parameters)
#   UDP port 51003  DTLS 1.2, TLS_PSK_WITH_AES_128_GCM_SHA256
# The Finished messages are encrypted (opaque bytes): no keys are needed
# to see the flow. Plain pcap, fixed times.
# Usage: make_psk.py OUT.pcap
# SPDX-License-Identifier: GPL-2.0-or-later
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pcapwrite import PCAP_HEADER, checksum, frame, handshake, record  # noqa: E402

CLIENT, SERVER = [10, 0, 0, 1], [10, 0, 0, 2]
T0 = 1798794000  # 2027-01-01, fixed so the file never changes
PSK = 0x00A8        # TLS_PSK_WITH_AES_128_GCM_SHA256
DHE_PSK = 0x00AA    # TLS_DHE_PSK_WITH_AES_128_GCM_SHA256


def hello(htype, suites, random_byte):
    body = b"\x03\x03" + bytes([random_byte]) * 32 + b"\x00"
    if htype == 1:
        body += struct.pack("!H", 2 * len(suites)) + b"".join(struct.pack("!H", s) for s in suites)
        body += b"\x01\x00"
    else:
        body += struct.pack("!H", suites[0]) + b"\x00"
    return handshake(htype, body)


def vec16(b):
    return struct.pack("!H", len(b)) + b


def cke_psk():
    return handshake(16, vec16(b"student"))


def ske_dhe_psk():
    p = bytes([0xFF]) * 256
    return handshake(12, vec16(b"lab-hint") + vec16(p) + vec16(b"\x02") + vec16(bytes([7]) * 256))


def cke_dhe_psk():
    return handshake(16, vec16(b"student") + vec16(bytes([5]) * 256))


ENCRYPTED_FINISHED = bytes(range(40))  # explicit nonce, Finished, tag: opaque without keys


def tls_flow(sport, suite, server_flight, cke):
    """(from_server, TLS payload) of one TLS 1.2 connection."""
    return [(False, record(22, hello(1, [suite], 0x11))),
            (True, record(22, hello(2, [suite], 0x22) + server_flight + handshake(14, b""))),
            (False, record(22, cke) + record(20, b"\x01") + record(22, ENCRYPTED_FINISHED)),
            (True, record(20, b"\x01") + record(22, ENCRYPTED_FINISHED))]


def dtls_record(ctype, epoch, seq, body):
    return struct.pack("!BHH", ctype, 0xFEFD, epoch) + seq.to_bytes(6, "big") + \
        struct.pack("!H", len(body)) + body


def dtls_handshake(htype, msg_seq, body):
    n = len(body).to_bytes(3, "big")
    return bytes([htype]) + n + struct.pack("!H", msg_seq) + b"\0\0\0" + n + body


def dtls_flow():
    # DTLS 1.2 is 0xfefd in the hellos; its ClientHello has a cookie after
    # the session ID (empty: no HelloVerifyRequest here).
    ch = b"\xfe\xfd" + hello(1, [PSK], 0x33)[6:]
    sh = b"\xfe\xfd" + hello(2, [PSK], 0x44)[6:]
    return [(False, dtls_record(22, 0, 0, dtls_handshake(1, 0, ch[:35] + b"\x00" + ch[35:]))),
            (True, dtls_record(22, 0, 0, dtls_handshake(2, 0, sh)) +
             dtls_record(22, 0, 1, dtls_handshake(14, 1, b""))),
            (False, dtls_record(22, 0, 1, dtls_handshake(16, 1, vec16(b"student"))) +
             dtls_record(20, 0, 2, b"\x01") + dtls_record(22, 1, 0, ENCRYPTED_FINISHED)),
            (True, dtls_record(20, 0, 2, b"\x01") + dtls_record(22, 1, 0, ENCRYPTED_FINISHED))]


def udp_frame(src, dst, sport, dport, payload):
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    pseudo = struct.pack("!4s4sBBH", bytes(src), bytes(dst), 0, 17, len(udp))
    udp = udp[:6] + struct.pack("!H", checksum(pseudo + udp) or 0xFFFF) + udp[8:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0x4000, 64, 17, 0,
                     bytes(src), bytes(dst))
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    return bytes.fromhex("020000000002" "020000000001" "0800") + ip + udp


def main():
    out = [PCAP_HEADER]
    t = 0
    flows = [(51001, tls_flow(51001, PSK, b"", cke_psk()), False),
             (51002, tls_flow(51002, DHE_PSK, ske_dhe_psk(), cke_dhe_psk()), False),
             (51003, dtls_flow(), True)]
    for port, msgs, udp in flows:
        seq = {False: 1000, True: 5000}
        for from_server, payload in msgs:
            src, dst = (SERVER, CLIENT) if from_server else (CLIENT, SERVER)
            sport, dport = (443, port) if from_server else (port, 443)
            if udp:
                pkt = udp_frame(src, dst, sport, dport, payload)
            else:
                pkt = frame(src, dst, sport, dport, seq[from_server], seq[not from_server],
                            0x18, payload)
                seq[from_server] += len(payload)
            t += 1
            out.append(struct.pack("<IIII", T0 + t // 10, (t % 10) * 100000, len(pkt), len(pkt)))
            out.append(pkt)
    with open(sys.argv[1], "wb") as f:
        f.write(b"".join(out))


if __name__ == "__main__":
    main()
