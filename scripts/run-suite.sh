#!/bin/sh
# Runs vbench on every target and mode, then the `default` memory suite
# (bench/suites/default.suite) on every target: what `make bench` runs.
#   scripts/run-suite.sh VBENCH RESULTS "TARGETS" "MODES" [vbench run flags...]
# A mode is virt or native, virt with a world-switch policy as virt:lean or virt:full.
# Tries every run even after a failure; exits non-zero if any failed.
# Then appends the verified runs to RESULTS/history.csv and writes the report
# of the runs it made (RESULTS/report/index.html, charts in RESULTS/report/plots/).
# On a terminal it shows progress (run i of n, elapsed, estimate); not otherwise.
set -u

if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
	sed -n '2,9s/^# \{0,1\}//p' "$0"
	exit 0
fi
if [ $# -lt 4 ]; then
	echo "usage: scripts/run-suite.sh VBENCH RESULTS \"TARGETS\" \"MODES\" [vbench run flags...]" >&2
	exit 2
fi
vbench=$1
results=$2
targets=$3
modes=$4
shift 4

total=0
for t in $targets; do
	for m in $modes; do
		total=$((total + 1))
	done
done

start=$(date +%s)
tty=0
[ -t 1 ] && tty=1
i=0
ok=0
failed=""
folders=""
for t in $targets; do
	for m in $modes; do
		i=$((i + 1))
		mode=${m%%:*}
		policy=""
		[ "$mode" != "$m" ] && policy="--policy=${m#*:}"
		if [ $tty -eq 1 ]; then
			now=$(date +%s)
			el=$((now - start))
			est=""
			[ $i -gt 1 ] && est=", about $((el * (total - i + 1) / (i - 1)))s left"
			printf '[%d/%d] %s %s ... (%ss elapsed%s)\n' "$i" "$total" "$t" "$m" "$el" "$est"
		fi
		# shellcheck disable=SC2086
		if folder=$("$vbench" run --target "$t" --mode "$mode" $policy --results "$results" "$@"); then
			ok=$((ok + 1))
			folders="$folders $folder"
			echo "[$i/$total] $t $m: $folder"
		else
			failed="$failed $t/$m"
			echo "[$i/$total] $t $m: FAILED"
		fi
	done
done

# The memory suite: every configuration, virt and native, one folder each (stdout);
# vbench says on stderr how many runs it tried, failed ones included
# ("N of M runs verified", then ", in B boots" where the suite took a boot per mode).
suite_err=$(mktemp)
trap 'rm -f "$suite_err"' EXIT
for t in $targets; do
	echo "[suite default] $t ..."
	# shellcheck disable=SC2086
	if out=$("$vbench" run --suite default --target "$t" --results "$results" "$@" 2>"$suite_err"); then
		echo "[suite default] $t: $(echo "$out" | wc -l) runs"
	else
		failed="$failed $t/suite-default"
		echo "[suite default] $t: FAILED"
	fi
	cat "$suite_err" >&2
	tried=$(sed -n 's/.* of \([0-9][0-9]*\) runs verified.*/\1/p' "$suite_err")
	total=$((total + ${tried:-1}))
	for f in $out; do
		ok=$((ok + 1))
		folders="$folders $f"
	done
done

if [ -n "$folders" ]; then
	echo
	# shellcheck disable=SC2086
	"$vbench" show $folders
	echo
	# shellcheck disable=SC2086
	"$vbench" history add --file "$results/history.csv" $folders >/dev/null &&
		echo "history: $results/history.csv"
	# shellcheck disable=SC2086
	if report=$("$vbench" report --out "$results/report" $folders); then
		echo "charts: $results/report/plots/"
		echo "report: $report"
	else
		failed="$failed report"
	fi
fi
echo "$ok of $total runs verified; results in $results/"
if [ -n "$failed" ]; then
	echo "failed:$failed" >&2
	exit 1
fi
