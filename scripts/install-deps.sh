#!/bin/sh
# Installs the Debian 12 packages the suite needs, and only those missing.
# (clang-14 with libclang-rt-14-dev: libFuzzer and the sanitizers' runtimes for tests/fuzz/;
# the arm64 cross libc and cpio: vbench-vmm and the nested KVM test's initramfs; dpkg's arm64
# architecture: scripts/fetch-kvm.sh downloads Debian's arm64 kernel and busybox; the armhf
# cross toolchain and libc: vbench-linux for 32-bit boards; linux-perf: the perf-ingest test;
# u-boot-qemu: the U-Boot that qemu-a72-uboot boots as -bios; device-tree-compiler: dtc builds
# the device tree of vbench-vmm's Linux guest, vbench-vmm/linux-guest.sh.)
# As root it installs them; otherwise it prints the exact command and fails,
# so `make bench` never half-runs on a machine that lacks a tool.
set -eu

PACKAGES="make gcc libc6-dev pkg-config gcc-arm-none-eabi \
gcc-aarch64-linux-gnu qemu-system-arm libcsv-dev zlib1g-dev libisal-dev libcmocka-dev gnuplot-nox \
clang-format chromium libyaml-dev lava-dispatcher clang-14 libclang-rt-14-dev \
libc6-dev-arm64-cross linux-libc-dev-arm64-cross cpio u-boot-qemu \
gcc-arm-linux-gnueabihf libc6-dev-armhf-cross linux-libc-dev-armhf-cross linux-perf \
device-tree-compiler"

has_arm64() {
	dpkg --print-foreign-architectures | grep -qx arm64
}

if ! has_arm64; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "install-deps: dpkg lacks the arm64 architecture (for scripts/fetch-kvm.sh)" >&2
		echo "install-deps: run as root:  dpkg --add-architecture arm64 && apt-get update" >&2
		exit 1
	fi
	echo "install-deps: adding dpkg's arm64 architecture"
	dpkg --add-architecture arm64
	apt-get update -q
fi

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: missing packages:$missing" >&2
	echo "install-deps: run as root:  apt-get install -y$missing" >&2
	exit 1
fi

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
