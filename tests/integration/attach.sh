#!/bin/sh
# attach.sh: attach mode (issue 12, docs/self-certify.md). An anvil started by this test, outside
# the runner (its own chain id, no target file), attached by URL with --keys, gives the same
# verdict for every scenario of suites/ethereum as the launched `anvil` target: chain id, network
# id and genesis hash are read from the node, the implementation from its client version (so the
# anvil expectation file applies), the funded accounts from the keys file. The keys appear in no
# output. Without keys the state-changing scenarios skip naming --keys; a scenario needing a
# launch-only capability (time_control) skips naming what enables it; DLT_INTEROP_KEYS and
# --implementation work; an --expect file matching no target is warned about; a bad keys file is
# exit 2 naming file and line without quoting the key.
. "$(dirname "$0")/lib.sh"
ANVIL=$(anvil_bin)
[ -n "$ANVIL" ] || skip_all "anvil is not installed (./quickstart install)"

cleanup() {
  for p in $(procs_below "$TMP"); do kill -9 "$p" 2>/dev/null; done
  rm -rf "$TMP"
}
trap cleanup EXIT

# the vendor's node: chain id 4242 (not the target file's 31337), started here, not by the runner
mkdir -p "$TMP/anvil"
(cd "$TMP/anvil" && exec "$ANVIL" --host 127.0.0.1 --port 0 --chain-id 4242 > "$TMP/anvil/log" 2>&1) &
anvil=$!
i=0
while [ $i -lt 300 ] && ! grep -q "Listening on" "$TMP/anvil/log"; do sleep 0.1; i=$((i + 1)); done
port=$(sed -n 's/.*Listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$TMP/anvil/log" | head -1)
[ -n "$port" ] || { echo "1..1"; echo "not ok 1 - anvil did not start: $(tail -3 "$TMP/anvil/log")"; exit 1; }
URL="http://127.0.0.1:$port"

# the funded accounts' keys: anvil's dev accounts (its default mnemonic), one per line
jq -r '.params.accounts[].key' "$SRC/targets/anvil.json" > "$TMP/keys"
chmod 600 "$TMP/keys"
KEYS=$(sed 's/^0x//' "$TMP/keys")

TMPDIR="$TMP" "$DLT" run --target anvil --suite "$SRC/suites/ethereum" -o "$TMP/native" -j 2 \
  > "$TMP/native.tap" 2> "$TMP/native.err"; nrc=$?
TMPDIR="$TMP" "$DLT" run --target "$URL" --keys "$TMP/keys" --suite "$SRC/suites/ethereum" \
  -o "$TMP/attached" > "$TMP/attached.tap" 2> "$TMP/attached.err"; arc=$?
check "the launched anvil run exits 0 ($nrc)" [ $nrc -eq 0 ]
check "the attached anvil run exits 0: anvil's expectation file applied by implementation ($arc)" [ $arc -eq 0 ]
jq -r '.results[] | "\(.scenario) \(.verdict)"' "$TMP/native/results.json" | sort > "$TMP/v.native"
jq -r '.results[] | "\(.scenario) \(.verdict)"' "$TMP/attached/results.json" | sort > "$TMP/v.attached"
n_native=$(wc -l < "$TMP/v.native")
diff "$TMP/v.native" "$TMP/v.attached" > "$TMP/v.diff"
same=no
[ "$n_native" -ge 40 ] && [ ! -s "$TMP/v.diff" ] && same=yes
check "every scenario of suites/ethereum ($n_native) has the same verdict attached and launched" [ $same = yes ]
if [ -s "$TMP/v.diff" ]; then
  diag "$(cat "$TMP/v.diff")"
  for f in "$TMP/native/results.json" "$TMP/attached/results.json"; do
    diag "$f: $(jq -c '[.results[] | select(.verdict != "pass" and .verdict != "xfail" and .verdict != "skip")
      | {scenario, verdict, reason, failed: [.checks[]? | select(.ok == false) | {label, where, expected, actual}]}]' "$f" | cut -c1-3000)"
  done
fi
[ -s "$TMP/v.diff" ] && diag "$(cat "$TMP/v.diff")"
res="$TMP/attached/results.json"
check "the attached target's implementation is read from its client version (anvil)" \
  jqe '.targets[0].implementation == "anvil"' "$res"
check "the anvil expectation file is recorded in run.options.expect" \
  jqe '.run.options.expect | map(endswith("targets/expectations/anvil.json")) | any' "$res"
check "the chain id is the node's own: eth.chain.chain-id and eth.tx.legacy-eip155 pass on chain 4242" \
  jqe '[.results[] | select((.scenario == "eth.chain.chain-id" or .scenario == "eth.tx.legacy-eip155") and .verdict == "pass")] | length == 2' "$res"
check "state-changing scenarios ran with the keys (eth.tx.eip1559 passes)" \
  jqe '.results[] | select(.scenario == "eth.tx.eip1559") | .verdict == "pass"' "$res"
check "time_control, launch-only, is not a capability of the attached target" \
  jqe '.targets[0].capabilities | index("time_control") == null' "$res"

# no key in any output: every file of the results folder, the reports, stdout, stderr
for f in html md junit earl json; do
  "$DLT" report "$TMP/attached/results.json" --format $f -o "$TMP/attached/report.$f" > /dev/null 2>&1
done
written=no
[ -s "$TMP/attached/report.html" ] && [ -s "$TMP/attached/report.md" ] && [ -s "$TMP/attached/report.junit" ] && written=yes
check "the reports of the attached run were written (html, md, junit, earl, json)" [ $written = yes ]
leak=""
for k in $KEYS; do
  hits=$(grep -rli "$k" "$TMP/attached" "$TMP/attached.tap" "$TMP/attached.err" 2>/dev/null)
  [ -n "$hits" ] && leak="$leak $hits"
done
check "no key appears in results.json, events.jsonl, the reports, TAP or stderr" [ -z "$leak" ]
[ -n "$leak" ] && diag "keys found in:$leak"

# without keys: the scenarios that sign skip, naming what would enable them
TMPDIR="$TMP" "$DLT" run --target "$URL" --suite "$SRC/suites/ethereum/tx/eip1559.lua" \
  -o "$TMP/nokeys" > /dev/null 2> "$TMP/nokeys.err"
check "without keys a signing scenario skips, naming --keys FILE" \
  jqe '.results[0] | .verdict == "skip" and (.reason | contains("needs funded accounts: --keys FILE"))' "$TMP/nokeys/results.json"

# DLT_INTEROP_KEYS=FILE gives the keys too
DLT_INTEROP_KEYS="$TMP/keys" TMPDIR="$TMP" "$DLT" run --target "$URL" \
  --suite "$SRC/suites/ethereum/tx/eip1559.lua" -o "$TMP/envkeys" > /dev/null 2>&1
check "DLT_INTEROP_KEYS=FILE gives the keys (eth.tx.eip1559 passes)" \
  jqe '.results[0].verdict == "pass"' "$TMP/envkeys/results.json"

# a launch-only capability: the skip names what would enable it
mkdir -p "$TMP/tc"
cat > "$TMP/tc/tc.lua" <<'LUA'
scenario { id = "t.time-control", title = "needs time control", family = "ethereum", roadmap = { "NODE-03" },
  requires = { "time_control" },
  run = function(t) t:ok(true, "ran") end }
LUA
TMPDIR="$TMP" "$DLT" run --target "$URL" --suite "$TMP/tc" -o "$TMP/tcr" > /dev/null 2>&1
check "a time_control scenario skips on the attached target, naming launch-only and capabilities.add" \
  jqe '.results[0] | .verdict == "skip" and (.reason | contains("launch-only")) and (.reason | contains("\"add\": [\"time_control\"]"))' "$TMP/tcr/results.json"
cat > "$TMP/tc/target.json" <<EOF2
{"name": "vendor", "family": "ethereum", "url": "$URL", "capabilities": {"add": ["time_control"]}}
EOF2
TMPDIR="$TMP" "$DLT" run --target "$TMP/tc/target.json" --suite "$TMP/tc/tc.lua" -o "$TMP/tcr2" > /dev/null 2>&1
check "a target file adding time_control enables it on an attached node" \
  jqe '.results[0].verdict == "pass"' "$TMP/tcr2/results.json"

# --implementation picks the expectation file
TMPDIR="$TMP" "$DLT" run --target "$URL" --implementation hardhat \
  --suite "$SRC/suites/ethereum/chain/chain-id.lua" -o "$TMP/impl" > /dev/null 2>&1
check "--implementation hardhat: the hardhat expectation file applies, the implementation is recorded" \
  jqe '(.targets[0].implementation == "hardhat") and (.run.options.expect | map(endswith("targets/expectations/hardhat.json")) | any)' "$TMP/impl/results.json"

# an --expect file about no target of the run
TMPDIR="$TMP" "$DLT" run --target "$URL" --expect "$SRC/targets/expectations/ganache.json" \
  --suite "$SRC/suites/ethereum/chain/chain-id.lua" -o "$TMP/exp" > /dev/null 2> "$TMP/exp.err"
check "an --expect file matching no target is warned about, naming file and target" \
  grep -q "warning: --expect .*ganache.json is about target \"ganache\", which is neither" "$TMP/exp.err"

# a bad keys file: exit 2 before anything runs, file and line named, the key not quoted
{ echo "# vendor keys"; head -1 "$TMP/keys"; head -1 "$TMP/keys" | cut -c1-60; } > "$TMP/badkeys"
TMPDIR="$TMP" "$DLT" run --target "$URL" --keys "$TMP/badkeys" --suite "$SRC/suites/ethereum/chain" \
  -o "$TMP/bad" > /dev/null 2> "$TMP/bad.err"; rc=$?
named=no
grep -q "badkeys:3: expected a private key of 64 hex digits" "$TMP/bad.err" && named=yes
check "a short key: exit 2 ($rc), the message names file and line 3" [ "$rc.$named" = 2.yes ]
check "the message quotes no key" sh -c "! grep -qi '$(head -1 "$TMP/keys" | cut -c3-40)' '$TMP/bad.err'"
TMPDIR="$TMP" "$DLT" run --target "$URL" --keys "$TMP/none" --suite "$SRC/suites/ethereum/chain" \
  -o "$TMP/bad2" > /dev/null 2> "$TMP/bad2.err"; rc=$?
named=no
grep -q "keys file .*none: No such file" "$TMP/bad2.err" && named=yes
check "a missing keys file: exit 2 naming it ($rc)" [ "$rc.$named" = 2.yes ]

kill $anvil 2>/dev/null
wait $anvil 2>/dev/null
done_testing
