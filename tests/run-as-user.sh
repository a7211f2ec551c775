#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# run-as-user.sh PLUGIN_DIR PROGRAM [ARGS...]
#
# Runs PROGRAM (tshark, sharkd, ...) so that it loads the plugins under
# PLUGIN_DIR (<PLUGIN_DIR>/<major.minor>/epan/*.so) and nothing a user or an
# earlier install left behind. Wireshark ignores WIRESHARK_PLUGIN_DIR and the
# personal plugin folder when started as root, so as root we drop to nobody.
# nobody keeps one capability, CAP_DAC_READ_SEARCH, so that it can read the
# build and the captures wherever they are (a clone in /root, mode 0700,
# say); Wireshark only looks at the user and group ids, so it still takes
# nobody for an ordinary user.
# stdin is passed through; the exit status is PROGRAM's.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 PLUGIN_DIR PROGRAM [ARGS...]" >&2
  exit 2
fi
plugin_dir=$(cd "$1" && pwd)
shift

drop=()
if [ "$(id -u)" -eq 0 ]; then
  drop=(setpriv --reuid=nobody --regid=nogroup --clear-groups
        --inh-caps=+dac_read_search --ambient-caps=+dac_read_search --)
  # A private TMPDIR may not be reachable by nobody; /tmp always is.
  base=/tmp
else
  base=${TMPDIR:-/tmp}
fi

# Throwaway HOME and config dir: no personal plugins, prefs or recent files.
scratch=$(mktemp -d "$base/tlsx-run.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/home" "$scratch/config" "$scratch/tmp"
# TLSX_CONFIG: a configuration folder to start with (recent_common,
# profiles/, ...); TLSX_PROFILES: a folder of configuration profiles.
if [ -n "${TLSX_CONFIG:-}" ]; then
  cp -r "$TLSX_CONFIG/." "$scratch/config/"
fi
if [ -n "${TLSX_PROFILES:-}" ]; then
  cp -r "$TLSX_PROFILES" "$scratch/config/profiles"
fi
if [ ${#drop[@]} -gt 0 ]; then
  chown -R nobody:nogroup "$scratch"
fi

status=0
"${drop[@]}" env \
  -u WIRESHARK_RUN_FROM_BUILD_DIRECTORY -u WIRESHARK_DATA_DIR \
  -u XDG_CONFIG_HOME -u XDG_DATA_HOME -u XDG_CACHE_HOME -u XDG_RUNTIME_DIR \
  HOME="$scratch/home" \
  WIRESHARK_CONFIG_DIR="$scratch/config" \
  WIRESHARK_PLUGIN_DIR="$plugin_dir" \
  TMPDIR="$scratch/tmp" \
  LC_ALL=C.UTF-8 \
  "$@" || status=$?
exit "$status"
