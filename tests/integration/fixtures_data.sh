#!/bin/sh
# fixtures_data.sh: the execution-apis fixtures as data, no node needed (docs/fixtures.md).
#   - the copy in vectors/execution-apis-tests/ matches its recorded digest, and a copy with a
#     changed, a missing and an extra file is refused with each of them named;
#   - regenerating suites/ethereum-fixtures/ with tools/fixtures-gen.lua gives the committed
#     files, one scenario per .io file; a malformed .io line stops the generator at FILE:LINE;
#   - targets/ethereumjs-fixtures.json agrees with the copy (its forkchoice call is headfcu.json,
#     its readiness answer the chain's head) and serves the chain the scenarios need;
#   - planning: the fixtures go only to a target serving their chain (and to one attached by URL),
#     list says why they are not planned elsewhere, list --coverage shows every method folder;
#   - malformed chain, jwt_secret and after_start members and scenario.chain are refused.
. "$(dirname "$0")/lib.sh"
command -v lua5.4 >/dev/null 2>&1 || skip_all "lua5.4 is not installed (tools/setup.sh installs it)"
COPY="$SRC/vectors/execution-apis-tests"
SUITE="$SRC/suites/ethereum-fixtures"

# -- the digest
"$SRC/tools/fixtures-digest.sh" > "$TMP/digest" 2>&1; rc=$?
check "the fixture copy matches vectors/execution-apis-tests/SHA256SUMS ($rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$(cat "$TMP/digest")"
cp -R "$COPY" "$TMP/copy" && chmod -R u+w "$TMP/copy"
printf ' ' >> "$TMP/copy/tests/eth_chainId/get-chain-id.io"
rm "$TMP/copy/tests/net_version/get-network-id.io"
echo '// new' > "$TMP/copy/tests/eth_chainId/extra.io"
"$SRC/tools/fixtures-digest.sh" "$TMP/copy" > "$TMP/digest" 2>&1; rc=$?
check "a changed copy is refused (exit $rc)" [ $rc -eq 1 ]
check "the changed file is named" grep -q 'tests/eth_chainId/get-chain-id.io: changed' "$TMP/digest"
check "the missing file is named" grep -q 'tests/net_version/get-network-id.io: missing' "$TMP/digest"
check "the file not recorded is named" grep -q 'tests/eth_chainId/extra.io: not recorded' "$TMP/digest"

# -- the generated suite
nio=$(cd "$COPY/tests" && find . -name '*.io' | wc -l)
nlua=$(cd "$SUITE" && find . -name '*.lua' | wc -l)
check "one scenario file per .io file ($nlua of $nio)" [ "$nio" -eq 233 -a "$nlua" -eq "$nio" ]
lua5.4 "$SRC/tools/fixtures-gen.lua" "$SRC" "$TMP/gen" > "$TMP/gen.out" 2>&1; rc=$?
check "tools/fixtures-gen.lua runs ($rc)" [ $rc -eq 0 ]
if diff -r "$SUITE" "$TMP/gen" > "$TMP/gen.diff"; then ok "regenerating gives the committed suites/ethereum-fixtures"
else not_ok "regenerating gives the committed suites/ethereum-fixtures (run: lua5.4 tools/fixtures-gen.lua)"; diag "$(head -20 "$TMP/gen.diff")"; fi
mkdir -p "$TMP/bad/vectors/execution-apis-tests/tests/eth_chainId"
cp "$COPY/README.md" "$TMP/bad/vectors/execution-apis-tests/"
printf '// fine\n>> {"jsonrpc":"2.0","id":1,"method":"eth_chainId"}\n<< {"jsonrpc":"2.0","id":1,"result":"0x1",}\n' \
  > "$TMP/bad/vectors/execution-apis-tests/tests/eth_chainId/broken.io"
lua5.4 "$SRC/tools/fixtures-gen.lua" "$TMP/bad" "$TMP/bad/out" > "$TMP/gen.out" 2>&1; rc=$?
check "a response that is not JSON stops the generator ($rc)" [ $rc -eq 1 ]
check "the message names the file and line" grep -q 'eth_chainId/broken.io:3: not valid JSON after <<' "$TMP/gen.out"
check "nothing was written" [ ! -e "$TMP/bad/out" ]
printf '// fine\n?? what\n' > "$TMP/bad/vectors/execution-apis-tests/tests/eth_chainId/broken.io"
lua5.4 "$SRC/tools/fixtures-gen.lua" "$TMP/bad" "$TMP/bad/out" > "$TMP/gen.out" 2>&1; rc=$?
check "a line that is no comment, request or response stops it, named ($rc)" \
  grep -q "eth_chainId/broken.io:2: not a comment" "$TMP/gen.out"

# -- the target agrees with the copy
T="$SRC/targets/ethereumjs-fixtures.json"
check "the target's after_start call is tests/headfcu.json" \
  [ "$(jq -c '.launch.after_start[0] | [.method, .params]' "$T")" = "$(jq -c '[.method, .params]' "$COPY/tests/headfcu.json")" ]
check "the target is ready at the head the vector records" \
  [ "$(jq -r '.launch.ready.result' "$T")" = "$(jq -r '.cases[] | select(.name == "head") | .expected.number' "$SRC/vectors/execution-apis-fixtures.json")" ]
check "the target serves the chain the scenarios need" \
  grep -q "chain = \"$(jq -r .chain "$T")\"" "$SUITE/eth_chainId/get-chain-id.lua"

# -- planning
"$DLT" list --target anvil --suite "$SUITE" > "$TMP/plan" 2>&1; rc=$?
check "list on anvil: exit 0 ($rc)" [ $rc -eq 0 ]
check "nothing planned on anvil" grep -q '^# 0 planned (233 scenarios, 1 targets)' "$TMP/plan"
check "list says why: the chain anvil does not serve" \
  grep -q 'not planned on anvil: 233 scenario(s) (e.g. fixture.debug_getRawBlock.get-block-n) need the chain "execution-apis-fixtures", which anvil does not serve' "$TMP/plan"
"$DLT" list --target ethereumjs-fixtures --target http://127.0.0.1:9 --suite "$SUITE" > "$TMP/plan" 2>&1
check "planned on ethereumjs-fixtures and on a node attached by URL (466)" grep -q '^# 466 planned' "$TMP/plan"
"$DLT" list --target ethereumjs-fixtures --suite "$SRC/suites/ethereum" > "$TMP/plan" 2>&1
check "no own-chain scenario planned on ethereumjs-fixtures, and why" \
  sh -c "grep -q '^# 0 planned' '$TMP/plan' && grep -q 'not planned on ethereumjs-fixtures: .* make what they need on a target.s own chain' '$TMP/plan'"
"$DLT" list --coverage --target ethereumjs-fixtures --suite "$SUITE" > "$TMP/cov" 2>&1; rc=$?
check "list --coverage: exit 0 ($rc)" [ $rc -eq 0 ]
nf=$(grep -c ' ethereumjs-fixtures ' "$TMP/cov")
check "list --coverage: a line per method folder ($nf of 41)" [ "$nf" -eq 41 ]
check "list --coverage: eth_simulateV1 left out, with the reason" \
  grep -q '^eth_simulateV1 .* ethereumjs-fixtures  *0  *91  *0  eth_simulateV1 is not served' "$TMP/cov"
check "list --coverage: eth_getLogs replayed, 8 findings" grep -q '^eth_getLogs .* ethereumjs-fixtures  *10  *0  *8 ' "$TMP/cov"

# -- malformed members
bad_target() { # NAME JQ-EDIT EXPECTED-TEXT
  jq "$2" "$T" > "$TMP/$1.json"
  "$DLT" list --target "$TMP/$1.json" --suite "$SUITE" > "$TMP/out" 2>&1; rc=$?
  if [ $rc -eq 2 ] && grep -q "$1.json" "$TMP/out" && grep -qF -- "$3" "$TMP/out"; then
    ok "target file $1: exit 2, the file and '$3' named"
  else not_ok "target file $1: exit 2, the file and '$3' named ($rc)"; diag "$(cat "$TMP/out")"; fi
}
bad_target bad-chain '.chain = "a chain"' '$.chain: "a chain" may hold only'
bad_target chain-type '.chain = 7' '$.chain: must be a non-empty string'
bad_target jwt-path '.launch.jwt_secret = "../jwt"' '$.launch.jwt_secret: the name of a file'
bad_target jwt-missing 'del(.launch.jwt_secret)' '$.launch.after_start[0].jwt: needs $.launch.jwt_secret'
bad_target jwt-type '.launch.after_start[0].jwt = "yes"' '$.launch.after_start[0].jwt: true or false'
bad_target step-url '.launch.after_start[0].url = "ftp://x"' '$.launch.after_start[0].url: an http:// or https:// URL'
mkdir -p "$TMP/s"
cat > "$TMP/s/bad-chain.lua" <<'EOF'
scenario { id = "x.bad-chain", title = "t", family = "ethereum", chain = "two words", roadmap = { "NODE-03" },
  run = function(t) t:ok(true, "x") end }
EOF
"$DLT" list --target anvil --suite "$TMP/s" > "$TMP/out" 2>&1
check "scenario.chain that is not a name: a load error naming the field" \
  grep -q 'LOAD ERROR: .*bad-chain.lua: scenario.chain: the name of the chain' "$TMP/out"
done_testing
