#!/usr/bin/env python3
# Writes malformed.pcap: handshake messages that lie about their contents,
# each on its own TCP connection, to test that bad input becomes an expert
# item naming the field and nothing else breaks. Plain pcap, fixed times.
# Usage: make_malformed.py OUT.pcap
# SPDX-License-Identifier: GPL-2.0-or-later
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pcapwrite import PCAP_HEADER, frame, handshake, packet, record  # noqa: E402


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
    out.write(PCAP_HEADER)
    client, server = [10, 0, 0, 1], [10, 0, 0, 2]
    t = 1798794000  # 2027-01-01, fixed so the file never changes
    for i, (from_server, payload) in enumerate(CASES):
        sport = 50000 + i
        if from_server:
            pkt = frame(server, client, 443, sport, 1000, 2000, 0x18, payload)
        else:
            pkt = frame(client, server, sport, 443, 2000, 1000, 0x18, payload)
        out.write(packet(t + i, pkt))


main()
