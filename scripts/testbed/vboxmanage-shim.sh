#!/usr/bin/env bash
# VBoxManage for the testbed: runs the real /usr/lib/virtualbox/VBoxManage inside the chroot with the caller's
# arguments, output and exit code untouched. Only `startvm` is different: without the kernel driver VBoxSVC cannot
# launch a VM, so the shim launches VirtualBoxVM itself in driverless IEM mode under Xvfb and prints what the real
# `startvm` prints on success. Installed by `testbed.sh up` as <testbed>/bin/VBoxManage.
set -uo pipefail

TESTBED_DIR="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
ROOT="$TESTBED_DIR/root"
RUN="$TESTBED_DIR/run"
DISPLAY_NUM="$(cat "$TESTBED_DIR/bin/display" 2>/dev/null || echo 77)"
VBOXMANAGE=/usr/lib/virtualbox/VBoxManage
# VirtualBox's home (VirtualBox.xml, the machine registry) lives in the data folder, which has the same path inside
# and outside the chroot: the extension reads VirtualBox's settings files directly, at the paths VirtualBox writes.
# A caller's own VBOX_USER_HOME wins (it must be a folder under the data folder to be seen on both sides).
export VBOX_USER_HOME="${VBOX_USER_HOME:-$TESTBED_DIR/data/home}"

in_chroot() {
    # HOME=/root keeps the rest of the chroot's user files inside it; VBOX_USER_HOME and the locale pass through.
    chroot "$ROOT" env HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"
}

real() { in_chroot "$VBOXMANAGE" "$@"; }

# Every read the shim makes of a VM takes no lock. `showvminfo` takes a shared session lock for its whole run: polled
# beside a launch, it made VirtualBoxVM's own lock request fail "already locked for a session (or being unlocked)",
# and that process then waited behind an error dialog until it was killed (three launches of one VM in a row, seen in
# CI). `list vms` and `list vms --long` read VBoxSVC's machine list without a session (measured: 30 of them beside
# 30 `modifyvm` of one VM refused none; 30 `showvminfo` made 16 of the 30 fail).

# `list vms`, asked again while VirtualBox cannot answer (VBoxSVC starting, a moment of "not ready"): up to 20 s.
# Fails only when VirtualBox never answered: an empty answer from a failed call is never taken for "no such VM".
vm_list() {
    local out
    for _ in $(seq 1 100); do
        if out="$(LC_ALL=C.UTF-8 real list vms 2>/dev/null)"; then
            printf '%s\n' "$out"
            return 0
        fi
        sleep 0.2
    done
    return 1
}

# The VM's UUID, looked up in `list vms` for a name ("name" {uuid} per line); empty when VirtualBox has no such VM,
# failing when VirtualBox could not say.
vm_uuid() {
    local vm="$1" listing
    if [[ "$vm" =~ ^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$ ]]; then
        printf '%s\n' "${BASH_REMATCH[1],,}"
        return 0
    fi
    listing="$(vm_list)" || return 1
    VM="$vm" awk '
        { line = $0; want = "\"" ENVIRON["VM"] "\" {" }
        index(line, want) == 1 { uuid = substr(line, length(want) + 1); sub(/}$/, "", uuid); print uuid; exit }' <<<"$listing"
}

# The VM's part of `list vms --long` (there is no machine-readable form of it), in the C locale's UTF-8 variant:
# untranslated labels, and names as they are (under plain C, VBoxManage's output ends at the first non-ASCII name).
vm_block() {
    LC_ALL=C.UTF-8 real list vms --long 2>/dev/null | awk -v uuid="$1" '
        /^Name:  +/ { if (found) exit; block = "" }
        { block = block $0 "\n" }
        /^UUID:  +/ && $2 == uuid { found = 1 }
        END { if (found) printf "%s", block }'
}

# The VM's state as showvminfo's VMState names it ("poweroff", "running", ...); "unregistered" when VirtualBox
# knows no such VM (by UUID); empty when it cannot say now.
vm_state() {
    local block label
    block="$(vm_block "$1")"
    if [ -z "$block" ]; then
        # Not in the long listing: unregistered only if `list vms` says so too; otherwise it cannot say now.
        local listing
        listing="$(vm_list)" || return 0
        grep -qF "{$1}" <<<"$listing" || echo unregistered
        return 0
    fi
    label="$(sed -n 's/^State: *\(.*\) (since .*$/\1/p' <<<"$block")"
    # The long labels are the short names with spaces, but for one.
    case "$label" in
        "powered off") echo poweroff ;;
        *) printf '%s\n' "${label// /}" ;;
    esac
}

# Whether a session (a VM process, a VBoxManage) holds the VM or is still letting it go.
vm_has_session() {
    grep -q '^Session name:' <<<"$(vm_block "$1")"
}

ensure_xvfb() {
    local pidfile="$RUN/xvfb.pid"
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then return 0; fi
    mkdir -p "$RUN"
    # A killed Xvfb leaves its socket and lock behind; a stale socket would pass the readiness check below.
    rm -f "$ROOT/tmp/.X11-unix/X$DISPLAY_NUM" "$ROOT/tmp/.X$DISPLAY_NUM-lock"
    setsid chroot "$ROOT" /usr/bin/Xvfb ":$DISPLAY_NUM" -screen 0 1024x768x24 -nolisten tcp \
        >"$RUN/xvfb.log" 2>&1 </dev/null &
    echo $! >"$pidfile"
    for _ in $(seq 1 50); do
        [ -e "$ROOT/tmp/.X11-unix/X$DISPLAY_NUM" ] && return 0
        sleep 0.1
    done
    echo "VBoxManage: error: the testbed's Xvfb did not start (see $RUN/xvfb.log)" >&2
    return 1
}

# Waits until VirtualBox answers for the VM again, no session holds it, and its state is one without a VM process.
# After a VM process ended (or was killed) VBoxSVC first answers "not ready", then records the end: a process killed
# while it held the session turns saved into aborted-saved and poweroff into aborted, a moment later. A new VM
# process started before that would be marked aborted under its feet.
wait_settled() {
    local uuid="$1"
    for _ in $(seq 1 150); do
        if ! vm_has_session "$uuid"; then
            case "$(vm_state "$uuid")" in
                poweroff|saved|aborted|aborted-saved|teleported) return 0 ;;
            esac
        fi
        sleep 0.2
    done
    return 0
}

# A VirtualBoxVM that was just powered off keeps the VM's session for a moment while it closes (on a busy host it
# sometimes stays alive for good); a new one started then fails with "Failed to open a session" behind a dialog.
# Wait for the old process to end (ended by its PID after 10 s) and for VirtualBox to have settled the VM.
wait_for_unlocked_session() {
    local uuid="$1" pidfile="$RUN/vm-$1.pid" old
    if [ -f "$pidfile" ]; then
        old="$(cat "$pidfile")"
        # A pid file outlives its process, and PIDs are reused within minutes on a busy host: the PID is this VM's
        # process only while its command line says so, and nothing else is ever signalled.
        for _ in $(seq 1 100); do is_vm_process "$old" "$uuid" || break; sleep 0.1; done
        if is_vm_process "$old" "$uuid"; then
            note "$uuid" "the previous VirtualBoxVM $old still runs 10 s after its VM stopped; ending it"
            kill -KILL "$old" 2>/dev/null || true
            rm -f "$pidfile"
            settle_after_kill "$uuid"
            return 0
        fi
        rm -f "$pidfile"
    fi
    wait_settled "$uuid"
}

# VBoxSVC learns that a killed VM process is gone from its client watcher, a few seconds later; until then the VM can
# look powered off, and a VM process started meanwhile is then marked aborted under its feet (seen once: a VM powered
# off right after such a start ended "aborted"). Give the watcher that time before settling.
settle_after_kill() {
    sleep "${VBOX_TESTBED_KILL_SETTLE:-4}"
    wait_settled "$1"
}

# Whether PID is a VirtualBoxVM running this VM (by UUID), and not a process that reused the PID.
is_vm_process() {
    local pid="$1" uuid="$2" cmdline
    [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
    cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)"
    [[ "$cmdline" == *VirtualBoxVM*"$uuid"* ]]
}

# The driverless VM needs VBoxInternal/HM/FallbackToIEM=1. Reading it takes no lock; setting it takes a shared lock on
# the VM, which another session may hold or be asking for at that moment ("already locked", "lock request pending"):
# it is set only when missing, and such a refusal is retried as the product retries it.
ensure_iem_fallback() {
    local vm="$1" out attempt
    [ "$(real getextradata "$vm" VBoxInternal/HM/FallbackToIEM 2>/dev/null)" = "Value: 1" ] && return 0
    for attempt in 1 2 3 4 5 6 7 8; do
        out="$(real setextradata "$vm" VBoxInternal/HM/FallbackToIEM 1 2>&1)" && return 0
        case "$out" in
            *'(0x80bb0007)'*LockMachine*) sleep "0.$((attempt + 1))" ;;
            *) printf '%s\n' "$out" >&2; return 1 ;;
        esac
    done
    printf '%s\n' "$out" >&2
    return 1
}

startvm() {
    local vm="" arg
    while [ $# -gt 0 ]; do
        arg="$1"; shift
        case "$arg" in
            --type) shift ;;            # gui, headless, separate: all become the driverless VirtualBoxVM here
            --type=*) ;;
            --putenv|-E) shift ;;
            -*) ;;
            *) [ -z "$vm" ] && vm="$arg" ;;
        esac
    done
    local uuid attempt state=""
    uuid="$(vm_uuid "$vm")"
    # Right after a save or power-off VirtualBox answers "not ready" for a while: no state is not yet an answer.
    for _ in $(seq 1 100); do
        [ -n "$uuid" ] && state="$(vm_state "$uuid")" || state=unregistered
        [ -n "$state" ] && break
        sleep 0.2
    done
    case "$state" in
        poweroff|saved|aborted|aborted-saved|teleported) ;;
        # Unknown VM or a VM that is already running: the real startvm gives the real error.
        *) real startvm "$vm" --type headless; return $? ;;
    esac
    ensure_iem_fallback "$uuid" || return 1
    ensure_xvfb || return 1
    echo "Waiting for VM \"$vm\" to power on..."
    # A launch that races a closing session ends behind an error dialog instead of running; it is killed and
    # tried again. A good launch reaches "running" in about 2 s, and in tens of seconds on a loaded host: killing a
    # slow launch only to start it again costs more, and a kill is what VBoxSVC later records as an abort.
    for attempt in 1 2 3 4; do
        wait_for_unlocked_session "$uuid"
        if launch_once "$uuid" "${VBOX_TESTBED_START_TIMEOUT:-60}"; then
            echo "VM \"$vm\" has been successfully started."
            return 0
        fi
    done
    echo "VBoxManage: error: The VM \"$vm\" failed to start in the testbed (state: ${state:-unknown}; log: $RUN/vm-$uuid.log)" >&2
    return 1
}

# The shim's own account of a VM's launches, beside VirtualBoxVM's output: what a failed start is explained by.
note() {
    printf '%s %s\n' "$(date -u +%H:%M:%S.%N | cut -c1-12)" "$2" >>"$RUN/vm-$1.shim.log"
}

# The last lines of the VM's VBox.log (from the log folder VirtualBox names for it) if it was written since $2 (epoch s).
vm_log_tail() {
    local folder log
    folder="$(sed -n 's/^Log folder: *//p' <<<"$(vm_block "$1")")"
    log="$folder/VBox.log"
    if [ -n "$folder" ] && [ -f "$log" ] && [ "$(stat -c %Y "$log")" -ge "$2" ]; then
        tail -n 15 "$log" | sed 's/^/    /'
    else
        echo "    (this launch wrote no VBox.log)"
    fi
}

launch_once() {
    local uuid="$1" timeout="$2" pid deadline launched
    launched="$(date +%s)"
    setsid chroot "$ROOT" env HOME=/root DISPLAY=":$DISPLAY_NUM" XDG_RUNTIME_DIR=/tmp QT_QPA_PLATFORM=xcb \
        /usr/lib/virtualbox/VirtualBoxVM --startvm "$uuid" --driverless --execute-all-in-iem \
        >"$RUN/vm-$uuid.log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$RUN/vm-$uuid.pid"
    note "$uuid" "launched VirtualBoxVM $pid"
    deadline=$((SECONDS + timeout))
    while [ $SECONDS -lt $deadline ]; do
        state="$(vm_state "$uuid")"
        [ "$state" = running ] && return 0
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    # The GUI process may stay alive behind an error dialog: end it by its PID, and let VirtualBox settle the VM.
    note "$uuid" "VirtualBoxVM $pid not running after $timeout s or ended (state: ${state:-unknown}); ending it; its VBox.log ends:"
    vm_log_tail "$uuid" "$launched" >>"$RUN/vm-$uuid.shim.log"
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -f "$RUN/vm-$uuid.pid"
    settle_after_kill "$uuid"
    return 1
}

if [ ! -x "$ROOT$VBOXMANAGE" ]; then
    echo "VBoxManage: error: the testbed at $TESTBED_DIR is not built (npm run testbed:up)" >&2
    exit 1
fi
if ! findmnt -rn --mountpoint "$ROOT/proc" >/dev/null 2>&1; then
    echo "VBoxManage: error: the testbed at $TESTBED_DIR is down (npm run testbed:up)" >&2
    exit 1
fi

if [ "${1:-}" = startvm ]; then
    shift
    startvm "$@"
    exit $?
fi
# exec: chroot and env exec in turn, so the caller's process IS VBoxManage and a timeout's kill reaches it (a
# surviving child would keep the output pipes open and the caller waiting).
exec chroot "$ROOT" env HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin "$VBOXMANAGE" "$@"
