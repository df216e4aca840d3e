#!/bin/sh
# shard_auto.sh: --shard auto takes its part from the engine that fans the run out
# (docs/sharding.md): three shards run as separate processes at once, with GitLab's
# CI_NODE_INDEX/CI_NODE_TOTAL and with a Kubernetes Indexed Job's JOB_COMPLETION_INDEX
# (--shard auto/3), each launching its own anvil; merged, they give the results of one run.
# Bad or missing variables are exit 2 with a message naming them.
. "$(dirname "$0")/lib.sh"
[ -n "$(anvil_bin)" ] || skip_all "anvil is not installed (./quickstart install)"
mkdir -p "$TMP/suite"
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
  ok=true; [ $((i % 4)) -eq 0 ] && ok=false
  cat > "$TMP/suite/a$i.lua" <<LUA
scenario { id = "shard.a$i", title = "item $i", family = "ethereum", roadmap = { "NODE-03" },
  run = function(t) t:eq(t.node:call("eth_chainId", {}) ~= nil and $ok, true, "chain id and $ok") end }
LUA
done
run() { TMPDIR="$TMP" "$DLT" run --target anvil --suite "$TMP/suite" -q "$@" > /dev/null 2>&1; }
verdicts() { jq -c '[.results[] | {s: .scenario, t: .targets, v: .verdict}] | sort_by(.s)' "$1"; }

run -o "$TMP/full"
verdicts "$TMP/full/results.json" > "$TMP/v.full"
check "the whole run: 12 results, 3 of them fail" \
  jqe '(.results | length) == 12 and ([.results[] | select(.verdict == "fail")] | length) == 3' \
  "$TMP/full/results.json"

# GitLab parallel: CI_NODE_INDEX 1..3 of CI_NODE_TOTAL 3, three processes at once
for i in 1 2 3; do
  CI_NODE_INDEX=$i CI_NODE_TOTAL=3 run --shard auto -o "$TMP/gl$i" &
done
wait
check "GitLab: each shard records its index of 3" \
  [ "$(jq -s -c '[.[].run.shard]' "$TMP"/gl1/results.json "$TMP"/gl2/results.json "$TMP"/gl3/results.json)" \
    = '[{"index":1,"count":3},{"index":2,"count":3},{"index":3,"count":3}]' ]
"$DLT" merge "$TMP"/gl1/results.json "$TMP"/gl2/results.json "$TMP"/gl3/results.json \
  -o "$TMP/gl.json" > "$TMP/out" 2>&1; rc=$?
check "GitLab: merge of the three shards exits 0 ($rc)" [ $rc -eq 0 ]
verdicts "$TMP/gl.json" > "$TMP/v.gl"
if cmp -s "$TMP/v.full" "$TMP/v.gl"; then ok "GitLab: merged shards give the run's verdicts"
else not_ok "GitLab: merged shards give the run's verdicts"; diag "$(diff "$TMP/v.full" "$TMP/v.gl")"; fi

# Kubernetes Indexed Job: JOB_COMPLETION_INDEX 0..2, the count given
for k in 0 1 2; do
  JOB_COMPLETION_INDEX=$k run --shard auto/3 -o "$TMP/k8s$k" &
done
wait
check "Kubernetes: shard index is JOB_COMPLETION_INDEX + 1" \
  [ "$(jq -s -c '[.[].run.shard.index]' "$TMP"/k8s0/results.json "$TMP"/k8s1/results.json "$TMP"/k8s2/results.json)" = '[1,2,3]' ]
"$DLT" merge "$TMP"/k8s*/results.json -o "$TMP/k8s.json" > "$TMP/out" 2>&1; rc=$?
check "Kubernetes: merge exits 0 ($rc), no shard missing" \
  [ $rc -eq 0 ] && jqe '.run.shards_missing == null or .run.shards_missing == []' "$TMP/k8s.json"
verdicts "$TMP/k8s.json" > "$TMP/v.k8s"
check "Kubernetes: merged shards give the run's verdicts" cmp -s "$TMP/v.full" "$TMP/v.k8s"

# what is refused, before anything is launched
refused() { # DESCRIPTION PATTERN ENV... -- ARGS
  d=$1; pat=$2; shift 2
  envs=""; while [ "$1" != "--" ]; do envs="$envs $1"; shift; done; shift
  env -u CI_NODE_INDEX -u CI_NODE_TOTAL -u JOB_COMPLETION_INDEX $envs "$DLT" list "$@" --target anvil \
    --suite "$TMP/suite" > /dev/null 2> "$TMP/err"; rc=$?
  if [ $rc -eq 2 ] && grep -q -- "$pat" "$TMP/err"; then ok "$d"
  else not_ok "$d (exit $rc)"; diag "$(cat "$TMP/err")"; fi
}
refused "no engine variable: exit 2, names them" "JOB_COMPLETION_INDEX" -- --shard auto
refused "JOB_COMPLETION_INDEX without the count" "auto/N" JOB_COMPLETION_INDEX=1 -- --shard auto
refused "JOB_COMPLETION_INDEX=3 of 3" "JOB_COMPLETION_INDEX=3" JOB_COMPLETION_INDEX=3 -- --shard auto/3
refused "CI_NODE_INDEX=0" "CI_NODE_INDEX=0" CI_NODE_INDEX=0 CI_NODE_TOTAL=3 -- --shard auto
refused "CI_NODE_INDEX=4 of 3" "CI_NODE_INDEX=4" CI_NODE_INDEX=4 CI_NODE_TOTAL=3 -- --shard auto
refused "CI_NODE_TOTAL=x" "CI_NODE_TOTAL=x" CI_NODE_INDEX=1 CI_NODE_TOTAL=x -- --shard auto
refused "auto/4 against CI_NODE_TOTAL=3" "differs from CI_NODE_TOTAL" CI_NODE_INDEX=1 CI_NODE_TOTAL=3 -- --shard auto/4
refused "auto/0" "auto/N with N a whole number" -- --shard auto/0
check "launched nodes were stopped" [ -z "$(procs_below "$TMP")" ]
done_testing
