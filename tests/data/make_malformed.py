#!/usr/bin/env python3
# Writes malformed.pcap: handshake messages that lie about their contents,
# each on its own TCP connection, to test that bad input becomes an expert
# item naming the field and nothing else breaks. Plain pcap, fixed times.
# Usage: make_malformed.py OUT.pcap
# SPDX-License-Identifier: GPL-2.0-or-later
import struct
import sys


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def frame(src, dst, sport, dport, seq, ack, flags, payload):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0) + payload
    pseudo = struct.pack("!4s4sBBH", bytes(src), bytes(dst), 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", checksum(pseudo + tcp)) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0x4000, 64, 6, 0,
                     bytes(src), bytes(dst))
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    eth = bytes.fromhex("020000000002" "020000000001" "0800")
    return eth + ip + tcp


def record(ctype, body):
    return struct.pack("!BHH", ctype, 0x0303, len(body)) + body


def handshake(htype, body, length=None):
    n = len(body) if length is None else length
    return struct.pack("!B", htype) + n.to_bytes(3, "big") + body


def client_hello(suites_len=None, trailing=b""):
    suites = bytes.fromhex("c02fc0301301")
    ext = bytes.fromhex("000b000403000102")  # ec_point_formats
    sl = len(suites) if suites_len is None else suites_len
    body = (b"\x03\x03" + bytes(range(32)) + b"\x00" + struct.pack("!H", sl) + suites +
            b"\x01\x00" + struct.pack("!H", len(ext)) + ext + trailing)
    return handshake(1, body)


CASES = [
    # (from server?, TLS payload)
    (False, record(22, client_hello(suites_len=0x4000))),          # garbage: vector runs past the end
    (False, record(22, client_hello(trailing=b"\xde\xad\xbe\xef"))),  # over-long: bytes after extensions
    (True, record(22, handshake(14, b"\x00\x01"))),                 # ServerHelloDone with a body
    (True, record(22, handshake(4, b"\x00\x00\x1c\x20" b"\x00\x40" b"short"))),  # ticket cut short
    (False, record(22, handshake(1, b"\x03"))),                     # ClientHello cut after one byte
]


def main():
    out = open(sys.argv[1], "wb")
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    client, server = [10, 0, 0, 1], [10, 0, 0, 2]
    t = 1798794000  # 2027-01-01, fixed so the file never changes
    for i, (from_server, payload) in enumerate(CASES):
        sport = 50000 + i
        if from_server:
            pkt = frame(server, client, 443, sport, 1000, 2000, 0x18, payload)
        else:
            pkt = frame(client, server, sport, 443, 2000, 1000, 0x18, payload)
        out.write(struct.pack("<IIII", t + i, 0, len(pkt), len(pkt)) + pkt)


main()
