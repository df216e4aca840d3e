#!/bin/sh
# external_curve.sh: security of the external adapter protocol (docs/adapter-protocol.md,
# "Security"). A target whose endpoint is off this machine and names no CURVE key is refused
# (exit 2, saying what to set); the reference anvil adapter serving with CURVE on loopback,
# launched from a target file naming its public key, runs scenarios; a runner without the key
# cannot talk to it (launch-error); adapter-check passes with --curve-server-key.
. "$(dirname "$0")/lib.sh"
[ -n "$(anvil_bin)" ] || skip_all "anvil is not installed (./quickstart install)"
/usr/bin/python3 -c 'import zmq; assert zmq.has("curve")' 2>/dev/null || skip_all "python3-zmq with CURVE is not installed (./quickstart install)"

cleanup() {
  for p in $(procs_below "$TMP"); do kill -9 "$p" 2>/dev/null; done
  rm -rf "$TMP"
}
trap cleanup EXIT

cat > "$TMP/remote.json" <<'EOF2'
{"name": "remote", "family": "ethereum", "adapter": "external", "url": "tcp://10.0.0.5:5555"}
EOF2
"$DLT" run --target "$TMP/remote.json" --suite "$SRC/suites/ethereum/chain" -o "$TMP/r0" > /dev/null 2> "$TMP/r0.err"; rc=$?
named=no; grep -q 'url: tcp://10.0.0.5:5555 is not a loopback endpoint: an adapter off this machine needs CURVE, set "curve_server_key"' "$TMP/r0.err" && named=yes
check "a non-loopback endpoint without a CURVE key: exit 2 ($rc), saying to set curve_server_key" [ "$rc.$named" = 2.yes ]

/usr/bin/python3 -c 'import zmq; p, s = zmq.curve_keypair(); print(p.decode()); print(s.decode())' > "$TMP/pair"
PUBKEY=$(sed -n 1p "$TMP/pair")
sed -n 2p "$TMP/pair" > "$TMP/adapter.key"; chmod 600 "$TMP/adapter.key"
mk_target() { # NAME KEY-LINE
  jq --arg name "$1" --arg key "$TMP/adapter.key" \
     '.name = $name | .launch.command += ["--curve-secret-file", $key] | .launch.ready.timeout = 20' \
     "$SRC/examples/adapters/anvil-external.json" > "$TMP/$1.json"
  [ -n "$2" ] && jq --arg k "$2" '.curve_server_key = $k' "$TMP/$1.json" > "$TMP/$1.tmp" && mv "$TMP/$1.tmp" "$TMP/$1.json"
  return 0
}
mk_target curve "$PUBKEY"
TMPDIR="$TMP" "$DLT" run --target "$TMP/curve.json" --suite "$SRC/suites/ethereum/chain" -o "$TMP/r1" > /dev/null 2> "$TMP/r1.err"; rc=$?
check "a CURVE-secured adapter on loopback with its key in the target file: the chain scenarios pass ($rc)" \
  jqe '[.results[] | select(.verdict == "pass")] | length >= 6' "$TMP/r1/results.json"
mk_target nokey ""
TMPDIR="$TMP" "$DLT" run --target "$TMP/nokey.json" --suite "$SRC/suites/ethereum/chain/chain-id.lua" -o "$TMP/r2" > /dev/null 2> "$TMP/r2.err"; rc=$?
check "the same adapter without the key in the target file cannot be talked to: launch-error ($rc)" \
  jqe '.results[0].verdict == "launch-error"' "$TMP/r2/results.json"
TMPDIR="$TMP" timeout 300 "$DLT" adapter-check --curve-server-key "$PUBKEY" "$TMP/curve.json" > "$TMP/check.tap" 2>&1; rc=$?
check "adapter-check with the key: the CURVE adapter conforms ($rc)" [ $rc -eq 0 ]
check "no adapter or anvil is left running" [ -z "$(procs_below "$TMP")" ]
done_testing
