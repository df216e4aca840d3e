#!/bin/sh
# run.sh: runs libFuzzer targets built by `make fuzz` (docs/fuzzing.md), each for a while, and
# says for each one: ok with its figures, or the crash (or leak, or timeout) and where the input
# that caused it was saved. Used by make check (short-run.sh) and by hand for longer runs:
#
#   tests/fuzz/run.sh [--time S] [--runs N] [--out DIR] [--build DIR] TARGET... | all
#
#   --time S    stop each target after S seconds (default 600)
#   --runs N    and after N inputs (default: no limit)
#   --out DIR   where each target's new corpus, crashes and log go: DIR/TARGET/{corpus,crashes,log}
#               (default: BUILD/tests/out/fuzz)
#   --build DIR the build directory holding tests/fuzz/fuzz-TARGET (default: $DLT_BUILD_DIR, else
#               build/ of the source tree)
# Seeds are read from tests/fuzz/corpus/TARGET and tests/fuzz/regressions/TARGET, never written.
# Exit status: 0 every target ran clean, 1 a target failed, 2 usage error or a fuzzer missing.
set -u
SRC=${DLT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${DLT_BUILD_DIR:-$SRC/build}
time=600
runs=-1
out=""
targets=""
usage() { sed -n '5,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --time) [ $# -ge 2 ] || usage; time=$2; shift 2;;
    --runs) [ $# -ge 2 ] || usage; runs=$2; shift 2;;
    --out) [ $# -ge 2 ] || usage; out=$2; shift 2;;
    --build) [ $# -ge 2 ] || usage; BUILD=$2; shift 2;;
    -h|--help) usage;;
    -*) echo "run.sh: unknown option $1" >&2; usage;;
    all) targets="$targets $(cd "$SRC/tests/fuzz/corpus" && ls)"; shift;;
    *) targets="$targets $1"; shift;;
  esac
done
[ -n "$targets" ] || usage
out=${out:-$BUILD/tests/out/fuzz}

status=0
for t in $targets; do
  bin="$BUILD/tests/fuzz/fuzz-$t"
  if [ ! -x "$bin" ]; then
    echo "fuzz $t: $bin is not built (make -C $BUILD fuzz)"
    [ $status -eq 0 ] && status=2
    continue
  fi
  dir="$out/$t"
  mkdir -p "$dir/corpus" "$dir/crashes"
  seeds=""
  for d in "$SRC/tests/fuzz/corpus/$t" "$SRC/tests/fuzz/regressions/$t"; do
    [ -d "$d" ] && seeds="$seeds $d"
  done
  dict=""
  [ -f "$SRC/tests/fuzz/dict/$t.dict" ] && dict="-dict=$SRC/tests/fuzz/dict/$t.dict"
  # a fixed seed: the same build on the same machine tries the same inputs first
  start=$(date +%s)
  # shellcheck disable=SC2086
  DLT_SOURCE_DIR="$SRC" "$bin" -seed=1 -max_total_time="$time" -runs="$runs" -timeout=20 \
    -rss_limit_mb=2048 -malloc_limit_mb=1024 -print_final_stats=1 $dict \
    -artifact_prefix="$dir/crashes/" "$dir/corpus" $seeds > "$dir/log" 2>&1
  rc=$?
  secs=$(($(date +%s) - start))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
  if [ $rc -eq 0 ]; then
    echo "fuzz $t: ok (${execs:-?} inputs in ${secs} s, $(ls "$dir/corpus" | wc -l) new in $dir/corpus)"
  else
    what=$(grep -m1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|fuzz property failed|ALARM: working on the last Unit' "$dir/log")
    input=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$dir/log" | tail -1)
    echo "fuzz $t: FAILED (exit $rc): ${what:-see the log}"
    echo "fuzz $t: input: ${input:-none saved}; log: $dir/log"
    status=1
  fi
done
exit $status
