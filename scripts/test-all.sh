#!/usr/bin/env bash
# `npm test`: every suite in order, then one closing line "N passed, N failed" over all of them.
# A suite that exits non-zero without reporting a failure (it crashed) counts as one failure.
set -uo pipefail
cd "$(dirname "$0")/.."

summary="$(mktemp)"
trap 'rm -f "$summary"' EXIT
export TEST_SUMMARY_FILE="$summary"
crashed=0

run_suite() {
    local name="$1"; shift
    local before after
    before="$(awk '{f += $2} END {print f + 0}' "$summary")"
    echo "=== $name"
    if ! "$@"; then
        after="$(awk '{f += $2} END {print f + 0}' "$summary")"
        if [ "$after" = "$before" ]; then
            echo "suite '$name' failed without reporting a test failure"
            crashed=$((crashed + 1))
        fi
    fi
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

passed="$(awk '{p += $1} END {print p + 0}' "$summary")"
failed="$(awk -v c="$crashed" '{f += $2} END {print f + c}' "$summary")"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
