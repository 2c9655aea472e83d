#!/bin/sh
# Runs one fuzz target for SECONDS from the seed corpus SEEDS.
#   tests/fuzz/run.sh FUZZER SEEDS SECONDS [WORK]
# New inputs go to WORK/corpus (a temporary folder, removed, when WORK is not
# given: a smoke run leaves nothing), crashes to WORK/crashes/ (kept: the input
# is the start of a unit test). Exit status: 0 if nothing crashed, leaked or hung.
set -u

if [ $# -lt 3 ] || [ $# -gt 4 ]; then
	echo "usage: tests/fuzz/run.sh FUZZER SEEDS SECONDS [WORK]" >&2
	exit 2
fi
fuzzer=$1
seeds=$2
seconds=$3
name=$(basename "$fuzzer")
if [ $# -eq 4 ]; then
	work=$4
	keep=1
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/vbench-fuzz-$name-XXXXXX")
	keep=0
fi
mkdir -p "$work/corpus" "$work/crashes"
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	-artifact_prefix="$work/crashes/" "$work/corpus" "$seeds" >"$work/log" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
	tail -n 60 "$work/log" >&2
	echo "fuzz: $name failed (status $rc); the input is in $work/crashes/" >&2
	keep=1
else
	echo "fuzz: $name: $(grep -o 'Done [0-9]* runs in [0-9]* second(s)' "$work/log" | tail -n 1)"
fi
[ $keep -eq 1 ] || rm -rf "$work"
exit $rc
