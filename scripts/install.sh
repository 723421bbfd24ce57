#!/usr/bin/env bash
# Installs lantern under a prefix (default ~/.local): the binary, shell
# completions for bash, zsh and fish, and the man page, all generated from the
# binary's own command definitions. Themes are built into the binary.
#
#   scripts/install.sh [--prefix DIR]                builds a release binary and installs it
#   scripts/install.sh [--prefix DIR] --binary PATH  installs an already-built binary
#   scripts/install.sh [--prefix DIR] --uninstall    removes exactly what install put there
#
# SWIFT_BUILD_FLAGS adds flags to the release build (e.g. "--scratch-path .build-x");
# LANTERN_TOOLS_SCRATCH is where the man page generator is built (default .build-tools).
set -euo pipefail

usage() {
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
  exit 64
}

prefix="$HOME/.local"
binary=""
uninstall=false
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || usage; prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#*=}"; shift ;;
    --binary) [ $# -ge 2 ] || usage; binary="$2"; shift 2 ;;
    --binary=*) binary="${1#*=}"; shift ;;
    --uninstall) uninstall=true; shift ;;
    -h|--help) usage ;;
    *) echo "install.sh: unknown argument: $1" >&2; usage ;;
  esac
done

# Every file install writes, relative to the prefix; uninstall removes exactly these.
files=(
  bin/lantern
  share/bash-completion/completions/lantern
  share/zsh/site-functions/_lantern
  share/fish/vendor_completions.d/lantern.fish
  share/man/man1/lantern.1
)

if $uninstall; then
  for file in "${files[@]}"; do
    if [ -e "$prefix/$file" ] || [ -L "$prefix/$file" ]; then
      rm -f "$prefix/$file"
      echo "removed $prefix/$file"
    fi
  done
  exit 0
fi

cd "$(dirname "$0")/.."
read -r -a build_flags <<< "${SWIFT_BUILD_FLAGS:-}"

if [ -z "$binary" ]; then
  echo "building lantern (release)…"
  swift build -c release --product lantern "${build_flags[@]}"
  binary="$(swift build -c release --show-bin-path "${build_flags[@]}")/lantern"
else
  [ -x "$binary" ] || { echo "install.sh: not an executable: $binary" >&2; exit 66; }
fi

# The man page comes from swift-argument-parser's own generator, run on the binary.
# It is built in a scratch folder of its own, so this works while another
# SwiftPM command holds the package's .build (as `swift test` does).
tools="${LANTERN_TOOLS_SCRATCH:-.build-tools}"
echo "building the man page generator in $tools…"
swift build --scratch-path "$tools" --product generate-manual >/dev/null
generator="$(swift build --scratch-path "$tools" --show-bin-path)/generate-manual"

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
"$generator" "$binary" --output-directory "$staging" --section 1 >/dev/null
[ -s "$staging/lantern.1" ] || { echo "install.sh: the man page was not generated" >&2; exit 1; }
# A blank line inside a command's discussion is a paragraph break; mdoc wants .Pp there.
sed -i 's/^[[:space:]]*$/.Pp/' "$staging/lantern.1"
"$binary" --generate-completion-script bash > "$staging/lantern.bash"
"$binary" --generate-completion-script zsh > "$staging/_lantern"
"$binary" --generate-completion-script fish > "$staging/lantern.fish"

install -d "$prefix/bin" "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions" \
  "$prefix/share/fish/vendor_completions.d" "$prefix/share/man/man1"
install -m 0755 "$binary" "$prefix/bin/lantern"
install -m 0644 "$staging/lantern.bash" "$prefix/share/bash-completion/completions/lantern"
install -m 0644 "$staging/_lantern" "$prefix/share/zsh/site-functions/_lantern"
install -m 0644 "$staging/lantern.fish" "$prefix/share/fish/vendor_completions.d/lantern.fish"
install -m 0644 "$staging/lantern.1" "$prefix/share/man/man1/lantern.1"
for file in "${files[@]}"; do echo "installed $prefix/$file"; done

case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "note: $prefix/bin is not on PATH" ;;
esac
