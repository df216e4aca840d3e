#!/bin/sh
# report_cli.sh: TAP tests of `dlt-interop report|merge|diff` as a user runs them: exit codes,
# error messages naming the file and JSON path, merging shards, and diffing two runs.
. "$(dirname "$0")/report_lib.sh"
echo "# command: $CLI"

"$CLI" report --help >"$OUT/help.txt" 2>&1
ok $? "report --help exits 0"
grep -q 'usage: dlt-interop report' "$OUT/help.txt"
ok $? "report --help prints the usage"

"$CLI" report >/dev/null 2>"$OUT/err.txt"
[ $? -eq 2 ] && grep -q 'no results file' "$OUT/err.txt"
ok $? "report without results: exit 2"

"$CLI" report "$DATA/run-full.json" --format pdf >/dev/null 2>"$OUT/err.txt"
[ $? -eq 2 ] && grep -q 'unknown format "pdf"' "$OUT/err.txt"
ok $? "report with an unknown format: exit 2"

"$CLI" report "$DATA/bad-verdict.json" -o "$OUT/x.html" 2>"$OUT/err.txt"
[ $? -eq 2 ] && grep -q 'bad-verdict.json: \$\.results\[2\]\.verdict' "$OUT/err.txt"
ok $? "malformed results: exit 2, file and JSON path named"

"$CLI" report "$DATA/run-full.json" --roadmap "$SRC/tests/data/roadmap-bad/bad-level.json" \
	-o "$OUT/x.html" 2>"$OUT/err.txt"
[ $? -eq 2 ] && grep -q 'bad-level.json: \$\.requirements\[1\]\.level' "$OUT/err.txt"
ok $? "malformed roadmap: exit 2, file and JSON path named"

"$CLI" report "$DATA/does-not-exist.json" 2>"$OUT/err.txt" >/dev/null
[ $? -eq 2 ] && grep -q 'does-not-exist.json: cannot open' "$OUT/err.txt"
ok $? "missing results file: exit 2"

for f in html md junit earl json; do
	"$CLI" report "$DATA/run-full.json" --roadmap "$SRC/roadmap/roadmap.json" --format $f \
		-o "$OUT/run-full.$f" 2>"$OUT/err.txt" && [ -s "$OUT/run-full.$f" ]
	ok $? "report --format $f writes a file"
done
grep -q '"format": "dlt-interop-scores/2"' "$OUT/run-full.json"
ok $? "json report is the scores document"
! grep -q 's3cret\|hunter2\|rpcuser' "$OUT"/run-full.*
ok $? "no report holds a credential"

DLT_SOURCE_DIR="$SRC" "$CLI" report "$DATA/run-full.json" -o "$OUT/auto.xml" 2>/dev/null &&
	head -1 "$OUT/auto.xml" | grep -q '^<?xml'
ok $? "default roadmap from \$DLT_SOURCE_DIR, format from the .xml extension"

"$CLI" merge "$DATA/shard-1-of-2.json" "$DATA/shard-2-of-2.json" -o "$OUT/merged.json" 2>"$OUT/err.txt"
ok $? "merge of two shards exits 0"
grep -q '"merged_from"' "$OUT/merged.json" && ! grep -q 'shards missing' "$OUT/err.txt"
ok $? "merged results record their inputs; no shard missing"
"$CLI" report "$OUT/merged.json" --roadmap "$SRC/roadmap/roadmap.json" --format md \
	-o "$OUT/merged.md" 2>/dev/null && grep -q 'of 12 results passed' "$OUT/merged.md"
ok $? "the merged file reports 12 results"
"$CLI" report "$DATA/shard-1-of-2.json" "$DATA/shard-2-of-2.json" --roadmap "$SRC/roadmap/roadmap.json" \
	--format md -o "$OUT/merged2.md" 2>/dev/null && cmp -s "$OUT/merged.md" "$OUT/merged2.md"
ok $? "report merges several results files itself, same outcome"

"$CLI" merge "$DATA/shard-1-of-2.json" "$DATA/other-suite.json" -o "$OUT/bad.json" 2>"$OUT/err.txt"
[ $? -eq 2 ] && grep -q 'other-suite.json' "$OUT/err.txt" && grep -q 'shard-1-of-2.json' "$OUT/err.txt"
ok $? "merge refuses different suite versions, naming both files"

"$CLI" merge "$DATA/shard-1-of-2.json" "$DATA/shard-conflict.json" -o "$OUT/bad.json" 2>"$OUT/err.txt"
[ $? -eq 2 ] && grep -q 'shard-conflict.json: \$\.results\[0\]' "$OUT/err.txt"
ok $? "merge refuses a duplicate with a different outcome"

"$CLI" merge "$DATA/shard-1-of-2.json" "$DATA/shard-duplicate.json" -o "$OUT/dup.json" 2>"$OUT/err.txt"
ok $? "merge accepts a duplicate with the same outcome"

"$CLI" merge "$DATA/shard-1-of-2.json" "$DATA/vendor-besu.json" -o "$OUT/partial.json" 2>"$OUT/err.txt"
[ $? -eq 0 ] && grep -q '"shards_missing"' "$OUT/partial.json" && grep -q 'shards missing' "$OUT/err.txt"
ok $? "merge warns when a shard is missing"

"$CLI" diff "$DATA/diff-old.json" "$DATA/diff-new.json" >"$OUT/diff.txt" 2>&1
[ $? -eq 1 ] && grep -q '^regressed (2):' "$OUT/diff.txt" && grep -q '^improved (1):' "$OUT/diff.txt" &&
	grep -q '^new (1):' "$OUT/diff.txt" && grep -q '^removed (1):' "$OUT/diff.txt"
ok $? "diff: exit 1 with regressions; regressed, improved, new and removed listed"
grep -q 'eth.iop.chain-identity on a=anvil b=hardhat: pass -> fail \[interop agree -> diverge\]' "$OUT/diff.txt"
ok $? "diff shows the interop verdict change"

"$CLI" diff "$DATA/diff-old.json" "$DATA/diff-same.json" >"$OUT/diff-same.txt" 2>&1
[ $? -eq 0 ] && grep -q 'unchanged: 5' "$OUT/diff-same.txt"
ok $? "diff of equal runs: exit 0"

"$CLI" diff "$DATA/diff-old.json" "$DATA/diff-new.json" --format json -o "$OUT/diff.json" 2>/dev/null
[ $? -eq 1 ] && grep -q '"regressed"' "$OUT/diff.json"
ok $? "diff --format json"

"$CLI" diff "$DATA/diff-old.json" >/dev/null 2>&1
[ $? -eq 2 ]
ok $? "diff with one file: exit 2"

"$CLI" diff "$DATA/diff-old.json" "$DATA/bad-check-ok.json" >/dev/null 2>"$OUT/err.txt"
[ $? -eq 2 ] && grep -q 'bad-check-ok.json: \$\.results\[0\]\.checks\[0\]\.ok' "$OUT/err.txt"
ok $? "diff of a malformed file: exit 2 with the JSON path"

# Options are read with getopt_long, as the run command reads them: each command has --help,
# "--" ends the options, a value may be attached (-oFILE, --output=FILE), a long option may
# be shortened while it stays unambiguous, and a bad option is named with the usage.
for c in report merge diff; do
	"$CLI" $c --help >"$OUT/help-$c.txt" 2>&1 && grep -q "usage: dlt-interop $c" "$OUT/help-$c.txt"
	ok $? "$c --help: exit 0 with the usage"
	"$CLI" $c --no-such-option "$DATA/diff-old.json" >/dev/null 2>"$OUT/err.txt"
	[ $? -eq 2 ] && grep -q "dlt-interop $c: unknown option --no-such-option" "$OUT/err.txt" &&
		grep -q "usage: dlt-interop $c" "$OUT/err.txt"
	ok $? "$c with an unknown option: exit 2, the option named, the usage"
	"$CLI" $c "$DATA/diff-old.json" -o >/dev/null 2>"$OUT/err.txt"
	[ $? -eq 2 ] && grep -q "dlt-interop $c: -o needs a value" "$OUT/err.txt"
	ok $? "$c -o without a value: exit 2, said"
done
"$CLI" merge -o"$OUT/attached.json" -- "$DATA/shard-1-of-2.json" "$DATA/shard-2-of-2.json" 2>/dev/null &&
	cmp -s "$OUT/attached.json" "$OUT/merged.json"
ok $? "merge -oFILE -- A B: the value attached, -- ends the options, same merge"
"$CLI" report --form md --road "$SRC/roadmap/roadmap.json" --out "$OUT/abbrev.md" \
	"$DATA/shard-1-of-2.json" "$DATA/shard-2-of-2.json" 2>/dev/null && cmp -s "$OUT/merged2.md" "$OUT/abbrev.md"
ok $? "report --form md --road FILE --out FILE: unambiguous long options shortened"
"$CLI" diff --format=md -- "$DATA/diff-old.json" "$DATA/diff-new.json" >"$OUT/diff-dd.md" 2>/dev/null
[ $? -eq 1 ] && grep -q 'regressed' "$OUT/diff-dd.md"
ok $? "diff --format=md -- OLD NEW"

finish
