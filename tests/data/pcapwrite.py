#!/usr/bin/env python3
# Small helpers to write hand-made test captures: Ethernet/IPv4/TCP frames
# with correct checksums, TLS records and handshake headers, classic pcap.
# SPDX-License-Identifier: GPL-2.0-or-later
import struct


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


def record(ctype, body, version=0x0303):
    return struct.pack("!BHH", ctype, version, len(body)) + body


def handshake(htype, body, length=None):
    n = len(body) if length is None else length
    return struct.pack("!B", htype) + n.to_bytes(3, "big") + body



PCAP_HEADER = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)


def packet(t, pkt):
    """A pcap packet record at whole second t."""
    return struct.pack("<IIII", t, 0, len(pkt), len(pkt)) + pkt
