#!/bin/sh
# make-corpus.sh: (re)writes the seed corpora tests/fuzz/corpus/TARGET/ from real files of the
# repository (targets/, vectors/, roadmap/, tests/data/, the specification in
# vectors/execution-apis/) and from the JSON Schema Test Suite (Debian package
# json-schema-test-suite), so the seeds follow the formats as they change. Needs jq and perl.
# Run from anywhere: tests/fuzz/make-corpus.sh. Seeds are named after where they come from.
set -eu
SRC=$(cd "$(dirname "$0")/../.." && pwd)
C="$SRC/tests/fuzz/corpus"
SUITE=${DLT_JSON_SCHEMA_TEST_SUITE:-/usr/share/json-schema-test-suite}/tests/draft7
rm -rf "$C"
for t in target vectors roadmap expectations results rlp bech32 hex u256 exact jsonschema \
         openrpc lua_json btc_tx eth_tx; do mkdir -p "$C/$t"; done
# hex (with or without 0x) to bytes; through stdin, since a blob transaction's hex is longer
# than a command line may be
hex2bin() { printf '%s' "$1" | perl -e 'local $/; my $h = <STDIN>; $h =~ s/^0x//i; print pack("H*", $h)'; }

# files read as they are
cp "$SRC"/targets/*.json "$C/target/"
for f in "$SRC"/targets/expectations/*.json; do cp "$f" "$C/expectations/$(basename "$f")"; done
for f in "$SRC"/vectors/*.json; do cp "$f" "$C/vectors/"; done
for f in "$SRC"/tests/data/vectors-bad/*.json; do cp "$f" "$C/vectors/bad-$(basename "$f")"; done
cp "$SRC/roadmap/roadmap.json" "$C/roadmap/"
for f in "$SRC"/tests/data/roadmap-bad/*.json; do cp "$f" "$C/roadmap/bad-$(basename "$f")"; done
cp "$SRC"/tests/data/results/*.json "$C/results/"
for f in "$SRC"/tests/data/schema/*.json; do cp "$f" "$C/lua_json/$(basename "$f")"; done

# --target specs (docs/targets.md)
printf '%s' 'http://127.0.0.1:8545' > "$C/target/url-ethereum"
printf '%s' 'bitcoin=http://user:pass@127.0.0.1:19443/wallet/w' > "$C/target/url-bitcoin-credentials"
printf '%s' 'monero=https://node.example:18081' > "$C/target/url-monero"
printf '%s' 'bitcoin=http://user:p@ss@127.0.0.1:19443' > "$C/target/url-password-with-at"

# RLP: every valid encoding and every invalid input of the vectors, as bytes
jq -r '.cases[] | "\(.name) \(.expected.rlp // empty)"' "$SRC/vectors/rlp-valid.json" |
while read -r name h; do hex2bin "$h" > "$C/rlp/valid-$name"; done
jq -r '.cases[] | "\(.name) \(.input.rlp // empty)"' "$SRC/vectors/rlp-invalid.json" |
while read -r name h; do [ -n "$h" ] && hex2bin "$h" > "$C/rlp/invalid-$name"; done

# Bitcoin transactions: the BIP-143 transactions (signed and unsigned), the BIP-341 spending
# transaction and the legacy signature-hash rows
jq -r '.cases[] | "\(.name) \(.input.tx // .input.signed_tx // empty)"' "$SRC/vectors/bip143.json" \
  "$SRC/vectors/bip341.json" "$SRC/vectors/sighash-legacy.json" |
while read -r name h; do hex2bin "$h" > "$C/btc_tx/$name"; done

# Ethereum transactions: every raw transaction of the vectors (legacy, 2930, 1559, 4844)
jq -r '.cases[] | "\(.name) \(.input.raw // empty)"' "$SRC/vectors/eth-transactions.json" |
while read -r name h; do hex2bin "$h" > "$C/eth_tx/$name"; done
jq -r '.cases[] | "\(.name) \(.expected.raw // empty)"' "$SRC/vectors/eip155-example.json" "$SRC/vectors/eip1559.json" |
while read -r name h; do [ -n "$h" ] && hex2bin "$h" > "$C/eth_tx/$name"; done

# bech32: every string of the vectors (bytes given in hex written as bytes)
jq -r '.cases[] | "\(.name) \(.input.string // "") \(.input.bytes // "")"' "$SRC/vectors/bech32.json" |
while read -r name s b; do
  if [ -n "$b" ]; then hex2bin "$b" > "$C/bech32/$name"; else printf '%s' "$s" > "$C/bech32/$name"; fi
done

# hex and u256: hex texts and quantities found in the vectors
jq -r '.cases[] | [.. | strings | select(test("^0x[0-9a-fA-F]*$"))][] ' "$SRC"/vectors/rlp-valid.json \
  "$SRC"/vectors/eip1559.json "$SRC"/vectors/eip155-example.json | sort -u | head -40 |
  awk -v d="$C/hex" '{ f = sprintf("%s/vectors-%02d", d, NR); printf "%s", $0 > f; close(f) }'
jq -r '[.. | numbers | select(. >= 0 and . == floor)] + [.. | strings | select(test("^(0x[0-9a-fA-F]{1,64}|[0-9]{1,78})$"))] | .[] | tostring' \
  "$SRC"/vectors/eip1559.json "$SRC"/vectors/dev-accounts.json "$SRC"/vectors/create-address.json |
  sort -u | head -60 > "$C/u256/.values"
awk -v d="$C/u256" 'NR % 2 == 1 { a = $0; next } { f = sprintf("%s/pair-%02d", d, NR / 2); printf "%s,%s", a, $0 > f; close(f) }' "$C/u256/.values"
rm "$C/u256/.values"
printf '%s' '115792089237316195423570985008687907853269984665640564039457584007913129639935,1' > "$C/u256/max-plus-one"
printf '%s' '0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff,0x10000000000000000' > "$C/u256/max-times"

# exact amounts: node answers as the bitcoin and monero adapters receive them (from
# tests/unit/test_bitcoin_exact.c and the genesis vectors)
printf '%s' '{"result":{"amount":83999999.99999999,"n":3,"big":18446744073709551615,"fee":-0.00001,"e":1e-8},"error":null,"id":1}' > "$C/exact/answer-amounts"
printf '%s' '{"jsonrpc":"2.0","id":0,"result":{"balance":18446744073709551615,"unlocked_balance":1000000000000,"blocks_to_unlock":59}}' > "$C/exact/answer-monero-balance"
for f in bitcoin-genesis litecoin-genesis monero-genesis; do
  jq -c '.cases[0].expected' "$SRC/vectors/$f.json" > "$C/exact/$f"
done

# OpenRPC: the whole specification, and one cut down to three methods
cp "$SRC/vectors/execution-apis/openrpc.json" "$C/openrpc/openrpc.json"
jq -c '.methods |= map(select(.name == "eth_getBlockByNumber" or .name == "eth_getBalance" or .name == "eth_chainId"))' \
  "$SRC/vectors/execution-apis/openrpc.json" > "$C/openrpc/three-methods.json"

# JSON Schema: [schema, instance] from the JSON Schema Test Suite (the first test of each
# group) and the specification's schemas with instances anvil answered (tests/data/schema)
if [ -d "$SUITE" ]; then
  for f in "$SUITE"/*.json; do
    k=$(basename "$f" .json)
    n=$(jq length "$f")
    i=0
    while [ "$i" -lt "$n" ]; do
      jq -c ".[$i] | [.schema, .tests[0].data]" "$f" > "$C/jsonschema/suite-$k-$i"
      i=$((i + 1))
    done
  done
fi
for m in eth_getBalance eth_getBlockByNumber-1-hydrated eth_getTransactionReceipt-log; do
  method=${m%%-*}
  jq -c --arg m "$method" --slurpfile a "$SRC/tests/data/schema/anvil-$m.json" \
    '[{"components": .components} + (.methods[] | select(.name == $m) | .result.schema), $a[0].result]' \
    "$SRC/vectors/execution-apis/openrpc.json" > "$C/jsonschema/spec-$m"
done

# Lua values built by a scenario (lua_json's "return EXPR" mode)
printf '%s' 'return {1, 2, {a = dlt.null, b = {}}, dlt.array(), dlt.object(), "\0\255", 2^63, 0.5}' > "$C/lua_json/lua-mixed"
printf '%s' 'return dlt.json.decode("[1,{\"a\":[true,null]}]")' > "$C/lua_json/lua-decode"
printf '%s' 'return {x = dlt.u256("0xff"), y = {[1] = 1, [3] = 3}}' > "$C/lua_json/lua-holes"
printf '%s' 'return (function() local t = {} t[1] = t return t end)()' > "$C/lua_json/lua-cycle"
echo "make-corpus.sh: $(find "$C" -type f | wc -l) seeds in $C"
