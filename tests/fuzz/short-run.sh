#!/bin/sh
# short-run.sh: the fuzz step of make check: runs every libFuzzer target (tests/fuzz/run.sh)
# for at most a few seconds and a fixed number of inputs each; a crash, leak, failed property or
# timeout fails that target's test point, naming the target and the saved input. Skipped, with
# the reason, when configure found no clang with libFuzzer (docs/fuzzing.md).
. "$(dirname "$0")/../integration/lib.sh"
[ -z "${DLT_FUZZ_SKIP:-}" ] || skip_all "$DLT_FUZZ_SKIP"
# every make check starts from the seeds alone
rm -rf "$BUILD/tests/out/fuzz-short"
for t in ${DLT_FUZZ_TARGETS:-$(cd "$SRC/tests/fuzz/corpus" && ls)}; do
  line=$("$SRC/tests/fuzz/run.sh" --time "${DLT_FUZZ_TIME:-3}" --runs "${DLT_FUZZ_RUNS:-100000}" \
    --build "$BUILD" --out "$BUILD/tests/out/fuzz-short" "$t")
  if [ $? -eq 0 ]; then ok "fuzz $t: $(echo "$line" | sed "s/^fuzz $t: //")"
  else not_ok "fuzz $t"; diag "$line"; fi
done
done_testing
