#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Integration checks for the tlsexplain plugin, run by ctest.

Every tshark/sharkd run goes through run-as-user.sh so that the plugin under
test is the one in the build tree. Subcommands:

  plugins     tshark -G plugins lists the build's tlsexplain.so, nothing else
  protocols   the protocol and its fields are registered
  passes      one-pass and two-pass tshark -V give the same tlsexplain trees
  clicks      sharkd gives the same trees whatever order frames are opened in
"""

import argparse
import difflib
import json
import os
import random
import re
import subprocess
import sys

PROTO_NAME = "TLS Handshake Explainer"
PROTO_FILTER = "tlsexplain"
FIELDS = ["tlsexplain.message", "tlsexplain.sender", "tlsexplain.handshake",
          "tlsexplain.step", "tlsexplain.explanation", "tlsexplain.encrypted",
          "tlsexplain.malformed"]
MAX_DIFFS = 3


class Failure(Exception):
    pass


def run(args, program, *argv):
    """Runs PROGRAM as the test user; returns (stdout, stderr), fails on a
    non-zero exit."""
    cmd = [args.run, args.plugin_dir, program, *argv]
    res = subprocess.run(cmd, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    if res.returncode != 0:
        raise Failure("%s exited with %d\n%s" % (" ".join(cmd), res.returncode,
                                               res.stderr))
    return res.stdout, res.stderr


def check_exists(path):
    """A capture or key log the tools cannot open would just be explained
    less (a missing key log is silently ignored), so say so first. The test
    user can read it wherever it is (run-as-user.sh)."""
    if not os.path.isfile(path):
        raise Failure("%s does not exist" % path)


def keylog_opts(args):
    return ["-o", "tls.keylog_file:" + args.keys] if args.keys else []


# Every field explained: the most there is to compare. tshark's own default
# ("auto") is brief, sharkd's full.
DETAIL = ("tlsexplain.detail", "full")


# --- tshark -V text ---------------------------------------------------------

FRAME_RE = re.compile(r"^Frame (\d+):")


def trees_from_text(text):
    """{frame: [line, ...]} of the tlsexplain subtrees in tshark -V output.

    Top-level protocols start in column 0 and their children are indented,
    so a subtree runs from its header to the next unindented line."""
    trees = {}
    frame = None
    inside = False
    for line in text.splitlines():
        m = FRAME_RE.match(line)
        if m:
            frame = int(m.group(1))
            inside = False
            continue
        if line.startswith(PROTO_NAME):
            inside = True
        elif not line.startswith(" "):
            inside = False
        if inside and frame is not None:
            trees.setdefault(frame, []).append(line.rstrip("\n"))
    return trees


def tshark_trees(args, *extra):
    out, _ = run(args, args.tshark, "-n", "-V", *extra, "-r", args.capture,
                 "-o", "%s:%s" % DETAIL, *keylog_opts(args))
    return trees_from_text(out)


# --- sharkd JSON ------------------------------------------------------------

class Sharkd:
    """A sharkd session speaking JSON-RPC 2.0, one request per line."""

    def __init__(self, args):
        cmd = [args.run, args.plugin_dir, args.sharkd, "-"]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        req = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params:
            req["params"] = params
        self.proc.stdin.write(json.dumps(req) + "\n")
        self.proc.stdin.flush()
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise Failure("sharkd exited during %s" % json.dumps(req))
            try:
                msg = json.loads(line)
            except ValueError:
                continue  # not a response
            if msg.get("id") == self.next_id:
                break
        if "error" in msg:
            raise Failure("sharkd: %s -> %s" % (json.dumps(req),
                                                json.dumps(msg["error"])))
        return msg["result"]

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


def loaded_sharkd(args):
    """A sharkd session with the capture (and its keys) loaded, at full detail."""
    sd = Sharkd(args)
    sd.call("setconf", name=DETAIL[0], value=DETAIL[1])
    if args.keys:
        sd.call("setconf", name="tls.keylog_file", value=args.keys)
    sd.call("load", file=args.capture)
    return sd


def flatten(node, depth, detailed, out):
    """Renders a sharkd tree node like tshark -V renders it.

    With detailed, the node's other attributes (filter, byte range,
    severity, ...) are appended so that they are compared too."""
    label = node.get("l", "")
    if node.get("g"):
        label = "[%s]" % label  # tshark -V brackets generated items
    line = "    " * depth + label
    if detailed:
        attrs = {k: v for k, v in node.items() if k not in ("l", "n")}
        line += "  " + json.dumps(attrs, sort_keys=True)
    out.append(line)
    for child in node.get("n", []):
        flatten(child, depth + 1, detailed, out)


def sharkd_trees(args, order_name):
    """{frame: {"plain": [...], "detailed": [...]}} opening frames in order."""
    sd = loaded_sharkd(args)
    try:
        count = int(sd.call("status")["frames"])
        frames = list(range(1, count + 1))
        if order_name == "reverse":
            frames.reverse()
        elif order_name == "shuffled":
            # Seeded so that a failure can be reproduced.
            random.Random(os.path.basename(args.capture)).shuffle(frames)
        trees = {}
        for k in frames:
            plain, detailed = [], []
            for node in sd.call("frame", frame=k, proto=True).get("tree", []):
                if node.get("f") == PROTO_FILTER:
                    flatten(node, 0, False, plain)
                    flatten(node, 0, True, detailed)
            if plain:
                trees[k] = {"plain": plain, "detailed": detailed}
    finally:
        sd.close()
    return trees


# --- comparison -------------------------------------------------------------

def require_nonempty(trees, args):
    # Equal but empty output would prove nothing.
    if not trees:
        raise Failure("no '%s' subtree in any frame of %s%s: is the plugin "
                      "loaded, and does it explain this capture?"
                      % (PROTO_NAME, args.capture,
                         " (keys: %s)" % args.keys if args.keys else ""))


def compare(a, b, name_a, name_b):
    """Fails listing the first frames whose trees differ."""
    diffs = []
    for frame in sorted(set(a) | set(b)):
        la, lb = a.get(frame, []), b.get(frame, [])
        if la != lb:
            diffs.append("frame %d:\n%s" % (frame, "\n".join(
                difflib.unified_diff(la, lb, name_a, name_b, lineterm=""))))
    if diffs:
        more = len(diffs) - MAX_DIFFS
        raise Failure("%s and %s differ in %d frame(s):\n%s%s"
                      % (name_a, name_b, len(diffs),
                         "\n".join(diffs[:MAX_DIFFS]),
                         "\n(%d more)" % more if more > 0 else ""))


# --- subcommands ------------------------------------------------------------

def cmd_plugins(args):
    out, err = run(args, args.tshark, "-G", "plugins")
    want = os.path.realpath(args.expect_file)
    ours = []
    for line in out.splitlines():
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) >= 4 and "tlsexplain" in (cols[0] + cols[3]):
            ours.append(cols)
    if len(ours) != 1:
        raise Failure("expected one tlsexplain plugin, tshark -G plugins "
                      "lists %d (is %s built and readable by the test "
                      "user?):\n%s%s" % (len(ours), want, out, err))
    name, version, _, path = ours[0][:4]
    if name != "tlsexplain.so" or version != args.expect_version:
        raise Failure("expected tlsexplain.so %s, got %s %s"
                      % (args.expect_version, name, version))
    if os.path.realpath(path) != want:
        raise Failure("loaded %s instead of the build's %s" % (path, want))
    if "tlsexplain" in err:
        raise Failure("tshark complained about the plugin:\n" + err)
    print("loaded %s %s from %s" % (name, version, path))


def cmd_protocols(args):
    out, _ = run(args, args.tshark, "-G", "protocols")
    # Name, short name, filter name; 4.4 added flag columns after them.
    protos = [l.split("\t") for l in out.splitlines()]
    if not any(len(p) >= 3 and p[0] == PROTO_NAME and p[2] == PROTO_FILTER
               for p in protos):
        raise Failure("'%s' (%s) is not among the registered protocols"
                      % (PROTO_NAME, PROTO_FILTER))
    out, _ = run(args, args.tshark, "-G", "fields")
    # F <name> <abbrev> <type> <parent> ...; expert fields are listed too.
    fields = {c[2]: c for c in (l.split("\t") for l in out.splitlines())
              if len(c) >= 5 and c[0] == "F" and c[4] == PROTO_FILTER}
    missing = [f for f in FIELDS if f not in fields]
    if missing:
        raise Failure("fields not registered: " + ", ".join(missing))
    print("%s registered with %d fields" % (PROTO_FILTER, len(fields)))


LATER = "Known from later frames"


def without_later(trees):
    """The trees without their LATER subtrees, and how many there were.

    What later frames tell (a ticket's uses, the end of a handshake the
    capture never finishes) is a fact only once every frame has been read,
    so one-pass tshark cannot print it; everything else must match."""
    out, removed = {}, 0
    for frame, lines in trees.items():
        kept, depth = [], None
        for line in lines:
            indent = len(line) - len(line.lstrip(" "))
            if depth is not None and indent > depth:
                continue
            depth = None
            if line.strip() == LATER:
                depth, removed = indent, removed + 1
                continue
            kept.append(line)
        out[frame] = kept
    return out, removed


def cmd_subtrees(args):
    """Each kind of subtree has its own ett, as sharkd reports it ("e"), so
    that opening one kind (the key schedule, a certificate, the lines of a
    wrapped text) in the GUI opens no other kind, here or in the next
    packet; the explainer's own ett is on no subtree below it."""
    # A certificate's subtree is "Certificate N: subject"; "Certificate chain
    # valid" is a row, whose expert note (4.4 on) has the expert's ett.
    kinds = {"Summary": "summary", "Fields, byte by byte": "fields", "Key schedule": "schedule",
             "Known from later frames": "later", re.compile(r"Certificate \d+: "): "certificate"}
    seen = {}
    sd = loaded_sharkd(args)
    try:
        for k in range(1, int(sd.call("status")["frames"]) + 1):
            for node in sd.call("frame", frame=k, proto=True).get("tree", []):
                if node.get("f") != PROTO_FILTER:
                    continue
                seen.setdefault("explainer", set()).add(node.get("e"))
                stack = list(node.get("n", []))
                while stack:
                    n = stack.pop()
                    stack.extend(n.get("n", []))
                    if "e" not in n:
                        continue
                    label = n.get("l", "")
                    kind = next((v for p, v in kinds.items()
                                 if (p.match(label) if hasattr(p, "match") else
                                     label.startswith(p))), "other")
                    seen.setdefault(kind, set()).add(n["e"])
    finally:
        sd.close()
    for kind in ("summary", "fields", "schedule", "certificate"):
        if kind not in seen:
            raise Failure("no %s subtree in %s" % (kind, args.capture))
    for a in seen:
        for b in seen:
            if a < b and seen[a] & seen[b]:
                raise Failure("%s and %s subtrees share an ett: %s"
                              % (a, b, sorted(seen[a] & seen[b])))
    print("distinct etts: " + ", ".join("%s %s" % (k, sorted(v)) for k, v in sorted(seen.items())))


def cmd_passes(args):
    # A display filter changes which fields a first pass puts in the tree
    # (and where), so it must not change what is explained.
    extra = ("-Y", args.filter) if args.filter else ()
    one = tshark_trees(args, *extra)
    two = tshark_trees(args, "-2", *extra)
    require_nonempty(one, args)
    _, in_one = without_later(one)
    if in_one:
        raise Failure("one-pass tshark printed %d '%s' subtree(s): it cannot "
                      "know later frames" % (in_one, LATER))
    two, later = without_later(two)
    compare(one, two, "tshark -V", "tshark -2 -V without '%s'" % LATER)
    print("%d frame(s) explained identically in one and two passes (two "
          "passes add %d '%s' subtree(s))" % (len(one), later, LATER))


def cmd_clicks(args):
    runs = {o: sharkd_trees(args, o) for o in ("forward", "reverse", "shuffled")}
    fwd = runs["forward"]
    require_nonempty(fwd, args)
    for order in ("reverse", "shuffled"):
        compare({k: v["detailed"] for k, v in fwd.items()},
                {k: v["detailed"] for k, v in runs[order].items()},
                "sharkd forward", "sharkd " + order)
    # sharkd dissects like a two-pass tshark: a first pass at load, then the
    # requested frames, so its labels must match tshark -2 -V.
    text = tshark_trees(args, "-2")
    compare(text, {k: v["plain"] for k, v in fwd.items()},
            "tshark -2 -V", "sharkd")
    print("%d frame(s) explained identically in forward, reverse and "
          "shuffled order and by tshark" % len(fwd))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("command",
                    choices=["plugins", "protocols", "passes", "clicks", "subtrees"])
    ap.add_argument("--run", required=True, help="run-as-user.sh")
    ap.add_argument("--plugin-dir", required=True)
    ap.add_argument("--tshark", default="tshark")
    ap.add_argument("--sharkd", default="sharkd")
    ap.add_argument("--capture")
    ap.add_argument("--keys", help="TLS key log file for the capture")
    ap.add_argument("--filter", help="display filter for both runs (passes)")
    ap.add_argument("--expect-file", help="plugin file that must be loaded")
    ap.add_argument("--expect-version", help="plugin version")
    args = ap.parse_args()
    if args.command in ("passes", "clicks") and not args.capture:
        ap.error("--capture is required")
    if args.command == "plugins" and not (args.expect_file and
                                          args.expect_version):
        ap.error("--expect-file and --expect-version are required")
    # The test user may not share our working directory.
    for attr in ("capture", "keys"):
        if getattr(args, attr):
            setattr(args, attr, os.path.abspath(getattr(args, attr)))
    try:
        for path in (args.capture, args.keys):
            if path:
                check_exists(path)
        globals()["cmd_" + args.command](args)
    except Failure as e:
        print("FAIL: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
