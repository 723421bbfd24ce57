#!/bin/sh
# Regenerates screenshots/*.png from the real TUI on the demo data: runs the
# binary in tmux, drives it to each screen, captures with colours and renders
# the captures to PNG (scripts/render_ansi.py: pyte + Pillow + DejaVu Sans Mono).
#
# usage: scripts/screenshots.sh [path/to/lantern]   (default: .build/debug/lantern, built if missing)
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
bin=${1:-$root/.build/debug/lantern}

# Tools, installed when missing.
command -v tmux >/dev/null || { apt-get update -qq && apt-get install -y -qq tmux; }
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ] || { apt-get update -qq && apt-get install -y -qq fonts-dejavu-core; }
python3 -c 'import pyte, PIL' 2>/dev/null || python3 -m pip install --quiet pyte pillow
[ -x "$bin" ] || swift build

work=$(mktemp -d)
run=0
T="tmux -L lantern-shots-$$-$run -f /dev/null"
trap '$T kill-server 2>/dev/null || true; rm -rf "$work" 2>/dev/null || { sleep 1; rm -rf "$work"; }' EXIT  # a killed TUI may still be saving its state
db="$work/demo.db"
"$bin" demo --no-tui --db "$db" >/dev/null
mkdir -p screenshots

# wait_for TEXT: poll the pane until TEXT shows (at most ~20 s).
wait_for() {
    i=0
    while [ $i -lt 400 ]; do
        if $T capture-pane -p -t s | grep -qF -- "$1"; then return 0; fi
        sleep 0.05
        i=$((i + 1))
    done
    echo "screenshots: never saw '$1'" >&2
    $T capture-pane -p -t s >&2
    exit 1
}

start() { # start COLUMNS ROWS [lantern options...]
    cols=$1; rows=$2; shift 2
    $T kill-server 2>/dev/null || true
    run=$((run + 1))
    T="tmux -L lantern-shots-$$-$run -f /dev/null"
    $T new-session -d -s s -x "$cols" -y "$rows" "env TERM=tmux-256color LANG=C.UTF-8 XDG_STATE_HOME=$work/state-$run XDG_CONFIG_HOME=$work/config $bin --db $db $*"
    wait_for "findings ·"
}

shot() { # shot NAME
    sleep 0.3
    $T capture-pane -p -e -N -t s > "$work/$1.ansi"
    python3 scripts/render_ansi.py "$work/$1.ansi" "screenshots/$1.png" "$cols" "$rows"
    echo "screenshots/$1.png"
}

open_secrets_finding() {
    $T send-keys -t s /
    $T send-keys -t s -l 'GetSecretValue sev>=medium'
    wait_for "(1 shown)"
    $T send-keys -t s Enter Enter
    wait_for "events ·"
}

start 120 40
wait_for "GetSecretValue"
shot findings-list

$T send-keys -t s F
wait_for "groups of"
shot frequency-view
$T send-keys -t s Escape

open_secrets_finding
$T send-keys -t s Tab
shot finding-view

$T send-keys -t s l Enter
wait_for "Activity by day"
shot pivot-ip

$T send-keys -t s Escape :
$T send-keys -t s -l 'arn arn:aws:sts::123837392027:assumed-role/stratus-red-team-ec2-get-password-data-role/aws-go-sdk-1688990082523310002'
$T send-keys -t s Enter
wait_for "secops-lab@example.com"
$T send-keys -t s g Enter
wait_for "Sessions of this role"
shot pivot-role

$T send-keys -t s Escape Escape
wait_for "Observables ("
$T send-keys -t s '?'
wait_for "Help ·"
shot help-overlay
$T send-keys -t s Escape v t
wait_for "TRUE POS"
$T send-keys -t s l /
$T send-keys -t s -l GetSecretValue
$T send-keys -t s Enter '*'
wait_for "starred event"
shot case-verdict-star

start 120 40 --theme light
open_secrets_finding
shot light-theme

start 80 24
open_secrets_finding
shot finding-view-80x24

start 220 50
open_secrets_finding
shot finding-view-wide
