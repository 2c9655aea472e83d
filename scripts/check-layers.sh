#!/bin/sh
# Checks that harness/ follows the flow of a number (docs/design.md, "vbench"):
# a folder includes headers of its own folder and of the folders below it,
# never of one above. Each line of LAYERS is a folder and what it may include.
# Prints every offending #include and exits 1; exits 0 quietly otherwise.
set -eu

case "${1:-}" in
-h | --help)
	echo "usage: scripts/check-layers.sh   (from the source root; make test runs it)"
	exit 0
	;;
esac
cd "$(dirname "$0")/.."

LAYERS='
base:
records: base
launch: base records
results: base records
analysis: base records results
output: base records results analysis
cli: base records launch results analysis output
'

status=0
for dir in harness/*/; do
	folder=$(basename "$dir")
	line=$(printf '%s\n' "$LAYERS" | grep "^$folder:" || true)
	if [ -z "$line" ]; then
		echo "check-layers: harness/$folder/ is not in scripts/check-layers.sh's LAYERS" >&2
		status=1
		continue
	fi
	allowed=" ${line#*:} "
	for f in "$dir"*.c "$dir"*.h; do
		[ -e "$f" ] || continue
		# '#include "x/y.h"' names the folder x; a bare name must be in this folder
		grep -n '^#include "' "$f" | while IFS= read -r inc; do
			name=$(printf '%s\n' "$inc" | sed 's/.*#include "\([^"]*\)".*/\1/')
			case "$name" in
			*/*)
				to=${name%%/*}
				case "$name" in vb/*) continue ;; esac # common/include: the images' shared code
				case "$allowed" in
				*" $to "*) ;;
				*)
					echo "$f:${inc%%:*}: includes $name: harness/$folder/ may include only its own folder and:${line#*:}" >&2
					exit 1
					;;
				esac
				;;
			*)
				if [ ! -e "$dir$name" ]; then
					echo "$f:${inc%%:*}: includes \"$name\", not in harness/$folder/: name its folder" >&2
					exit 1
				fi
				;;
			esac
		done || status=1
	done
done
exit $status
