#!/usr/bin/env bash
# Key → frame in the real binary, in tmux: runs `lantern --db DB` in a
# 120×40 tmux pane with LANTERN_FRAME_LOG set, types the same triage script
# as `lantern bench tui` (one key every 100 ms), quits, and prints the
# percentiles of the times the run loop recorded (key read → frame drawn),
# the time from process start to the first frame with the findings list, and
# the process's peak RSS.
#
#   scripts/bench-tui-tmux.sh DB [BINARY]     (BINARY defaults to .build/release/lantern)
set -euo pipefail
db=${1:?usage: scripts/bench-tui-tmux.sh DB [BINARY]}
binary=${2:-.build/release/lantern}
command -v tmux >/dev/null || { echo "tmux is missing: run scripts/install-deps.sh" >&2; exit 1; }
[ -x "$binary" ] || { echo "no binary at $binary: swift build -c release" >&2; exit 1; }
work=$(mktemp -d)
trap 'tmux -L lantern-bench kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
log="$work/frames.txt"
tmux -L lantern-bench new-session -d -s bench -x 120 -y 40 \
    "env TERM=tmux-256color LANG=C.UTF-8 XDG_STATE_HOME='$work/state' XDG_CONFIG_HOME='$work/config' LANTERN_FRAME_LOG='$log' '$binary' --db '$db'; sleep 5"
wait_for() {
    for _ in $(seq 1 600); do
        tmux -L lantern-bench capture-pane -p -t bench | grep -q -- "$1" && return 0
        sleep 0.1
    done
    echo "never saw '$1'" >&2
    tmux -L lantern-bench capture-pane -p -t bench >&2
    exit 1
}
key() { tmux -L lantern-bench send-keys -t bench "$@"; sleep 0.1; }
wait_for "findings ·"
for _ in $(seq 40); do key j; done
for _ in $(seq 10); do key PageDown; done
key G; key g
key /; for c in s e v '>' = h i g h; do key -l "$c"; done; key Enter
key F; key Tab; key Escape
for round in $(seq 0 7); do
    key j; key Enter; sleep 0.3
    key j; key j; key k; key Tab
    for _ in $(seq 5); do key j; done
    key '>'; key i; key Tab
    if [ $((round % 2)) -eq 0 ]; then key Tab; key Enter; sleep 0.3; key j; key Escape; fi
    key Escape
done
key q
for _ in $(seq 1 100); do [ -s "$log" ] && break; sleep 0.1; done
[ -s "$log" ] || { echo "the TUI wrote no frame log" >&2; exit 1; }
python3 - "$log" <<'PY'
import sys
lines = [line.strip() for line in open(sys.argv[1]) if line.strip()]
values = sorted(float(line) for line in lines if not line.startswith("#"))
for line in lines:
    if line.startswith("#"): print(line[1:].strip())
def pct(p):
    import math
    return values[min(len(values) - 1, max(0, math.ceil(len(values) * p) - 1))]
print(f"tmux, real binary: {len(values)} keys  key → frame p50 {pct(0.5):.2f} ms  p99 {pct(0.99):.2f} ms  max {values[-1]:.2f} ms (budget 16 ms)")
PY
