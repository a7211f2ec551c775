#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# tests/gui/screenshots.sh [--ladder|--table] PLUGIN_DIR OUT_DIR
#
# Starts the real Wireshark (Qt) on a virtual screen (Xvfb, 1280x720, with
# the openbox window manager) with the plugin under PLUGIN_DIR and the "TLS
# class" profile, opens teaching captures, works the menus with xdotool as
# a user would, and saves what the screen shows into OUT_DIR:
#   tree-en.png, tree-zh_CN.png  a ServerHello with its explainer expanded
#   flow-graph.png               Statistics > Flow Graph, flow type TLS handshake
#   statistics.png               Statistics > TLS Handshakes
#   handshake-table.png          Statistics > TLS Handshake List
#   expert-information.png       Analyze > Expert Information
# With --ladder (the ctest `gui_ladder`) only flow-graph.png, and checks
# that Wireshark showed a Flow Graph that changes when the flow type TLS
# handshake is chosen, opened Statistics > TLS Handshakes (an item only the
# plugin adds: without it this step fails), and exited 0 on Ctrl+Q.
# With --table (the ctest `gui_table`) only handshake-table.png, and checks
# that the dialog's rows, saved with its Save as… button, hold every value
# of `tshark -z tlsexplain,handshakes,csv` on the same capture, row by row.
#
# Wireshark runs through tests/run-as-user.sh, so as nobody when we are
# root (root's Wireshark ignores WIRESHARK_PLUGIN_DIR), in a throwaway
# configuration. Every wait is for a window or for a still screen, with a
# time limit; Xvfb, openbox and Wireshark are stopped however the script
# ends. Exit status: 0 done, 1 failed, 77 the GUI packages are missing.
#
# The menu positions are those of Wireshark 4.0 (Debian 12); a window that
# does not come up fails the run instead of a wrong picture being saved.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
run="$root/tests/run-as-user.sh"
pcaps="$root/pcaps"

only=''
case "${1:-}" in --ladder|--table) only=${1#--}; shift ;; esac
if [ $# -ne 2 ]; then
  echo "usage: $0 [--ladder|--table] PLUGIN_DIR OUT_DIR" >&2
  exit 2
fi
plugin_dir=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)

say() { printf 'gui: %s\n' "$*" >&2; }
die() { printf 'gui: FAILED: %s\n' "$*" >&2; exit 1; }

# --- what we need -----------------------------------------------------------
packages="wireshark-qt xvfb openbox xdotool imagemagick x11-utils"
missing=()
for tool in wireshark Xvfb openbox xdotool xprop import identify compare convert setpriv python3; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "SKIP: no ${missing[*]}: the GUI test needs the packages $packages" \
       "(cmake -P cmake/check.cmake installs them natively; the matrix" \
       "chroots leave them out)"
  exit 77
fi
if [ -z "$only" ] && [ -z "$(fc-list :lang=zh-cn family 2>/dev/null)" ]; then
  die "no Chinese font: the zh_CN screenshot would show boxes (apt-get install fonts-noto-cjk)"
fi

# --- the screen ---------------------------------------------------------------
work=$(mktemp -d /tmp/tlsx-gui.XXXXXX)
xvfb_pid='' wm_pid='' ws_pid=''
stop() {
  # Only what this script started, by its process id (Wireshark by its
  # process group: run-as-user.sh and the Wireshark under it).
  if [ -n "$ws_pid" ]; then kill -TERM -- "-$ws_pid" 2>/dev/null || true; fi
  if [ -n "$wm_pid" ]; then kill -TERM "$wm_pid" 2>/dev/null || true; fi
  if [ -n "$xvfb_pid" ]; then kill -TERM "$xvfb_pid" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT
chmod 755 "$work"

# -displayfd: Xvfb takes a free display number and writes it to fd 3.
Xvfb -displayfd 3 -screen 0 1280x720x24 -nolisten tcp 3>"$work/display" \
  >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 600); do
  [ -s "$work/display" ] && break
  kill -0 "$xvfb_pid" 2>/dev/null || die "Xvfb did not start: $(cat "$work/xvfb.log")"
  sleep 0.1
done
[ -s "$work/display" ] || die "Xvfb gave no display number in 60 s"
DISPLAY=":$(cat "$work/display")"
export DISPLAY

# The server answering is what counts: -displayfd may say its number a
# moment before a client can connect on a loaded machine.
for _ in $(seq 600); do
  xprop -root >/dev/null 2>&1 && break
  kill -0 "$xvfb_pid" 2>/dev/null || die "Xvfb stopped: $(cat "$work/xvfb.log")"
  sleep 0.1
done
xprop -root >/dev/null 2>&1 || die "Xvfb on $DISPLAY took no connection in 60 s"

mkdir -p "$work/wm"
start_wm() {
  HOME="$work/wm" openbox --sm-disable >>"$work/openbox.log" 2>&1 &
  wm_pid=$!
}
start_wm
for _ in $(seq 600); do
  xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q 'window id' && break
  # A window manager that gave up is started again.
  kill -0 "$wm_pid" 2>/dev/null || start_wm
  sleep 0.1
done
xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q 'window id' ||
  die "openbox did not take the screen in 60 s: $(cat "$work/openbox.log")"
say "screen $DISPLAY, 1280x720"

# --- a configuration: the class profile, the window filling the screen ------
config="$work/config"
mkdir -p "$config/profiles"
cp -r "$root/profile/TLS class" "$config/profiles/"
cat >"$config/recent_common" <<'EOF'
gui.geometry_main_x: 0
gui.geometry_main_y: 0
gui.geometry_main_width: 1280
gui.geometry_main_height: 720
gui.geometry_main_maximized: TRUE
gui.last_used_profile: TLS class
privs.warn_if_elevated: FALSE
sys.warn_if_no_capture: FALSE
EOF
# No byte view, a short packet list: the room goes to the tree.
cat >>"$config/profiles/TLS class/recent" <<'EOF'
gui.byte_view_show: FALSE
gui.packet_diagram_show: FALSE
gui.geometry_main_upper_pane: 170
EOF

# --- helpers --------------------------------------------------------------------
# wait_window NAME [SECONDS]: prints the id of the visible window whose
# title matches NAME, waiting for it at most SECONDS, and no longer than
# Wireshark lives.
wait_window() {
  local id
  for _ in $(seq $(( ${2:-60} * 5 ))); do
    id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -1) || true
    if [ -n "$id" ]; then echo "$id"; return 0; fi
    if [ -n "$ws_pid" ] && ! kill -0 "$ws_pid" 2>/dev/null; then
      say "Wireshark has exited"
      return 1
    fi
    sleep 0.2
  done
  return 1
}

# settle: waits until two screenshots half a second apart are the same
# (Wireshark has finished drawing), at most 30 s.
settle() {
  import -window root "$work/settle-a.png"
  for _ in $(seq 60); do
    sleep 0.5
    import -window root "$work/settle-b.png"
    if [ "$(compare -metric AE "$work/settle-a.png" "$work/settle-b.png" null: 2>&1 || true)" = 0 ]; then
      return 0
    fi
    mv "$work/settle-b.png" "$work/settle-a.png"
  done
  say "the screen was still changing after 30 s; taking it as it is"
}

# start CAPTURE LANGUAGE [ARGS...]: starts Wireshark on pcaps/CAPTURE and
# waits for its main window (titled with the file name).
start() {
  local capture=$1 language=$2; shift 2
  # The GUI takes an unknown -o preference with a warning and goes on, so
  # that the plugin is loaded is seen from its Statistics window (ladder).
  TLSX_CONFIG="$config" setsid "$run" "$plugin_dir" wireshark -C "TLS class" \
    -o "tlsexplain.language:$language" -r "$pcaps/$capture" "$@" \
    >"$work/wireshark.log" 2>&1 &
  ws_pid=$!
  if ! main_win=$(wait_window "^${capture//./\\.}\$" 180); then
    cat "$work/wireshark.log" >&2
    die "no Wireshark window for $capture in 180 s"
  fi
  settle
}

# quit: Ctrl+Q to the main window; Wireshark must exit 0 within 120 s.
quit() {
  local status=0
  xdotool windowactivate --sync "$main_win" key ctrl+q
  for _ in $(seq 240); do
    kill -0 "$ws_pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$ws_pid" 2>/dev/null; then
    die "Wireshark was still running 120 s after Ctrl+Q"
  fi
  wait "$ws_pid" || status=$?
  ws_pid=''
  [ "$status" -eq 0 ] || { cat "$work/wireshark.log" >&2; die "Wireshark exited with $status"; }
}

# menu KEY: opens a menu of the main window with Alt+KEY. A Qt menu is no
# window xdotool can wait for: the screen settling says it is drawn.
menu() {
  xdotool windowactivate --sync "$main_win" key "alt+$1"
  sleep 0.3
  settle
}

# fill WINDOW: a dialog moved and sized to fill the screen below its title.
fill() {
  xdotool windowmove --sync "$1" 0 21 || true
  xdotool windowsize --sync "$1" 1280 675 || true
  settle
}

# statistics N TITLE: opens the Nth item of the Statistics menu, waits
# for its window (titled TITLE), fills the screen with it and prints its id.
statistics() {
  local window
  menu s
  xdotool key --repeat $(($1 - 1)) --delay 60 Down
  xdotool key Return
  window=$(wait_window "$2" 120) || die "Statistics > $2 did not open"
  fill "$window"
  echo "$window"
}

# to_top: scrolls the view under the mouse pointer back to its top.
to_top() {
  xdotool mousemove 640 300 click --repeat 20 --delay 30 4
}

# shoot NAME: the whole screen into OUT_DIR/NAME.png, 8-bit, no metadata.
shoot() {
  import -window root "$work/shot.png"
  convert "$work/shot.png" -strip -colors 256 "PNG8:$out/$1.png"
  say "$out/$1.png ($(stat -c %s "$out/$1.png") bytes)"
}

# colours FILE: how many colours the picture has (1 on a blank screen).
colours() { identify -format %k "$1"; }

# --- the shots ----------------------------------------------------------------
ticket=tls12-ecdhe-rsa-ticket.dsb.pcapng

# tree LANGUAGE: frame 5 (ServerHello, Certificate, ...), the first
# explainer expanded, scrolled to the top of the details pane.
tree() {
  local language=$1 above
  # Top-level items above the first explainer in the details pane.
  above=$("$run" "$plugin_dir" tshark -r "$pcaps/$ticket" -o "tlsexplain.language:$language" \
            -Y frame.number==5 -V | grep -v '^ ' |
          grep -n -m1 '^TLS Handshake Explainer' | cut -d: -f1)
  [ -n "$above" ] || die "tshark shows no explainer in frame 5 of $ticket"
  start "$ticket" "$language" -g 5
  # Click the first row of the details pane (below the 170-pixel packet
  # list), walk down to the explainer and open it.
  xdotool mousemove 300 294 click 1
  xdotool key --repeat $((above - 1)) --delay 60 Down
  xdotool key Right
  # Scroll so the explainer sits near the top.
  xdotool click 5
  settle
  shoot "tree-$language"
  quit
}

# ladder: Statistics > Flow Graph (the 18th item of Wireshark 4.0's
# Statistics menu, below the plugin's TLS Handshake List), flow type TLS
# handshake.
ladder() {
  local flow stats combo_x combo_y before after
  start "$ticket" en
  flow=$(statistics 18 Flow)
  import -window "$flow" "$work/all-flows.png"
  # The flow type box: 75 pixels above the dialog's bottom, mid-width.
  eval "$(xdotool getwindowgeometry --shell "$flow")"
  combo_x=$((X + WIDTH * 53 / 100)) combo_y=$((Y + HEIGHT - 75))
  xdotool mousemove "$combo_x" "$combo_y" click 1
  settle
  xdotool type --delay 80 'TLS handshake'
  xdotool key Return
  settle
  import -window "$flow" "$work/tls-handshake.png"
  before=$(colours "$work/all-flows.png") after=$(colours "$work/tls-handshake.png")
  [ "$after" -gt 50 ] || die "the Flow Graph is blank ($after colours)"
  if [ "$(compare -metric AE "$work/all-flows.png" "$work/tls-handshake.png" null: 2>&1 || true)" = 0 ]; then
    die "choosing the flow type TLS handshake changed nothing: is the plugin's flow there?"
  fi
  say "Flow Graph: all flows $before colours, TLS handshake $after colours"
  shoot flow-graph
  xdotool windowactivate --sync "$flow" key Escape
  # Statistics > TLS Handshakes, the menu's last item: only the plugin adds it.
  menu s
  xdotool key Up Return
  stats=$(wait_window 'TLS Handshakes' 120) || die "Statistics > TLS Handshakes did not open"
  fill "$stats"
  to_top
  settle
  if [ "$only" = ladder ]; then
    quit
    return
  fi
  shoot statistics
  quit
}

# table: Statistics > TLS Handshake List (the 12th item of Wireshark 4.0's
# Statistics menu, after the other protocols' tables), saved as text with
# its Save as… button and compared with the tshark table of the capture.
table() {
  local dialog saved save_dialog
  start "$ticket" en
  dialog=$(statistics 12 'TLS Handshake List')
  shoot handshake-table
  # Save as…: 143 pixels left of the filled dialog's right edge and 44
  # above its bottom as xdotool gives them (no key opens it); Wireshark
  # runs as nobody, so into a folder anyone may write.
  saved="$work/saved"
  mkdir -m 777 "$saved"
  eval "$(xdotool getwindowgeometry --shell "$dialog")"
  xdotool mousemove $((X + WIDTH - 143)) $((Y + HEIGHT - 44)) click 1
  save_dialog=$(wait_window 'Save Statistics' 120) || die "the dialog's Save as… did not open"
  xdotool windowactivate --sync "$save_dialog"
  xdotool type --delay 30 "$saved/table.txt"
  xdotool key Return
  for _ in $(seq 600); do
    [ -s "$saved/table.txt" ] && break
    sleep 0.2
  done
  [ -s "$saved/table.txt" ] || die "Save as… wrote no $saved/table.txt in 120 s"
  sleep 0.5
  "$run" "$plugin_dir" tshark -q -r "$pcaps/$ticket" -z tlsexplain,handshakes,csv \
    >"$work/table.csv" || die "tshark -z tlsexplain,handshakes,csv failed"
  python3 - "$work/table.csv" "$saved/table.txt" <<'PY' || die "the dialog's rows differ from tshark's"
import csv, sys
want = list(csv.reader(open(sys.argv[1], encoding="utf-8")))[1:]
got = [l for l in open(sys.argv[2], encoding="utf-8") if l[:1].isdigit()]
if not want or len(got) != len(want):
    sys.exit("gui: %d rows in the dialog, %d in tshark's table" % (len(got), len(want)))
for row, line in zip(want, got):
    at, between = 0, ""
    for cell in filter(None, row):  # in order, with only spaces between
        found = line.find(cell, at)
        if found < 0:
            sys.exit("gui: no %r after column %d of the dialog's row %r" % (cell, at, line))
        between += line[at:found]
        at = found + len(cell)
    if (between + line[at:]).strip():
        sys.exit("gui: the dialog's row %r has more than tshark's %r" % (line, row))
print("gui: the dialog lists the %d handshakes as tshark does" % len(want), file=sys.stderr)
PY
  quit
}

# expert: Analyze > Expert Information (the menu's last item) on a capture
# with four security findings.
expert() {
  local dialog
  start tls12-no-reneg-ems.dsb.pcapng en
  menu a
  xdotool key Up Return
  dialog=$(wait_window 'Expert Information' 120) || die "Analyze > Expert Information did not open"
  fill "$dialog"
  shoot expert-information
  quit
}

start_time=$(date +%s)
if [ "$only" != table ]; then
  ladder
fi
if [ "$only" != ladder ]; then
  table
fi
if [ -z "$only" ]; then
  tree en
  tree zh_CN
  expert
fi
for png in "$out"/*.png; do
  n=$(colours "$png")
  [ "$n" -gt 50 ] || die "$png has only $n colours: a blank screen?"
done
say "done in $(( $(date +%s) - start_time )) s"
