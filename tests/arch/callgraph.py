#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The file-level call graph of plugin/core and plugin/epan, and the
architecture rules the suite keeps:

  callgraph.py --src DIR check     core includes no Wireshark header; no
                                   cycle of calls between files of core,
                                   nor between files of epan
  callgraph.py --src DIR show      each file and the files it calls

A file calls another when it names a function the other defines (and does
not define itself); functions are found by their definitions at the start
of a line, so static ones and macros are left out of the graph.
"""
import argparse
import os
import re
import sys

DEF_RE = re.compile(r"^(?!static\b)(?:[A-Za-z_][\w \t\*]*?[\s\*])"
                    r"([A-Za-z_]\w*)\s*\([^;]*$", re.M)
WORD_RE = re.compile(r"[A-Za-z_]\w*")
WIRESHARK_RE = re.compile(r'#\s*include\s*[<"](epan|wsutil|wiretap|ws_[\w.]+|'
                          r'config\.h)', re.M)


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    return re.sub(r'"(?:\\.|[^"\\])*"', '""', text)


def graph(folder):
    files = sorted(f for f in os.listdir(folder) if f.endswith(".c"))
    texts = {f: strip_comments(open(os.path.join(folder, f),
                                    encoding="utf-8").read()) for f in files}
    defined = {}
    for f, t in texts.items():
        for m in DEF_RE.finditer(t):
            if m.group(1) not in ("if", "while", "for", "switch", "return"):
                defined.setdefault(m.group(1), f)
    edges = {f: set() for f in files}
    for f, t in texts.items():
        for w in set(WORD_RE.findall(t)):
            g = defined.get(w)
            if g and g != f:
                edges[f].add(g)
    return edges


def cycles(edges):
    """Strongly connected components with more than one file (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--src", required=True, help="the plugin/ folder")
    ap.add_argument("command", choices=["check", "show"])
    args = ap.parse_args()
    errors = []
    for part in ("core", "epan"):
        folder = os.path.join(args.src, part)
        edges = graph(folder)
        if args.command == "show":
            for f in sorted(edges):
                print("%s/%s -> %s" % (part, f, ", ".join(sorted(edges[f])) or "-"))
            continue
        for comp in cycles(edges):
            errors.append("%s: files call each other in a cycle: %s"
                          % (part, " <-> ".join(comp)))
    if args.command == "check":
        core = os.path.join(args.src, "core")
        for f in sorted(os.listdir(core)):
            if f.endswith((".c", ".h")):
                text = open(os.path.join(core, f), encoding="utf-8").read()
                m = WIRESHARK_RE.search(text)
                if m:
                    errors.append("core/%s includes a Wireshark header (%s)"
                                  % (f, m.group(0)))
    for e in errors:
        print("FAIL", e)
    if args.command == "check" and not errors:
        print("core has no Wireshark header; no call cycle between files")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
