#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Statistics > TLS Handshakes (tshark -z tlsexplain,tree) counts what the
captures hold: on every decrypted teaching capture, the same in one pass
and two, the handshakes the capture was made with (pcaps/README.md) and,
value by value, the summaries the tree of each frame shows.

  views_stats.py --run RUN --plugin-dir DIR --tshark TSHARK --pcaps DIR
"""
import argparse
import collections
import glob
import os
import re
import subprocess
import sys

# pcaps/README.md, "What the plugin makes of them": one flow per handshake.
FLOWS = {
    "tls12-ecdhe-rsa-ticket": ["tls12-full-ecdhe", "tls12-abbreviated"],
    "tls12-session-id-resumption": ["tls12-full-ecdhe", "tls12-abbreviated"],
    "tls12-rsa-kx-ipv6": ["tls12-full-rsa"],
    "tls12-dhe-rsa-ffdhe2048": ["tls12-full-dhe"],
    "tls12-ecdhe-ecdsa": ["tls12-full-ecdhe"],
    "tls12-cert-chain": ["tls12-full-ecdhe"],
    "tls12-cert-fragmented": ["tls12-full-ecdhe"],
    "tls12-mutual-auth": ["tls12-full-ecdhe+client-auth"],
    "tls12-renegotiation": ["tls12-full-ecdhe", "tls12-full-ecdhe+renegotiation"],
    "tls10-cbc": ["tls10-full-ecdhe"],
    "tls13-full-tickets": ["tls13-1rtt"],
    "tls13-ticket-resumption": ["tls13-1rtt", "tls13-psk"],
    "tls13-early-data": ["tls13-1rtt", "tls13-psk-0rtt"],
    "tls13-hello-retry": ["tls13-1rtt+hrr"],
    "tls13-mutual-auth": ["tls13-1rtt+client-auth"],
    "tls12-no-shared-cipher": ["tls-failed"],
    "tls13-unknown-ca": ["tls13-failed"],
    "dtls12-cookie": ["dtls12-full-ecdhe+cookie"],
    "tls-interleaved-connections": ["tls13-1rtt", "tls13-1rtt", "tls12-full-ecdhe"],
    "quic-tls13": ["quic-tls13-1rtt"],
    "tls12-no-reneg-ems": ["tls12-full-ecdhe"],
    "tls12-expired-cert": ["tls12-full-ecdhe"],
    "tls12-rsa-1024": ["tls12-full-ecdhe"],
    "tls12-hostname-mismatch": ["tls12-failed"],
    "tls12-self-signed": ["tls12-failed"],
    "tls12-dhe-1024": ["tls12-full-dhe"],
}
ENDED = "Handshakes ended in the capture"
# Each branch of the tree and the field of the summary it counts.
BRANCHES = {"Flow": "tlsexplain.flow", "Version": "tlsexplain.summary.version",
            "Cipher suite": "tlsexplain.summary.suite", "Outcome": "tlsexplain.outcome",
            "Server name (SNI)": "tlsexplain.summary.sni",
            "Application protocol (ALPN)": "tlsexplain.summary.alpn"}
ROW = re.compile(r"^( *)(\S.*?)\s{2,}(\d+)\s")


class Failure(Exception):
    pass


def tshark(args, capture, *argv):
    cmd = [args.run, args.plugin_dir, args.tshark, "-r", capture, *argv]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0 or res.stderr.strip():
        raise Failure("%s exited with %d\n%s" % (" ".join(cmd), res.returncode, res.stderr))
    return res.stdout


def tree(args, capture, *extra):
    """{(branch, ..., leaf): count} of the statistics tree."""
    counts, path = {}, []
    for line in tshark(args, capture, "-q", "-z", "tlsexplain,tree", *extra).splitlines():
        m = ROW.match(line)
        if not m or m.group(2) == "Topic / Item":
            continue
        depth = len(m.group(1))
        path = path[:depth] + [m.group(2)]
        key = tuple(path)
        if key in counts:
            raise Failure("%s: node %s twice" % (capture, key))
        counts[key] = int(m.group(3))
    return counts


def summaries(args, capture):
    """Every summary's values, as the frames' trees show them."""
    fields = list(BRANCHES.values())
    out = tshark(args, capture, "-2", "-Y", "tlsexplain.flow", "-T", "fields",
                 "-E", "occurrence=l", *sum([["-e", f] for f in fields], []))
    rows = [dict(zip(fields, line.split("\t"))) for line in out.splitlines()]
    return rows


def check(args, name, capture):
    one = tree(args, capture)
    if tree(args, capture, "-2") != one:
        raise Failure("%s: the tree differs between one pass and two" % name)
    flows = FLOWS[name]
    if one.get(("Handshakes begun",)) != len(flows) or one.get((ENDED,)) != len(flows):
        raise Failure("%s: %d handshakes expected, the tree says %s begun, %s ended"
                      % (name, len(flows), one.get(("Handshakes begun",)), one.get((ENDED,))))
    rows = summaries(args, capture)
    if sorted(r["tlsexplain.flow"] for r in rows) != sorted(flows):
        raise Failure("%s: the frames show flows %s" % (name, [r["tlsexplain.flow"] for r in rows]))
    for branch, field in BRANCHES.items():
        # Outcome words in English are the field's values ("established").
        want = collections.Counter(r[field] for r in rows if r[field])
        got = {k[2]: v for k, v in one.items() if len(k) == 3 and k[:2] == (ENDED, branch)}
        # What a summary leaves out, the tree counts as "(none)" or "unknown".
        got.pop("(none)", None)
        got.pop("unknown", None)
        if got != dict(want):
            raise Failure("%s: %s counts %s, the summaries %s" % (name, branch, got, dict(want)))
        if one.get((ENDED, branch)) != len(flows):
            raise Failure("%s: branch %s counts %s" % (name, branch, one.get((ENDED, branch))))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--run", required=True)
    p.add_argument("--plugin-dir", required=True)
    p.add_argument("--tshark", default="tshark")
    p.add_argument("--pcaps", required=True)
    args = p.parse_args()
    captures = sorted(glob.glob(os.path.join(args.pcaps, "*.dsb.pcapng")))
    names = [os.path.basename(c)[:-len(".dsb.pcapng")] for c in captures]
    if sorted(names) != sorted(FLOWS):
        sys.exit("captures %s, expected %s" % (sorted(names), sorted(FLOWS)))
    failures = []
    for name, capture in zip(names, captures):
        try:
            check(args, name, capture)
        except Failure as e:
            failures.append(str(e))
    if failures:
        sys.exit("\n".join(failures))
    print("%d captures, %d handshakes counted right" % (len(names), sum(map(len, FLOWS.values()))))


main()
