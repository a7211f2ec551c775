#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Each explainer subtree must span exactly the bytes it explains, in the
data source they are in: a handshake message's bytes equal those of the
message Wireshark dissected (also when reassembled or decrypted), and a
record's those of the record. Read from `tshark -T json -x`, where every
item's raw bytes come from its own data source.

A DTLS message Wireshark reassembled from fragments is shown whole in a
data source of ours: its header is the last fragment's (type, length,
message_seq) with fragment_offset 0 and fragment_length = length, and its
body is exactly Wireshark's reassembled fragments (dtls.fragments).

  spans.py --run RUN --plugin-dir DIR --capture CAP [--keys K]
"""
import argparse
import json
import subprocess
import sys

MESSAGE_SOURCES = ("tls.handshake_raw", "dtls.handshake_raw")
RECORD_SOURCES = ("tls.record_raw", "dtls.record_raw", "tls.alert_message_raw",
                  "dtls.alert_message_raw",
                  # An undecrypted QUIC Handshake packet's protected payload.
                  "quic.remaining_payload_raw")
DTLS_BODIES = ("dtls.fragments_raw",)
# A connection closing mid-handshake is an item over the TCP flags.
CLOSE_SOURCES = ("tcp.flags_raw",)


def as_list(v):
    return v if isinstance(v, list) else [v]


def raws(value):
    """A _raw entry is [hex, pos, len, mask, type], or a list of those."""
    if value and isinstance(value[0], list):
        return [r[0] for r in value]
    return [value[0]] if value else []


def places(value):
    """(pos, len) of a _raw entry or list of them: JSON shows a bitmask
    field's value masked, not its bytes, so those are matched by place."""
    if value and isinstance(value[0], list):
        return [(r[1], r[2]) for r in value]
    return [(value[1], value[2])] if value else []


def collect(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in CLOSE_SOURCES:
                found.setdefault(key, set()).update(places(value))
            elif key in MESSAGE_SOURCES or key in RECORD_SOURCES or key in DTLS_BODIES:
                found.setdefault(key, set()).update(raws(value))
            collect(value, found)
    elif isinstance(node, list):
        for v in node:
            collect(v, found)


def check_frame(layers, problems):
    found = {}
    collect({k: v for k, v in layers.items() if not k.startswith("tlsexplain")}, found)
    messages = set().union(*(found.get(k, set()) for k in MESSAGE_SOURCES))
    records = set().union(*(found.get(k, set()) for k in RECORD_SOURCES))
    dtls_headers = {m[:12] for m in found.get("dtls.handshake_raw", set())}
    for body in set().union(*(found.get(k, set()) for k in DTLS_BODIES)):
        length = "%06x" % (len(body) // 2)
        for head in dtls_headers:
            if head[2:8] == length:
                messages.add(head + "000000" + length + body)
    items = as_list(layers.get("tlsexplain", []))
    spans = raws(layers.get("tlsexplain_raw", []))
    spots = places(layers.get("tlsexplain_raw", []))
    frame = layers["frame"]["frame.number"]
    if len(items) != len(spans):
        problems.append("frame %s: %d subtrees, %d spans" % (frame, len(items), len(spans)))
        return 0
    for item, span, spot in zip(items, spans, spots):
        name = item.get("tlsexplain.message")
        encrypted = item.get("tlsexplain.encrypted") in ("1", "True", "true")
        is_message = name not in ("ChangeCipherSpec", "Alert", "ApplicationData",
                                  "ConnectionClosed") and not encrypted
        where = messages if is_message else records | messages
        if name == "ConnectionClosed":
            if spot not in set().union(*(found.get(k, set()) for k in CLOSE_SOURCES)):
                problems.append("frame %s: ConnectionClosed is not over the TCP flags" % frame)
            continue
        if span not in where:
            problems.append("frame %s: %s spans bytes %s... that are not a whole %s"
                            % (frame, name, span[:24], "message" if is_message else "record"))
    return len(items)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--run", required=True)
    p.add_argument("--plugin-dir", required=True)
    p.add_argument("--tshark", default="tshark")
    p.add_argument("--capture", required=True)
    p.add_argument("--keys")
    args = p.parse_args()
    cmd = [args.run, args.plugin_dir, args.tshark, "-r", args.capture, "-T", "json",
           "--no-duplicate-keys", "-x"]
    if args.keys:
        cmd += ["-o", "tls.keylog_file:" + args.keys]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    problems, checked = [], 0
    for packet in json.loads(out):
        checked += check_frame(packet["_source"]["layers"], problems)
    if problems:
        sys.exit("\n".join(problems[:20]))
    if checked == 0:
        sys.exit("no tlsexplain subtree in " + args.capture)
    print("%d subtrees span exactly their bytes" % checked)


main()
