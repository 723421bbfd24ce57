#!/bin/sh
# Regenerates docs/keybindings.md from the default key tables, through the
# built binary (`lantern keys --markdown`, with no configuration). A test
# fails when the file is stale. LANTERN_BIN picks another binary.
set -eu
cd "$(dirname "$0")/.."
bin=${LANTERN_BIN:-.build/debug/lantern}
if [ ! -x "$bin" ]; then swift build --product lantern; fi
env -u LANTERN_KEYMAP LANTERN_CONFIG=/dev/null "$bin" keys --markdown > docs/keybindings.md
echo "wrote docs/keybindings.md"
