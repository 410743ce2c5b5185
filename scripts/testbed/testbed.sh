#!/usr/bin/env bash
# The VirtualBox testbed: real VirtualBox 7.2 from Debian sid/contrib inside a chroot, for tests and demos on
# machines without a VirtualBox of their own (and without its kernel driver).
#
#   testbed.sh up        build the chroot if needed, mount it, install the VBoxManage shim, print its path and version
#   testbed.sh down      stop every process running in the chroot (by PID) and unmount everything
#   testbed.sh status    print what is mounted and running
#   testbed.sh shim      print the shim's path
#   testbed.sh destroy   down, then delete the testbed folder
#   testbed.sh guest     print where the real guest's files are (after `up`)
#
# Layout under VBOX_TESTBED_DIR (default /var/tmp/vscode-virtualbox-testbed), outside the repository:
#   root/   the sid chroot          data/  VMs, disks and screenshots; bind-mounted at the SAME path inside the chroot
#   bin/    the VBoxManage shim     run/   pid files and logs of Xvfb and the VMs
#   data/home/  VirtualBox's home (VBOX_USER_HOME: VirtualBox.xml), readable at the same path on both sides
#   data/guest/ the real Linux guest: guest.iso, its test key, credentials and host key (scripts/testbed/guest/)
# `up` also builds the guest when missing and boots it once in the VM "testbed-guest", whose snapshot "booted" holds
# the running guest: tests and demos start from it in seconds (test/support/realGuest.ts). VBOX_TESTBED_GUEST=0
# skips that step.
# VBOX_TESTBED_DISPLAY (default 77) at `up`: the Xvfb display of this testbed's VMs; give each testbed its own.
#
# Safety: root/dev, root/proc and root/sys are the host's own. Nothing under root/ is ever deleted while one of them
# is mounted: every removal goes through safe_remove, which calls teardown first and checks findmnt afterwards.
set -euo pipefail

TESTBED_DIR="${VBOX_TESTBED_DIR:-/var/tmp/vscode-virtualbox-testbed}"
ROOT="$TESTBED_DIR/root"
DATA="$TESTBED_DIR/data"
RUN="$TESTBED_DIR/run"
BIN="$TESTBED_DIR/bin"
MIRROR="${VBOX_TESTBED_MIRROR:-http://deb.debian.org/debian}"
PACKAGES=(virtualbox virtualbox-source virtualbox-qt xvfb xauth)
READY_MARK="$ROOT/.vscode-virtualbox-testbed-ready"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

log() { printf 'testbed: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Mount points, in mount order; teardown unmounts them in reverse.
mount_points() { printf '%s\n' "$ROOT/proc" "$ROOT/dev" "$ROOT/sys" "$ROOT$DATA"; }

is_mounted() { findmnt -rn --mountpoint "$1" >/dev/null 2>&1; }

mounts_under_root() { findmnt -rn -o TARGET | awk -v r="$ROOT" 'index($0, r) == 1'; }

mount_all() {
    mkdir -p "$ROOT/proc" "$ROOT/dev" "$ROOT/sys" "$ROOT$DATA" "$DATA"
    is_mounted "$ROOT/proc" || mount -t proc proc "$ROOT/proc"
    is_mounted "$ROOT/dev" || mount --bind /dev "$ROOT/dev"
    is_mounted "$ROOT/sys" || mount --bind /sys "$ROOT/sys"
    is_mounted "$ROOT$DATA" || mount --bind "$DATA" "$ROOT$DATA"
}

# PIDs of every process whose root directory is the chroot: exactly the processes the testbed started
# (VBoxSVC, VBoxXPCOMIPCD, VirtualBoxVM, Xvfb, VBoxManage), and nothing of the host's.
chroot_pids() {
    local root_real pid
    [ -d "$ROOT" ] || return 0
    root_real="$(readlink -f "$ROOT")"
    for pid in /proc/[0-9]*; do
        pid="${pid#/proc/}"
        [ "$(readlink "/proc/$pid/root" 2>/dev/null || true)" = "$root_real" ] && printf '%s\n' "$pid"
    done
    return 0
}

stop_processes() {
    local pids pid tries
    pids="$(chroot_pids)"
    [ -n "$pids" ] || return 0
    # VirtualBoxVM first so that VBoxSVC sees its sessions end, then everything else.
    for pid in $pids; do kill -TERM "$pid" 2>/dev/null || true; done
    for tries in $(seq 1 50); do
        pids="$(chroot_pids)"
        [ -n "$pids" ] || break
        sleep 0.1
    done
    pids="$(chroot_pids)"
    if [ -n "$pids" ]; then
        log "forcing $(echo $pids | wc -w) process(es) to stop"
        for pid in $pids; do kill -KILL "$pid" 2>/dev/null || true; done
        sleep 0.3
    fi
    rm -f "$RUN"/*.pid
}

# The one teardown: stop the chroot's processes, then unmount in reverse order, then prove nothing is left.
teardown() {
    local mp
    stop_processes
    for mp in $(mount_points | tac); do
        if is_mounted "$mp"; then
            umount "$mp" 2>/dev/null || umount -l "$mp"
        fi
    done
    if [ -n "$(mounts_under_root)" ]; then
        die "still mounted under $ROOT: $(mounts_under_root | tr '\n' ' ')"
    fi
}

# Every deletion under the testbed goes through here.
safe_remove() {
    local target="$1"
    teardown
    [ -z "$(mounts_under_root)" ] || die "refusing to delete $target: mounts remain"
    rm -rf --one-file-system "$target"
}

build_root() {
    command -v debootstrap >/dev/null || bash "$HERE/../setup/system-deps.sh" \
        || die "debootstrap is missing (apt-get install debootstrap)"
    if [ -d "$ROOT" ]; then
        log "removing an incomplete chroot"
        safe_remove "$ROOT"
    fi
    mkdir -p "$TESTBED_DIR"
    log "debootstrap sid into $ROOT (about 20 s)"
    debootstrap --variant=minbase sid "$ROOT" "$MIRROR" >"$TESTBED_DIR/debootstrap.log" 2>&1 \
        || die "debootstrap failed, see $TESTBED_DIR/debootstrap.log"
    # The mirror serves a snapshot whose sid Release file is past its validity date.
    echo 'Acquire::Check-Valid-Until "false";' >"$ROOT/etc/apt/apt.conf.d/99no-valid-until"
    echo "deb $MIRROR sid main contrib" >"$ROOT/etc/apt/sources.list"
    cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
    mount_all
    log "installing ${PACKAGES[*]} (about 30 s)"
    chroot "$ROOT" apt-get update >"$TESTBED_DIR/apt.log" 2>&1 || die "apt-get update failed, see $TESTBED_DIR/apt.log"
    # virtualbox-source satisfies the kernel-module dependency without building a module that could not load here.
    chroot "$ROOT" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${PACKAGES[@]}" \
        >>"$TESTBED_DIR/apt.log" 2>&1 || die "apt-get install failed, see $TESTBED_DIR/apt.log"
    chroot "$ROOT" apt-get clean
    touch "$READY_MARK"
}

install_shim() {
    mkdir -p "$BIN" "$RUN"
    install -m 0755 "$HERE/vboxmanage-shim.sh" "$BIN/VBoxManage"
    # The X display belongs to the testbed, not to whoever calls the shim: two testbeds on one host need two
    # displays (Xvfb's abstract socket is host-wide even though each chroot has its own /tmp).
    echo "${VBOX_TESTBED_DISPLAY:-77}" > "$BIN/display"
}

vbox() { "$BIN/VBoxManage" "$@"; }

# The home the shim gives VBoxManage by default (see vboxmanage-shim.sh).
HOME_DIR="$DATA/home"

# VBoxSVC serves every VBoxManage of the chroot with the home it was started with, whatever VBOX_USER_HOME a later
# client passes. One started before the home moved to data/home (or by a caller with another home) is restarted,
# so that the machine folder set below and the files the extension reads belong to the home VBoxManage uses.
# A VBoxSVC with a socket of its own (VBOX_IPC_SOCKETID: a benchmark's or a test's separate VirtualBox) is not the
# testbed's, and is left alone with its VMs.
restart_vboxsvc_with_other_home() {
    local pid home environ
    for pid in $(chroot_pids); do
        [ "$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | head -n 1)" = /usr/lib/virtualbox/VBoxSVC ] || continue
        environ="$(tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null)"
        grep -q '^VBOX_IPC_SOCKETID=' <<<"$environ" && continue
        home="$(sed -n 's/^VBOX_USER_HOME=//p' <<<"$environ")"
        if [ "$home" != "$HOME_DIR" ]; then
            log "VBoxSVC runs with another home (${home:-/root/.config/VirtualBox}); restarting the testbed's processes"
            stop_processes
        fi
        return 0
    done
}

GUEST_DIR="$DATA/guest"
GUEST_VM=testbed-guest
GUEST_SNAPSHOT=booted

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

guest_ssh() {
    local port="$1"; shift
    local known="$RUN/guest-known_hosts"
    echo "[127.0.0.1]:$port $(cat "$GUEST_DIR/host_key.pub")" >"$known"
    ssh -n -i "$GUEST_DIR/id_ed25519" -p "$port" -o BatchMode=yes -o IdentitiesOnly=yes -o ConnectTimeout=10 \
        -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$known" -o LogLevel=ERROR vbox@127.0.0.1 "$@"
}

# The VM "testbed-guest" boots the guest once (about 5 min of emulated CPU) and keeps it, running, in its snapshot
# "booted"; then it is powered off. Checked before the snapshot: SSH through a NAT forward and the Guest Additions'
# IP property.
ensure_guest() {
    local start=$SECONDS port deadline ip="" build
    [ "${VBOX_TESTBED_GUEST:-1}" != 0 ] || return 0
    command -v ssh >/dev/null || bash "$HERE/../setup/system-deps.sh" || die "the OpenSSH client is missing"
    mkdir -p "$GUEST_DIR"
    bash "$HERE/guest/build.sh" "$ROOT" "$GUEST_DIR"
    build="$(sha256sum "$GUEST_DIR/guest.iso" | cut -c1-16)"
    # The snapshot must hold a boot of this very image (its keys and passwords are this build's).
    if vbox snapshot "$GUEST_VM" list --machinereadable 2>/dev/null | grep -qx "SnapshotName=\"$GUEST_SNAPSHOT\"" &&
        [ "$(vbox getextradata "$GUEST_VM" testbed/guestBuild 2>/dev/null)" = "Value: $build" ]; then
        return 0
    fi
    if vbox showvminfo "$GUEST_VM" --machinereadable >/dev/null 2>&1; then
        log "removing an incomplete $GUEST_VM"
        vbox controlvm "$GUEST_VM" poweroff >/dev/null 2>&1 || true
        stop_processes
        vbox unregistervm "$GUEST_VM" --delete >/dev/null
    fi
    log "booting the real guest once (about 5 min on an idle machine)"
    vbox createvm --name "$GUEST_VM" --ostype Linux_64 --register >/dev/null
    port="$(free_port)"
    vbox modifyvm "$GUEST_VM" --memory 256 --cpus 1 --vram 16 --boot1 dvd --boot2 none --boot3 none --boot4 none \
        --nic1 nat --nat-pf1 "ssh,tcp,127.0.0.1,$port,,22" --audio-enabled off \
        --groups /testbed
    vbox storagectl "$GUEST_VM" --name IDE --add ide
    vbox storageattach "$GUEST_VM" --storagectl IDE --port 1 --device 0 --type dvddrive --medium "$GUEST_DIR/guest.iso"
    vbox startvm "$GUEST_VM" --type headless >/dev/null
    deadline=$((SECONDS + ${VBOX_TESTBED_GUEST_BOOT_TIMEOUT:-1500}))
    until guest_ssh "$port" true 2>/dev/null; do
        if [ $SECONDS -ge $deadline ]; then
            vbox controlvm "$GUEST_VM" screenshotpng "$DATA/guest-boot-failed.png" || true
            die "the guest did not answer SSH on 127.0.0.1:$port (its screen: $DATA/guest-boot-failed.png)"
        fi
        sleep 5
    done
    log "guest answers SSH after $((SECONDS - start)) s"
    until [ -n "$ip" ]; do
        ip="$(vbox guestproperty get "$GUEST_VM" /VirtualBox/GuestInfo/Net/0/V4/IP | sed -n 's/^Value: //p')"
        [ -n "$ip" ] || { [ $SECONDS -lt $deadline ] || die "the Guest Additions never reported the guest's IP"; sleep 2; }
    done
    # Clones add their own forward after they start (two running guests cannot share a host port).
    vbox controlvm "$GUEST_VM" natpf1 delete ssh
    vbox setextradata "$GUEST_VM" testbed/guestBuild "$build"
    vbox snapshot "$GUEST_VM" take "$GUEST_SNAPSHOT" --description "The real guest, booted and logged in to nothing" >/dev/null
    vbox controlvm "$GUEST_VM" poweroff >/dev/null
    log "guest booted and kept in snapshot $GUEST_SNAPSHOT of $GUEST_VM in $((SECONDS - start)) s (IP $ip)"
}

# One `up` at a time: a second one (a suite starting while CI boots the guest in the background) waits for the first
# to finish, instead of restarting the processes of a boot in progress. flock(1) holds the lock itself (-o: the fd is
# not passed on), so VBoxSVC, Xvfb and the VM processes that `up` starts never hold it after `up` ends.
locked_up() {
    local lock="$TESTBED_DIR/.up.lock" wait="${VBOX_TESTBED_UP_WAIT:-1800}"
    [ "$(id -u)" = 0 ] || die "the testbed needs root (chroot and mounts)"
    mkdir -p "$TESTBED_DIR"
    flock -n -o "$lock" true || log "another 'up' is running (booting the real guest?); waiting for it"
    local code=0
    flock -o -w "$wait" -E 75 "$lock" bash "${BASH_SOURCE[0]}" up-holding-lock || code=$?
    [ "$code" != 75 ] || die "the other 'up' did not finish within $wait s (VBOX_TESTBED_UP_WAIT)"
    exit "$code"
}

cmd_up() {
    local start=$SECONDS
    [ "$(id -u)" = 0 ] || die "the testbed needs root (chroot and mounts)"
    [ -f "$READY_MARK" ] || build_root
    mount_all
    install_shim
    mkdir -p "$DATA/machines" "$HOME_DIR"
    restart_vboxsvc_with_other_home
    # Machines are created under the shared data folder so their paths mean the same file on both sides.
    # A VBoxSVC left wedged by an earlier run (a VM process killed while holding its session) would hang every
    # call: give it 30 s, then restart the testbed's processes once.
    if ! timeout 30 "$BIN/VBoxManage" setproperty machinefolder "$DATA/machines" >/dev/null; then
        log "VBoxSVC did not answer; restarting the testbed's processes"
        stop_processes
        timeout 60 "$BIN/VBoxManage" setproperty machinefolder "$DATA/machines" >/dev/null || die "VBoxSVC does not answer"
    fi
    ensure_guest
    log "up in $((SECONDS - start)) s"
    echo "shim: $BIN/VBoxManage"
    echo "home: $HOME_DIR"
    echo "version: $(vbox --version)"
}

cmd_status() {
    echo "dir: $TESTBED_DIR"
    echo "ready: $([ -f "$READY_MARK" ] && echo yes || echo no)"
    echo "mounts:"; mounts_under_root | sed 's/^/  /'
    echo "processes:"
    for pid in $(chroot_pids); do printf '  %s %s\n' "$pid" "$(tr '\0' ' ' <"/proc/$pid/cmdline" | cut -c1-100)"; done
}

case "${1:-}" in
    up) locked_up ;;
    up-holding-lock) cmd_up ;;
    down) teardown; log "down: nothing mounted, nothing running" ;;
    status) cmd_status ;;
    shim) echo "$BIN/VBoxManage" ;;
    guest) echo "$GUEST_DIR" ;;
    destroy) safe_remove "$TESTBED_DIR"; log "removed $TESTBED_DIR" ;;
    *) echo "usage: $0 up|down|status|shim|guest|destroy" >&2; exit 2 ;;
esac
