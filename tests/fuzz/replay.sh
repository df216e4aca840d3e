#!/bin/sh
# replay.sh: feeds every saved fuzz input (the seed corpus, tests/fuzz/corpus/TARGET, and the
# inputs that once crashed, tests/fuzz/regressions/TARGET) to its target through the replay
# driver built with the project's compiler, so the regressions stay covered without clang (and
# under ASan/UBSan in build-asan). One test point per target.
. "$(dirname "$0")/../integration/lib.sh"
replay="$BUILD/tests/fuzz/replay"
# under ASan the replay driver cannot bound its address space; ASan bounds the memory instead
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=4096"
export ASAN_OPTIONS
[ -x "$replay" ] || skip_all "$replay is not built"
for t in ${DLT_FUZZ_TARGETS:-$(cd "$SRC/tests/fuzz/corpus" && ls)}; do
  set --
  for d in "$SRC/tests/fuzz/corpus/$t" "$SRC/tests/fuzz/regressions/$t"; do
    [ -d "$d" ] || continue
    for f in "$d"/*; do [ -f "$f" ] && set -- "$@" "$f"; done
  done
  nreg=0
  [ -d "$SRC/tests/fuzz/regressions/$t" ] && nreg=$(ls "$SRC/tests/fuzz/regressions/$t" | wc -l)
  if [ $# -eq 0 ]; then not_ok "replay $t: no saved inputs"; continue; fi
  # a guard: an input that makes a parser loop must fail, not hang make check
  if DLT_SOURCE_DIR="$SRC" timeout 300 "$replay" "$t" "$@" > "$TMP/out" 2>&1; then
    ok "replay $t: $# inputs ($nreg regressions)"
  else
    not_ok "replay $t: an input failed"
    last=$(grep -c ': ok$' "$TMP/out")
    shift "$last"
    diag "input: $1"
    diag "$(tail -n 20 "$TMP/out")"
  fi
done
done_testing
