#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Golden test: the tlsexplain subtrees of `tshark -2 -V` on one capture,
compared with a reviewed expected file.

  golden.py --run RUN --plugin-dir DIR --capture CAP [--keys K] --expected FILE
  golden.py ... --update     rewrite FILE (then read the diff before committing)
  golden.py ... --same-as CAP2 [--keys2 K2]   CAP must explain exactly like CAP2
"""
import argparse
import difflib
import os
import subprocess
import sys

PROTO = "TLS Handshake Explainer"


def explained(args, capture, keys):
    # The system's trust store differs between machines; goldens must not.
    # Two passes, as the GUI: what later frames tell is drawn only once the
    # whole capture has been read (the passes test checks one pass prints the
    # rest the same).
    cmd = [args.run, args.plugin_dir, args.tshark, "-2", "-r", capture, "-V",
           "-o", "tlsexplain.system_trust:FALSE"]
    if keys:
        cmd += ["-o", "tls.keylog_file:" + keys]
    for pref in args.pref or []:
        cmd += ["-o", pref]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit("tshark failed (%d): %s" % (res.returncode, res.stderr))
    return extract(res.stdout)


def extract(text):
    """Keeps a 'Frame N' line per frame and our subtrees, nothing of
    Wireshark's own dissection, so only our output is under test."""
    out, frame, inside = [], None, False
    for line in text.splitlines():
        if line.startswith("Frame ") and ":" in line:
            frame, inside = line.split(":")[0], False
            continue
        if line.startswith(PROTO):
            inside = True
            if frame:
                out.append(frame)
                frame = None
            out.append(line)
        elif inside and line.startswith(" "):
            out.append(line)
        else:
            inside = False
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--run", required=True)
    p.add_argument("--plugin-dir", required=True)
    p.add_argument("--tshark", default="tshark")
    p.add_argument("--capture", required=True)
    p.add_argument("--keys")
    p.add_argument("--expected")
    p.add_argument("--update", action="store_true")
    p.add_argument("--same-as")
    p.add_argument("--keys2")
    p.add_argument("--pref", action="append", help="a -o preference for every tshark run")
    args = p.parse_args()
    args.update = args.update or os.environ.get("TLSX_UPDATE_GOLDEN") == "1"

    got = explained(args, args.capture, args.keys)
    if not got:
        sys.exit("no tlsexplain output at all for " + args.capture)
    if args.same_as:
        want = explained(args, args.same_as, args.keys2)
        label = args.same_as
    elif args.update:
        with open(args.expected, "w") as f:
            f.write("\n".join(got) + "\n")
        print("wrote", args.expected, "- review the diff before committing")
        return
    else:
        with open(args.expected) as f:
            want = f.read().splitlines()
        label = args.expected
    if got != want:
        diff = difflib.unified_diff(want, got, label, "tshark output", lineterm="", n=2)
        sys.stdout.write("\n".join(list(diff)[:200]) + "\n")
        sys.exit("tlsexplain output differs from " + label)
    print("%d lines match %s" % (len(got), label))


main()
