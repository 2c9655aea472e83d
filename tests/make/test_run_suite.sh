#!/bin/sh
# make bench's last line counts every run tried: scripts/run-suite.sh with a
# stand-in vbench whose suites report "N of M runs verified, in B boots" (the
# count was lost once the line grew its boots, and make bench said
# "43 of 12 runs verified").
#   tests/make/test_run_suite.sh SOURCE_ROOT
set -u
root=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/vbench" <<'VB'
#!/bin/sh
# run --suite default --target T: ta verifies 3 of 3, tb 1 of 2 (exit 1)
# run --target T --mode M: one folder; show, history, report: succeed
case "$1 $2" in
"run --suite")
	if [ "$5" = ta ]; then
		printf 'r/ta-1\nr/ta-2\nr/ta-3\n'
		echo "vbench: suite default on ta: 3 of 3 runs verified, in 2 boots" >&2
		exit 0
	fi
	printf 'r/tb-1\n'
	echo "vbench: suite default on tb: 1 of 2 runs verified, in 3 boots" >&2
	exit 1
	;;
"run --target") echo "r/$3-$5" ;;
"report --out") echo "$3/index.html" ;;
esac
exit 0
VB
chmod +x "$tmp/vbench"
out=$("$root/scripts/run-suite.sh" "$tmp/vbench" "$tmp/results" "ta tb" "virt native" 2>/dev/null)
status=$?
last=$(printf '%s\n' "$out" | tail -n 1)
want="8 of 9 runs verified; results in $tmp/results/"
if [ "$last" != "$want" ]; then
	echo "FAIL: last line '$last', want '$want'" >&2
	exit 1
fi
if [ $status -eq 0 ]; then
	echo "FAIL: a suite run failed but run-suite.sh exited 0" >&2
	exit 1
fi
exit 0
