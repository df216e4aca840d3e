#!/bin/sh
# results_bytes.sh: byte strings that are not UTF-8 (t:log lines, check labels and values, a
# scenario file name) are written losslessly as valid JSON: events.jsonl and results.json are
# valid UTF-8 and JSON, with {"$bytes": hex} where the bytes are not text; every report
# (json, earl, html, md, junit) of such a results.json is valid (jq, xmllint, iconv) and the
# HTML escapes markup in names and labels. Against a real launched anvil.
. "$(dirname "$0")/lib.sh"
[ -n "$(anvil_bin)" ] || skip_all "anvil is not installed (./quickstart install)"
command -v iconv > /dev/null 2>&1 || skip_all "iconv is not installed"
command -v xmllint > /dev/null 2>&1 || skip_all "xmllint is not installed (tools/setup.sh installs it)"
suite="$TMP/suite/ethereum"
mkdir -p "$suite"
cat > "$suite/a.lua" <<'LUA'
scenario { id = "t.bytes", title = "bytes <i>&amp;</i>", family = "ethereum", roadmap = { "NODE-01" },
  run = function(t)
    t:log("bad \xff\xfe log")
    t:eq(t.node:call("eth_chainId", {}), "0x7a69", "chain id <script>alert(1)</script>")
    t:eq("\xff", "\xfe", "label \xc3 & ]]>")
    t:eq({ok = "\xc0\xaf"}, {ok = "x"}, "nested <b>\xed\xa0\x80</b>")
    t:ok(false, "markup <script>alert(2)</script> \"quoted\" & ]]>")
  end }
LUA
# a file name that is not UTF-8, holding a scenario that does not load
printf 'scenario { id = "t.broken" ' > "$suite/n$(printf '\377').lua"
TMPDIR="$TMP" "$DLT" run --target anvil --suite "$TMP/suite" -o "$TMP/r" > "$TMP/tap" 2> "$TMP/err"; rc=$?
check "the run finishes with failures: exit 1 ($rc)" [ $rc -eq 1 ]
utf8() { iconv -f UTF-8 -t UTF-8 "$1" > /dev/null 2>&1; }
json_ok() { utf8 "$1" && jq -e . "$1" > /dev/null 2>&1; }
check "events.jsonl is valid UTF-8 JSON, line by line" json_ok "$TMP/r/events.jsonl"
check "results.json is valid UTF-8 JSON" json_ok "$TMP/r/results.json"
q() { jq -c "$1" "$TMP/r/results.json"; }
check "the log line is kept byte for byte as {\"\$bytes\": hex}" \
  [ "$(q '[.results[] | select(.scenario == "t.bytes") | .log[0]]')" = '[{"$bytes":"62616420fffe206c6f67"}]' ]
check "a failed check keeps its values as byte strings" \
  [ "$(q '[.results[].checks[] | select(.ok == false) | .expected] | .[0]')" = '{"$bytes":"fe"}' ]
check "the label that is not UTF-8 is a byte string" \
  [ "$(q '[.results[].checks[].label | objects] | length')" -eq 2 ]
hex="$(printf '%s' "$suite/n" | od -An -tx1 | tr -d ' \n')ff2e6c7561"
check "the scenario file name that is not UTF-8 is a byte string" \
  [ "$(q '[.scenarios[].file | objects | .["$bytes"]] | .[0]')" = "\"$hex\"" ]
check "the scenario of that file has its error verdict" \
  [ "$(q '[.results[] | select(.scenario | type == "object") | .verdict]')" = '["error"]' ]
check "run_start names the file the same way" \
  sh -c "head -n 1 '$TMP/r/events.jsonl' | grep -q '\"\$bytes\":\"$hex\"'"

for f in json earl html md junit; do
  "$DLT" report "$TMP/r/results.json" --format $f -o "$TMP/report.$f" 2> "$TMP/rerr"; rc=$?
  check "report --format $f: exit 0 ($rc)" [ $rc -eq 0 ]
  check "report --format $f: valid UTF-8" utf8 "$TMP/report.$f"
done
check "the json report is valid JSON" json_ok "$TMP/report.json"
check "the earl report is valid JSON" json_ok "$TMP/report.earl"
check "the junit report is well-formed XML" xmllint --noout "$TMP/report.junit"
check "the html report escapes markup in labels" \
  sh -c "! grep -q '<script>alert' '$TMP/report.html' && grep -q '&lt;script&gt;alert(1)' '$TMP/report.html'"
check "the html report escapes markup in titles" \
  sh -c "! grep -q '<i>&amp;</i>' '$TMP/report.html' && grep -q '&lt;i&gt;' '$TMP/report.html'"
check "the html report shows byte strings in their text form" grep -q '\$bytes:' "$TMP/report.html"
"$DLT" merge "$TMP/r/results.json" -o "$TMP/merged.json" 2> /dev/null; rc=$?
check "merge of it: exit 0 ($rc), valid UTF-8 JSON" sh -c "[ $rc -eq 0 ] && iconv -f UTF-8 -t UTF-8 '$TMP/merged.json' > /dev/null && jq -e . '$TMP/merged.json' > /dev/null"
done_testing
