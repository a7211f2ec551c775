#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Byte coverage from `tshark -T pdml`: every byte of every explained
handshake message must lie under at least one leaf field of ours
(a tlsexplain.field with no tlsexplain.field inside it). Explanation lines
do not count, so a message whose fields were not parsed fails.

  coverage.py --run RUN --plugin-dir DIR --capture CAP [--keys K]
"""
import argparse
import subprocess
import sys
import xml.etree.ElementTree as ET

FIELD = "tlsexplain.field"
# Items that are not a parsed handshake message, so have no fields.
NOT_MESSAGES = {"ChangeCipherSpec", "Alert", "ApplicationData", "EncryptedHandshake",
                "ConnectionClosed", "HandshakeFragment", "EncryptedRecord"}


def leaves(elem):
    """(pos, size) of the leaf fields under elem."""
    out = []
    for child in elem:
        if child.get("name") != FIELD:
            continue
        inner = leaves(child)
        if inner:
            out.extend(inner)
        else:
            out.append((int(child.get("pos")), int(child.get("size"))))
    return out


def fields_root(proto):
    """The 'Fields, byte by byte' subtree, or None for items without fields."""
    for child in proto:
        if any(grand.get("name") == FIELD for grand in child):
            return child
    return None


def message_of(proto):
    for child in proto:
        if child.get("name") == "tlsexplain.message":
            return child.get("show")
    return "?"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--run", required=True)
    p.add_argument("--plugin-dir", required=True)
    p.add_argument("--tshark", default="tshark")
    p.add_argument("--capture", required=True)
    p.add_argument("--keys")
    args = p.parse_args()
    cmd = [args.run, args.plugin_dir, args.tshark, "-r", args.capture, "-T", "pdml",
           "-o", "tlsexplain.detail:full"]
    if args.keys:
        cmd += ["-o", "tls.keylog_file:" + args.keys]
    pdml = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    problems, messages, total = [], 0, 0
    for packet in ET.fromstring(pdml).iter("packet"):
        frame = packet.find("proto[@name='geninfo']/field[@name='num']").get("show")
        for proto in packet.iter("proto"):
            if proto.get("name") != "tlsexplain":
                continue
            root = fields_root(proto)
            encrypted = any(c.get("name") == "tlsexplain.encrypted" for c in proto)
            if root is None:
                if not encrypted and message_of(proto) not in NOT_MESSAGES:
                    problems.append("frame %s %s: no fields at all" % (frame, message_of(proto)))
                continue
            start, size = int(proto.get("pos")), int(proto.get("size"))
            covered = set()
            for pos, length in leaves(root):
                covered.update(range(pos, pos + length))
            missing = [b for b in range(start, start + size) if b not in covered]
            messages += 1
            total += size
            if missing:
                problems.append("frame %s %s: %d of %d bytes not covered, first at offset %d"
                                % (frame, message_of(proto), len(missing), size,
                                   missing[0] - start))
    if problems:
        sys.exit("\n".join(problems[:20]))
    if messages == 0:
        sys.exit("no message with fields in " + args.capture)
    print("%d messages, %d bytes: 100%% covered by leaf fields" % (messages, total))


main()
