#!/bin/sh
# report_junit.sh: JUnit reports validate against tests/data/junit.xsd (the Jenkins/Ant JUnit
# schema) with xmllint (Debian package libxml2-utils).
. "$(dirname "$0")/report_lib.sh"

if ! command -v xmllint >/dev/null 2>&1; then
	echo "1..0 # SKIP xmllint not found (install the Debian package libxml2-utils)"
	exit 0
fi
for f in run-full shard-1-of-2 vendor-besu diff-new; do
	"$CLI" report "$DATA/$f.json" --roadmap "$SRC/roadmap/roadmap.json" --format junit \
		-o "$OUT/$f.junit.xml" 2>/dev/null
	ok $? "junit report of $f written"
	xmllint --noout --schema "$SRC/tests/data/junit.xsd" "$OUT/$f.junit.xml" >"$OUT/xmllint.txt" 2>&1
	r=$?
	[ $r -eq 0 ] || sed 's/^/# /' "$OUT/xmllint.txt"
	ok $r "junit report of $f validates against junit.xsd"
done
"$CLI" merge "$DATA/shard-1-of-2.json" "$DATA/shard-2-of-2.json" "$DATA/vendor-besu.json" \
	-o "$OUT/three.json" 2>/dev/null &&
	"$CLI" report "$OUT/three.json" --roadmap "$SRC/roadmap/roadmap.json" --format junit \
		-o "$OUT/three.junit.xml" 2>/dev/null &&
	xmllint --noout --schema "$SRC/tests/data/junit.xsd" "$OUT/three.junit.xml" 2>/dev/null
ok $? "junit report of merged shards and a vendor run validates"
# xmllint parses the hostile strings back exactly: no markup slipped through
[ "$(xmllint --xpath 'count(//script)' "$OUT/run-full.junit.xml" 2>/dev/null)" = "0" ]
ok $? "no element was injected by node text"
finish
