#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# tests/matrix/run.sh [DIST...]
#
# Runs `cmake -P cmake/check.cmake` on this tree inside Debian chroots, one
# per Wireshark version we support beyond the host's: trixie (Wireshark 4.4)
# and sid (4.6) by default. Each chroot is made with mmdebstrap holding only
# cmake, so check.cmake's own package step is what installs the rest, as on
# a user's fresh machine. Chroots are kept in $TLSX_MATRIX_CACHE (default
# /var/cache/tlsexplain-ci) and made anew when older than a week.
#
# Needs root (chroot, mounts). Fails loudly when a chroot cannot be made:
# a version that was not tested must never look like one that passed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
tree=$(cd "$here/../.." && pwd)
cache=${TLSX_MATRIX_CACHE:-/var/cache/tlsexplain-ci}
mirror=${TLSX_MATRIX_MIRROR:-http://deb.debian.org/debian}
max_age_days=7
dists=("$@")
[ ${#dists[@]} -gt 0 ] || dists=(trixie sid)

say() { printf '== matrix: %s\n' "$*" >&2; }
die() { printf '== matrix: FAILED: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "needs root (it makes chroots and mounts in them)"

if ! command -v mmdebstrap >/dev/null; then
  say "installing mmdebstrap"
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    mmdebstrap >&2 || die "could not install mmdebstrap"
fi

# The unstable archive can carry an expired Release file; the option is
# written into the chroot's apt configuration, so apt-get inside keeps it.
make_chroot() {
  local dist=$1 dir=$cache/$1
  if [ -f "$dir/.tlsx-made" ] &&
     [ -z "$(find "$dir/.tlsx-made" -mtime +$max_age_days)" ]; then
    return
  fi
  say "making the $dist chroot in $dir"
  rm -rf "$dir.new"
  mkdir -p "$cache"
  if ! mmdebstrap --variant=minbase --include=cmake,ca-certificates \
        --aptopt='Acquire::Check-Valid-Until "false"' \
        "$dist" "$dir.new" "$mirror" >&2; then
    rm -rf "$dir.new"
    die "mmdebstrap could not make a $dist chroot from $mirror (is the archive reachable?)"
  fi
  touch "$dir.new/.tlsx-made"
  rm -rf "$dir"
  mv "$dir.new" "$dir"
}

# The tree goes to /root/tlsexplain inside: /root is mode 0700 on Debian,
# so this also checks the suite does not depend on where it is cloned. The
# public vectors beside the tree (../shared/vectors) go along when present,
# so the same tests run as natively.
# One snapshot of the tree, taken at the start, serves every chroot.
snapshot=$(mktemp -d)
trap 'rm -rf "$snapshot"' EXIT
tar -C "$tree" --exclude=./build --exclude='./build-*' --exclude=./.git \
  -cf "$snapshot/tree.tar" .
copy_tree() {
  local dir=$1
  rm -rf "$dir/root/tlsexplain" "$dir/root/shared"
  mkdir -p "$dir/root/tlsexplain"
  tar -C "$dir/root/tlsexplain" -xf "$snapshot/tree.tar"
  if [ -d "$tree/../shared/vectors" ]; then
    mkdir -p "$dir/root/shared"
    cp -r "$tree/../shared/vectors" "$dir/root/shared/"
  fi
}

# In a private mount namespace, so the mounts go away with it however the
# run ends. TLSX_NO_GUI: check.cmake leaves out the packages of the GUI
# test (Qt, Xvfb, ...), which skips; it runs natively.
run_in() {
  local dir=$1; shift
  unshare --mount --propagation private -- /bin/sh -ec '
    dir=$1; shift
    mount -t proc proc "$dir/proc"
    mount --rbind /dev "$dir/dev"
    cp -L /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
    exec chroot "$dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
      HOME=/root LANG=C.UTF-8 CI="${CI:-}" TLSX_NO_GUI=1 "$@"' sh "$dir" "$@"
}

# The README's two commands, verbatim: check as root (the whole suite),
# then demo as root and as a normal user, each of which must end up showing
# an explained handshake from the plugin it installed.
DEMO_SEEN='TLS Handshake Explainer: '
as_root() {
  run_in "$1" /bin/sh -c "cd /root/tlsexplain && $2 </dev/null"
}
as_student() {
  run_in "$1" /bin/sh -c '
    id student >/dev/null 2>&1 || useradd -m student
    rm -rf /home/student/tlsexplain /home/student/.local/lib/wireshark
    cp -r /root/tlsexplain /home/student/tlsexplain
    rm -rf /home/student/tlsexplain/build
    chown -R student: /home/student/tlsexplain
    exec setpriv --reuid=student --regid=student --init-groups \
      env HOME=/home/student sh -c "cd ~/tlsexplain && $0 </dev/null"' "$2"
}

step() {
  local dist=$1 what=$2; shift 2
  local start out
  start=$(date +%s)
  out=$(mktemp)
  if "$@" 2>&1 | tee "$out" >&2 && { [ "$what" = check ] || grep -q "$DEMO_SEEN" "$out"; }; then
    say "$dist: $what passed in $(( $(date +%s) - start )) s"
    rm -f "$out"
    return 0
  fi
  say "$dist: $what FAILED after $(( $(date +%s) - start )) s"
  rm -f "$out"
  return 1
}

status=0
for dist in "${dists[@]}"; do
  make_chroot "$dist"
  dir=$cache/$dist
  copy_tree "$dir"
  version=$(run_in "$dir" sh -c 'dpkg-query -W -f="\${Version}" tshark 2>/dev/null' || true)
  say "$dist: tshark ${version:-not yet installed}"
  step "$dist" check as_root "$dir" "cmake -P cmake/check.cmake" || status=1
  step "$dist" "demo as root" as_root "$dir" "cmake -P cmake/demo.cmake" || status=1
  step "$dist" "demo as a normal user" as_student "$dir" "cmake -P cmake/demo.cmake" || status=1
done
exit $status
