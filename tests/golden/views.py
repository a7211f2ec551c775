#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Golden test of a whole-capture view: tshark -q -z ARG on one capture
(the Flow Graph ladder, the statistics tree, the handshake table), in one
pass and in two (tshark -2), which must print the same, compared with a
reviewed expected file.

  views.py --run RUN --plugin-dir DIR --capture CAP -z ARG --expected FILE
  TLSX_UPDATE_GOLDEN=1 views.py ...   rewrite FILE (read the diff before committing)

A -z argument only the plugin registers makes tshark refuse to start
without it, so output at all proves the plugin loaded. Where a Wireshark
version draws a view differently, FILE with .4.N before .txt is that
version's expected output (made on that version, in the matrix).
"""
import argparse
import difflib
import os
import re
import subprocess
import sys


def tshark_version(args):
    res = subprocess.run([args.run, args.plugin_dir, args.tshark, "--version"],
                         capture_output=True, text=True)
    m = re.search(r"(\d+)\.(\d+)\.\d+", res.stdout)
    return "%s.%s" % m.groups() if m else "?"


def view(args, two_pass):
    cmd = [args.run, args.plugin_dir, args.tshark, "-q", "-r", args.capture, "-z", args.z,
           "-o", "tlsexplain.system_trust:FALSE"]
    if two_pass:
        cmd.insert(3, "-2")
    for pref in args.pref or []:
        cmd += ["-o", pref]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0 or res.stderr.strip():
        sys.exit("%s failed (%d): %s" % (" ".join(cmd), res.returncode, res.stderr))
    return res.stdout.splitlines()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--run", required=True)
    p.add_argument("--plugin-dir", required=True)
    p.add_argument("--tshark", default="tshark")
    p.add_argument("--capture", required=True)
    p.add_argument("-z", required=True)
    p.add_argument("--expected", required=True)
    p.add_argument("--pref", action="append", help="a -o preference for every tshark run")
    args = p.parse_args()

    one, two = view(args, False), view(args, True)
    if one != two:
        diff = difflib.unified_diff(one, two, "one pass", "two passes", lineterm="", n=2)
        sys.stdout.write("\n".join(list(diff)[:100]) + "\n")
        sys.exit("-z %s differs between one pass and two" % args.z)
    if not any(line.strip() for line in one):
        sys.exit("-z %s printed nothing" % args.z)
    expected = args.expected
    versioned = re.sub(r"\.txt$", ".%s.txt" % tshark_version(args), expected)
    if os.path.exists(versioned):
        expected = versioned
    if os.environ.get("TLSX_UPDATE_GOLDEN") == "1":
        with open(expected, "w") as f:
            f.write("\n".join(one) + "\n")
        print("wrote", expected, "- review the diff before committing")
        return
    with open(expected) as f:
        want = f.read().splitlines()
    if one != want:
        diff = difflib.unified_diff(want, one, expected, "tshark output", lineterm="", n=2)
        sys.stdout.write("\n".join(list(diff)[:200]) + "\n")
        sys.exit("-z %s output differs from %s" % (args.z, expected))
    print("%d lines match %s, one pass and two" % (len(one), expected))


main()
