#!/bin/busybox sh
# /init of `vbench run --mode linux`'s initramfs on QEMU (docs/linux.md), on the
# nested host kernel or (--guest kvm) in vbench-vmm's KVM guest: the
# file systems vbench-linux reads, hugetlbfs pages reserved, then
# /vbench-linux-arm64 with the arguments in /vl.args (one line); powers off.
bb=/bin/busybox
$bb mkdir -p /dev /proc /sys
$bb mount -t devtmpfs dev /dev
$bb mkdir -p /dev/hugepages
$bb mount -t proc proc /proc
$bb mount -t sysfs sys /sys
$bb mount -t hugetlbfs none /dev/hugepages
for pool in 2048kB:8 64kB:128; do
	f=/sys/kernel/mm/hugepages/hugepages-${pool%:*}/nr_hugepages
	[ -w "$f" ] && echo "${pool#*:}" >"$f"
done
echo "vbench-linux-init: kernel $($bb uname -r)"
echo "vbench-linux-init: thp $($bb cat /sys/kernel/mm/transparent_hugepage/enabled) defrag $($bb cat /sys/kernel/mm/transparent_hugepage/defrag)"
# shellcheck disable=SC2046 # the arguments are words, no quoting
/vbench-linux-arm64 $($bb cat /vl.args)
echo "vbench-linux-init: exit $?"
$bb poweroff -f
