#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Our expert notes reach whoever reads expert info, not only the tree.

Wireshark's Expert Information dialog and tshark -z expert read notes through
a tap, usually with no tree at all (the dialog retaps without one; tshark -2
builds none on its second pass unless something needs it). The notes a
visible tree shows under tlsexplain (PDML, tshark -2) must come out the same
through -z expert (in one pass, in two, and with a filter on our protocol:
an invisible tree) and through sharkd's expert tap, which retaps as the
dialog does; in brief and full detail. A frame with notes of ours also has
its Expert column filled and matches -Y _ws.expert.
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

PROTOCOL = "TLSexplain"
# Every kind of note we add must be seen at least once (by default), or the
# test would pass with fewer kinds than it claims to cover.
KINDS = ["tlsexplain.malformed", "tlsexplain.encrypted.note",
         "tlsexplain.not_offered", "tlsexplain.alert"]
ROW = re.compile(r"^\s+(\d+)\s+(\S+)\s+(\S+)\s+(.*)$")


class Failure(Exception):
    pass


def tshark(args, capture, *argv):
    cmd = [args.run, args.plugin_dir, args.tshark, "-r", capture, *argv]
    res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
    if res.returncode != 0 or "tlsexplain" in res.stderr:
        raise Failure("%s exited with %d\n%s" % (" ".join(cmd), res.returncode,
                                               res.stderr))
    return res.stdout


def tree_notes(args, capture, detail):
    """The notes under each tlsexplain subtree of a visible tree, and
    which kinds they are."""
    pdml = tshark(args, capture, "-2", "-o", "tlsexplain.detail:" + detail,
                  "-T", "pdml")
    notes, kinds, frames = collections.Counter(), set(), set()
    for packet in ET.fromstring(pdml).iter("packet"):
        number = packet.find("proto[@name='geninfo']/field[@name='num']").get("show")
        for proto in packet.iter("proto"):
            if proto.get("name") != "tlsexplain":
                continue
            for expert in proto.iter("field"):
                if expert.get("name") != "_ws.expert":
                    continue
                frames.add(int(number))
                for f in expert.iter("field"):
                    if f.get("name") == "_ws.expert.message":
                        notes[f.get("show")] += 1
                    elif f.get("name") in KINDS:
                        kinds.add(f.get("name"))
    return notes, kinds, frames


def tap_notes(args, capture, detail, *extra):
    """Our notes as tshark -z expert counts them."""
    out = tshark(args, capture, "-q", "-o", "tlsexplain.detail:" + detail,
                 "-z", "expert", *extra)
    notes = collections.Counter()
    for line in out.splitlines():
        m = ROW.match(line)
        if m and m.group(3) == PROTOCOL:
            notes[m.group(4)] += int(m.group(1))
    return notes


def sharkd_notes(args, capture, detail):
    """Our notes as sharkd's expert tap lists them, after a load."""
    requests = [
        {"method": "load", "params": {"file": capture}},
        {"method": "setconf", "params": {"name": "tlsexplain.detail", "value": detail}},
        {"method": "tap", "params": {"tap0": "expert"}},
    ]
    text = "".join(json.dumps(dict(r, jsonrpc="2.0", id=i + 1)) + "\n"
                   for i, r in enumerate(requests))
    cmd = [args.run, args.plugin_dir, args.sharkd, "-"]
    res = subprocess.run(cmd, input=text, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    replies = [json.loads(l) for l in res.stdout.splitlines() if l.startswith("{")]
    if res.returncode != 0 or len(replies) != len(requests) or \
            any("error" in r for r in replies):
        raise Failure("%s failed (%d):\n%s%s" % (" ".join(cmd), res.returncode,
                                                res.stdout[-2000:], res.stderr))
    notes = collections.Counter()
    for tap in replies[-1]["result"]["taps"]:
        for d in tap.get("details", []):
            if d.get("p") == PROTOCOL:
                notes[d["m"]] += 1
    return notes


def frames_shown(args, capture, detail, *argv):
    """The frame numbers tshark prints, one pass, no tree printed (and no
    Expert column, which would ask for the notes itself)."""
    out = tshark(args, capture, "-o", "tlsexplain.detail:" + detail,
                 "-o", 'gui.column.format:"No.","%m"', *argv)
    return {int(line.split()[0]) for line in out.splitlines() if line.split()}


def describe(a, b):
    lines = []
    for note in sorted(set(a) | set(b)):
        if a[note] != b[note]:
            lines.append("  %d vs %d: %s" % (a[note], b[note], note))
    return "\n".join(lines[:10])


def check(args, capture, detail):
    want, kinds, frames = tree_notes(args, capture, detail)
    # Lines with a severity in the Expert column; frames a filter on
    # expert info keeps.
    column = {int(l.split()[0]) for l in tshark(
        args, capture, "-o", "tlsexplain.detail:" + detail,
        "-o", 'gui.column.format:"No.","%m","Expert","%a"').splitlines()
        if len(l.split()) >= 2}
    for name, shown in (("an empty Expert column", column),
                        ("no match for -Y _ws.expert",
                         frames_shown(args, capture, detail, "-Y", "_ws.expert"))):
        missing = frames - shown
        if missing:
            raise Failure("%s (%s detail): frame(s) %s have notes of ours but %s"
                          % (os.path.basename(capture), detail, sorted(missing)[:10], name))
    runs = {"-z expert": (), "-2 -z expert": ("-2",),
            "-z expert -Y tlsexplain": ("-Y", "tlsexplain")}
    for name, extra in list(runs.items()) + [("sharkd", None)]:
        got = (sharkd_notes(args, capture, detail) if extra is None
               else tap_notes(args, capture, detail, *extra))
        if got != want:
            raise Failure("%s (%s detail): tree notes vs %s differ:\n%s"
                          % (os.path.basename(capture), detail, name,
                             describe(want, got)))
    return sum(want.values()), kinds


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--run", required=True, help="run-as-user.sh")
    ap.add_argument("--plugin-dir", required=True)
    ap.add_argument("--tshark", default="tshark")
    ap.add_argument("--sharkd", default="sharkd")
    ap.add_argument("--require", default=",".join(KINDS),
                    help="kinds of note these captures must show between them")
    ap.add_argument("captures", nargs="+")
    args = ap.parse_args()
    seen, total = set(), 0
    try:
        for capture in args.captures:
            for detail in ("brief", "full"):
                n, kinds = check(args, os.path.abspath(capture), detail)
                seen |= kinds
                total += n
                print("%s, %s detail: %d note(s) alike in the tree, -z expert "
                      "and sharkd" % (os.path.basename(capture), detail, n))
        missing = [k for k in args.require.split(",") if k not in seen]
        if missing:
            raise Failure("no capture showed " + ", ".join(missing))
    except Failure as e:
        print("FAIL: %s" % e, file=sys.stderr)
        return 1
    print("%d note(s) in all, each required kind seen" % total)
    return 0


if __name__ == "__main__":
    sys.exit(main())
