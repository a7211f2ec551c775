#!/usr/bin/env python3
# Writes sslv2-hello.pcap: a TLS 1.0 client opening with the SSL 2.0-
# compatible ClientHello (RFC 5246 §E.2) and the server's TLS ServerHello.
# Usage: make_sslv2.py OUT.pcap
# SPDX-License-Identifier: GPL-2.0-or-later
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pcapwrite import PCAP_HEADER, frame, handshake, packet, record  # noqa: E402


def sslv2_client_hello():
    # A TLS suite is a 3-byte spec starting with 0; the last is SSL 2.0's own.
    specs = bytes.fromhex("00002f" "000035" "010080")
    challenge = bytes(range(0x40, 0x60))
    body = (b"\x01" + struct.pack("!HHHH", 0x0301, len(specs), 0, len(challenge)) +
            specs + challenge)
    return struct.pack("!H", 0x8000 | len(body)) + body


def server_hello():
    body = (struct.pack("!H", 0x0301) + bytes(range(0x70, 0x90)) + b"\x00" +
            struct.pack("!HB", 0x002F, 0))
    return record(22, handshake(2, body))


def main():
    client, server = [10, 0, 0, 1], [10, 0, 0, 2]
    t = 1798794000
    with open(sys.argv[1], "wb") as out:
        out.write(PCAP_HEADER)
        out.write(packet(t, frame(client, server, 50000, 443, 1000, 5000, 0x18,
                                  sslv2_client_hello())))
        hello = server_hello()
        out.write(packet(t + 1, frame(server, client, 443, 50000, 5000, 1000 + 0, 0x18, hello)))


main()
