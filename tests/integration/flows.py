#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Each teaching capture is recognised as the handshake it was made to be:
flow, outcome, resumption and where it came from, round trips; and where a
ticket or session ID was issued and used agree both ways.

  flows.py --run RUN --plugin-dir DIR --pcaps DIR
"""
import argparse
import os
import subprocess
import sys

# capture -> one tuple per handshake summary, in frame order:
# (flow, outcome, resumed, resumption, round trips)
EXPECTED = {
    "tls12-ecdhe-rsa-ticket": [("tls12-full-ecdhe", "established", "0", "", "2"),
                               ("tls12-abbreviated", "established", "1", "ticket", "1")],
    "tls12-session-id-resumption": [("tls12-full-ecdhe", "established", "0", "", "2"),
                                    ("tls12-abbreviated", "established", "1", "session-id", "1")],
    "tls12-rsa-kx-ipv6": [("tls12-full-rsa", "established", "0", "", "2")],
    "tls12-dhe-rsa-ffdhe2048": [("tls12-full-dhe", "established", "0", "", "2")],
    "tls12-mutual-auth": [("tls12-full-ecdhe+client-auth", "established", "0", "", "2")],
    "tls12-no-shared-cipher": [("tls-failed", "failed", "0", "", None)],
    "tls12-renegotiation": [("tls12-full-ecdhe", "established", "0", "", "2"),
                            ("tls12-full-ecdhe+renegotiation", "established", "0", "", "2")],
    "tls13-full-tickets": [("tls13-1rtt", "established", "0", "", "1")],
    "tls13-ticket-resumption": [("tls13-1rtt", "established", "0", "", "1"),
                                ("tls13-psk", "established", "1", "psk", "1")],
    "tls13-early-data": [("tls13-1rtt", "established", "0", "", "1"),
                         ("tls13-psk-0rtt", "established", "1", "psk", "1")],
    "tls13-hello-retry": [("tls13-1rtt+hrr", "established", "0", "", "2")],
    "tls13-mutual-auth": [("tls13-1rtt+client-auth", "established", "0", "", "1")],
    "dtls12-cookie": [("dtls12-full-ecdhe+cookie", "established", "0", "", "3")],
    "quic-tls13": [("quic-tls13-1rtt", "established", "0", "", "1")],
}

FIELDS = ["tlsexplain.flow", "tlsexplain.outcome", "tlsexplain.resumed",
          "tlsexplain.resumption", "tlsexplain.summary.round_trips"]


def summaries(args, name):
    pcap = os.path.join(args.pcaps, name + ".pcapng")
    keys = os.path.join(args.pcaps, name + ".keys")
    cmd = [args.run, args.plugin_dir, args.tshark, "-r", pcap, "-o", "tls.keylog_file:" + keys,
           "-Y", "tlsexplain.flow", "-T", "fields", "-E", "occurrence=l"]
    for f in FIELDS:
        cmd += ["-e", f]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines():
        cols = line.split("\t")
        rows.append(tuple(c if c else "" for c in cols))
    return rows


# capture -> how many (issuer, user) links of tickets or session IDs; the
# others have none.
TICKET_LINKS = {"tls12-ecdhe-rsa-ticket": 1, "tls12-session-id-resumption": 1,
                "tls13-ticket-resumption": 1, "tls13-early-data": 1}


def ticket_links(args, name):
    """The links of tickets and session IDs both ways, as two sets of
    (issuing frame, using frame). Two passes: the issuer learns of its use
    only from a later frame."""
    pcap = os.path.join(args.pcaps, name + ".pcapng")
    keys = os.path.join(args.pcaps, name + ".keys")
    cmd = [args.run, args.plugin_dir, args.tshark, "-2", "-r", pcap, "-o",
           "tls.keylog_file:" + keys, "-Y",
           "tlsexplain.ticket.used_in || tlsexplain.ticket.issued_in", "-T", "fields",
           "-E", "aggregator=,", "-e", "frame.number", "-e", "tlsexplain.ticket.used_in",
           "-e", "tlsexplain.ticket.issued_in"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    forward, backward = set(), set()
    for line in out.splitlines():
        frame, used, issued = (line.split("\t") + ["", ""])[:3]
        forward |= {(int(frame), int(u)) for u in used.split(",") if u}
        backward |= {(int(i), int(frame)) for i in issued.split(",") if i}
    return forward, backward


def check_ticket_links(args, failures):
    for name in EXPECTED:
        forward, backward = ticket_links(args, name)
        if forward != backward or len(forward) != TICKET_LINKS.get(name, 0):
            failures.append("%s: ticket links used_in %s, issued_in %s, want %d each way"
                            % (name, sorted(forward), sorted(backward),
                               TICKET_LINKS.get(name, 0)))
        elif forward:
            print("ok: %s ticket links %s" % (name, sorted(forward)))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--run", required=True)
    p.add_argument("--plugin-dir", required=True)
    p.add_argument("--tshark", default="tshark")
    p.add_argument("--pcaps", required=True)
    args = p.parse_args()
    failures = []
    for name, want in EXPECTED.items():
        got = summaries(args, name)
        norm = [tuple("" if (v is None) else v for v in w[:4]) + ((w[4] or got[i][4] if i < len(got) else ""),)
                for i, w in enumerate(want)]
        got = [tuple(g[:4]) + (g[4],) for g in got]
        got = [tuple("1" if v == "True" else "0" if v == "False" else v for v in g) for g in got]
        if got != norm:
            failures.append("%s:\n  want %s\n  got  %s" % (name, norm, got))
        else:
            print("ok:", name, [g[0] for g in got])
    check_ticket_links(args, failures)
    if failures:
        sys.exit("\n".join(failures))


main()
