#!/usr/bin/env bash
# Builds the testbed's real Linux guest: a boot ISO (kernel + an initramfs that stays in RAM) made only from Debian sid
# packages, with SSH (dropbear), the Guest Additions service (VBoxService) and ACPI shutdown. No disk.
#
#   build.sh ROOT OUT    ROOT: the testbed's sid chroot (mounted); OUT: a folder that is the same path inside ROOT
#
# Idempotent: does nothing when OUT/guest.iso and OUT/versions.txt exist. Writes, in OUT:
#   guest.iso                 the boot medium
#   versions.txt              the Debian package versions it was made of
#   id_ed25519, id_ed25519.pub  the test key pair (authorised for root and for the user)
#   known_hosts               the guest's SSH host key, as a known_hosts line for host [127.0.0.1]:* (see guest.ts)
#   credentials.json          user names and passwords of this build (generated, never committed)
# Traps avoided (docs/architecture.md, testbed): no VBoxService --logfile; /dev/vboxuser 0666; libcrypt copied for
# VBoxService's run-time dlopen; module signatures stripped; a kernel command line that skips costly checks.
set -euo pipefail

ROOT="$1"
OUT="$2"
log() { printf 'guest: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
in_root() { chroot "$ROOT" env LC_ALL=C DEBIAN_FRONTEND=noninteractive "$@"; }

[ -f "$OUT/guest.iso" ] && [ -f "$OUT/versions.txt" ] && [ -f "$OUT/credentials.json" ] && exit 0
[ -d "$ROOT$OUT" ] || die "$OUT is not visible at the same path inside the chroot"

start=$SECONDS
WORK="$OUT/build"
rm -rf --one-file-system "$WORK"
mkdir -p "$WORK/debs" "$WORK/x" "$WORK/initrd" "$WORK/iso/isolinux"

# Tools that build the image, inside the chroot (the host stays untouched).
log "installing the image tools in the chroot"
in_root apt-get install -y --no-install-recommends xorriso isolinux syslinux-common cpio xz-utils openssh-client \
    >"$OUT/apt.log" 2>&1 || die "apt-get install failed, see $OUT/apt.log"

kernel_pkg="$(in_root apt-cache depends linux-image-amd64 | sed -n 's/^ *Depends: \(linux-image-[0-9].*-amd64\)$/\1/p' | head -n 1)"
[ -n "$kernel_pkg" ] || die "cannot resolve linux-image-amd64 to a kernel version"
kver="${kernel_pkg#linux-image-}"
PACKAGES=(busybox-static dropbear-bin libtomcrypt1 libtommath1 virtualbox-guest-utils "linux-binary-$kver" "linux-modules-$kver")
log "downloading ${PACKAGES[*]}"
chroot "$ROOT" sh -c "cd '$WORK/debs' && apt-get download $(printf '%q ' "${PACKAGES[@]}")" \
    >>"$OUT/apt.log" 2>&1 || die "apt-get download failed, see $OUT/apt.log"
for deb in "$WORK"/debs/*.deb; do in_root dpkg-deb -x "$deb" "$WORK/x"; done
: >"$WORK/versions.txt"
for deb in "$WORK"/debs/*.deb; do
    in_root dpkg-deb -W --showformat='${Package} ${Version}\n' "$deb" >>"$WORK/versions.txt"
done

I="$WORK/initrd"
mkdir -p "$I"/{bin,sbin,etc/init.d,etc/acpi/PWRF,etc/dropbear,proc,sys,dev,tmp,run,var/log,root/.ssh,home/vbox/.ssh,lib/modules,usr/bin,usr/sbin,usr/share/udhcpc}
found() { find "$WORK/x" -name "$1" -type f -perm -u+x | head -n 1; }
cp "$(found busybox)" "$I/bin/busybox"
chmod 0755 "$I/bin/busybox"
applets="$(in_root "$I/bin/busybox" --list)" || die "busybox does not run"
for applet in $applets; do
    [ -e "$I/bin/$applet" ] || ln -s busybox "$I/bin/$applet"
done
ln -sf ../bin/busybox "$I/sbin/init"
ln -sf bin/busybox "$I/init"
cp "$(found dropbear)" "$I/usr/sbin/dropbear"
cp "$(found VBoxService)" "$(found VBoxControl)" "$I/usr/bin/"
[ -x "$I/usr/bin/VBoxService" ] && [ -x "$I/usr/bin/VBoxControl" ] || die "VBoxService or VBoxControl not found"

# Every shared library the binaries need (resolved inside the chroot, the extracted packages first), plus libcrypt,
# which VBoxService opens at run time.
libdirs="$WORK/x/usr/lib/x86_64-linux-gnu:$WORK/x/lib/x86_64-linux-gnu"
copy_lib() {
    local lib="$1" src="$1"
    [ -e "$ROOT$src" ] || return 0
    mkdir -p "$I$(dirname "${lib#$WORK/x}")"
    cp -L "$ROOT$src" "$I${lib#$WORK/x}"
}
for bin in "$I/usr/sbin/dropbear" "$I/usr/bin/VBoxService" "$I/usr/bin/VBoxControl"; do
    in_root env LD_LIBRARY_PATH="$libdirs" ldd "$bin" | awk '/=> \// {print $3} /^\t\/[^ ]+ \(/ {print $1}' |
        while read -r lib; do copy_lib "$lib"; done
done
for lib in $(in_root sh -c 'ls /usr/lib/x86_64-linux-gnu/libcrypt.so.1*'); do copy_lib "$lib"; done
[ -e "$I/lib64/ld-linux-x86-64.so.2" ] || die "the dynamic loader was not copied"

# Kernel modules: uncompressed, their signatures stripped (checking one costs about 25 s of emulated CPU).
moddir="$WORK/x/lib/modules/$kver/kernel"
[ -d "$moddir" ] || moddir="$WORK/x/usr/lib/modules/$kver/kernel"
for mod in drivers/net/ethernet/intel/e1000/e1000 drivers/virt/vboxguest/vboxguest drivers/acpi/button drivers/input/evdev; do
    base="$(basename "$mod")"
    if [ -f "$moddir/$mod.ko.xz" ]; then xz -dc "$moddir/$mod.ko.xz" >"$I/lib/modules/$base.ko"
    elif [ -f "$moddir/$mod.ko.zst" ]; then in_root zstd -dcq "$moddir/$mod.ko.zst" >"$I/lib/modules/$base.ko"
    elif [ -f "$moddir/$mod.ko" ]; then cp "$moddir/$mod.ko" "$I/lib/modules/$base.ko"
    else die "kernel module $mod not found in linux-modules-$kver"; fi
    python3 - "$I/lib/modules/$base.ko" <<'PY'
import struct, sys
path = sys.argv[1]
data = open(path, 'rb').read()
marker = b'~Module signature appended~\n'
if data.endswith(marker):
    sig_len = struct.unpack('>I', data[-len(marker) - 4:-len(marker)])[0]
    data = data[:len(data) - len(marker) - 12 - sig_len]
    open(path, 'wb').write(data)
PY
done

# Accounts: root and an unprivileged user, fresh passwords per build; SHA-512 crypt with the fewest rounds (every
# login and guest-control session pays for the hashing on an interpreted CPU).
root_pw="$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 14)"
user_pw="$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 14)"
# The password reaches perl on stdin, never as an argument (other processes can read argument lists).
hash() {
    printf '%s' "$1" | in_root perl -e 'my $pw = <STDIN>; print crypt($pw, "\$6\$rounds=1000\$" . $ARGV[0] . "\$")' \
        "$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
}
cat >"$I/etc/passwd" <<EOF
root:x:0:0:root:/root:/bin/sh
vbox:x:1000:1000:Test user:/home/vbox:/bin/sh
EOF
cat >"$I/etc/group" <<EOF
root:x:0:
vbox:x:1000:
EOF
printf 'root:%s:19000:0:99999:7:::\nvbox:%s:19000:0:99999:7:::\n' "$(hash "$root_pw")" "$(hash "$user_pw")" >"$I/etc/shadow"
chmod 0600 "$I/etc/shadow"
echo /bin/sh >"$I/etc/shells"
printf 'vscode-virtualbox test guest (Debian sid packages, busybox) \\n \\l\n\n' >"$I/etc/issue"
echo vbox-guest >"$I/etc/hostname"
printf '127.0.0.1 localhost vbox-guest\n' >"$I/etc/hosts"

rm -f "$WORK/id_ed25519" "$WORK/id_ed25519.pub"
in_root ssh-keygen -q -t ed25519 -N '' -C "vscode-virtualbox testbed guest" -f "$WORK/id_ed25519"
cp "$WORK/id_ed25519.pub" "$I/root/.ssh/authorized_keys"
cp "$WORK/id_ed25519.pub" "$I/home/vbox/.ssh/authorized_keys"
chmod 0700 "$I/root" "$I/root/.ssh" "$I/home/vbox" "$I/home/vbox/.ssh"
chmod 0600 "$I/root/.ssh/authorized_keys" "$I/home/vbox/.ssh/authorized_keys"
chown -R 1000:1000 "$I/home/vbox"
# The host key is made here, not at boot: key generation costs emulated CPU, and tests can then check it.
dropbearkey="$(found dropbearkey)"
in_root env LD_LIBRARY_PATH="$libdirs" "$dropbearkey" -t ed25519 -f "$I/etc/dropbear/dropbear_ed25519_host_key" >/dev/null 2>&1
host_pub="$(in_root env LD_LIBRARY_PATH="$libdirs" "$dropbearkey" -y -f "$I/etc/dropbear/dropbear_ed25519_host_key" | grep '^ssh-ed25519' | cut -d' ' -f1,2)"
[ -n "$host_pub" ] || die "could not read the guest's host key"

cat >"$I/etc/inittab" <<'EOF'
::sysinit:/etc/init.d/rcS
tty1::respawn:/bin/getty 38400 tty1
::respawn:/usr/sbin/dropbear -F -p 22 -r /etc/dropbear/dropbear_ed25519_host_key
::respawn:/bin/sh -c 'exec /usr/bin/VBoxService --foreground >/dev/null 2>&1'
::ctrlaltdel:/bin/poweroff
::shutdown:/bin/sh -c 'kill -TERM -1; sleep 1; sync'
EOF
cat >"$I/etc/init.d/rcS" <<'EOF'
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mkdir -p /dev/pts && mount -t devpts devpts /dev/pts
mount -t tmpfs tmp /tmp
mount -t tmpfs run /run
hostname -F /etc/hostname
for m in e1000 vboxguest button evdev; do insmod /lib/modules/$m.ko; done
# Without udev nobody sets this: guest-control sessions of a normal user must open it.
[ -e /dev/vboxuser ] && chmod 0666 /dev/vboxuser
ip link set lo up
ip link set eth0 up
udhcpc -b -i eth0 -s /usr/share/udhcpc/default.script -q -t 10 -T 2
syslogd
acpid
# dropbear and VBoxService are started (and restarted should they end) by init: see /etc/inittab. dropbear logs to
# syslog and VBoxService's output goes nowhere, so the console shows the login prompt. VBoxService runs without
# --logfile: the per-user guest-control session process would fail to log next to it and die (its messages reach the
# host's VBox.log anyway).
EOF
cat >"$I/usr/share/udhcpc/default.script" <<'EOF'
#!/bin/sh
case "$1" in
    bound|renew)
        ip addr flush dev "$interface"
        ip addr add "$ip/${mask:-24}" dev "$interface"
        for r in $router; do ip route add default via "$r" dev "$interface"; done
        : >/etc/resolv.conf
        for d in $dns; do echo "nameserver $d" >>/etc/resolv.conf; done
        ;;
esac
EOF
printf '#!/bin/sh\npoweroff\n' >"$I/etc/acpi/PWRF/00000080"
chmod 0755 "$I/etc/init.d/rcS" "$I/usr/share/udhcpc/default.script" "$I/etc/acpi/PWRF/00000080"
chmod 1777 "$I/tmp"

log "packing the initramfs"
(cd "$I" && find . | in_root sh -c "cd '$I' && cpio -o -H newc --quiet") >"$WORK/iso/initrd.img"
vmlinuz="$WORK/x/boot/vmlinuz-$kver"
[ -f "$vmlinuz" ] || vmlinuz="$WORK/x/usr/lib/modules/$kver/vmlinuz"
cp "$vmlinuz" "$WORK/iso/vmlinuz"
cp "$ROOT/usr/lib/ISOLINUX/isolinux.bin" "$ROOT/usr/lib/syslinux/modules/bios/ldlinux.c32" "$WORK/iso/isolinux/"
cat >"$WORK/iso/isolinux/isolinux.cfg" <<'EOF'
DEFAULT linux
PROMPT 0
TIMEOUT 0
LABEL linux
  KERNEL /vmlinuz
  APPEND initrd=/initrd.img rodata=off mitigations=off nokaslr init_on_alloc=0 page_alloc.shuffle=0 cryptomgr.notests audit=0 kfence.sample_interval=0 nowatchdog ipv6.disable=1 transparent_hugepage=never sysctl.kernel.hung_task_timeout_secs=0 console=tty0 quiet
EOF
in_root xorriso -as mkisofs -quiet -o "$WORK/guest.iso" -b isolinux/isolinux.bin -c isolinux/boot.cat \
    -no-emul-boot -boot-load-size 4 -boot-info-table -V VBOXGUEST "$WORK/iso" || die "xorriso failed"

# Publish the results last, so that an interrupted build is rebuilt.
install -m 0600 "$WORK/id_ed25519" "$OUT/id_ed25519"
install -m 0644 "$WORK/id_ed25519.pub" "$OUT/id_ed25519.pub"
echo "$host_pub" >"$OUT/host_key.pub"
cp "$WORK/versions.txt" "$OUT/versions.txt"
printf '{"root":{"user":"root","password":"%s"},"user":{"user":"vbox","password":"%s"},"hostname":"vbox-guest"}\n' \
    "$root_pw" "$user_pw" >"$OUT/credentials.json"
chmod 0600 "$OUT/credentials.json"
mv "$WORK/guest.iso" "$OUT/guest.iso"
rm -rf --one-file-system "$WORK"
log "built $(du -h "$OUT/guest.iso" | cut -f1) guest.iso from $(wc -l <"$OUT/versions.txt") packages in $((SECONDS - start)) s"
