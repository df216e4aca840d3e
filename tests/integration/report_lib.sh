# report_lib.sh: shared by tests/integration/report_*.sh (sourced, not run): locations, the
# command under test and flat TAP helpers for Automake's TAP driver.
SRC=${DLT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${DLT_BUILD_DIR:-$(pwd)}
DATA="$SRC/tests/data/results"
OUT="$BUILD/tests/out/report"
mkdir -p "$OUT"

# The real dlt-interop when it is built and knows the report commands, else the stand-in.
if [ -n "${DLT_INTEROP:-}" ]; then
	CLI=$DLT_INTEROP
elif [ -x "$BUILD/dlt-interop" ] && "$BUILD/dlt-interop" report --help >/dev/null 2>&1; then
	CLI="$BUILD/dlt-interop"
else
	CLI="$BUILD/tests/unit/test_report_cli"
fi

n=0
failed=0
ok() {	# ok CONDITION-EXIT-STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}
skip() {	# skip DESCRIPTION REASON
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}
finish() {
	echo "1..$n"
	[ "$failed" -eq 0 ]
}
