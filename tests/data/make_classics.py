#!/usr/bin/env python3
# Writes classics.pcap: one TCP connection per classic weakness, for the
# security findings. Plaintext handshakes from 192.0.2.10 to
# 198.51.100.20:443, each a whole TCP connection (SYN to FIN), one second
# apart from 2026-01-01 09:00:00 UTC. The server sends the real
# www.example.com certificate of pcaps/gen/certs and signs its
# ServerKeyExchange with that certificate's key, so signatures verify;
# what follows ChangeCipherSpec is opaque bytes of the right length (there
# are no keys).
#
#   tcp.stream  port   shows
#   0           52001  SSL 3.0 (0x0300) with TLS_RSA_WITH_AES_128_CBC_SHA
#   1           52002  TLS 1.2, TLS_RSA_WITH_RC4_128_SHA (0x0005) chosen
#   2           52003  TLS 1.2, RC4 offered among strong suites; the server
#                      chooses TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
#   3           52004  TLS 1.0, TLS_RSA_EXPORT_WITH_RC4_40_MD5 (0x0003) with
#                      a 512-bit RSA key in the ServerKeyExchange
#   4           52005  TLS 1.2, DEFLATE compression (method 1) offered and
#                      chosen
#   5           52006  TLS 1.2, heartbeat extension (15) negotiated, then a
#                      heartbeat request (content type 24) in clear whose
#                      payload_length 0x4000 exceeds its 3-byte record
#                      (Heartbleed); the client then hangs up
#   6           52007  TLS_FALLBACK_SCSV (0x5600) in a TLS 1.1 (0x0302)
#                      ClientHello; the server answers
#                      inappropriate_fallback (86)
#   7           52008  TLS 1.3 offered in supported_versions; a TLS 1.2
#                      ServerHello whose random ends "DOWNGRD\x01"; the
#                      client aborts with illegal_parameter (47)
#   8           52009  TLS 1.2, TLS_DH_anon_WITH_AES_128_CBC_SHA (0x0034):
#                      no Certificate, an unsigned ServerKeyExchange
#   9           52010  TLS 1.2, TLS_RSA_WITH_NULL_SHA256 (0x003b): the
#                      Finished and the GET after ChangeCipherSpec readable
#                      (NULL encryption; only a MAC is added)
#   10          52011  TLS 1.2, TLS_RSA_WITH_3DES_EDE_CBC_SHA (0x000a)
#
# Wireshark flags stream 5's heartbeat as malformed ("Invalid heartbeat
# payload length"): that is the attack. Nothing else is malformed.
# Usage: make_classics.py OUT.pcap
# SPDX-License-Identifier: GPL-2.0-or-later
import base64
import hashlib
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pcapwrite import PCAP_HEADER, frame, handshake, record  # noqa: E402

CERTS = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                     "..", "..", "pcaps", "gen", "certs")
CLIENT, SERVER = [192, 0, 2, 10], [198, 51, 100, 20]
T0 = 1767258000  # 2026-01-01 09:00:00 UTC, as the teaching captures

SSL30, TLS10, TLS11, TLS12, TLS13 = 0x0300, 0x0301, 0x0302, 0x0303, 0x0304
RSA_AES128_SHA = 0x002F
RSA_RC4_SHA = 0x0005
ECDHE_RSA_AES128_GCM = 0xC02F
ECDHE_RSA_AES128_SHA = 0xC013
RSA_EXPORT_RC4_40_MD5 = 0x0003
RSA_AES128_GCM = 0x009C
DH_ANON_AES128_SHA = 0x0034
RSA_NULL_SHA256 = 0x003B
RSA_3DES_SHA = 0x000A
FALLBACK_SCSV = 0x5600
# What a 2013 browser offered: strong suites first, RC4 and 3DES last.
BROWSER_SUITES = [0xC02B, 0xC02F, 0xC00A, 0xC009, 0xC013, 0xC014,
                  0x009C, 0x0035, 0x002F, RSA_RC4_SHA, 0xC011, RSA_3DES_SHA]

# RFC 7919 ffdhe2048.
FFDHE2048 = bytes.fromhex(
    "ffffffffffffffffadf85458a2bb4a9aafdc5620273d3cf1d8b9c583ce2d3695"
    "a9e13641146433fbcc939dce249b3ef97d2fe363630c75d8f681b202aec4617a"
    "d3df1ed5d5fd65612433f51f5f066ed0856365553ded1af3b557135e7f57c935"
    "984f0c70e0e68b77e2a689daf3efe8721df158a136ade73530acca4f483a797a"
    "bc0ab182b324fb61d108a94bb2c8e3fbb96adab760d7f4681d4f42a3de394df4"
    "ae56ede76372bb190b07a7c8ee0a6d709e02fce1cdf7e2ecc03404cd28342f61"
    "9172fe9ce98583ff8e4f1232eef28183c3fe3b1b4c6fad733bb5fcbc2ec22005"
    "c58ef1837d1683b2c6f34a26c1b2effa886b423861285c97ffffffffffffffff")
# A 512-bit RSA modulus (two random 256-bit primes), the size export
# suites allowed for the temporary key.
EXPORT_MODULUS = bytes.fromhex(
    "be7a22c98a6952b2ab18467d18a87e6a335bde4f165816daa2ba5e33ede2cf9a"
    "c17d062d0c34e15fd30b44d158e22a285236e9eca0a8d884f1dc92deeaa9c6d7")
# secp256r1: the field prime, the curve's a, and the base point G.
P256 = int("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16)
P256_A = P256 - 3
P256_G = (int("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296", 16),
          int("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5", 16))


def pem_der(name, label):
    text = open(os.path.join(CERTS, name)).read()
    b64 = text.split("-----BEGIN %s-----" % label)[1].split("-----END")[0]
    return base64.b64decode("".join(b64.split()))


def der_integers(der):
    """The INTEGERs of a DER SEQUENCE of INTEGERs (a PKCS #1 private key)."""
    def length(pos):
        n = der[pos]
        if n < 0x80:
            return n, pos + 1
        k = n & 0x7F
        return int.from_bytes(der[pos + 1:pos + 1 + k], "big"), pos + 1 + k
    _, pos = length(1)
    out = []
    while pos < len(der):
        n, start = length(pos + 1)
        out.append(int.from_bytes(der[start:start + n], "big"))
        pos = start + n
    return out


CERT = pem_der("server-cert.pem", "CERTIFICATE")
_, KEY_N, _, KEY_D = der_integers(pem_der("server-key.pem", "RSA PRIVATE KEY"))[:4]
SHA256_PREFIX = bytes.fromhex("3031300d060960864801650304020105000420")


def rsa_sign(digest_info):
    """PKCS #1 v1.5 signature with the server key (deterministic)."""
    k = (KEY_N.bit_length() + 7) // 8
    em = b"\x00\x01" + b"\xff" * (k - 3 - len(digest_info)) + b"\x00" + digest_info
    return pow(int.from_bytes(em, "big"), KEY_D, KEY_N).to_bytes(k, "big")


def opaque(label, n):
    """n fixed bytes that look random: ciphertext, encrypted secrets."""
    out = b""
    while len(out) < n:
        out += hashlib.sha256(label.encode() + len(out).to_bytes(4, "big")).digest()
    return out[:n]


def vec8(b):
    return struct.pack("!B", len(b)) + b


def vec16(b):
    return struct.pack("!H", len(b)) + b


def vec24(b):
    return len(b).to_bytes(3, "big") + b


def u16s(values):
    return b"".join(struct.pack("!H", v) for v in values)


def ext(etype, data):
    return struct.pack("!H", etype) + vec16(data)


def sni(name):
    return ext(0, vec16(b"\x00" + vec16(name.encode())))


def client_extensions(more=b""):
    return (sni("www.example.com") + ext(10, vec16(u16s([0x001D, 0x0017]))) +
            ext(11, vec8(b"\x00")) + ext(13, vec16(u16s([0x0401, 0x0804, 0x0403]))) +
            ext(0xFF01, b"\x00") + more)


def client_hello(version, random, suites, compression=b"\x00", extensions=None):
    body = struct.pack("!H", version) + random + vec8(b"") + vec16(u16s(suites))
    body += vec8(compression)
    if extensions is not None:
        body += vec16(extensions)
    return handshake(1, body)


def server_hello(version, random, suite, compression=0, extensions=None):
    body = struct.pack("!H", version) + random + vec8(opaque("sid" + random.hex(), 32))
    body += struct.pack("!HB", suite, compression)
    if extensions is not None:
        body += vec16(extensions)
    return handshake(2, body)


def certificate():
    return handshake(11, vec24(vec24(CERT)))


def point_double(p):
    x, y = p
    lam = (3 * x * x + P256_A) * pow(2 * y, -1, P256) % P256
    x3 = (lam * lam - 2 * x) % P256
    return x3, (lam * (x - x3) - y) % P256


def point_bytes(p):
    return b"\x04" + p[0].to_bytes(32, "big") + p[1].to_bytes(32, "big")


def ske_ecdhe(cr, sr):
    """secp256r1 public value 2G, signed with rsa_pkcs1_sha256 (TLS 1.2)."""
    params = b"\x03" + struct.pack("!H", 0x0017) + vec8(point_bytes(point_double(P256_G)))
    sig = rsa_sign(SHA256_PREFIX + hashlib.sha256(cr + sr + params).digest())
    return handshake(12, params + struct.pack("!H", 0x0401) + vec16(sig))


def ske_export_rsa(cr, sr):
    """The temporary 512-bit RSA key, signed TLS 1.0 style (MD5 + SHA-1)."""
    params = vec16(EXPORT_MODULUS) + vec16(b"\x01\x00\x01")
    data = cr + sr + params
    sig = rsa_sign(hashlib.md5(data).digest() + hashlib.sha1(data).digest())
    return handshake(12, params + vec16(sig))


def ske_dh_anon():
    """ffdhe2048 and the server's public value, with no signature."""
    ys = pow(2, int.from_bytes(opaque("anon-server", 32), "big"),
             int.from_bytes(FFDHE2048, "big")).to_bytes(256, "big")
    return handshake(12, vec16(FFDHE2048) + vec16(b"\x02") + vec16(ys))


def cke_dh_anon():
    yc = pow(2, int.from_bytes(opaque("anon-client", 32), "big"),
             int.from_bytes(FFDHE2048, "big")).to_bytes(256, "big")
    return handshake(16, vec16(yc))


def done():
    return handshake(14, b"")


class Connection:
    """One TCP connection: SYN, segments, FIN; the packets it made."""

    def __init__(self, port, t):
        self.port, self.t = port, t * 1000000  # microseconds
        self.seq = {False: 1000 * port % 100000, True: 5000 * port % 100000}
        self.packets = []
        self.send(False, b"", 0x02)
        self.send(True, b"", 0x12)
        self.send(False, b"", 0x10)

    def send(self, from_server, payload, flags=0x18):
        src, dst = (SERVER, CLIENT) if from_server else (CLIENT, SERVER)
        sport, dport = (443, self.port) if from_server else (self.port, 443)
        ack = self.seq[not from_server] if flags != 0x02 else 0
        pkt = frame(src, dst, sport, dport, self.seq[from_server], ack, flags, payload)
        self.seq[from_server] += len(payload) + (1 if flags & 0x03 else 0)
        self.t += 10300 if from_server else 300
        self.packets.append((self.t, pkt))

    def close(self, first_server=False):
        self.send(first_server, b"", 0x11)
        self.send(not first_server, b"", 0x11)
        self.send(first_server, b"", 0x10)


def rsa_connection(port, t, version, suite, name, finished_len, cke_len=256,
                   offered=None, compression=b"\x00", extensions=b"", ske=None):
    """A full handshake with RSA key transport (or the given ServerKeyExchange)."""
    c = Connection(port, t)
    cr, sr = opaque(name + "cr", 32), opaque(name + "sr", 32)
    exts = None if version == SSL30 else client_extensions(extensions)
    c.send(False, record(22, client_hello(version, cr, offered or [suite], compression, exts),
                         TLS10 if version > SSL30 else SSL30))
    sexts = None if version == SSL30 else ext(0xFF01, b"\x00") + extensions
    flight = server_hello(version, sr, suite, compression[0], sexts) + certificate()
    if ske:
        flight += ske(cr, sr)
    c.send(True, record(22, flight + done(), version))
    secret = opaque(name + "epms", cke_len)
    cke = handshake(16, secret if version == SSL30 else vec16(secret))
    if ske is ske_ecdhe:
        cke = handshake(16, vec8(point_bytes(P256_G)))
    c.send(False, record(22, cke, version) + record(20, b"\x01", version) +
           record(22, opaque(name + "cfin", finished_len), version))
    c.send(True, record(20, b"\x01", version) +
           record(22, opaque(name + "sfin", finished_len), version))
    c.close()
    return c


def heartbleed(port, t):
    c = Connection(port, t)
    hb = ext(15, b"\x01")  # peer_allowed_to_send
    cr, sr = opaque("hb-cr", 32), opaque("hb-sr", 32)
    c.send(False, record(22, client_hello(TLS12, cr, [RSA_AES128_GCM], b"\x00",
                                          client_extensions(hb)), TLS10))
    c.send(True, record(22, server_hello(TLS12, sr, RSA_AES128_GCM, 0,
                                         ext(0xFF01, b"\x00") + hb) + certificate() + done()))
    # heartbeat_request (1), payload_length 0x4000, and no payload at all.
    c.send(False, record(24, b"\x01\x40\x00"))
    c.close()
    return c


def fallback(port, t):
    c = Connection(port, t)
    c.send(False, record(22, client_hello(TLS11, opaque("fb-cr", 32),
                                          [ECDHE_RSA_AES128_SHA, RSA_AES128_SHA, FALLBACK_SCSV],
                                          b"\x00", client_extensions()), TLS10))
    c.send(True, record(21, b"\x02\x56", TLS11))  # fatal inappropriate_fallback
    c.close(first_server=True)
    return c


def downgrade(port, t):
    c = Connection(port, t)
    cr = opaque("dg-cr", 32)
    sr = opaque("dg-sr", 24) + b"DOWNGRD\x01"
    tls13 = (ext(43, vec8(u16s([TLS13, TLS12]))) +
             ext(51, vec16(struct.pack("!H", 0x001D) + vec16(opaque("dg-x25519", 32)))))
    c.send(False, record(22, client_hello(TLS12, cr, [0x1301, 0x1302, ECDHE_RSA_AES128_GCM],
                                          b"\x00", client_extensions(tls13)), TLS10))
    c.send(True, record(22, server_hello(TLS12, sr, ECDHE_RSA_AES128_GCM, 0,
                                         ext(0xFF01, b"\x00") + ext(11, vec8(b"\x00"))) +
                        certificate() + ske_ecdhe(cr, sr) + done()))
    c.send(False, record(21, b"\x02\x2f"))  # fatal illegal_parameter
    c.close()
    return c


def anon(port, t):
    c = Connection(port, t)
    c.send(False, record(22, client_hello(TLS12, opaque("anon-cr", 32), [DH_ANON_AES128_SHA],
                                          b"\x00", client_extensions()), TLS10))
    c.send(True, record(22, server_hello(TLS12, opaque("anon-sr", 32), DH_ANON_AES128_SHA, 0,
                                         ext(0xFF01, b"\x00")) + ske_dh_anon() + done()))
    c.send(False, record(22, cke_dh_anon()) + record(20, b"\x01") +
           record(22, opaque("anon-cfin", 64)))
    c.send(True, record(20, b"\x01") + record(22, opaque("anon-sfin", 64)))
    c.close()
    return c


def null_cipher(port, t):
    """NULL encryption: each record is its plaintext followed by its MAC."""
    c = Connection(port, t)
    cr, sr = opaque("null-cr", 32), opaque("null-sr", 32)
    c.send(False, record(22, client_hello(TLS12, cr, [RSA_NULL_SHA256], b"\x00",
                                          client_extensions()), TLS10))
    c.send(True, record(22, server_hello(TLS12, sr, RSA_NULL_SHA256, 0, ext(0xFF01, b"\x00")) +
                        certificate() + done()))
    fin = handshake(20, opaque("null-cvd", 12))
    c.send(False, record(22, handshake(16, vec16(opaque("null-epms", 256)))) +
           record(20, b"\x01") + record(22, fin + opaque("null-cmac", 32)))
    c.send(True, record(20, b"\x01") +
           record(22, handshake(20, opaque("null-svd", 12)) + opaque("null-smac", 32)))
    get = b"GET / HTTP/1.1\r\nHost: www.example.com\r\n\r\n"
    c.send(False, record(23, get + opaque("null-gmac", 32)))
    c.close()
    return c


def connections():
    t = T0
    yield rsa_connection(52001, t, SSL30, RSA_AES128_SHA, "ssl3", 64)
    yield rsa_connection(52002, t + 1, TLS12, RSA_RC4_SHA, "rc4", 36,
                         offered=[RSA_RC4_SHA, RSA_AES128_SHA])
    yield rsa_connection(52003, t + 2, TLS12, ECDHE_RSA_AES128_GCM, "rc4-offered", 40,
                         offered=BROWSER_SUITES, ske=ske_ecdhe,
                         extensions=b"")
    yield rsa_connection(52004, t + 3, TLS10, RSA_EXPORT_RC4_40_MD5, "export", 32, cke_len=64,
                         offered=[RSA_EXPORT_RC4_40_MD5, RSA_RC4_SHA, RSA_AES128_SHA],
                         ske=ske_export_rsa)
    yield rsa_connection(52005, t + 4, TLS12, RSA_AES128_GCM, "deflate", 46,
                         compression=b"\x01\x00")
    yield heartbleed(52006, t + 5)
    yield fallback(52007, t + 6)
    yield downgrade(52008, t + 7)
    yield anon(52009, t + 8)
    yield null_cipher(52010, t + 9)
    yield rsa_connection(52011, t + 10, TLS12, RSA_3DES_SHA, "3des", 48,
                         offered=[RSA_3DES_SHA, RSA_AES128_SHA])


def main():
    out = [PCAP_HEADER]
    for c in connections():
        for t, pkt in c.packets:
            out.append(struct.pack("<IIII", t // 1000000, t % 1000000, len(pkt), len(pkt)) + pkt)
    with open(sys.argv[1], "wb") as f:
        f.write(b"".join(out))


if __name__ == "__main__":
    main()
