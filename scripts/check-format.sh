#!/bin/sh
# Checks the C formatting against .clang-format with clang-format 14.
#   scripts/check-format.sh [--fix] [FOLDER...]
# Without --fix: lists the files that differ and exits 1 if any does.
# With --fix: reformats them in place. FOLDERs default to every C folder.
# Files: tracked, or untracked and not ignored (git ls-files).
set -eu

fix=0
if [ "${1:-}" = "--fix" ]; then
	fix=1
	shift
elif [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
	sed -n '2,6s/^# \{0,1\}//p' "$0"
	exit 0
fi
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- harness common hyp-min guest-min microbench tests vbench-vmm vbench-linux

# Another major version formats differently: insist on 14, as the project does.
cf=""
for c in clang-format-14 clang-format; do
	if command -v "$c" >/dev/null 2>&1 && "$c" --version | grep -q 'version 14\.'; then
		cf=$c
		break
	fi
done
if [ -z "$cf" ]; then
	echo "check-format: clang-format 14 not found (make deps installs it)" >&2
	exit 2
fi

files=$(git ls-files --cached --others --exclude-standard -- "$@" |
	grep -E '\.[ch]$' || true)
bad=0
for f in $files; do
	[ -f "$f" ] || continue # deleted but still in the index
	if [ $fix -eq 1 ]; then
		"$cf" -i --style=file "$f"
	elif ! "$cf" --style=file "$f" | cmp -s - "$f"; then
		echo "$f"
		bad=1
	fi
done
if [ $bad -eq 1 ]; then
	echo "check-format: the files above differ from .clang-format (make format fixes them)" >&2
	exit 1
fi
