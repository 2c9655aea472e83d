#!/bin/busybox sh
# /init of the nested KVM test's initramfs (vbench-vmm/initramfs.sh): runs
# /vbench-vmm with the arguments in /vmm.args (one line), says how it ended,
# and powers off.
/bin/busybox mkdir -p /dev /proc /sys
/bin/busybox mount -t devtmpfs dev /dev
/bin/busybox mount -t proc proc /proc
# sysfs: vbench-vmm reports the host's transparent_hugepage setting
/bin/busybox mount -t sysfs sys /sys
echo "vmm-host: kernel $(/bin/busybox uname -r)"
# shellcheck disable=SC2046 # the arguments are words, no quoting
/vbench-vmm $(/bin/busybox cat /vmm.args)
echo "vmm-host: exit $?"
/bin/busybox poweroff -f
