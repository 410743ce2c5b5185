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

# The VM's VMState; "unregistered" when VirtualBox knows no such VM; empty when it cannot say now (not ready).
vm_state() {
    local out
    if out="$(real showvminfo "$1" --machinereadable 2>&1)"; then
        printf '%s\n' "$out" | sed -n 's/^VMState="\(.*\)"$/\1/p'
    elif [[ "$out" == *'(0x80bb0001)'* ]]; then
        echo unregistered
    fi
}

# The VM's UUID. A UUID given is the answer; a name is looked up, and right after a VM process ended VirtualBox
# answers "The object is not ready" for a while: asked again for up to 20 s.
vm_uuid() {
    local vm="$1" uuid=""
    if [[ "$vm" =~ ^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$ ]]; then
        printf '%s\n' "${BASH_REMATCH[1],,}"
        return 0
    fi
    for _ in $(seq 1 100); do
        uuid="$(real showvminfo "$vm" --machinereadable 2>/dev/null | sed -n 's/^UUID="\(.*\)"$/\1/p')"
        [ -n "$uuid" ] && break
        sleep 0.2
    done
    printf '%s\n' "$uuid"
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
    local uuid="$1" out
    for _ in $(seq 1 150); do
        if out="$(real showvminfo "$uuid" --machinereadable 2>/dev/null)" && ! grep -q '^SessionName=' <<<"$out"; then
            case "$(sed -n 's/^VMState="\(.*\)"$/\1/p' <<<"$out")" in
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
    state="$(vm_state "$vm")"
    # Right after a save or power-off VirtualBox answers "not ready" for a while: no state is not yet an answer.
    for _ in $(seq 1 100); do
        [ -n "$state" ] && break
        sleep 0.2
        state="$(vm_state "$vm")"
    done
    case "$state" in
        poweroff|saved|aborted|aborted-saved|teleported) ;;
        # Unknown VM or a VM that is already running: the real startvm gives the real error.
        *) real startvm "$vm" --type headless; return $? ;;
    esac
    ensure_iem_fallback "$vm" || return 1
    ensure_xvfb || return 1
    echo "Waiting for VM \"$vm\" to power on..."
    local uuid attempt
    uuid="$(vm_uuid "$vm")"
    if [ -z "$uuid" ]; then
        echo "VBoxManage: error: The testbed could not read the UUID of VM \"$vm\" (state: ${state:-unknown})" >&2
        return 1
    fi
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

launch_once() {
    local uuid="$1" timeout="$2" pid deadline
    setsid chroot "$ROOT" env HOME=/root DISPLAY=":$DISPLAY_NUM" XDG_RUNTIME_DIR=/tmp QT_QPA_PLATFORM=xcb \
        /usr/lib/virtualbox/VirtualBoxVM --startvm "$uuid" --driverless --execute-all-in-iem \
        >"$RUN/vm-$uuid.log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$RUN/vm-$uuid.pid"
    deadline=$((SECONDS + timeout))
    while [ $SECONDS -lt $deadline ]; do
        state="$(vm_state "$uuid")"
        [ "$state" = running ] && return 0
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    # The GUI process may stay alive behind an error dialog: end it by its PID, and let VirtualBox settle the VM.
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
