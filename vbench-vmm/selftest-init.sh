#!/bin/busybox sh
# /init of the nested KVM self-test's initramfs (vbench-vmm/vmm.mk): runs the
# self-test guest under vbench-vmm, says how it ended, and powers off.
/bin/busybox mkdir -p /dev /proc
/bin/busybox mount -t devtmpfs dev /dev
/bin/busybox mount -t proc proc /proc
echo "vmm-host: kernel $(/bin/busybox uname -r)"
/vbench-vmm --ram 0x40000000:0x1000000 --image /selftest.bin@0x40080000 \
	--uart 0x09000000 --vdev 0x0c000000 --gicv3 0x08000000:0x080a0000 --pmu --stats
echo "vmm-host: exit $?"
/bin/busybox poweroff -f
