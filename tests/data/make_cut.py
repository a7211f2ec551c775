#!/usr/bin/env python3
# Writes cut-handshakes.pcap: seven handshakes that do not finish, cut from
# the TLS 1.2 connection of pcaps/tls12-ecdhe-rsa-ticket.pcapng, each on its
# own client port and a second apart:
#   port 52001  ClientHello, server flight, then FIN: closed after an answer
#   port 52002  ClientHello, then FIN: closed with no answer
#   port 52003  ClientHello, server flight, then application data with the
#               client's key exchange and Finished missing: incomplete
#   port 52004  ClientHello, then the server resets the connection (its
#               FIN turned into RST)
#   port 52005  from tls12-no-shared-cipher: ClientHello, then the server's
#               fatal alert in a segment that also carries its FIN: the
#               alert ends the handshake, not the close
#   port 52006  ClientHello, server flight, and nothing more: the capture
#               shows no end of the handshake
#   port 52007  ClientHello and nothing more: no answer in the capture
# Usage: make_cut.py OUT.pcap
# SPDX-License-Identifier: GPL-2.0-or-later
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pcapwrite import PCAP_HEADER, checksum  # noqa: E402

PCAPS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "pcaps")
TICKET = ("tls12-ecdhe-rsa-ticket.pcapng", 51514)
NO_CIPHER = ("tls12-no-shared-cipher.pcapng", 53114)
# Frame numbers of the source (see pcaps/README.md): 1-3 TCP handshake,
# 4 ClientHello, 5 server flight, 6-7 key exchange/Finished flights,
# 8-9 application data, 10-11 alerts, 12-14 FIN, FIN, ACK.
# tls12-no-shared-cipher: 1-3 TCP handshake, 4 ClientHello, 5 the alert,
# 6 ACK, 7-9 FIN, FIN, ACK.
# A frame is a number, or (number, "rst") for that frame with RST instead
# of FIN, or (number, "fin") for that frame with FIN added.
CASES = [(52001, TICKET, [1, 2, 3, 4, 5, 12, 13, 14]),
         (52002, TICKET, [1, 2, 3, 4, 12, 13, 14]),
         (52003, TICKET, [1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14]),
         (52004, TICKET, [1, 2, 3, 4, (13, "rst")]),
         (52005, NO_CIPHER, [1, 2, 3, 4, (5, "fin"), 8, 9]),
         (52006, TICKET, [1, 2, 3, 4, 5]),
         (52007, TICKET, [1, 2, 3, 4])]
TCP_FIN, TCP_RST = 0x01, 0x04


def read_pcapng(path):
    """(timestamp in microseconds, frame bytes) of each Enhanced Packet Block."""
    data = open(path, "rb").read()
    out, pos = [], 0
    while pos + 12 <= len(data):
        btype, blen = struct.unpack_from("<II", data, pos)
        if btype == 6:
            _, hi, lo, caplen, _ = struct.unpack_from("<IIIII", data, pos + 8)
            out.append(((hi << 32) | lo, data[pos + 28:pos + 28 + caplen]))
        pos += blen
    return out


def rewritten(frame, old, new, change):
    """The same Ethernet/IPv4/TCP frame with the client's port changed and,
    as change says, its FIN turned into RST ("rst") or a FIN added ("fin")."""
    ihl = (frame[14] & 0x0F) * 4
    tcp_at = 14 + ihl
    sport, dport = struct.unpack_from("!HH", frame, tcp_at)
    sport, dport = (new if sport == old else sport), (new if dport == old else dport)
    f = bytearray(frame)
    struct.pack_into("!HH", f, tcp_at, sport, dport)
    if change == "rst":
        f[tcp_at + 13] = (f[tcp_at + 13] & ~TCP_FIN) | TCP_RST
    elif change == "fin":
        f[tcp_at + 13] |= TCP_FIN
    tcp = bytes(f[tcp_at:])
    src, dst = bytes(f[26:30]), bytes(f[30:34])
    tcp = tcp[:16] + b"\0\0" + tcp[18:]
    pseudo = struct.pack("!4s4sBBH", src, dst, 0, 6, len(tcp))
    struct.pack_into("!H", f, tcp_at + 16, checksum(pseudo + tcp))
    return bytes(f)


def main():
    out = [PCAP_HEADER]
    for n, (port, (source, client_port), numbers) in enumerate(CASES):
        frames = read_pcapng(os.path.join(PCAPS, source))
        for entry in numbers:
            number, change = entry if isinstance(entry, tuple) else (entry, None)
            ts, pkt = frames[number - 1]
            ts += n * 1000000
            pkt = rewritten(pkt, client_port, port, change)
            out.append(struct.pack("<IIII", ts // 1000000, ts % 1000000, len(pkt), len(pkt)))
            out.append(pkt)
    with open(sys.argv[1], "wb") as f:
        f.write(b"".join(out))


main()
