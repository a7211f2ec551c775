#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""What gnutls checks, end to end through tshark: chains with the right and
a wrong CA, signatures (and one flipped signature byte), Finished with the
right key log, a wrong one, none, and with the server's RSA key instead.

  checks.py --run RUN --plugin-dir DIR --pcaps DIR --vectors DIR --workdir DIR
"""
import argparse
import os
import re
import subprocess
import sys


def fields(args, capture, opts, *names, filt=None):
    cmd = [args.run, args.plugin_dir, args.tshark, "-r", capture, *opts, "-T", "fields",
           "-E", "aggregator=,"]
    if filt:
        cmd += ["-Y", filt]
    for n in names:
        cmd += ["-e", n]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    values = []
    for line in out.splitlines():
        for col in line.split("\t"):
            values += [v for v in col.split(",") if v]
    return values


def expect(cond, what, got=None):
    if not cond:
        sys.exit("FAIL: %s (got %s)" % (what, got))
    print("ok:", what)


def pcap(args, name, ext=".pcapng"):
    return os.path.join(args.pcaps, name + ext)


def keys(args, name):
    return ["-o", "tls.keylog_file:" + pcap(args, name, ".keys")]


def check_chain(args):
    name = "tls12-cert-chain"
    ca = ["-o", "tlsexplain.ca_file:" + pcap(args, name, ".ca.pem"),
          "-o", "tlsexplain.system_trust:FALSE"]
    v = fields(args, pcap(args, name), keys(args, name) + ca, "tlsexplain.cert.chain_valid",
               "tlsexplain.cert.hostname_match", "tlsexplain.signature.valid",
               "tlsexplain.finished.valid")
    expect(v and all(x in ("1", "True") for x in v) and len(v) == 5,
           "chain, host name, ServerKeyExchange signature, both Finished valid with the CA file", v)
    other = ["-o", "tlsexplain.ca_file:" + os.path.join(args.pcaps, "gen/certs/other-ca-cert.pem"),
             "-o", "tlsexplain.system_trust:FALSE"]
    v = fields(args, pcap(args, name), keys(args, name) + other, "tlsexplain.cert.chain_valid")
    expect(v in (["0"], ["False"]), "the same chain is rejected when only another CA is trusted", v)
    # A root this machine does not trust says as much about the machine as
    # about the handshake: no failed-check note for it.
    v = fields(args, pcap(args, name), keys(args, name) + other, "_ws.expert.message",
               filt="tlsexplain.check.failed || tlsexplain.check.chain_failed")
    expect(not v, "an untrusted root is no failed-check note", v)
    # A failure the capture shows stands out: The Illustrated TLS 1.3's
    # certificate had expired when it was captured.
    il13 = os.path.join(args.vectors, "illustrated-tls13")
    if os.path.isdir(il13):
        for extra in ([], ["-2"]):
            out = subprocess.run([args.run, args.plugin_dir, args.tshark, "-r",
                                  os.path.join(il13, "capture.pcap"), *extra, "-o",
                                  "tls.keylog_file:" + os.path.join(il13, "keylog.txt"),
                                  "-q", "-z", "expert"],
                                 capture_output=True, text=True, check=True).stdout
            expect(re.search(r"Security\s+TLSexplain\s+Certificate chain rejected: a certificate "
                             r"had expired", out),
                   "an expired chain is a Security expert note %s" % " ".join(extra), out)
    v = fields(args, pcap(args, name), keys(args, name) + ca, "_ws.expert.message",
               filt="tlsexplain.check.failed || tlsexplain.check.chain_failed")
    expect(not v, "no failed-check note when every check passes", v)


def check_wrong_secret(args):
    name = "tls12-ecdhe-rsa-ticket"
    good = open(pcap(args, name, ".keys")).read().splitlines()
    bad = []
    for line in good:
        parts = line.split()
        if len(parts) == 3:
            secret = parts[2]
            parts[2] = ("0" if secret[0] != "0" else "1") + secret[1:]
        bad.append(" ".join(parts))
    path = os.path.join(args.workdir, "wrong.keys")
    with open(path, "w") as f:
        f.write("\n".join(bad) + "\n")
    os.chmod(path, 0o644)
    # Wireshark decrypts with the right log; the plugin checks with the wrong one.
    v = fields(args, pcap(args, name), keys(args, name) + ["-o", "tlsexplain.keylog_file:" + path],
               "tlsexplain.finished.valid")
    expect(len(v) == 4 and all(x in ("0", "False") for x in v),
           "every Finished is invalid with a wrong secret, while Wireshark still decrypts", v)
    out = subprocess.run([args.run, args.plugin_dir, args.tshark, "-r", pcap(args, name),
                          *keys(args, name), "-o", "tlsexplain.keylog_file:" + path,
                          "-q", "-z", "expert,error"],
                         capture_output=True, text=True, check=True).stdout
    expect(re.search(r"\b4\s+Security\s+TLSexplain\s+Finished does not verify", out),
           "each of the 4 failed Finished is an error in Expert Information", out)
    v = fields(args, pcap(args, name), keys(args, name), "tlsexplain.finished.valid")
    expect(len(v) == 4 and all(x in ("1", "True") for x in v), "and valid with the right one", v)


def check_flipped_signature(args):
    name = "tls12-ecdhe-rsa-ticket"
    sig = fields(args, pcap(args, name), [], "tls.handshake.sig", filt="tls.handshake.type == 12")
    expect(len(sig) == 1, "the capture has one ServerKeyExchange signature", sig)
    raw = bytes.fromhex(sig[0].replace(":", ""))
    data = open(pcap(args, name), "rb").read()
    at = data.find(raw)
    expect(at > 0 and data.count(raw) == 1, "the signature bytes are found once in the file")
    flipped = data[:at + 10] + bytes([data[at + 10] ^ 0x01]) + data[at + 11:]
    path = os.path.join(args.workdir, "flipped-signature.pcapng")
    with open(path, "wb") as f:
        f.write(flipped)
    os.chmod(path, 0o644)
    v = fields(args, path, [], "tlsexplain.signature.valid")
    expect(v in (["0"], ["False"]), "one flipped signature byte makes the signature invalid", v)


def check_no_keylog(args):
    name = "tls13-full-tickets"
    out = subprocess.run([args.run, args.plugin_dir, args.tshark, "-r", pcap(args, name, ".dsb.pcapng"),
                          "-V", "-Y", "tls.handshake.type == 20"],
                         capture_output=True, text=True, check=True).stdout
    # Long texts are wrapped over several lines; where is not the point here.
    out = " ".join(out.split())
    expect("Finished could not be checked" in out and "Decryption Secrets Block" in out,
           "decrypted by a DSB without a key log: says so and how to give one", out[-500:])


def check_rsa_key(args):
    name = "tls12-rsa-kx-ipv6"
    key = ["-o", "tlsexplain.rsa_key_file:" + os.path.join(args.pcaps, "gen/certs/server-key.pem")]
    v = fields(args, pcap(args, name), keys(args, name) + key + ["-o", "tlsexplain.keylog_file:/nonexistent"],
               "tlsexplain.finished.valid")
    expect(len(v) == 2 and all(x in ("1", "True") for x in v),
           "RSA key exchange: Finished verified from the server's private key alone", v)
    out, _ = tree(args, pcap(args, name), keys(args, name) + key +
                  ["-o", "tlsexplain.keylog_file:/nonexistent"])
    expect("Key schedule (the master secret from the pre-master secret, decrypted with the "
           "server's RSA key)" in out and "Key schedule (from the key log)" not in out,
           "secrets derived from the RSA key are titled so, not 'from the key log'")
    expect("computed from the master secret (from the pre-master secret the server's RSA key "
           "decrypted)" in out, "the Finished verdict says where its secret came from")
    # The client's RSA key is not the server's: the reason says so.
    other = ["-o", "tlsexplain.rsa_key_file:" +
             os.path.join(args.pcaps, "gen/certs/client-key.pem")]
    out, _ = tree(args, pcap(args, name), keys(args, name) + other +
                  ["-o", "tlsexplain.keylog_file:/nonexistent"])
    expect("it is probably not the private key of the server's certificate" in out and
           "no key log" not in out.lower(),
           "a wrong RSA key: Finished cannot be checked because the key does not decrypt")
    # An EC key cannot decrypt an RSA key exchange: said once, on stderr.
    ec = ["-o", "tlsexplain.rsa_key_file:" +
          os.path.join(args.pcaps, "gen/certs/ecdsa-server-key.pem")]
    out, err = tree(args, pcap(args, name), keys(args, name) + ec)
    expect("is not an RSA key" in err and err.count("tlsexplain:") == 1,
           "an EC key as the RSA key file: one warning naming the problem", err)


def tree(args, capture, opts):
    """tshark -V at full detail: (stdout, stderr), each with its lines
    joined, so that a phrase is found wherever the text wraps."""
    res = subprocess.run([args.run, args.plugin_dir, args.tshark, "-r", capture, "-V",
                          "-o", "tlsexplain.detail:full", *opts],
                         capture_output=True, text=True, check=True)
    return " ".join(res.stdout.split()), " ".join(res.stderr.split())


def check_bad_input(args):
    """A broken key log or CA file: one clear warning naming the file and
    the problem, and the rest keeps working."""
    name = "tls12-ecdhe-rsa-ticket"
    work = args.workdir
    good = open(pcap(args, name, ".keys")).read()
    cases = {
        "bad.keys": ("# a comment\nCLIENT_RANDOM nothex 00\n" + good + "garbage\n",
                     "has 2 lines that are not key log lines", "the first is line 2"),
        "empty.keys": ("", "holds no secrets", None),
    }
    for fname, (text, says, line) in cases.items():
        path = os.path.join(work, fname)
        with open(path, "w") as f:
            f.write(text)
        os.chmod(path, 0o644)
        out, err = tree(args, pcap(args, name), ["-o", "tls.keylog_file:" + path])
        expect(says in err and path in err and (line is None or line in err) and
               err.count("tlsexplain:") == 1, "%s: one warning naming the file" % fname, err)
        expect("TLS Handshake Explainer" in out, "%s: the capture is still explained" % fname)
    out, err = tree(args, pcap(args, name), ["-o", "tls.keylog_file:" + work + "/missing.keys"])
    expect("could not be read" in err and "missing.keys" in err,
           "a key log that does not exist: said so", err)
    # The good lines of a partly broken key log are used.
    v = fields(args, pcap(args, name), ["-o", "tls.keylog_file:" + os.path.join(work, "bad.keys")],
               "tlsexplain.finished.valid")
    expect(v and all(x in ("1", "True") for x in v), "the good lines of a broken key log are used", v)
    # A CA file that is not PEM: warned once; chains are still checked against the system's store.
    bad_ca = os.path.join(work, "bad-ca.pem")
    with open(bad_ca, "w") as f:
        f.write("not a certificate\n")
    os.chmod(bad_ca, 0o644)
    out, err = tree(args, pcap(args, "tls12-cert-chain"),
                    keys(args, "tls12-cert-chain") + ["-o", "tlsexplain.ca_file:" + bad_ca])
    expect("could not be used" in err and bad_ca in err and
           "against the system's trusted CAs alone" in err and err.count("tlsexplain:") == 1,
           "an unusable CA file: one warning, the system's store kept", err)
    expect("turn on tlsexplain.system_trust" not in out,
           "the chain verdict does not tell the user to turn on what is on")


def check_vectors(args):
    if not os.path.isdir(args.vectors):
        print("skip: no shared vectors")
        return
    for cap, kl, n in (("rfc8446/tls13-rfc8446.pcap", "rfc8446/tls13-rfc8446.keys", 4),
                       ("illustrated-tls13/capture.pcap", "illustrated-tls13/keylog.txt", 2),
                       ("illustrated-tls12/capture.pcap", "illustrated-tls12/keylog.txt", 2)):
        v = fields(args, os.path.join(args.vectors, cap),
                   ["-o", "tls.keylog_file:" + os.path.join(args.vectors, kl)],
                   "tlsexplain.finished.valid")
        expect(len(v) == n and all(x in ("1", "True") for x in v),
               "%s: all %d Finished verify" % (cap, n), v)


def check_show_secrets(args):
    """For a projector: secrets masked, verdicts kept."""
    name = "tls12-ecdhe-rsa-ticket"
    master = open(pcap(args, name, ".keys")).read().split()[-1]
    run = [args.run, args.plugin_dir, args.tshark, "-r", pcap(args, name), "-V",
           "-Y", "tls.handshake.type == 20", *keys(args, name)]
    shown = subprocess.run(run, capture_output=True, text=True, check=True).stdout
    hidden = subprocess.run(run + ["-o", "tlsexplain.show_secrets:FALSE"],
                            capture_output=True, text=True, check=True).stdout
    expect(master in shown, "the master secret is shown by default")
    expect(master not in hidden and "hidden" in hidden and "Finished valid: True" in hidden,
           "show_secrets off hides it and keeps the verdict")


def check_all_captures(args):
    """Every Finished in every teaching capture verifies with its key log."""
    for name in sorted(f[:-5] for f in os.listdir(args.pcaps) if f.endswith(".keys")):
        v = fields(args, pcap(args, name), keys(args, name), "tlsexplain.finished.valid")
        # A handshake that fails before the client's key exchange (no shared
        # cipher, a certificate the client rejects) leaves an empty key log
        # and has no Finished.
        if os.path.getsize(pcap(args, name, ".keys")) == 0:
            expect(not v, "%s: no Finished verdict claimed" % name, v)
        else:
            expect(v and all(x in ("1", "True") for x in v),
                   "%s: all %d Finished verify" % (name, len(v)), v)
        v = fields(args, pcap(args, name), keys(args, name), "tlsexplain.signature.valid")
        expect(all(x in ("1", "True") for x in v),
               "%s: all %d ServerKeyExchange/CertificateVerify signatures verify" % (name, len(v)), v)


def main():
    p = argparse.ArgumentParser()
    for a in ("run", "plugin-dir", "pcaps", "vectors", "workdir"):
        p.add_argument("--" + a, required=True)
    p.add_argument("--tshark", default="tshark")
    args = p.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    os.chmod(args.workdir, 0o755)
    for check in (check_chain, check_wrong_secret, check_flipped_signature, check_no_keylog,
                  check_rsa_key, check_bad_input, check_vectors, check_show_secrets,
                  check_all_captures):
        check(args)


main()
