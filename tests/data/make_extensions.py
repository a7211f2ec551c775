#!/usr/bin/env python3
# Writes extensions.pcap: a TLS 1.3 ClientHello with extensions the
# teaching captures do not have (GnuTLS does not send them): Encrypted
# Client Hello (outer, RFC 9849), delegated_credential (RFC 9345),
# client/server_certificate_type (RFC 7250), cert_type (RFC 6091),
# truncated_hmac (RFC 6066), use_srtp (RFC 5764), status_request_v2
# (RFC 6961), connection_id (RFC 9146), ticket_request (RFC 9149) and the
# rarer ones of RFCs 4681, 5054, 5878, 6066, 8472, 8773, 8844 and 8870, and
# Chrome's unregistered NPN and ALPS, with
# GREASE values, and the server's ServerHello. Then two more connections
# for the server's answers: a TLS 1.2 ServerHello answering the client's
# renegotiation SCSV with renegotiation_info and sending max_fragment_length
# unasked, and a HelloRetryRequest with the one extension a server may send
# unasked, cookie; then a TLS 1.2 answer to a TLS 1.3-only offer and an HRR
# asking for a group the client already sent a share for. The bytes are made
# up but well formed, not a handshake any one client would send.
# Usage: make_extensions.py OUT.pcap
# SPDX-License-Identifier: GPL-2.0-or-later
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pcapwrite import PCAP_HEADER, frame, handshake, packet, record  # noqa: E402


def ext(etype, body):
    return struct.pack("!HH", etype, len(body)) + body


def vec(prefix, body):
    return len(body).to_bytes(prefix, "big") + body


def client_hello(groups=(0x001D,), versions=(0x0304, 0x0303)):
    suites = struct.pack("!HHH", 0x3A3A, 0x1301, 0x1302)
    key_share = vec(2, struct.pack("!HH", 0x001D, 32) + bytes(range(32)))
    exts = b"".join([
        ext(0x0A0A, b""),                                          # GREASE
        ext(0, vec(2, b"\x00" + vec(2, b"public.example.com"))),  # server_name
        ext(43, vec(1, b"".join(struct.pack("!H", v) for v in versions))),  # supported_versions
        ext(10, vec(2, b"".join(struct.pack("!H", g) for g in groups))),  # supported_groups
        ext(13, vec(2, struct.pack("!HH", 0x0804, 0x0403))),       # signature_algorithms
        ext(51, key_share),                                        # key_share
        ext(34, vec(2, struct.pack("!HH", 0x0403, 0x0807))),       # delegated_credential
        ext(19, vec(1, bytes([2, 0]))),                            # client_certificate_type
        ext(20, vec(1, bytes([2]))),                               # server_certificate_type
        ext(0xFE0D, b"\x00" + struct.pack("!HHB", 0x0001, 0x0001, 7) +
            vec(2, bytes(range(0x40, 0x60))) + vec(2, bytes(range(0x80, 0xC0)))),  # ECH outer
        ext(4, b""),                                               # truncated_hmac
        ext(9, vec(1, bytes([0, 1]))),                             # cert_type
        ext(14, vec(2, struct.pack("!HH", 0x0007, 0x0001)) + vec(1, b"")),  # use_srtp
        ext(17, vec(2, b"\x02" + vec(2, vec(2, b"") + vec(2, b"")))),  # status_request_v2
        ext(54, vec(1, bytes([0xC1, 0xD2, 0xE3, 0xF4]))),          # connection_id
        ext(58, bytes([2, 1])),                                    # ticket_request
        ext(2, b""),                                               # client_certificate_url
        ext(3, vec(2, b"\x00" + b"\x01" + bytes(range(20)))),     # trusted_ca_keys
        ext(6, vec(1, bytes([64]))),                               # user_mapping
        ext(7, vec(1, bytes([0, 1]))),                             # client_authz
        ext(8, vec(1, bytes([0]))),                                # server_authz
        ext(12, vec(1, b"alice")),                                 # srp
        ext(24, bytes([1, 0]) + vec(1, bytes([2, 1]))),            # token_binding
        ext(33, b""),                                              # tls_cert_with_extern_psk
        ext(39, vec(1, bytes([1]))),                               # supported_ekt_ciphers
        ext(55, vec(1, bytes(range(0x20, 0x40)))),                 # external_id_hash
        ext(56, vec(1, bytes(range(8)))),                          # external_session_id
        ext(13172, b""),                                           # NPN (unregistered)
        ext(17613, vec(2, vec(1, b"h2"))),                         # ALPS (unregistered)
    ])
    body = (struct.pack("!H", 0x0303) + bytes(range(0x10, 0x30)) + vec(1, bytes(32)) +
            vec(2, suites) + vec(1, b"\x00") + vec(2, exts))
    return record(22, handshake(1, body))


def server_hello():
    exts = (ext(43, struct.pack("!H", 0x0304)) +
            ext(51, struct.pack("!HH", 0x001D, 32) + bytes(range(0xA0, 0xC0))))
    body = (struct.pack("!H", 0x0303) + bytes(range(0x70, 0x90)) + vec(1, bytes(32)) +
            struct.pack("!HB", 0x1301, 0) + vec(2, exts))
    return record(22, handshake(2, body))


def client_hello12():
    suites = struct.pack("!HH", 0xC02F, 0x00FF)  # and TLS_EMPTY_RENEGOTIATION_INFO_SCSV
    exts = (ext(0, vec(2, b"\x00" + vec(2, b"www.example.com"))) +
            ext(11, vec(1, b"\x00")))                              # ec_point_formats
    body = (struct.pack("!H", 0x0303) + bytes(range(0x30, 0x50)) + vec(1, b"") +
            vec(2, suites) + vec(1, b"\x00") + vec(2, exts))
    return record(22, handshake(1, body))


def server_hello12():
    exts = (ext(0xFF01, vec(1, b"")) +                            # renegotiation_info
            ext(11, vec(1, b"\x00")) +                             # ec_point_formats
            ext(1, b"\x02"))                                       # max_fragment_length, unasked
    body = (struct.pack("!H", 0x0303) + bytes(range(0x50, 0x70)) + vec(1, b"") +
            struct.pack("!HB", 0xC02F, 0) + vec(2, exts))
    return record(22, handshake(2, body))


HRR_RANDOM = bytes.fromhex("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C")


def hello_retry_request(group=0x0017):
    exts = (ext(43, struct.pack("!H", 0x0304)) +
            ext(51, struct.pack("!H", group)) +                    # key_share: selected_group
            ext(44, vec(2, bytes(range(0xD0, 0xE0)))))             # cookie
    body = (struct.pack("!H", 0x0303) + HRR_RANDOM + vec(1, bytes(32)) +
            struct.pack("!HB", 0x1301, 0) + vec(2, exts))
    return record(22, handshake(2, body))


def main():
    client, server = [10, 0, 0, 1], [10, 0, 0, 2]
    t = 1798794000
    flows = [(50001, client_hello(), server_hello()),
             (50002, client_hello12(), server_hello12()),
             (50003, client_hello((0x001D, 0x0017)), hello_retry_request()),
             # Refusals a client must make: TLS 1.2 chosen through legacy_version
             # when only TLS 1.3 was offered, and an HRR asking for the group the
             # client already sent a share for (RFC 8446 D.1, 4.2.8).
             (50004, client_hello(versions=(0x0304,)), server_hello12()),
             (50005, client_hello((0x001D, 0x0017)), hello_retry_request(0x001D))]
    with open(sys.argv[1], "wb") as out:
        out.write(PCAP_HEADER)
        for n, (port, hello, answer) in enumerate(flows):
            out.write(packet(t + 2 * n, frame(client, server, port, 443, 1000, 5000, 0x18, hello)))
            out.write(packet(t + 2 * n + 1, frame(server, client, 443, port, 5000,
                                                  1000 + len(hello), 0x18, answer)))


main()
