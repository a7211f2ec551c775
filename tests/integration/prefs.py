#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The preferences, through tshark -o as a user would set them:
tlsexplain.catalog (a teacher's file: used when good, one clear warning and
the built-in texts when bad), tlsexplain.detail, tlsexplain.language.

  prefs.py --run RUN --plugin-dir DIR --capture CAP --workdir DIR
"""
import argparse
import json
import os
import subprocess
import unicodedata
import sys

BUILTIN = "The client opens the handshake"


def tshark(args, *opts, message="ClientHello"):
    cmd = [args.run, args.plugin_dir, args.tshark, "-r", args.capture, "-V",
           "-Y", "tlsexplain.message == \"%s\"" % message, *opts]
    res = subprocess.run(cmd, capture_output=True)
    return res.stdout.decode("utf-8", "replace"), res.stderr.decode("utf-8", "replace")


def write(args, name, data):
    path = os.path.join(args.workdir, name)
    with open(path, "wb") as f:
        f.write(data)
    os.chmod(path, 0o644)
    return path


def expect(cond, what, out=""):
    if not cond:
        sys.exit("FAIL: %s\n%s" % (what, out[-2000:]))
    print("ok:", what)


def check_bad_catalogs(args):
    bad = {
        "unknown-key.ini": (b"[ClientHello]\nwords=Hello\n", "unknown key"),
        "unknown-placeholder.ini": (b"[ClientHello]\ntext=Hi {nonsense}\n", "unknown placeholder"),
        "broken.ini": (b"this line is not a key file\n", "not a key-value pair"),
        "not-utf8.ini": (b"[ClientHello]\ntext=\xff\xfe\n", "not UTF-8"),
        "unknown-section.ini": (b"[NoSuchThing]\ntext=x\n", "unknown section"),
    }
    for name, (data, problem) in bad.items():
        path = write(args, name, data)
        out, err = tshark(args, "-o", "tlsexplain.catalog:" + path)
        expect(err.count("tlsexplain: the catalog file was not used") == 1 and problem in err,
               "%s gives one warning naming the problem (%s)" % (name, problem), err)
        expect(BUILTIN in out, "%s leaves the built-in texts in use" % name, out)


def check_good_catalog(args):
    path = write(args, "good.ini", "[ClientHello]\ntext=Hello from the {sender}, class!\n"
                 .encode())
    out, err = tshark(args, "-o", "tlsexplain.catalog:" + path)
    expect("Hello from the client, class!" in out and "catalog file was not used" not in err,
           "a good teacher's file replaces that text, placeholders filled", out + err)


def sharkd_fields(args):
    """The tlsexplain.field items sharkd shows in frame 4 (the ClientHello)
    with the default preferences, as the GUI would."""
    reqs = [{"jsonrpc": "2.0", "id": 1, "method": "load", "params": {"file": args.capture}},
            {"jsonrpc": "2.0", "id": 2, "method": "frame",
             "params": {"frame": 4, "proto": True}}]
    cmd = [args.run, args.plugin_dir, args.sharkd, "-"]
    res = subprocess.run(cmd, input="".join(json.dumps(r) + "\n" for r in reqs),
                         capture_output=True, text=True)
    return res.stdout.count('"f":"tlsexplain.field') + res.stdout.count('"f": "tlsexplain.field')


def fields_of(args, capture, dfilter, detail):
    """Frame numbers matching dfilter with that detail."""
    cmd = [args.run, args.plugin_dir, args.tshark, "-r", capture, "-Y", dfilter,
           "-o", "tlsexplain.detail:" + detail, "-T", "fields", "-e", "frame.number"]
    return subprocess.run(cmd, capture_output=True, text=True).stdout.split()


def check_detail(args):
    full, _ = tshark(args, "-o", "tlsexplain.detail:full")
    brief, _ = tshark(args, "-o", "tlsexplain.detail:brief")
    default, _ = tshark(args)
    expect("legacy_version" in full and "legacy_version" not in brief and BUILTIN in brief,
           "detail brief shows the message explanation without fields", brief)
    expect(default == brief, "tshark's default (auto) is brief", default)
    expect(sharkd_fields(args) > 10, "sharkd's default (auto), as the GUI's, explains every field")
    # Brief only hides the fields: filters and -e on them match as in full.
    for detail in ("brief", "full"):
        # Both ClientHellos send server_name: the full handshake's and the resumption's.
        frames = fields_of(args, args.capture, 'tlsexplain.field contains "server_name"', detail)
        expect(frames == ["4", "18"],
               "detail %s: a filter on a field finds both ClientHellos" % detail,
               " ".join(frames))
        frames = fields_of(args, args.extensions, "tlsexplain.not_offered", detail)
        expect(frames == ["4", "8", "10"],
               "detail %s: an extension the client did not offer is flagged" % detail,
               " ".join(frames))
    cmd = [args.run, args.plugin_dir, args.tshark, "-r", args.capture, "-V",
           "-Y", 'tlsexplain.field contains "server_name"']
    hidden = subprocess.run(cmd, capture_output=True, text=True).stdout
    expect("Fields, byte by byte" not in hidden and BUILTIN in hidden,
           "brief prints no fields even when a filter used them", hidden)
    # PDML shows hidden items too: a visible tree alone must not make brief
    # draw every message's fields hidden (which cost -V a full tree).
    pdml = [args.run, args.plugin_dir, args.tshark, "-r", args.capture, "-T", "pdml"]
    plain = subprocess.run(pdml, capture_output=True, text=True).stdout
    named = subprocess.run(pdml + ["-Y", 'tlsexplain.field contains "server_name"'],
                           capture_output=True, text=True).stdout
    expect('name="tlsexplain.field"' not in plain and 'name="tlsexplain.field"' in named,
           "brief draws the fields, hidden, only when a filter names them",
           "%d and %d" % (plain.count('name="tlsexplain.field"'),
                          named.count('name="tlsexplain.field"')))


def check_language(args):
    zh, _ = tshark(args, "-o", "tlsexplain.language:zh_CN")
    en, _ = tshark(args, "-o", "tlsexplain.language:en")
    expect(BUILTIN in en, "language en is English", en)
    expect(BUILTIN not in zh and "客户端" in zh, "language zh_CN is Simplified Chinese", zh)
    # Certificate details come from the catalog too, not from C strings.
    zh, _ = tshark(args, "-o", "tlsexplain.language:zh_CN", message="Certificate")
    en, _ = tshark(args, "-o", "tlsexplain.language:en", message="Certificate")
    expect("Issuer: " in en and "颁发者：" in zh and "Issuer: " not in zh,
           "certificate details follow the language", zh)
    # A Chinese tree is Chinese: no row keeps the English label of one of
    # our fields (the protocol's own name, and the RFC's names for message
    # fields, stay as Wireshark and the RFCs write them).
    labels = subprocess.run([args.run, args.plugin_dir, args.tshark, "-G", "fields"],
                            capture_output=True, text=True).stdout
    names = {c[1] for c in (l.split("\t") for l in labels.splitlines())
             if len(c) > 4 and c[0] == "F" and c[4] == "tlsexplain"}
    expect(len(names) > 30, "tlsexplain's field labels are listed", labels[-300:])
    for message in ("ServerHello", "Finished", "NewSessionTicket"):
        zh, _ = tshark(args, "-o", "tlsexplain.language:zh_CN", "-o", "tlsexplain.detail:full",
                       message=message)
        rows, inside = [], False
        for line in zh.splitlines():
            if not line.startswith(" "):
                inside = line.startswith("TLS Handshake Explainer")
            elif inside:
                rows.append(line.strip())
        english = sorted({r for r in rows for n in names if r.startswith(n + ":")})
        expect(not english, "%s in zh_CN: no English label of ours" % message, "\n".join(english))
        expect(any(r.startswith("发送方: ") for r in rows), "%s in zh_CN: Chinese labels" % message,
               zh[:2000])
    # The field value stays the contract, whatever the language.
    v = subprocess.run([args.run, args.plugin_dir, args.tshark, "-r", args.capture,
                        "-o", "tlsexplain.language:zh_CN", "-T", "fields", "-e", "tlsexplain.sender",
                        "-Y", "tlsexplain.message == \"ClientHello\""],
                       capture_output=True, text=True).stdout
    expect(v.split() and set(v.split()) == {"client"}, "tlsexplain.sender stays 'client'", v)


def columns(text):
    """Display columns: a CJK character takes two."""
    return sum(2 if ord(c) >= 0x1100 and unicodedata.east_asian_width(c) in "WF" else 1
               for c in text)


def check_wrap(args):
    """For a projector: explanations wrapped at tlsexplain.wrap_columns,
    in English and in Chinese, and never inside an RFC citation."""
    for lang in ("en", "zh_CN"):
        out, _ = tshark(args, "-o", "tlsexplain.language:" + lang, "-o", "tlsexplain.wrap_columns:60",
                        message="ServerHello")
        lines, inside = [], False
        for line in out.splitlines():
            if line.startswith("    ") and not line.startswith("     "):
                inside = line.strip().split(":")[0] in ("Explanation", "说明")
                if inside:
                    lines.append(line.split(":", 1)[1].strip())
            elif inside and line.startswith("        "):
                lines.append(line.strip())
            else:
                inside = False
        expect(len(lines) >= 3, "%s: the explanation takes several lines at 60 columns" % lang,
               out[:1500])
        wide = [l for l in lines if columns(l) > 60]
        expect(not wide, "%s: no line over 60 columns" % lang, "\n".join(wide))
        split = [l for l in lines if "(RFC" in l and ")" not in l[l.rindex("(RFC"):]]
        expect(not split, "%s: no citation split across lines" % lang, "\n".join(split))
    out, _ = tshark(args, "-o", "tlsexplain.wrap_columns:140", message="ServerHello")
    expect(any(len(l) > 100 for l in out.splitlines()), "at 140 columns lines are longer", out[:500])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--run", required=True)
    p.add_argument("--plugin-dir", required=True)
    p.add_argument("--tshark", default="tshark")
    p.add_argument("--sharkd", default="sharkd")
    p.add_argument("--capture", required=True)
    p.add_argument("--extensions", help="tests/data/extensions.pcap")
    p.add_argument("--workdir", required=True)
    p.add_argument("--only")
    args = p.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    os.chmod(args.workdir, 0o755)
    checks = {"catalog": (check_bad_catalogs, check_good_catalog), "detail": (check_detail,),
              "language": (check_language, check_wrap)}
    for name, fns in checks.items():
        if args.only and name != args.only:
            continue
        for fn in fns:
            fn(args)


main()
