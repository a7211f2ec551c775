#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Measures what the tlsexplain plugin costs tshark on a large capture.

Runs `tshark -r CAP` and `tshark -r CAP -V` (output to /dev/null) with the
plugin enabled and with `--disable-protocol tlsexplain`, interleaved, and
compares the medians of wall time and peak memory with the targets.

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
MODES = [("tshark -r", [], 1.05), ("tshark -V", ["-V"], 1.30),
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


def run_once(args, tshark_args):
    """Runs tshark through the wrapper; returns (wall s, peak RSS KiB,
    CPU s: user and system time).

    The wrapper's bash waits for setpriv, which execs env, which execs
    tshark: one process. wait4() on the wrapper reports the largest peak
    RSS among it and every descendant it reaped, which is tshark's (bash,
    mktemp and chown stay far below it); ru_maxrss is in KiB on Linux."""
    cmd = [args.run, args.plugin_dir, args.tshark] + tshark_args
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


def measure(args, base, extra):
    """Enabled and disabled runs, alternating which goes first each round
    (A B, B A, ...) so slow drift (thermal, cache) hits both alike."""
    enabled = base + extra
    disabled = base + extra + DISABLE
    # One untimed run of each: page cache and first-run costs out of the way.
    run_once(args, enabled)
    run_once(args, disabled)
    res = {"on": [], "off": []}
    for i in range(args.runs):
        order = [("on", enabled), ("off", disabled)]
        if i % 2:
            order.reverse()
        for key, targs in order:
            res[key].append(run_once(args, targs))
    return res


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
    head = (f"{'mode':<10} {'metric':<14} {'disabled':>9} {'enabled':>9} "
            f"{'ratio':>7}  target    result")
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
            off = statistics.median(r[idx] for r in res["off"])
            on = statistics.median(r[idx] for r in res["on"])
            text, passed = fmt_ratio(on / off, target)
            ok = ok and passed
            print(f"{label:<10} {metric:<14} {off * scale:>9.2f} "
                  f"{on * scale:>9.2f} {text}")
    # The spread says how far to trust a ratio near its target, and each
    # round's own ratio (its two runs were back to back) shrugs off the
    # machine slowing down or speeding up between rounds.
    for label, _, _ in MODES:
        if label not in results:
            continue
        for key in ("off", "on"):
            walls = [r[0] for r in results[label][key]]
            print(f"  {label} {'enabled ' if key == 'on' else 'disabled'} "
                  f"wall min..max: {min(walls):.2f}..{max(walls):.2f} s")
        pairs = [on[0] / off[0] for on, off in
                 zip(results[label]["on"], results[label]["off"])]
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
    print("\nAll targets met." if all_ok else "\nSome targets missed (OVER).")
    return 1 if args.strict and not all_ok else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (BenchError, subprocess.CalledProcessError, OSError) as e:
        print(f"bench.py: {e}", file=sys.stderr)
        sys.exit(2)
