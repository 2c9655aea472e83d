#!/bin/sh
# Builds a gzipped newc initramfs: OUT BUSYBOX INIT [FILE...]
# busybox as /bin/busybox, INIT as /init, each FILE at the root under its own name.
set -eu

if [ $# -lt 3 ]; then
	echo "usage: vbench-vmm/initramfs.sh OUT BUSYBOX INIT [FILE...]" >&2
	exit 2
fi
out=$1 busybox=$2 init=$3
shift 3
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin"
cp "$busybox" "$root/bin/busybox"
cp "$init" "$root/init"
chmod 755 "$root/init" "$root/bin/busybox"
for f in "$@"; do
	cp "$f" "$root/"
done
# Fixed owner, times and inode numbers: the same inputs give the same archive.
find "$root" -exec touch -h -d @0 {} +
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --reproducible --quiet) | gzip -n -9 >"$out.tmp"
mv "$out.tmp" "$out"
