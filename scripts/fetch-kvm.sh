#!/bin/sh
# Fetches what the nested KVM test boots, into DIR (default build/kvm): the kernel
# of Debian's current linux-image-arm64:arm64 (KVM built in; a raw Image QEMU's
# -kernel loads) and busybox-static:arm64 (the initramfs's /init). Nothing is
# installed: apt-get download + dpkg-deb -x. Needs the arm64 architecture in dpkg
# (scripts/install-deps.sh adds it). Does nothing when DIR already holds both.
# Prints DIR/vmlinuz's kernel release on success.
set -eu

dir=${1:-build/kvm}
mkdir -p "$dir"
if [ -f "$dir/vmlinuz" ] && [ -f "$dir/busybox" ] && [ -f "$dir/kernel-release" ]; then
	cat "$dir/kernel-release"
	exit 0
fi
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	echo "fetch-kvm: dpkg has no arm64 architecture: run scripts/install-deps.sh as root" >&2
	exit 1
fi
# linux-image-arm64 is a metapackage: the kernel is the package it depends on.
image=$(apt-cache depends linux-image-arm64:arm64 | sed -n 's/^ *Depends: \(linux-image-[0-9].*-arm64\)\(:arm64\)\{0,1\}$/\1/p' | head -n 1)
if [ -z "$image" ]; then
	echo "fetch-kvm: apt-cache knows no linux-image-arm64:arm64 (apt-get update after adding arm64?)" >&2
	exit 1
fi
tmp=$(mktemp -d)

trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get download -q -o APT::Sandbox::User=root "$image:arm64" busybox-static:arm64 >/dev/null)
for deb in "$tmp"/*.deb; do
	dpkg-deb -x "$deb" "$tmp/x"
done
release=${image#linux-image-}
if [ ! -f "$tmp/x/boot/vmlinuz-$release" ] || [ ! -f "$tmp/x/bin/busybox" ]; then
	echo "fetch-kvm: $image or busybox-static lacks the expected file" >&2
	exit 1
fi
# Written last, so an interrupted fetch is never taken for a finished one.
cp "$tmp/x/boot/vmlinuz-$release" "$dir/vmlinuz"
cp "$tmp/x/bin/busybox" "$dir/busybox"
echo "$release" >"$dir/kernel-release"
cat "$dir/kernel-release"
