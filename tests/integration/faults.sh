#!/bin/sh
# faults.sh: node answers are untrusted input. Runs the real runner against tests/fault_server (a
# JSON-RPC server that misbehaves on purpose, chosen by method name) with the scenarios of
# tests/faults/, and checks for each fault its verdict (never pass) and a reason naming target and
# URL; that results.json and events.jsonl stay valid and small; that a 200 MB answer does not
# grow the runner; that --max-response is obeyed and recorded; and that SIGTERM during a hung
# call ends the run by itself with valid files, on an attached node and on a launched one whose
# stop call must still go out (docs/reliability.md, "Node answers").
. "$(dirname "$0")/lib.sh"
FS="$BUILD/tests/fault_server"
FAULTS="$SRC/tests/faults"
[ -x "$FS" ] || skip_all "tests/fault_server is not built (make check builds it)"

server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$TMP"' EXIT
"$FS" --log "$TMP/requests" > "$TMP/port" 2> "$TMP/server.err" &
server=$!
i=0
while [ $i -lt 100 ] && ! [ -s "$TMP/port" ]; do sleep 0.05; i=$((i + 1)); done
PORT=$(cat "$TMP/port")
[ -n "$PORT" ] || { echo "Bail out! fault_server did not start: $(cat "$TMP/server.err")"; exit 1; }
NAME="127.0.0.1:$PORT"
URL="http://127.0.0.1:$PORT"
# peak RSS in KiB, when /usr/bin/time is there (tools/setup.sh installs it)
TIME=""
[ -x /usr/bin/time ] && TIME="/usr/bin/time"

# run OUT [OPTIONS...]: the runner against the fault server; its exit status in OUT.rc, its
# peak RSS (KiB) in OUT.rss
run() {
  out=$1; shift
  if [ -n "$TIME" ]; then
    timeout 300 "$TIME" -q -f %M -o "$out.rss" "$DLT" run --target "$URL" -o "$out" \
      --call-timeout 2 --timeout 60 -q "$@" > "$out.tap" 2> "$out.err"
  else
    timeout 300 "$DLT" run --target "$URL" -o "$out" --call-timeout 2 --timeout 60 -q "$@" \
      > "$out.tap" 2> "$out.err"
  fi
  echo $? > "$out.rc"
}
field() { jq -r --arg id "fault.$2" ".results[] | select(.scenario == \$id) | $3" "$1/results.json"; }

# expect RESULTS ID VERDICT [REASON-ERE]: the verdict, and a reason naming target, URL and REASON
expect() {
  v=$(field "$1" "$2" .verdict)
  check "fault.$2: verdict $3 (got ${v:-none})" [ "$v" = "$3" ]
  if [ -n "${4:-}" ]; then
    r=$(field "$1" "$2" '.reason // ""')
    if printf '%s' "$r" | grep -qF "target $NAME ($URL" && printf '%s' "$r" | grep -qE -- "$4"; then
      ok "fault.$2: the reason names target, URL and /$4/"
    else
      not_ok "fault.$2: the reason names target, URL and /$4/"; diag "reason: $r"
    fi
  fi
}

valid_json() { jq -e . "$1" > /dev/null 2>&1; }
valid_utf8() { iconv -f UTF-8 -t UTF-8 "$1" > /dev/null 2>&1; }
# the files of a run are valid JSON, valid UTF-8, and small
files_ok() {
  check "$2: results.json is valid JSON" valid_json "$1/results.json"
  check "$2: events.jsonl is valid JSON lines" valid_json "$1/events.jsonl"
  # strict UTF-8 (jq lets invalid bytes through): the bad-utf8 fault's bytes must not reach
  # results.json raw
  check "$2: results.json is valid UTF-8" valid_utf8 "$1/results.json"
  check "$2: events.jsonl is valid UTF-8" valid_utf8 "$1/events.jsonl"
  rs=$(wc -c < "$1/results.json"); es=$(wc -c < "$1/events.jsonl")
  check "$2: results.json is small ($rs bytes)" [ "$rs" -lt 262144 ]
  check "$2: events.jsonl is small ($es bytes)" [ "$es" -lt 262144 ]
}

# 1. every fault scenario, -j 1, default --max-response (32M)
run "$TMP/all" --suite "$FAULTS"
check "the run exits 1 (got $(cat "$TMP/all.rc"))" [ "$(cat "$TMP/all.rc")" = 1 ]
files_ok "$TMP/all" "all faults"
check "every planned fault has a result" \
  [ "$(jq '.results | length' "$TMP/all/results.json")" = "$(ls "$FAULTS"/*.lua | wc -l)" ]
check "run.limits.max_response records the default 33554432" \
  [ "$(jq '.run.limits.max_response' "$TMP/all/results.json")" = 33554432 ]
check "no fault but the controls passes" \
  [ "$(jq '[.results[] | select(.verdict == "pass") | .scenario] | sort | join(",")' "$TMP/all/results.json")" = '"fault.nul-string,fault.ok"' ]
A="$TMP/all"
expect "$A" ok pass
expect "$A" malformed fail "fault_malformed: the answer is not a JSON object"
expect "$A" truncated error "partial file"
expect "$A" huge inconclusive "answer exceeds --max-response of 33554432 bytes \(reading stopped there\)"
expect "$A" huge-length inconclusive "answer exceeds --max-response of 33554432 bytes \(Content-Length: [0-9]+; refused unread\)"
expect "$A" huge-raw inconclusive "answer exceeds --max-response of 33554432 bytes"
expect "$A" deep fail "fault_deep: the answer is not a JSON object"
expect "$A" wrong-id fail "fault_wrong_id: the answer's id is [0-9]+, the request's id was [0-9]+"
expect "$A" missing-id fail "fault_missing_id: the answer has no id \(the request's id was [0-9]+\)"
expect "$A" null-id fail "fault_null_id: the answer's id is null, the request's id was [0-9]+"
expect "$A" wrong-version fail "the answer's \"jsonrpc\" member is \"1.0\", expected \"2.0\""
expect "$A" drip inconclusive "no answer within the call timeout"
expect "$A" slow-headers inconclusive "no answer within the call timeout"
expect "$A" hang inconclusive "no answer within the call timeout"
expect "$A" reset error "receiving data from the peer|reset"
expect "$A" html500 fail "HTTP 500 with a body that is not a JSON-RPC answer"
expect "$A" bad-utf8 fail
expect "$A" nul fail
expect "$A" nul-string pass
check "fault.nul: the string is kept whole, zero byte included ({\"\$bytes\": \"610062\"})" \
  [ "$(field "$A" nul '.checks[0].actual["$bytes"]')" = 610062 ]
expect "$A" content-type fail
check "fault.content-type: the check names the Content-Type received" \
  [ "$(field "$A" content-type '.checks[0].actual')" = text/plain ]
expect "$A" huge-error fail
r=$(field "$A" huge-error .reason)
check "fault.huge-error: the reason names target and code, and is short (${#r} chars)" \
  sh -c 'printf "%s" "$1" | grep -qF "target $2: fault_huge_error: error -32000:" && [ ${#1} -lt 1200 ]' _ "$r" "$NAME"
m=$(field "$A" huge-error '.checks[0].actual.error.message')
check "fault.huge-error: the message kept is cut to about 4 KB with a marker (${#m} chars)" \
  sh -c 'printf "%s" "$1" | grep -qF "[cut: the message has 5242880 bytes, 4096 kept]" && [ ${#1} -lt 4300 ]' _ "$m"

# 2. the huge answers alone: the runner's peak memory stays near that of a well-behaved call
# (under AddressSanitizer, freed blocks wait in its quarantine, which would count every 32 MB
# buffer ever freed: the quarantine is turned off for these two runs; other builds ignore it)
if [ -n "$TIME" ]; then
  asan_saved=${ASAN_OPTIONS-}
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0"
  run "$TMP/huge" --suite "$FAULTS" --filter 'fault.huge*'
  run "$TMP/ctl" --suite "$FAULTS" --filter fault.ok
  export ASAN_OPTIONS="$asan_saved"
  files_ok "$TMP/huge" "huge answers"
  hr=$(cat "$TMP/huge.rss"); cr=$(cat "$TMP/ctl.rss")
  check "200 MB answers leave the runner's peak RSS within 100 MB of a plain call's ($hr KiB vs $cr KiB)" \
    [ $((hr - cr)) -lt 102400 ]
else
  ok "# SKIP /usr/bin/time is not installed: peak RSS not measured"
fi

# 3. --max-response with a suffix: the 5 MB error answer is refused unread, the limit recorded
run "$TMP/small" --suite "$FAULTS/huge-error.lua" --max-response 1M
expect "$TMP/small" huge-error inconclusive "answer exceeds --max-response of 1048576 bytes \(Content-Length: [0-9]+; refused unread\)"
check "run.limits.max_response records 1048576" \
  [ "$(jq '.run.limits.max_response' "$TMP/small/results.json")" = 1048576 ]
run "$TMP/max" --suite "$FAULTS/ok.lua" --max-response 18446744073709551615
expect "$TMP/max" ok pass
"$DLT" run --target "$URL" --suite "$FAULTS/ok.lua" -o "$TMP/bad" --max-response 12Q > /dev/null 2> "$TMP/bad.err"
rc=$?
check "--max-response 12Q is a usage error (exit $rc) naming the option" \
  sh -c '[ "$1" = 2 ] && grep -q -- "--max-response 12Q" "$2"' _ "$rc" "$TMP/bad.err"

# 4. SIGTERM while a call hangs (call timeout 120 s): the run ends by itself within seconds
: > "$TMP/requests"
"$DLT" run --target "$URL" --suite "$FAULTS/hang.lua" -o "$TMP/term" --call-timeout 120 \
  --timeout 300 -q > "$TMP/term.tap" 2> "$TMP/term.err" &
pid=$!
i=0
while [ $i -lt 300 ] && ! grep -q fault_hang "$TMP/requests"; do sleep 0.1; i=$((i + 1)); done
check "the hung call reached the server" grep -q fault_hang "$TMP/requests"
kill -TERM $pid
i=0
while [ $i -lt 200 ] && kill -0 $pid 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
if kill -0 $pid 2>/dev/null; then
  kill -KILL $pid
  not_ok "SIGTERM during a hung call ends the run (still running 20 s later: killed)"
else
  ok "SIGTERM during a hung call ends the run"
fi
wait $pid
rc=$?
check "the interrupted run exits 1 (got $rc)" [ $rc = 1 ]
files_ok "$TMP/term" "interrupted run"
expect "$TMP/term" hang inconclusive "interrupted \(signal\) while waiting for the answer"

# 5. the same on a node the run launched (the fault server itself, stopped by an RPC call): the
# stop call still goes out after the interruption
cat > "$TMP/faulty.json" <<EOF
{"name": "faulty", "family": "ethereum", "url": "http://127.0.0.1:\${port}",
 "launch": {"command": ["$FS", "--port", "\${port}", "--log", "$TMP/launched.log"],
            "ready": {"method": "eth_chainId", "params": []},
            "stop": {"rpc": "fault_stop"}}}
EOF
TMPDIR="$TMP" "$DLT" run --target "$TMP/faulty.json" --suite "$FAULTS/hang.lua" -o "$TMP/term2" \
  --call-timeout 120 --timeout 300 -q > "$TMP/term2.tap" 2> "$TMP/term2.err" &
pid=$!
i=0
while [ $i -lt 300 ] && ! grep -q fault_hang "$TMP/launched.log" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
check "the hung call reached the launched server" grep -q fault_hang "$TMP/launched.log"
kill -TERM $pid
i=0
while [ $i -lt 300 ] && kill -0 $pid 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
if kill -0 $pid 2>/dev/null; then
  kill -KILL $pid
  not_ok "SIGTERM during a hung call on a launched node ends the run (still running 30 s later: killed)"
else
  ok "SIGTERM during a hung call on a launched node ends the run"
fi
wait $pid
rc=$?
check "the interrupted run exits 1 (got $rc)" [ $rc = 1 ]
NAME=faulty URL="http://127.0.0.1:" # its port was picked at launch
expect "$TMP/term2" hang inconclusive "interrupted \(signal\) while waiting for the answer"
check "the launched node got its stop call after the interruption" grep -q fault_stop "$TMP/launched.log"
check "the launched node is gone" [ -z "$(procs_below "$TMP")" ]
done_testing
