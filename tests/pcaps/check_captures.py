#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Checks the teaching captures in pcaps/ with plain tshark (no plugin).

  check_captures.py --tshark T --pcaps DIR check NAME
      NAME.pcapng opens without malformed packets, error expert items or
      TCP analysis flags, with and without keys; with NAME.keys, with
      NAME.dsb.pcapng (and with the server's RSA key where the table names
      one) Wireshark decrypts it; it shows what capture_expectations.py
      promises.
  check_captures.py --pcaps DIR table
      every capture has an entry in capture_expectations.py and back.
  check_captures.py --pcaps DIR reproduce --generator GEN
      GEN regenerates every scenario into a temporary folder, and every
      file matches the committed one byte for byte.
"""
import argparse
import collections
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # keep the source tree clean
from capture_expectations import EXPECTATIONS  # noqa: E402

# Wireshark's own complaints; none may appear in any capture.
CLEAN = [
    "_ws.malformed || _ws.expert.severity >= error",
    "tcp.analysis.flags",
]


class Tshark:
    """tshark with no plugins at all: run-as-user.sh points it at an empty
    plugin folder (and a private profile), so neither a build nor an
    installed copy of ours is loaded. --disable-protocol would not do: newer
    Wireshark refuses to disable a protocol it does not know."""

    def __init__(self, path, run):
        self.path = path
        self.runner = run
        self.plugins = tempfile.mkdtemp(prefix="tlsx-no-plugins-")
        os.chmod(self.plugins, 0o755)

    def close(self):
        shutil.rmtree(self.plugins, ignore_errors=True)

    def run(self, capture, args):
        cmd = [self.runner, self.plugins, self.path, "-n",
               "-r", capture] + args
        res = subprocess.run(cmd, capture_output=True,
                             text=True, check=False)
        if res.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{res.stderr}")
        return res.stdout

    def frame_counts(self, capture, filters, args):
        """Frames matching each filter, in one pass (io,stat columns)."""
        if not filters:
            return []
        stat = "io,stat,0," + ",".join(filters)
        out = self.run(capture, args + ["-q", "-z", stat])
        rows = [l for l in out.splitlines() if "<>" in l]
        cells = [c.strip() for c in rows[-1].strip("|").split("|")[1:]]
        # Each filter has a "Frames" and a "Bytes" cell.
        return [int(cells[2 * i]) for i in range(len(filters))]

    def handshake_types(self, capture, args):
        out = self.run(capture, args + ["-T", "fields", "-E", "aggregator=,",
                                        "-e", "tls.handshake.type",
                                        "-e", "dtls.handshake.type"])
        counts = collections.Counter()
        for line in out.splitlines():
            for value in line.replace("\t", ",").split(","):
                if value:
                    counts[int(value)] += 1
        return counts


def check_filters(tshark, capture, args, must, must_not, label):
    errors = []
    filters = list(must) + list(must_not)
    for f, n in zip(filters, tshark.frame_counts(capture, filters, args)):
        if f in must and n == 0:
            errors.append(f"{label}: no frame matches {f}")
        elif f not in must and n > 0:
            errors.append(f"{label}: {n} frame(s) match {f}")
    return errors


def check_handshakes(tshark, capture, args, expected, label):
    seen = tshark.handshake_types(capture, args)
    return [f"{label}: {seen[t]} handshake message(s) of type {t}, expected {n}"
            for t, n in sorted(expected.items()) if seen[t] != n]


def check_capture(tshark, pcaps, name):
    exp = EXPECTATIONS.get(name)
    if exp is None:
        return [f"{name}: no entry in capture_expectations.py"]
    plain = os.path.join(pcaps, name + ".pcapng")
    keys = os.path.join(pcaps, name + ".keys")
    dsb = os.path.join(pcaps, name + ".dsb.pcapng")
    with_keys = [("keylog", plain, ["-o", "tls.keylog_file:" + keys]),
                 ("dsb", dsb, [])]
    if "rsa_key" in exp:
        rsa = os.path.join(pcaps, exp["rsa_key"])
        with_keys.append(("rsa key", plain,
                          ["-o", f'uat:rsa_keys:"{rsa}",""']))
    errors = check_filters(tshark, plain, [], exp.get("nokeys", []),
                           CLEAN + exp.get("nokeys_not", []), "no keys")
    for label, capture, args in with_keys:
        errors += check_filters(tshark, capture, args, exp.get("keys", []),
                                CLEAN + exp.get("keys_not", []), label)
        errors += check_handshakes(tshark, capture, args, exp["handshakes"],
                                   label)
    return errors


def committed_names(pcaps):
    return sorted(f[:-len(".pcapng")] for f in os.listdir(pcaps)
                  if f.endswith(".pcapng") and not f.endswith(".dsb.pcapng"))


def check_table(pcaps):
    names = set(committed_names(pcaps))
    return ([f"{n}: capture without an entry in capture_expectations.py"
             for n in sorted(names - set(EXPECTATIONS))] +
            [f"{n}: entry without a capture in {pcaps}"
             for n in sorted(set(EXPECTATIONS) - names)])


def scenario_names(generator):
    out = subprocess.run([generator, "--list"], capture_output=True,
                         text=True, check=True).stdout
    return [line.split()[0] for line in out.splitlines() if line.strip()]


def committed_files(pcaps, scenarios):
    return sorted(f for f in os.listdir(pcaps)
                  if any(f.startswith(s + ".") for s in scenarios))


def check_reproduce(pcaps, generator):
    with tempfile.TemporaryDirectory(prefix="tlsx-regen-") as out:
        subprocess.run([generator, "--out", out], check=True,
                       stdout=subprocess.DEVNULL)
        fresh = sorted(os.listdir(out))
        committed = committed_files(pcaps, scenario_names(generator))
        errors = [f"{f}: generated but not committed"
                  for f in fresh if f not in committed]
        errors += [f"{f}: committed but no longer generated"
                   for f in committed if f not in fresh]
        errors += [f"{f}: differs from the regenerated file"
                   for f in fresh if f in committed and
                   not filecmp.cmp(os.path.join(out, f),
                                   os.path.join(pcaps, f), shallow=False)]
        print(f"compared {len(fresh)} regenerated files with {pcaps}")
        return errors


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--tshark", default="tshark")
    p.add_argument("--run", help="tests/run-as-user.sh")
    p.add_argument("--pcaps", required=True)
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("check").add_argument("name")
    sub.add_parser("table")
    rep = sub.add_parser("reproduce")
    rep.add_argument("--generator", required=True)
    rep.add_argument("--made-with", help="the GnuTLS version the captures were made with")
    rep.add_argument("--gnutls", help="the GnuTLS version the generator was built with")
    args = p.parse_args()

    if args.cmd == "check":
        tshark = Tshark(args.tshark, args.run)
        try:
            errors = check_capture(tshark, args.pcaps, args.name)
        finally:
            tshark.close()
    elif args.cmd == "table":
        errors = check_table(args.pcaps)
    elif args.made_with and args.gnutls != args.made_with:
        print(f"SKIPPED: the captures were made with GnuTLS {args.made_with}; "
              f"this generator uses GnuTLS {args.gnutls}, whose bytes differ")
        return 77
    else:
        errors = check_reproduce(args.pcaps, args.generator)
    for e in errors:
        print("FAIL", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
