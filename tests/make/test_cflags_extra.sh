#!/bin/sh
# HARNESS_CFLAGS_EXTRA reaches every harness and host-test compile and link line
# (HARNESS_CFLAGS was assigned, so a user's flags were lost), and SANITIZE=1
# builds elsewhere than build/. Reads make's plan (-n), builds nothing.
#   tests/make/test_cflags_extra.sh SOURCE_ROOT
set -u
cd "$1" || exit 1
flag=-DVB_TEST_EXTRA_FLAG
plan=$(make -n -B HARNESS_CFLAGS_EXTRA=$flag BUILD=/nonexistent/b \
	/nonexistent/b/harness/base/util.o /nonexistent/b/tests/unit/base/test_stats \
	/nonexistent/b/bin/vbench 2>&1)
status=0
for what in 'HOSTCC /nonexistent/b/harness/base/util.o' \
	'HOSTCC /nonexistent/b/tests/unit/base/test_stats' 'HOSTCC /nonexistent/b/bin/vbench'; do
	# the command that prints what is built runs its compiler too
	line=$(printf '%s\n' "$plan" | grep -F "$what" | tail -n 1)
	case "$line" in
	*"$flag"*) ;;
	*)
		echo "FAIL: $what: no $flag in: $line" >&2
		status=1
		;;
	esac
done
san=$(make -n -B SANITIZE=1 harness 2>&1 | grep -c 'build-san/harness/.*-fsanitize=address,undefined')
if [ "$san" -eq 0 ]; then
	echo "FAIL: make SANITIZE=1 does not compile into build-san/ with -fsanitize" >&2
	status=1
fi
exit $status
