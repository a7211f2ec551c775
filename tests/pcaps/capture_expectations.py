# SPDX-License-Identifier: GPL-2.0-or-later
"""What each teaching capture in pcaps/ must show, as Wireshark sees it.

One entry per capture (NAME of NAME.pcapng):
  handshakes  handshake message type -> how many messages of that type
              Wireshark dissects with the keys (TLS or DTLS); types not
              listed are not checked.  20 (Finished) is the proof of
              decryption: two per completed handshake.
  keys        display filters that must match at least one frame, with keys
  keys_not    display filters that must match no frame, with keys
  nokeys      must match at least one frame without keys
  nokeys_not  must match no frame without keys
  rsa_key     server private key (relative to pcaps/) that must decrypt
              the capture on its own, as the key log does
"""

HRR_RANDOM = ("cf:21:ad:74:e5:9a:61:11:be:1d:8c:02:1e:65:b8:91:"
              "c2:a2:11:16:7a:bb:8c:5e:07:9e:09:e2:c8:a8:33:9c")
CLIENT = "ip.src == 192.0.2.10"
SERVER = "ip.src == 198.51.100.20"

EXPECTATIONS = {
    "tls12-ecdhe-rsa-ticket": {
        "handshakes": {1: 2, 2: 2, 11: 1, 12: 1, 14: 1, 16: 1, 4: 1, 20: 4},
        "keys": [
            "tls.handshake.ciphersuite == 0xc02f",
            'tls.handshake.extensions_server_name == "www.example.com"',
            'tls.handshake.extensions_alpn_str == "h2"',
            'tls.handshake.type == 2 && tls.handshake.extensions_alpn_str == "http/1.1"',
            "tls.handshake.type == 1 && tls.handshake.extension.type == 35",
            # connection 2 resumes: ServerHello without Certificate
            "tcp.dstport == 51515 && tls.handshake.type == 2",
            'http.request.uri == "/style.css"',
        ],
        "keys_not": ["tcp.dstport == 51515 && tls.handshake.type == 11"],
        "nokeys": ["tls.handshake.type == 4"],
        "nokeys_not": ["tls.handshake.type == 20", "http"],
    },
    "tls13-full-tickets": {
        "handshakes": {1: 1, 2: 1, 8: 1, 11: 1, 15: 1, 20: 2, 4: 2},
        "keys": [
            "tls.handshake.type == 2 && tls.handshake.extensions_key_share_group == 29",
            "tls.handshake.ciphersuite == 0x1302",
            'http.response.code == 200',
        ],
        "nokeys_not": ["tls.handshake.type == 11", "tls.handshake.type == 4"],
    },
    "tls12-session-id-resumption": {
        "handshakes": {1: 2, 2: 2, 11: 1, 12: 1, 16: 1, 4: 0, 20: 4},
        "keys": [
            "tcp.dstport == 51715 && tls.handshake.type == 2",
            "tcp.srcport == 51715 && tls.handshake.type == 1"
            " && tls.handshake.session_id_length == 32",
        ],
        "keys_not": [
            "tls.handshake.extension.type == 35",
            "tcp.dstport == 51715 && tls.handshake.type == 11",
        ],
    },
    "tls12-rsa-kx-ipv6": {
        "handshakes": {2: 1, 11: 1, 12: 0, 16: 1, 20: 2},
        "keys": [
            "ipv6.src == 2001:db8:10::a",
            "tls.handshake.ciphersuite == 0x009c",
            "tls.handshake.epms_len == 256",
            "tcp.options.mss_val == 1440",
        ],
        "keys_not": ["ip", "tls.handshake.type == 12"],
        "rsa_key": "gen/certs/server-key.pem",
    },
    "tls12-dhe-rsa-ffdhe2048": {
        "handshakes": {12: 1, 16: 1, 20: 2},
        "keys": [
            "tls.handshake.ciphersuite == 0x009e",
            "tls.handshake.extensions_supported_group == 0x0100",
            "tls.handshake.p_len == 256",
        ],
    },
    "tls12-ecdhe-ecdsa": {
        "handshakes": {11: 1, 12: 1, 20: 2},
        "keys": [
            "tls.handshake.ciphersuite == 0xc02b",
            "tls.handshake.type == 12 && tls.handshake.sig_hash_alg == 0x0403",
        ],
    },
    "tls12-mutual-auth": {
        "handshakes": {11: 2, 13: 1, 15: 1, 20: 2},
        "keys": [
            f"{SERVER} && tls.handshake.type == 13",
            f"{CLIENT} && tls.handshake.type == 11",
            f"{CLIENT} && tls.handshake.type == 15",
        ],
        "nokeys": [f"{CLIENT} && tls.handshake.type == 15"],
    },
    "tls12-cert-chain": {
        "handshakes": {11: 1, 20: 2},
        "keys": ["count(tls.handshake.certificate) == 2"],
        "keys_not": ["count(tls.handshake.certificate) > 2"],
    },
    "tls12-cert-fragmented": {
        "handshakes": {11: 1, 20: 2},
        "keys": [
            "tls.handshake.type == 11 && tls.handshake.fragment.count >= 4",
            "tls.handshake.type == 11 && tcp.reassembled.length",
        ],
        "keys_not": [f"{SERVER} && tls.record.length > 512"],
    },
    "tls12-renegotiation": {
        "handshakes": {0: 1, 1: 2, 2: 2, 20: 4},
        "keys": [
            "tls.handshake.type == 0",
            "tls.handshake.type == 1 && tls.handshake.extensions_reneg_info_len == 12",
            "tls.handshake.type == 2 && tls.handshake.extensions_reneg_info_len == 24",
            'http.request.uri == "/account"',
        ],
        "nokeys": ["tls.handshake.type == 1"],
        "nokeys_not": ["tls.handshake.type == 0"],
    },
    "tls10-cbc": {
        "handshakes": {2: 1, 20: 2},
        "keys": [
            "tls.handshake.type == 2 && tls.handshake.version == 0x0301",
            "tls.handshake.ciphersuite == 0xc013",
        ],
        "keys_not": ["tls.record.version == 0x0303"],
    },
    "tls13-ticket-resumption": {
        "handshakes": {1: 2, 2: 2, 11: 1, 4: 4, 20: 4},
        "keys": [
            "tcp.dstport == 52615 && tls.handshake.type == 2"
            " && tls.handshake.extension.type == 41"
            " && tls.handshake.extensions_key_share_group",
            "tls.handshake.type == 1 && tls.extension.psk_ke_mode == 1",
        ],
        "keys_not": ["tcp.dstport == 52615 && tls.handshake.type == 11"],
        "nokeys": ["tls.handshake.type == 2 && tls.handshake.extension.type == 41"],
    },
    "tls13-hello-retry": {
        "handshakes": {1: 2, 2: 2, 20: 2},
        "keys": [
            f"tls.handshake.random == {HRR_RANDOM}"
            " && tls.handshake.extensions_key_share_selected_group == 24",
            "tls.handshake.type == 2 && tls.handshake.extensions_key_share_group == 24",
        ],
        "nokeys": [f"tls.handshake.random == {HRR_RANDOM}"],
    },
    "tls13-early-data": {
        "handshakes": {1: 2, 5: 1, 20: 4},
        "keys": [
            "tls.handshake.type == 1 && tls.handshake.extension.type == 42",
            "tls.handshake.type == 8 && tls.handshake.extension.type == 42",
            'tls.handshake.type == 1 && http.request.uri == "/style.css"',
        ],
        "nokeys_not": ["http"],
    },
    "tls13-mutual-auth": {
        "handshakes": {11: 2, 13: 1, 15: 2, 20: 2},
        "keys": [f"{CLIENT} && tls.handshake.type == 15"],
        "nokeys_not": ["tls.handshake.type == 13"],
    },
    "tls12-no-shared-cipher": {
        "handshakes": {1: 1, 2: 0, 20: 0},
        "keys": [f"{SERVER} && tls.alert_message.desc == 40"],
        "nokeys": [f"{SERVER} && tls.alert_message.desc == 40"],
    },
    "tls13-unknown-ca": {
        "handshakes": {11: 1, 20: 1},
        "keys": [f"{CLIENT} && tls.alert_message.desc == 42"],
        "nokeys_not": ["tls.alert_message"],
    },
    "tls12-no-reneg-ems": {
        "handshakes": {2: 1, 11: 1, 12: 1, 20: 2},
        "keys": [
            "tls.handshake.type == 1 && tls.handshake.extension.type == 65281",
            "tls.handshake.type == 1 && tls.handshake.extension.type == 23",
            "tls.handshake.type == 1 && tls.handshake.extension.type == 22",
            "tls.handshake.ciphersuite == 0xc013",
            'http.response.code == 200',
        ],
        "keys_not": [
            "tls.handshake.type == 2 && tls.handshake.extension.type == 65281",
            "tls.handshake.type == 2 && tls.handshake.extension.type == 23",
            "tls.handshake.type == 2 && tls.handshake.extension.type == 22",
        ],
    },
    "tls12-expired-cert": {
        "handshakes": {11: 1, 20: 2},
        "keys": [
            'x509af.utcTime == "2025-12-01 00:00:00 (UTC)"',
            'http.response.code == 200',
        ],
        "keys_not": ["tls.alert_message.level == 2"],
    },
    "tls12-hostname-mismatch": {
        "handshakes": {1: 1, 11: 1, 14: 1, 16: 0, 20: 0},
        "keys": [
            'tls.handshake.extensions_server_name == "www.example.com"',
            'x509ce.dNSName == "other.example.net"',
            f"{CLIENT} && tls.alert_message.desc == 42",
        ],
        "keys_not": ['x509ce.dNSName == "www.example.com"'],
        "nokeys": [f"{CLIENT} && tls.alert_message.desc == 42"],
    },
    "tls12-self-signed": {
        "handshakes": {1: 1, 11: 1, 14: 1, 16: 0, 20: 0},
        "keys": [f"{CLIENT} && tls.alert_message.desc == 48"],
        "nokeys": [f"{CLIENT} && tls.alert_message.desc == 48"],
    },
    "tls12-dhe-1024": {
        "handshakes": {12: 1, 16: 1, 20: 2},
        "keys": [
            "tls.handshake.ciphersuite == 0x009e",
            "tls.handshake.p_len == 128",
        ],
        "keys_not": ["tls.handshake.extensions_supported_group == 0x0100"],
    },
    "tls12-rsa-1024": {
        "handshakes": {11: 1, 12: 1, 20: 2},
        "keys": [
            "tls.handshake.ciphersuite == 0xc02f",
            "tls.handshake.type == 11 && len(pkcs1.modulus) == 129",
        ],
    },
    "dtls12-cookie": {
        "handshakes": {1: 2, 3: 1, 2: 1, 20: 2},
        "keys": [
            "dtls.handshake.type == 3",
            "dtls.handshake.type == 1 && dtls.handshake.cookie_length > 0",
            "dtls.handshake.type == 11 && dtls.handshake.fragment_offset > 0",
            "udp.dstport == 4433",
        ],
        "keys_not": ["tcp"],
    },
    "tls-interleaved-connections": {
        "handshakes": {1: 3, 2: 3, 20: 6},
        "keys": [
            "tcp.stream == 2 && frame.number < 10",
            "tls.handshake.ciphersuite == 0xc02f",
            "tls.handshake.ciphersuite == 0x1302",
        ],
    },
    "quic-tls13": {
        "handshakes": {1: 1, 2: 1, 8: 1, 11: 1, 15: 1, 20: 2, 4: 1, 5: 0},
        "keys": [
            "quic.long.packet_type == 2 && tls.handshake.type == 11",
            "quic.crypto.offset > 0 && tls.handshake.type == 11",
            "quic.short && tls.handshake.type == 4",
            "quic.frame_type == 0x1e",  # HANDSHAKE_DONE
            "tls.handshake.type == 8 && tls.quic.parameter.type == 0x00",
            "tls.handshake.ciphersuite == 0x1301",
            'tls.handshake.type == 8 && tls.handshake.extensions_alpn_str == "h3"',
            f"{CLIENT} && quic.padding_length && udp.length == 1208",
        ],
        # No TLS records at all, so no ChangeCipherSpec either.
        "keys_not": ["tls.record", "tcp"],
        "nokeys": [
            "quic.long.packet_type == 0 && tls.handshake.type == 1",
            "quic.long.packet_type == 0 && tls.handshake.type == 2",
        ],
        "nokeys_not": ["tls.handshake.type == 8", "tls.handshake.type == 11",
                       "tls.handshake.type == 20", "tls.handshake.type == 4"],
    },
}
