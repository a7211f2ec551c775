#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Measures what the tlsexplain plugin costs tshark on a large capture.

Runs `tshark -r CAP` and `tshark -r CAP -V` (output to /dev/null) with no
plugin at all (an empty plugin folder: the reference), with the plugin
installed but `--disable-protocol tlsexplain`, and enabled, interleaved,
and compares the medians of wall time and peak memory with the targets,
against no plugin. With --callgrind it also counts instructions per
handshake, the figure that does not move with the machine's load:
(count at 1,000 handshakes - count at 200) / 800, for each of the three.

A measurement, not a test: exits 0 whatever the ratios (1 with --strict
when a target is missed), 2 when something failed to run.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

# (mode label, extra tshark arguments, wall-time target). The targets apply
# to the default preferences, where tshark's detail is brief; full detail is
# measured too, to show what printing every field costs, with no target.
MODES = [("tshark -r", [], 1.10), ("tshark -V", ["-V"], 1.30),
         ("-V full", ["-V", "-o", "tlsexplain.detail:full"], None)]
MEMORY_TARGET = 1.10
DISABLE = ["--disable-protocol", "tlsexplain"]


class BenchError(Exception):
    pass


def mode_name(label):
    """What --modes calls a mode: r, V or full."""
    return label.split()[-1].lstrip("-")


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--run", required=True, help="tests/run-as-user.sh")
    p.add_argument("--plugin-dir", required=True, help="build/plugins")
    p.add_argument("--tshark", default="tshark")
    p.add_argument("--pcapgen", required=True, help="tlsexplain-pcapgen")
    p.add_argument("--work-dir", required=True,
                   help="where the capture is written; user nobody must "
                        "be able to read it")
    p.add_argument("--handshakes", type=int, default=10000)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--keys", action="store_true",
                   help="also measure with the key log, so TLS is decrypted")
    p.add_argument("--callgrind", action="store_true",
                   help="also count instructions per handshake with valgrind")
    p.add_argument("--strict", action="store_true",
                   help="exit 1 when a target is missed")
    p.add_argument("--modes", default=",".join(mode_name(m[0]) for m in MODES),
                   help="which to measure, comma-separated: r, V, full "
                        "(default: all)")
    args = p.parse_args()
    known = {mode_name(m[0]) for m in MODES}
    args.modes = [m for m in args.modes.split(",") if m]
    if not args.modes or set(args.modes) - known:
        p.error("--modes takes a comma-separated list of " + ", ".join(sorted(known)))
    if args.handshakes < 1 or args.runs < 1:
        p.error("--handshakes and --runs must be at least 1")
    return args


def capture_paths(args):
    stem = os.path.join(os.path.abspath(args.work_dir),
                        f"bench-{args.handshakes}")
    return stem + ".pcapng", stem + ".keys"


def ensure_capture(args):
    """Generates the capture and key log, or reuses them.

    N is in the file name, so a different --handshakes never reuses; a
    rebuilt generator may write different captures, so it regenerates."""
    cap, keys = capture_paths(args)
    gen_mtime = os.path.getmtime(args.pcapgen)
    if all(os.path.exists(f) and os.path.getmtime(f) >= gen_mtime
           for f in (cap, keys)):
        print(f"Reusing {cap}")
        return cap, keys
    os.makedirs(args.work_dir, exist_ok=True)
    print(f"Generating {cap} ({args.handshakes} handshakes)...", flush=True)
    # Write beside the target and rename, so an interrupted run leaves no
    # truncated capture that a later run would reuse.
    tmp_cap, tmp_keys = cap + ".tmp", keys + ".tmp"
    subprocess.run([args.pcapgen, "--bench", str(args.handshakes),
                    "--out", tmp_cap, "--keys", tmp_keys],
                   check=True, stdout=subprocess.DEVNULL)
    for tmp, final in ((tmp_keys, keys), (tmp_cap, cap)):
        os.chmod(tmp, 0o644)  # tshark runs as nobody when we are root
        os.replace(tmp, final)
    return cap, keys


def plugin_dir_of(args, key):
    """The plugin folder a run uses: ours, or an empty one for no plugin."""
    if key != "none":
        return args.plugin_dir
    empty = os.path.join(os.path.abspath(args.work_dir), "no-plugins")
    os.makedirs(empty, exist_ok=True)
    os.chmod(empty, 0o755)
    return empty


def tshark_args_of(key, targs):
    if key == "none":
        # Without the plugin its preferences are unknown, which tshark refuses.
        out, skip = [], False
        for i, a in enumerate(targs):
            if skip:
                skip = False
                continue
            if a == "-o" and i + 1 < len(targs) and targs[i + 1].startswith("tlsexplain."):
                skip = True
                continue
            out.append(a)
        return out
    return targs + DISABLE if key == "off" else targs


def run_once(args, tshark_args, key="on"):
    """Runs tshark through the wrapper; returns (wall s, peak RSS KiB,
    CPU s: user and system time).

    The wrapper's bash waits for setpriv, which execs env, which execs
    tshark: one process. wait4() on the wrapper reports the largest peak
    RSS among it and every descendant it reaped, which is tshark's (bash,
    mktemp and chown stay far below it); ru_maxrss is in KiB on Linux."""
    cmd = [args.run, plugin_dir_of(args, key), args.tshark] + tshark_args_of(key, tshark_args)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # Read stderr before waiting, or a chatty tshark could block on a full
    # pipe. Popen's own wait() discards the rusage, hence os.wait4.
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if proc.returncode != 0:
        raise BenchError(f"{' '.join(cmd)} exited {proc.returncode}:\n"
                         f"{err.decode(errors='replace')}")
    return wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def check_plugin_active(args, cap, base):
    """Fails early if the plugin is not loaded: a benchmark of nothing
    would report a perfect ratio."""
    out = subprocess.run(
        [args.run, args.plugin_dir, args.tshark, "-r", cap, "-c", "50",
         "-Y", "tlsexplain"] + base,
        stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if out.returncode != 0 or not out.stdout.strip():
        raise BenchError("tshark shows no tlsexplain packets: is the plugin "
                         f"in {args.plugin_dir}?\n{out.stderr}")


KEYS = ("none", "off", "on")
CALLGRIND_SIZES = (200, 1000)


def measure(args, base, extra):
    """No plugin, disabled and enabled runs, the order rotating each round
    (A B C, B C A, C A B, ...) so slow drift (thermal, cache) hits all alike."""
    targs = base + extra
    # One untimed run of each: page cache and first-run costs out of the way.
    for key in KEYS:
        run_once(args, targs, key)
    res = {key: [] for key in KEYS}
    for i in range(args.runs):
        for j in range(len(KEYS)):
            key = KEYS[(i + j) % len(KEYS)]
            res[key].append(run_once(args, targs, key))
    return res


def instructions(args, cap, targs, key):
    """Instructions valgrind counts for one tshark run."""
    cmd = [args.run, plugin_dir_of(args, key), "valgrind", "--tool=callgrind",
           "--callgrind-out-file=/dev/null", args.tshark] + \
        tshark_args_of(key, targs[:1] + [cap] + targs[2:])
    res = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    for line in res.stderr.splitlines():
        if "Collected :" in line:
            return int(line.split(":")[-1].strip().replace(",", ""))
    raise BenchError("valgrind reported no count:\n" + res.stderr[-2000:])


def callgrind_report(args, base):
    """Instructions per handshake for each mode and configuration."""
    if not shutil.which("valgrind"):
        raise BenchError("--callgrind needs valgrind")
    # Fixed sizes: valgrind runs tshark some fifty times slower.
    caps = []
    for n in CALLGRIND_SIZES:
        sized = argparse.Namespace(**vars(args))
        sized.handshakes = n
        caps.append(ensure_capture(sized)[0])
    small_cap, cap = caps
    span = CALLGRIND_SIZES[1] - CALLGRIND_SIZES[0]
    print(f"\nInstructions per handshake (callgrind: {CALLGRIND_SIZES[1]} vs "
          f"{CALLGRIND_SIZES[0]} handshakes)")
    head = f"{'mode':<10} {'no plugin':>10} {'disabled':>10} {'enabled':>10} " \
           f"{'dis./none':>9} {'en./none':>9}  target"
    print(head)
    print("-" * len(head))
    for label, extra, target in MODES:
        if mode_name(label) not in args.modes:
            continue
        per = {}
        for key in KEYS:
            big = instructions(args, cap, base + extra, key)
            little = instructions(args, small_cap, base + extra, key)
            per[key] = (big - little) / span
        print(f"{label:<10} {per['none']:>10.0f} {per['off']:>10.0f} {per['on']:>10.0f} "
              f"{per['off'] / per['none']:>8.3f}x {per['on'] / per['none']:>8.3f}x  "
              f"{'<= %.2fx' % target if target else '(none)'}")


def fmt_ratio(r, target):
    if target is None:
        return f"{r:6.3f}x  (none)", True
    verdict = "PASS" if r <= target else "OVER"
    return f"{r:6.3f}x  <= {target:.2f}x  {verdict}", verdict == "PASS"


def report(title, results, args):
    """Prints one table; returns whether every target was met."""
    ok = True
    print(f"\n{title}: {args.handshakes} handshakes, "
          f"median of {args.runs} runs each")
    head = (f"{'mode':<10} {'metric':<14} {'no plugin':>9} {'disabled':>9} {'enabled':>9} "
            f"{'dis./none':>9} {'en./none':>7}  target    result")
    print(head)
    print("-" * len(head))
    for label, _, wall_target in MODES:
        if label not in results:
            continue
        res = results[label]
        # CPU time (user + system) has no target. tshark reading a file is
        # bound by its one dissecting thread, so the two ratios should
        # agree; a gap points at waiting (a cold disk), not at the plugin.
        for metric, idx, scale, target in (
                ("wall (s)", 0, 1.0, wall_target),
                ("peak RSS (MiB)", 1, 1 / 1024, MEMORY_TARGET),
                ("CPU (s)", 2, 1.0, None)):
            none = statistics.median(r[idx] for r in res["none"])
            off = statistics.median(r[idx] for r in res["off"])
            on = statistics.median(r[idx] for r in res["on"])
            text, passed = fmt_ratio(on / none, target)
            ok = ok and passed
            print(f"{label:<10} {metric:<14} {none * scale:>9.2f} {off * scale:>9.2f} "
                  f"{on * scale:>9.2f} {off / none:>8.3f}x {text}")
    # The spread says how far to trust a ratio near its target, and each
    # round's own ratio (its two runs were back to back) shrugs off the
    # machine slowing down or speeding up between rounds.
    for label, _, _ in MODES:
        if label not in results:
            continue
        for key, name in (("none", "no plugin"), ("off", "disabled"), ("on", "enabled")):
            walls = [r[0] for r in results[label][key]]
            print(f"  {label} {name:<9} "
                  f"wall min..max: {min(walls):.2f}..{max(walls):.2f} s")
        pairs = [on[0] / none[0] for on, none in
                 zip(results[label]["on"], results[label]["none"])]
        print(f"  {label} wall ratio of each round: median "
              f"{statistics.median(pairs):.3f}x, "
              f"{min(pairs):.3f}..{max(pairs):.3f}x")
    return ok


def main():
    args = parse_args()
    for tool in (args.run, args.pcapgen):
        if not os.access(tool, os.X_OK):
            raise BenchError(f"{tool} is not executable")
    if not shutil.which(args.tshark):
        raise BenchError(f"{args.tshark} not found")
    cap, keys = ensure_capture(args)

    configs = [("Without keys (TLS 1.3 stays encrypted)", ["-r", cap])]
    if args.keys:
        configs.append(("With the key log (decryption included)",
                        ["-r", cap, "-o", f"tls.keylog_file:{keys}"]))
    all_ok = True
    for title, base in configs:
        check_plugin_active(args, cap, base)
        results = {}
        for label, extra, _ in MODES:
            if mode_name(label) not in args.modes:
                continue
            print(f"Measuring {label} ({title})...", flush=True)
            results[label] = measure(args, base, extra)
        all_ok = report(title, results, args) and all_ok
        if args.callgrind:
            callgrind_report(args, base)
    print("\nAll targets met." if all_ok else "\nSome targets missed (OVER).")
    return 1 if args.strict and not all_ok else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (BenchError, subprocess.CalledProcessError, OSError) as e:
        print(f"bench.py: {e}", file=sys.stderr)
        sys.exit(2)
