#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Builds the .deb with CPack, unpacks it into a scratch root with dpkg -x
and checks what a lab machine would get: the plugin in the global plugin
folder of this Wireshark version, a Depends on the libwireshark package of
that version, the docs and every teaching capture, and a tshark that loads
the unpacked plugin.

  check_package.py --build DIR --cpack CPACK --run run-as-user.sh --tshark T
      --plugin-subdir lib/.../wireshark/plugins/4.0 --libwireshark PKG
      --version 0.1.0 --pcaps DIR
"""
import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    for a in ("--build", "--cpack", "--run", "--tshark", "--plugin-subdir",
              "--libwireshark", "--version", "--pcaps", "--minor"):
        ap.add_argument(a, required=True)
    args = ap.parse_args()
    errors = []
    scratch = tempfile.mkdtemp(prefix="tlsx-package-")
    os.chmod(scratch, 0o755)
    try:
        out = os.path.join(scratch, "out")
        subprocess.run([args.cpack, "--config",
                        os.path.join(args.build, "CPackConfig.cmake"),
                        "-B", out], check=True, stdout=subprocess.DEVNULL)
        debs = glob.glob(os.path.join(out, "*.deb"))
        if len(debs) != 1:
            print("FAIL expected one .deb, got", debs)
            return 1
        deb = debs[0]
        name = os.path.basename(deb)
        if "+wireshark%s_" % args.minor not in name:
            errors.append("%s does not name Wireshark %s" % (name, args.minor))
        depends = subprocess.run(["dpkg-deb", "-f", deb, "Depends"],
                                 check=True, capture_output=True,
                                 text=True).stdout
        pinned = "%s (<< " % args.libwireshark
        if pinned not in depends:
            errors.append("Depends does not pin %s: %s"
                          % (args.libwireshark, depends.strip()))
        root = os.path.join(scratch, "root")
        subprocess.run(["dpkg", "-x", deb, root], check=True)
        so = os.path.join(root, "usr", args.plugin_subdir, "epan",
                          "tlsexplain.so")
        if not os.path.isfile(so):
            errors.append("no %s in the package" % so[len(root):])
        doc = os.path.join(root, "usr/share/doc/tlsexplain")
        for f in ("README.md", "COPYING", "pcaps/README.md"):
            if not os.path.isfile(os.path.join(doc, f)):
                errors.append("no /usr/share/doc/tlsexplain/%s" % f)
        for f in sorted(os.listdir(args.pcaps)):
            if f.endswith((".pcapng", ".keys", ".pem")) and \
               not os.path.isfile(os.path.join(doc, "pcaps", f)):
                errors.append("teaching capture file %s not packaged" % f)
        # Wireshark looks in <plugins>/<major.minor>/epan.
        plugins = os.path.dirname(os.path.join(root, "usr",
                                               args.plugin_subdir))
        res = subprocess.run([args.run, plugins, args.tshark, "-G", "plugins"],
                             capture_output=True, text=True)
        loaded = [l for l in res.stdout.splitlines()
                  if l.startswith("tlsexplain.so")]
        if len(loaded) != 1 or args.version not in loaded[0] or \
           os.path.realpath(loaded[0].split("\t")[-1].strip()) != \
           os.path.realpath(so):
            errors.append("tshark did not load the packaged plugin:\n"
                          + res.stdout + res.stderr)
        else:
            print("tshark loads", loaded[0].split("\t")[-1].strip())
        print("checked", name, "Depends:", depends.strip())
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for e in errors:
        print("FAIL", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
