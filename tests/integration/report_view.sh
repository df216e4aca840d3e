#!/bin/sh
# report_view.sh: the HTML report as a person uses it, in headless Chromium (the page's script
# run, its DOM dumped): the scenario x target grid hides scenarios without results by default;
# its filters (status, target, family, area, requirement, partner, text; set from the address
# as every link of the page sets them) show exactly the matching rows; every link of the page
# (grid cells, heatmap cells, matrix cells, conformance cells, verdict counts) leads to
# something that exists; a result's link opens the details around it; requirement levels are
# the roadmap's (MAY is not shown as MUST); each verdict has its own colour, with a legend;
# failed checks come before the passing ones, which are folded.
. "$(dirname "$0")/lib.sh"
CHROMIUM=
for c in /usr/bin/chromium chromium chromium-browser; do
  command -v "$c" > /dev/null 2>&1 && { CHROMIUM=$(command -v "$c"); break; }
done
[ -n "$CHROMIUM" ] || skip_all "chromium not found (install the Debian package chromium)"
command -v python3 > /dev/null 2>&1 || skip_all "python3 is not installed"
mkdir -p "$TMP/profile"
html="$TMP/report.html"
"$DLT" report "$SRC/tests/data/results/run-full.json" --roadmap "$SRC/roadmap/roadmap.json" -o "$html" 2> /dev/null
check "the report is written" [ -s "$html" ]
dom() {
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$TMP/profile" \
    --dump-dom "file://$html$1" 2>> "$TMP/chromium.log"
}
# shown HASH: the ids of the grid rows shown with that address, sorted, on one line
shown() {
  dom "$1" > "$TMP/dom.html"
  python3 - "$TMP/dom.html" <<'PY'
import re, sys
d = open(sys.argv[1], encoding="utf-8").read()
assert 'data-ready="yes"' in d, "the script did not run"
rows = re.findall(r'<tr data-id="([^"]*)"([^>]*)>', d)
print(" ".join(sorted(i for i, rest in rows if " hidden" not in rest)))
PY
}
all=$(jq -r '[.results[].scenario] | unique | join(" ")' "$SRC/tests/data/results/run-full.json")
check "by default: every scenario with results shown, those without hidden" [ "$(shown '')" = "$all" ]
check "#f:status=fail: the scenarios with a failed result" \
  [ "$(shown '#f:status=fail')" = "common.rpc.envelope common.rpc.unknown-method eth.iop.receipt eth.rpc.id-echo-strings htlc.swap" ]
check "#f:status=skip&target=monerod: the one monerod skipped" [ "$(shown '#f:status=skip&target=monerod')" = "common.rpc.envelope" ]
check "#f:status=fail&target=anvil: anvil's failures as anvil sees them" [ "$(shown '#f:status=fail&target=anvil')" = "eth.iop.receipt" ]
check "#f:q=RECEIPT: the text search, any case" [ "$(shown '#f:q=RECEIPT')" = "eth.iop.receipt" ]
check "#f:family=bitcoin" [ "$(shown '#f:family=bitcoin')" = "$(jq -r '[.scenarios[] | select(.family == "bitcoin") | .id] | sort | join(" ")' "$SRC/tests/data/results/run-full.json")" ]
check "#f:area=IOP (an area of any of the scenario's requirements)" [ "$(shown '#f:area=IOP')" = "eth.chain.chain-id eth.iop.chain-identity eth.iop.receipt htlc.swap" ]
check "#f:req=IOP-02&target=anvil (a heatmap cell's link)" [ "$(shown '#f:req=IOP-02&target=anvil')" = "eth.iop.receipt" ]
check "#f:target=anvil&with=hardhat (a pair matrix cell's link)" [ "$(shown '#f:target=anvil&with=hardhat')" = "eth.iop.chain-identity eth.iop.receipt" ]
check "#f:empty=1: the scenarios without results too" \
  [ "$(shown '#f:empty=1')" = "$(jq -r '[.scenarios[].id] | sort | join(" ")' "$SRC/tests/data/results/run-full.json")" ]
dom '#f:status=fail' > "$TMP/fail.html"
check "#f:status=fail: the count says how many are shown" grep -q 'id="f-count" class="meta">5 of 13 scenarios shown<' "$TMP/fail.html"
check "... the details of the scenarios not shown are hidden too" \
  sh -c "grep -q '<details id=\"s-eth.chain.chain-id\" hidden=\"\">' '$TMP/fail.html' && ! grep -q '<details id=\"s-htlc.swap\" class=\"bad\" hidden' '$TMP/fail.html'"

dom '' > "$TMP/all.html"
python3 - "$TMP/all.html" "$SRC/roadmap/roadmap.json" > "$TMP/links.txt" <<'PY'
import json, re, sys, html
d = open(sys.argv[1], encoding="utf-8").read()
ids = set(re.findall(r'\sid="([^"]+)"', d))
bad, kinds = [], {}
for h in re.findall(r'href="(#[^"]*)"', d):
    h = html.unescape(h)
    if h.startswith("#f:"):
        keys = dict(p.split("=", 1) for p in h[3:].split("&"))
        ok = set(keys) <= {"status", "target", "family", "area", "req", "with", "q", "empty"}
        kinds[tuple(sorted(keys))] = kinds.get(tuple(sorted(keys)), 0) + 1
    else:
        ok = h[1:] in ids
        kinds[h[1:2]] = kinds.get(h[1:2], 0) + 1
    if not ok:
        bad.append(h)
print("bad:", " ".join(bad[:10]))
print("kinds:", json.dumps({",".join(k) if isinstance(k, tuple) else k: v for k, v in kinds.items()}, sort_keys=True))
PY
diag "$(cat "$TMP/links.txt")"
check "every link of the page leads to an element or a filter" grep -q '^bad: $' "$TMP/links.txt"
check "grid cells link results, heatmap cells requirement x target, matrix cells a pair, conformance cells target x area" \
  sh -c "grep -q '\"r\": [1-9]' '$TMP/links.txt' && grep -q '\"req,target\": [1-9]' '$TMP/links.txt' &&
         grep -q '\"target,with\": [1-9]' '$TMP/links.txt' && grep -q '\"area,target\": [1-9]' '$TMP/links.txt' &&
         grep -q '\"status\": 8' '$TMP/links.txt'"
check "every grid cell is a link to a result: as many as results per target" \
  [ "$(grep -o 'class="v v-[a-z-]*" href="#r-[0-9]*"' "$TMP/all.html" | wc -l)" -eq \
    "$(jq '[.results[].targets | length] | add' "$SRC/tests/data/results/run-full.json")" ]
idx=$(jq '[.results[] | .scenario] | index("eth.iop.receipt")' "$SRC/tests/data/results/run-full.json")
dom "#r-$idx" > "$TMP/r.html"
check "a result's link opens the scenario details around it" grep -q '<details id="s-eth.iop.receipt" class="bad" open="">' "$TMP/r.html"

# levels: the heatmap's, as the roadmap says
jq -r '.requirements[] | select(.retired != true) | .level' "$SRC/roadmap/roadmap.json" | sort | uniq -c | awk '{print $2, $1}' > "$TMP/want"
grep -o '<tspan class="level" fill="#546e7a">[A-Z]*</tspan>' "$TMP/all.html" | sed 's/<[^>]*>//g' | sort | uniq -c | awk '{print $2, $1}' > "$TMP/got"
diag "levels: $(tr '\n' ' ' < "$TMP/got")"
check "the heatmap shows each requirement's level as the roadmap has it (MAY as MAY)" cmp -s "$TMP/want" "$TMP/got"
check "... MAY requirements are there" grep -q '^MAY [1-9]' "$TMP/got"

python3 - "$TMP/all.html" > "$TMP/colours" <<'PY'
import re, sys
d = open(sys.argv[1], encoding="utf-8").read()
vs = ["pass", "fail", "xfail", "xpass", "skip", "error", "inconclusive", "launch-error"]
c = {v: re.search(r"\.v-%s\{background:(#[0-9a-f]+)" % re.escape(v), d) for v in vs}
print("missing" if None in c.values() else len(set(m.group(1) for m in c.values())))
legend = re.search(r'<ul class="legend" id="legend">(.*?)</ul>', d)
print(all(('<span class="v v-%s">' % v) in legend.group(1) for v in vs) if legend else False)
PY
check "each of the eight verdicts has a colour of its own" [ "$(sed -n 1p "$TMP/colours")" = 8 ]
check "... and the legend names them all" [ "$(sed -n 2p "$TMP/colours")" = True ]
check "conformance cells show the numerator and denominator of their score" \
  grep -q '100.0%</a> <span class="small frac">4/4</span>' "$TMP/all.html"
check "a failed result: failed checks first, the passing ones folded" \
  python3 - "$TMP/all.html" <<'PY'
import re, sys
d = open(sys.argv[1], encoding="utf-8").read()
blocks = re.findall(r'<div class="result" id="r-\d+">(.*?)</div>', d, re.S)
mixed = [b for b in blocks if 'class="failed"' in b and 'class="passed"' in b]
ok = mixed and all(b.index('class="failed"') < b.index('<details class="passed-checks">') < b.index('class="passed"') for b in mixed)
sys.exit(0 if ok else 1)
PY

# several runs of the suite over time: the newest reported, with the trend of each target
jq '.run.id = "20261120T100000Z-0ld0" | .run.started = "2026-11-20T10:00:00Z" | .run.finished = "2026-11-20T10:05:00Z"
    | .results |= map(select(.scenario != "eth.chain.chain-id"))' "$SRC/tests/data/results/run-full.json" > "$TMP/older.json"
"$DLT" report "$SRC/tests/data/results/run-full.json" "$TMP/older.json" --roadmap "$SRC/roadmap/roadmap.json" \
  --format json -o "$TMP/trend.json" 2> "$TMP/trend.err"
check "report of two runs of one suite: written (they are not merged)" [ -s "$TMP/trend.json" ]
check "... the trend: two runs, oldest first, each target's score" \
  jqe '(.trend | length) == 2 and .trend[0].run == "20261120T100000Z-0ld0" and .trend[1].run == "20261127T170102Z-4f2a"
       and (.trend[0].conformance.anvil * 11 | round) == 9 and (.trend[1].conformance.anvil * 12 | round) == 10' "$TMP/trend.json"
check "... the report is of the newest run" jqe '.run.id == "20261127T170102Z-4f2a"' "$TMP/trend.json"
"$DLT" report "$TMP/older.json" "$SRC/tests/data/results/run-full.json" --roadmap "$SRC/roadmap/roadmap.json" -o "$TMP/trend.html" 2> /dev/null
html="$TMP/trend.html"
dom '' > "$TMP/trend.dom.html"
check "... the HTML report shows the trend chart: a line per target, a point per run" \
  sh -c "[ \$(grep -o '<polyline class=\"trend-line\"' '$TMP/trend.dom.html' | wc -l) -eq 4 ] &&
         [ \$(grep -o '<circle class=\"trend-point\"' '$TMP/trend.dom.html' | wc -l) -eq 8 ] &&
         grep -q 'Trend over 2 runs' '$TMP/trend.dom.html'"
check "a single run has no trend chart" sh -c "! grep -q 'class=\"trend\"' '$TMP/all.html'"
done_testing
