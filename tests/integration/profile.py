#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The "TLS class" profile (profile/TLS class): tshark started with it
shows the explainer's columns, reads its colouring rules without a
complaint, and explains every field.

  profile.py --run RUN --plugin-dir DIR --tshark T --profile DIR --capture CAP --keys KEYS
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    for a in ("run", "plugin-dir", "tshark", "profile", "capture", "keys"):
        ap.add_argument("--" + a, required=True)
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="tlsx-profile-")
    try:
        os.chmod(work, 0o755)
        profiles = os.path.join(work, "profiles")
        shutil.copytree(args.profile, os.path.join(profiles, "TLS class"))
        # run-as-user.sh gives tshark a throwaway configuration folder, and
        # copies these profiles into it.
        env = dict(os.environ, TLSX_PROFILES=profiles)
        cmd = [args.run, args.plugin_dir, args.tshark, "-C", "TLS class", "-r", args.capture,
               "-o", "tls.keylog_file:" + args.keys, "-Y", "tlsexplain"]
        res = subprocess.run(cmd, capture_output=True, text=True, env=env)
        errors = []
        if res.returncode != 0 or res.stderr.strip():
            errors.append("tshark complained:\n" + res.stderr)
        first = res.stdout.splitlines()[0] if res.stdout else ""
        if "ClientHello client 1 1" not in first:
            errors.append("no Message, Sender, Handshake and Step columns: " + first)
        # The colours reach PSML too: the handshake rule's background is
        # light blue, its text black.
        psml = subprocess.run([args.run, args.plugin_dir, args.tshark, "-C", "TLS class", "-r",
                               args.capture, "--color", "-T", "psml", "-Y", "tlsexplain"],
                              capture_output=True, text=True, env=env).stdout
        if "foreground='#000000' background='#c3e2ff'" not in psml:
            errors.append("the colouring rules were not applied:\n" + psml[:600])
        full = subprocess.run([args.run, args.plugin_dir, args.tshark, "-C", "TLS class", "-r",
                               args.capture, "-V", "-c", "4"],
                              capture_output=True, text=True, env=env).stdout
        if "Fields, byte by byte" not in full:
            errors.append("the profile does not explain every field")
        for e in errors:
            print("FAIL", e)
        if not errors:
            print("the TLS class profile: columns, colours and full detail")
        return 1 if errors else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


sys.exit(main())
