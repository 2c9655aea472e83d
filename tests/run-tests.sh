#!/bin/sh
# Runs every test program under BUILD/tests/ (cmocka binaries, with TAP output),
# prints one line per test case and ends with exactly "N passed, N failed"
# (", N skipped" added when a test said why it could not check on this platform).
# A program that crashes, hangs or fails without naming a case counts as one
# failed test, named after the program. Exit status: 0 only if nothing failed.
set -u

case "${1:-}" in
-h | --help)
	echo "usage: tests/run-tests.sh BUILD   (runs BUILD/tests/**; make test-bins builds them)"
	exit 0
	;;
esac
if [ $# -ne 1 ]; then
	echo "usage: tests/run-tests.sh BUILD" >&2
	exit 2
fi
dir="$1/tests"
# The integration tests run this build's vbench.
VBENCH="$(cd "$1" && pwd)/bin/vbench"
export VBENCH
limit=${TEST_TIMEOUT:-600}
passed=0
failed=0
skipped=0
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

progs=$(find "$dir" -type f -perm -u+x 2>/dev/null | sort)
if [ -z "$progs" ]; then
	echo "run-tests: no test programs under $dir (run make test-bins)" >&2
	echo "0 passed, 1 failed"
	exit 1
fi

for prog in $progs; do
	name=${prog#"$dir"/}
	CMOCKA_MESSAGE_OUTPUT=TAP timeout -k 10 "$limit" "$prog" >"$out" 2>"$err" </dev/null
	rc=$?
	# "ok 3 - case" / "not ok 3 - case" / "not ok 3 # SKIP case"; "# ..." lines
	# after a failure say why, the one before a skip says why not.
	# The last line awk prints is "<passed> <failed> <skipped>" for this program.
	report=$(awk -v name="$name" '
		/^ok [0-9]+ - / { sub(/^ok [0-9]+ - /, ""); print "PASS " name ": " $0; p++; f_on = 0; next }
		/^not ok [0-9]+ # SKIP / { sub(/^not ok [0-9]+ # SKIP /, "");
			print "SKIP " name ": " $0 (why != "" ? ": " why : ""); s++; f_on = 0; next }
		/^not ok [0-9]+ - / { sub(/^not ok [0-9]+ - /, ""); print "FAIL " name ": " $0; f++; f_on = 1; next }
		/^# (not )?ok - / { next }
		/^# / && f_on { print "     " substr($0, 3); next }
		/^# / { why = substr($0, 3); next }
		/^[0-9]+\.\.[0-9]+$/ { next }
		{ why = $0 }
		END { print p + 0, f + 0, s + 0 }
	' "$out")
	printf '%s\n' "$report" | sed '$d'
	set -- $(printf '%s\n' "$report" | tail -n 1)
	p=$1
	f=$2
	s=$3
	skipped=$((skipped + s))
	why=""
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		why="timed out after $limit s"
	elif [ "$rc" -gt 128 ]; then
		why="crashed (signal $((rc - 128)))"
	elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		why="exited with status $rc"
	elif [ "$rc" -eq 0 ] && [ "$p" -eq 0 ] && [ "$f" -eq 0 ] && [ "$s" -eq 0 ]; then
		p=1 # not a cmocka program: its exit status is its verdict
		echo "PASS $name"
	fi
	if [ -n "$why" ]; then
		echo "FAIL $name: $why"
		f=$((f + 1))
	fi
	if [ "$f" -gt 0 ] && [ -s "$err" ]; then
		sed 's/^/     /' "$err"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done

if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
