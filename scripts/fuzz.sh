#!/usr/bin/env bash
# Builds Lantern's libFuzzer harnesses (fuzz/, `-sanitize=fuzzer,address`) and runs each for
# a set time. Exit status 1 when any harness crashed (or leaked memory past the RSS limit, or
# hung past the per-input timeout); the input that did it is kept in fuzz/artifacts/<target>/.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]      # default 60 s each, every target
#   targets: cloudtrail findings intel stix-pattern mmdb filter command-line postings stored-forms
#
# Seeds: fuzz/corpus/<target>/ (committed; fuzz/make_corpus.sh rebuilds them). Inputs the
# fuzzer finds interesting are added to fuzz/.work/<target>/ (not committed), so later runs
# continue from there. Logs: fuzz/.work/<target>.log. Environment: FUZZ_JOBS (parallel
# workers per target, default 1), FUZZ_FLAGS (extra libFuzzer flags), FUZZ_CONFIG
# (release|debug, default release).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SECONDS_EACH=60
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then SECONDS_EACH=$1; shift; fi
ALL=(cloudtrail findings intel stix-pattern mmdb filter command-line postings stored-forms)
TARGETS=("$@")
[[ ${#TARGETS[@]} -gt 0 ]] || TARGETS=("${ALL[@]}")

product() {
    case $1 in
        cloudtrail) echo FuzzCloudTrail ;;
        findings) echo FuzzFindings ;;
        intel) echo FuzzIntel ;;
        stix-pattern) echo FuzzSTIXPattern ;;
        mmdb) echo FuzzMMDB ;;
        filter) echo FuzzFilter ;;
        command-line) echo FuzzCommandLine ;;
        postings) echo FuzzPostings ;;
        stored-forms) echo FuzzStoredForms ;;
        *) echo "fuzz.sh: unknown target '$1' (targets: ${ALL[*]})" >&2; exit 64 ;;
    esac
}
dictionary() {
    case $1 in
        cloudtrail | findings | stored-forms) echo json ;;
        intel) echo intel ;;
        stix-pattern) echo stix-pattern ;;
        filter) echo filter ;;
        command-line) echo command-line ;;
        *) echo "" ;;
    esac
}
max_len() {
    case $1 in
        cloudtrail | findings | intel | stored-forms) echo 65536 ;;
        mmdb) echo 16384 ;;
        *) echo 4096 ;;
    esac
}
for target in "${TARGETS[@]}"; do product "$target" >/dev/null; done

CONFIG=${FUZZ_CONFIG:-release}
# lld (the toolchain's): gold hit an internal error in its DWARF reader linking the sanitized CLI.
echo "fuzz.sh: building harnesses ($CONFIG, -sanitize=fuzzer,address)…"
(cd fuzz && swift build -c "$CONFIG" --scratch-path .build \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -g -Xswiftc -use-ld=lld)
BIN=$(cd fuzz && swift build -c "$CONFIG" --scratch-path .build --show-bin-path)

status=0
summary=()
for target in "${TARGETS[@]}"; do
    exe="$BIN/$(product "$target")"
    [[ -x $exe ]] || { echo "fuzz.sh: $exe was not built" >&2; exit 1; }
    work="$ROOT/fuzz/.work/$target"
    artifacts="$ROOT/fuzz/artifacts/$target/"
    mkdir -p "$work" "$artifacts"
    log="$ROOT/fuzz/.work/$target.log"
    flags=(-max_total_time="$SECONDS_EACH" -max_len="$(max_len "$target")" -timeout=30 -rss_limit_mb=2048
        -artifact_prefix="$artifacts" -print_final_stats=1 -detect_leaks=0)
    dict=$(dictionary "$target")
    [[ -n $dict ]] && flags+=(-dict="$ROOT/fuzz/dict/$dict.dict")
    [[ -n ${FUZZ_JOBS:-} ]] && flags+=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS")
    # shellcheck disable=SC2206
    [[ -n ${FUZZ_FLAGS:-} ]] && flags+=($FUZZ_FLAGS)
    echo "fuzz.sh: $target for ${SECONDS_EACH}s (log $log)"
    set +e
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1:symbolize=1} \
        "$exe" "${flags[@]}" "$work" "$ROOT/fuzz/corpus/$target" >"$log" 2>&1
    rc=$?
    set -e
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    corpus=$(find "$work" -type f | wc -l)
    if [[ $rc -eq 0 ]]; then
        verdict=ok
    else
        verdict="FAILED (exit $rc; see $log and $artifacts)"
        status=1
        grep -E 'ERROR: (AddressSanitizer|libFuzzer)|Fatal error|SUMMARY|Test unit written' "$log" | head -5 || true
    fi
    summary+=("$(printf '%-13s %5ss %10s runs %8s exec/s  cov %-6s ft %-6s corpus %-5s %s' \
        "$target" "$SECONDS_EACH" "${runs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "$corpus" "$verdict")")
done
echo
printf '%s\n' "${summary[@]}"
exit $status
