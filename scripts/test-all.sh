#!/usr/bin/env bash
# `npm test`: every suite in order, then one closing line "N passed, N failed" over all of them (skipped tests are
# counted on the line before it and in the table of suite durations).
# A suite that exits non-zero without reporting a failure (it crashed) counts as one failure.
set -uo pipefail
cd "$(dirname "$0")/.."

summary="$(mktemp)"
durations="$(mktemp)"
trap 'rm -f "$summary" "$durations"' EXIT
export TEST_SUMMARY_FILE="$summary"
crashed=0

run_suite() {
    local name="$1"; shift
    local before start code=0 counts=""
    before="$(wc -l <"$summary")"
    start=$SECONDS
    echo "=== $name"
    "$@" || code=$?
    # The lines this suite's runners appended to the summary: its own passed and failed counts.
    counts="$(tail -n "+$((before + 1))" "$summary" | awk 'NF {p += $1; f += $2; s += $3; n++} END {if (n) printf "%d passed, %d failed, %d skipped", p, f, s}')"
    if [ "$code" != 0 ] && ! tail -n "+$((before + 1))" "$summary" | awk '$2 > 0 {found = 1} END {exit !found}'; then
        echo "suite '$name' failed without reporting a test failure"
        crashed=$((crashed + 1))
        counts="${counts:+$counts, }crashed"
    fi
    printf '%-12s %3d min %02d s  %s%s\n' "$name" $(((SECONDS - start) / 60)) $(((SECONDS - start) % 60)) \
        "$counts" "$([ "$code" = 0 ] || echo "  (exit $code)")" >>"$durations"
    echo "=== $name: $((SECONDS - start)) s (exit $code)"
    # A VM a suite left running (one emulated CPU each on the testbed) slows every later suite: say so.
    local left
    left="$(vm_processes)"
    [ -z "$left" ] || printf 'VM processes still running after %s:\n%s\n' "$name" "$(sed 's/^/  /' <<<"$left")"
}

# The VM processes of this host (VirtualBoxVM, VBoxHeadless), with the VM each runs.
vm_processes() {
    local f cmdline
    for f in /proc/[0-9]*/cmdline; do
        cmdline="$(tr '\0' ' ' 2>/dev/null <"$f")" || continue
        case "$cmdline" in
            */VirtualBoxVM\ *--startvm*|*/VBoxHeadless\ *--startvm*) echo "pid ${f//[!0-9]/}: ${cmdline:0:160}" ;;
        esac
    done
}

run_suite build npm run --silent build
run_suite typecheck npm run --silent typecheck
run_suite lint npm run --silent lint
run_suite unit npm run --silent test:unit
run_suite integration npm run --silent test:integration
run_suite reliability npm run --silent test:reliability
# Every extension suite in real VS Code (EXTENSION_TEST_GREP narrows them while working on one).
run_suite extension env ${EXTENSION_TEST_GREP:+"MOCHA_GREP=$EXTENSION_TEST_GREP"} npm run --silent test:extension
# User journeys clicked through the real workbench against the real VirtualBox (test/e2e/README.md).
run_suite e2e npm run --silent test:e2e

echo "suite durations:"
sed 's/^/  /' "$durations"
skipped="$(awk '{s += $3} END {print s + 0}' "$summary")"
echo "$skipped skipped"
passed="$(awk '{p += $1} END {print p + 0}' "$summary")"
failed="$(awk -v c="$crashed" '{f += $2} END {print f + c}' "$summary")"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
