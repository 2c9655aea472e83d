#!/bin/sh
# Benchmark of the host tools (issue 15): generates large inputs synthetically
# (vb-genlog: records with valid CRCs and statistics), runs vbench on them and
# prints, per command, records/s, peak RSS and seconds; exits 1 if a target is missed.
#   bench/harness/perf.sh VBENCH GENLOG [WORKDIR]     (make perf)
# Targets: parse >= 1,000,000 records/s, its peak RSS the same with 4x the samples;
# analyze, plot and report over 1,000 run folders in < 5 s each.
# Seconds are CPU seconds (user + system, gnuplot included): on a shared machine
# wall time measures the neighbours; wall time is printed too. Env: PERF_RECORDS
# (parse log size, default 1000000), PERF_FOLDERS (default 1000).
set -u

if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
	sed -n '2,10s/^# \{0,1\}//p' "$0"
	exit 0
fi
if [ $# -lt 2 ]; then
	echo "usage: bench/harness/perf.sh VBENCH GENLOG [WORKDIR]" >&2
	exit 2
fi
vbench=$1
genlog=$2
# tmpfs when there is one: the benchmark measures vbench, not the disk
base=${3:-$([ -w /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")}
records=${PERF_RECORDS:-1000000}
folders=${PERF_FOLDERS:-1000}
work=$(mktemp -d "$base/vbench-perf.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
trap 'exit 2' INT TERM HUP PIPE # the EXIT trap then removes the inputs too
failed=0

# measure NAME CMD...: runs CMD under /usr/bin/time; sets cpu, wall, rss (KiB)
measure() {
	name=$1
	shift
	if ! /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >"$work/out" 2>"$work/err"; then
		echo "perf: $name failed:" >&2
		cat "$work/err" >&2
		exit 1
	fi
	# shellcheck disable=SC2046 # four numbers, split on purpose
	set -- $(tail -n 1 "$work/time")
	wall=$1
	cpu=$(awk -v u="$2" -v s="$3" 'BEGIN { printf "%.2f", u + s }')
	rss=$4
}

# verdict NAME OK(1/0) TEXT
verdict() {
	if [ "$2" = 1 ]; then
		printf '%-8s %s  ok\n' "$1" "$3"
	else
		printf '%-8s %s  MISSED\n' "$1" "$3"
		failed=1
	fi
}

# --- vbench parse: rate and memory ---
rows=$((records / 64)) # 1000 samples a row: 63 samples records and one result
"$genlog" --rows "$rows" --n 1000 >"$work/big.log" || exit 1
n=$(grep -c '^@vb1' "$work/big.log")
measure parse "$vbench" parse "$work/big.log" --samples --out "$work/parsed"
rate=$(awk -v n="$n" -v c="$cpu" 'BEGIN { printf "%d", (c > 0 ? n / c : n * 100) }')
verdict parse "$([ "$rate" -ge 1000000 ] && echo 1 || echo 0)" \
	"$(printf '%d records in %.2f s CPU (%.2f s wall): %d records/s, target 1000000; peak RSS %d KiB; samples.csv %d MB' \
		"$n" "$cpu" "$wall" "$rate" "$rss" "$(($(stat -c %s "$work/parsed/samples.csv") / 1000000))")"
rm -rf "$work/parsed" "$work/big.log"

# the same results with 4x the samples each: memory must not follow
"$genlog" --rows 1000 --n 1000 >"$work/a.log" && "$genlog" --rows 1000 --n 4000 >"$work/b.log" || exit 1
measure parse "$vbench" parse "$work/a.log" --samples --out "$work/a"
rss1=$rss
measure parse "$vbench" parse "$work/b.log" --samples --out "$work/b"
verdict memory "$([ "$rss" -le $((rss1 + 2048)) ] && echo 1 || echo 0)" \
	"$(printf 'peak RSS %d KiB for 1000 rows of 1000 samples, %d KiB of 4000: bound within 2 MiB' "$rss1" "$rss")"
rm -rf "$work/a" "$work/b" "$work/a.log" "$work/b.log"

# --- analyze, plot, report over run folders shaped like make bench's ---
# per target: virt lean, virt full, native (29 rows, 1000 samples each), then
# the memory suite's configurations (9 rows, 20 samples each), as results/ grows
runs="$work/runs"
mkdir -p "$runs"
i=0
set_no=0
while [ $i -lt "$folders" ]; do
	set_no=$((set_no + 1))
	for t in qemu-a15 qemu-a53 qemu-a72; do
		for m in virt:lean virt:full native; do
			[ $i -ge "$folders" ] && break
			mode=${m%%:*}
			pol=${m#*:}
			[ "$pol" = "$m" ] && pol=lean
			"$genlog" --target $t --mode "$mode" --policy "$pol" --clock icount --n 1000 \
				--seed $i >"$work/run.log" &&
				"$vbench" parse "$work/run.log" --samples \
					--out "$runs/$(printf '2026%04d' $set_no)-$t-$mode-$pol" >/dev/null || exit 1
			i=$((i + 1))
		done
		for c in 4k:4k 4k-2m:4k-2m 64k:64k 4k:64k 64k:4k 4k-2m:4k; do
			for mode in virt native; do
				[ $i -ge "$folders" ] && break
				[ $mode = native ] && [ "${c#*:}" != 4k ] && continue
				"$genlog" --target $t --mode $mode --clock icount --rows memory --n 20 \
					--config $c --seed $i >"$work/run.log" &&
					"$vbench" parse "$work/run.log" --samples \
						--out "$runs/$(printf '2026%04d' $set_no)-$t-$mode-$(echo $c | tr : _)" \
						>/dev/null || exit 1
				i=$((i + 1))
			done
		done
	done
done
rm -f "$work/run.log"
for cmd in analyze plot report; do
	case $cmd in
	analyze) measure analyze "$vbench" analyze --out "$work/analysis.csv" "$runs" ;;
	*) measure $cmd "$vbench" $cmd --out "$work/$cmd" "$runs" ;;
	esac
	verdict $cmd "$(awk -v c="$cpu" 'BEGIN { print (c < 5) ? 1 : 0 }')" \
		"$(printf '%d run folders in %.2f s CPU (%.2f s wall), target < 5 s; peak RSS %d KiB' \
			"$folders" "$cpu" "$wall" "$rss")"
done
[ $failed = 0 ] && echo "perf: every target met" || echo "perf: a target was missed"
exit $failed
