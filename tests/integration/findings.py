#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Each security finding fires on the captures that show it and on no other.

For every capture listed below, the set of tlsexplain.finding.* expert items
must be exactly the one expected, each with the severity its kind has, in
group Security. The modern teaching captures (TLS 1.3, and TLS 1.2 with
ECDHE, AEAD and extended_master_secret) may carry notes but no warning or
error of ours: a false alarm fails here. Every finding kind must be seen on
at least one capture or be listed in UNIT_ONLY (tested in test_findings.c,
with the reason no capture shows it).
"""

import argparse
import collections
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

UNTRUSTED = "cert_untrusted"  # the test CA is in no trust store here (no ca_file given)
TEST_CA = {UNTRUSTED}

# capture (relative to --pcaps or --data) -> {finding: frame or None}
EXPECTED = {
    "pcaps:dtls12-cookie.dsb.pcapng": TEST_CA,
    "pcaps:quic-tls13.dsb.pcapng": TEST_CA,
    "pcaps:tls-interleaved-connections.dsb.pcapng": TEST_CA,
    "pcaps:tls10-cbc.dsb.pcapng": {"tls10", "cbc_tls10"} | TEST_CA,
    "pcaps:tls12-cert-chain.dsb.pcapng": TEST_CA,
    # With its root as tlsexplain.ca_file the chain is trusted, and the test
    # CA's 20-year certificate breaks the 398-day rule of public ones (capture|keys|ca).
    "pcaps:tls12-cert-chain.dsb.pcapng||tls12-cert-chain.ca.pem": {"cert_lifetime"},
    "pcaps:tls12-cert-fragmented.dsb.pcapng": TEST_CA,
    "pcaps:tls12-dhe-rsa-ffdhe2048.dsb.pcapng": TEST_CA,
    "pcaps:tls12-ecdhe-ecdsa.dsb.pcapng": TEST_CA,
    "pcaps:tls12-ecdhe-rsa-ticket.dsb.pcapng": TEST_CA,
    "pcaps:tls12-mutual-auth.dsb.pcapng": TEST_CA,
    "pcaps:tls12-no-shared-cipher.dsb.pcapng": set(),
    "pcaps:tls12-renegotiation.dsb.pcapng": TEST_CA,
    "pcaps:tls12-rsa-kx-ipv6.dsb.pcapng": {"static_rsa"} | TEST_CA,
    "pcaps:tls12-session-id-resumption.dsb.pcapng": TEST_CA,
    "pcaps:tls13-early-data.dsb.pcapng": {"early_data"} | TEST_CA,
    "pcaps:tls13-full-tickets.dsb.pcapng": TEST_CA,
    "pcaps:tls13-hello-retry.dsb.pcapng": TEST_CA,
    "pcaps:tls13-mutual-auth.dsb.pcapng": TEST_CA,
    "pcaps:tls13-ticket-resumption.dsb.pcapng": TEST_CA,
    "pcaps:tls13-unknown-ca.dsb.pcapng": TEST_CA,
    "pcaps:tls12-no-reneg-ems.dsb.pcapng": {"no_renegotiation_info",
                                            "no_extended_master_secret", "cbc_no_etm"} | TEST_CA,
    "pcaps:tls12-expired-cert.dsb.pcapng": {"cert_expired"},
    "pcaps:tls12-hostname-mismatch.dsb.pcapng": {"cert_hostname"} | TEST_CA,
    "pcaps:tls12-self-signed.dsb.pcapng": {"cert_self_signed"} | TEST_CA,
    "pcaps:tls12-dhe-1024.dsb.pcapng": {"dh_small", "dh_below_cert"} | TEST_CA,
    "pcaps:tls12-rsa-1024.dsb.pcapng": {"cert_rsa_small"} | TEST_CA,
    # One connection per classic weakness (tests/data/make_classics.py).
    "data:classics.pcap": {"ssl3", "export", "heartbleed", "downgrade", "anon", "null_cipher",
                           "cbc_tls10", "static_rsa", "no_renegotiation_info", "rc4",
                           "no_extended_master_secret", "tls10", "compression",
                           "inappropriate_fallback", "3des", "offered_weak", "heartbeat",
                           "fallback_scsv", "cbc_no_etm"} | TEST_CA,
    # Without keys TLS 1.3 hides the certificate: nothing to say about it.
    "pcaps:tls13-unknown-ca.pcapng": set(),
    # An old client and server: TLS 1.0, static RSA, CBC, no RFC 5746 or 7627.
    "data:sslv2-hello.pcap": {"sslv2_hello", "tls10", "static_rsa", "cbc_tls10",
                              "no_renegotiation_info", "no_extended_master_secret"},
    # Hand-made hellos without extensions.
    # Captures made by others, with their published keys (vectors|keys).
    "vectors:illustrated-tls12/capture.pcap|illustrated-tls12/keylog.txt":
        {"offered_weak", "cbc_no_etm", "no_extended_master_secret", "cert_cn_only", UNTRUSTED},
    # Captured in 2022 with the certificate of 2018, valid for a year.
    "vectors:illustrated-tls13/capture.pcap|illustrated-tls13/keylog.txt":
        {"cert_expired", "cert_cn_only"},
    # RFC 8448's server has a self-signed certificate; its client lists 3DES.
    "vectors:rfc8446/tls13-rfc8446.pcap|rfc8446/tls13-rfc8446.keys":
        {"cert_self_signed", "cert_cn_only", "offered_weak", "early_data", UNTRUSTED},
    # TLS 1.3 draft 20 (nothing to say), OpenSSL 0.9.8's DTLS with RSA.
    "data:old-versions.pcap": {"dtls10", "static_rsa", "no_renegotiation_info", "cbc_no_etm",
                               "no_extended_master_secret"} | TEST_CA,
    "data:psk-full.pcap": {"no_renegotiation_info", "no_extended_master_secret"},
}

# Kinds no capture here shows, each with its unit test in test_findings.c.
UNIT_ONLY = {
    "tls11": "test_server_choices: no TLS 1.1 capture",
    "ec_small": "test_small_curve: GnuTLS no longer offers such curves",
    "ticket_lifetime": "test_ticket_lifetime: GnuTLS keeps to 7 days",
    "cert_not_yet_valid": "test_not_yet_valid: the illustrated certificate seen too early",
    "cert_order": "test_chain_order: GnuTLS sends chains in order",
    "cert_weak_signature": "test_weak_signature: no SHA-1 certificate in gen/certs",
}

SEVERITY = {"Note": 1, "Warning": 2, "Error": 3}
LEVELS = {"NOTE": 1, "WARN": 2, "ERROR": 3}
DEF = re.compile(r'\[FINDING_\w+\] = \{ "(\w+)", SEVERITY_(\w+)')


class Failure(Exception):
    pass


def findings(args, capture, keys, ca):
    cmd = [args.run, args.plugin_dir, args.tshark, "-r", capture, "-2", "-T", "pdml"]
    if keys:
        cmd += ["-o", "tls.keylog_file:" + keys]
    if ca:
        cmd += ["-o", "tlsexplain.ca_file:" + ca]
    res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if res.returncode != 0 or "tlsexplain" in res.stderr:
        raise Failure("%s exited with %d\n%s" % (" ".join(cmd), res.returncode, res.stderr))
    found = collections.defaultdict(set)
    for packet in ET.fromstring(res.stdout).iter("packet"):
        for expert in packet.iter("field"):
            if expert.get("name") != "_ws.expert":
                continue
            children = {c.get("name"): c for c in expert.findall("field")}
            names = [n for n in children if n.startswith("tlsexplain.finding.")]
            if not names:
                continue
            group = children.get("_ws.expert.group")
            severity = children.get("_ws.expert.severity")
            found[names[0][len("tlsexplain.finding."):]].add(
                (group.get("showname") if group is not None else "",
                 severity.get("showname") if severity is not None else ""))
    return found


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--run", required=True)
    p.add_argument("--plugin-dir", required=True)
    p.add_argument("--tshark", required=True)
    p.add_argument("--pcaps", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--vectors", help="the public vectors (shared/vectors), when present")
    p.add_argument("--source", required=True, help="plugin/core/findings.c: the kinds")
    args = p.parse_args()
    with open(args.source, encoding="utf-8") as f:
        kinds = {name: LEVELS[level] for name, level in DEF.findall(f.read())}
    if len(kinds) < 30:
        print("only %d finding kinds read from %s" % (len(kinds), args.source))
        return 1
    seen, problems = set(), []
    for where, expected in EXPECTED.items():
        base, name = where.split(":", 1)
        name, keys, ca = (name.split("|") + ["", ""])[:3]
        folder = {"pcaps": args.pcaps, "data": args.data, "vectors": args.vectors}[base]
        if folder is None or not os.path.isdir(folder):
            continue
        capture = os.path.join(folder, name)
        try:
            found = findings(args, capture, os.path.join(folder, keys) if keys else None,
                             os.path.join(folder, ca) if ca else None)
        except Failure as e:
            problems.append(str(e))
            continue
        got = set(found)
        seen |= got
        if got != expected:
            problems.append("%s: expected %s, got %s" % (name, sorted(expected), sorted(got)))
        for kind, marks in found.items():
            want = kinds.get(kind, 0)
            for group, severity in marks:
                if "Security" not in group:
                    problems.append("%s: %s is in group %r" % (name, kind, group))
                level = next((v for k, v in SEVERITY.items() if k in severity), 0)
                if level != want:
                    problems.append("%s: %s has severity %r, not %d" % (name, kind, severity, want))
    missing = set(kinds) - seen - set(UNIT_ONLY)
    if not (args.vectors and os.path.isdir(args.vectors)):
        # Without the public vectors, what only they show cannot be seen.
        missing -= {k for w, e in EXPECTED.items() if w.startswith("vectors:") for k in e}
    if missing:
        problems.append("finding kinds no capture shows: %s" % ", ".join(sorted(missing)))
    if problems:
        print("\n".join(problems))
        return 1
    print("%d captures, %d kinds seen, %d tested by unit tests only"
          % (len(EXPECTED), len(seen), len(UNIT_ONLY)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
