#!/bin/sh
# report_html.sh: renders the HTML report in headless Chromium (Debian package chromium) and
# checks what a reader sees: scores, pair matrix and gap lists present, hostile node text shown
# as text and never executed. Saves a screenshot in the build folder.
. "$(dirname "$0")/report_lib.sh"

CHROMIUM=${CHROMIUM:-}
if [ -z "$CHROMIUM" ]; then
	for c in /usr/bin/chromium chromium chromium-browser; do
		if command -v "$c" >/dev/null 2>&1; then
			CHROMIUM=$(command -v "$c")
			break
		fi
	done
fi
if [ -z "$CHROMIUM" ]; then
	echo "1..0 # SKIP chromium not found (install the Debian package chromium)"
	exit 0
fi

HTML="$OUT/report.html"
"$CLI" report "$DATA/run-full.json" --roadmap "$SRC/roadmap/roadmap.json" --format html -o "$HTML" 2>/dev/null
ok $? "html report written"

PROFILE=$(mktemp -d)
trap 'rm -rf "$PROFILE"' EXIT
chrome() {
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$PROFILE" "$@" 2>>"$OUT/chromium.log"
}
chrome --dump-dom "file://$HTML" >"$OUT/report.dom.html"
[ -s "$OUT/report.dom.html" ] && grep -q '</html>' "$OUT/report.dom.html"
r=$?
if [ $r -ne 0 ]; then
	sed 's/^/# /' "$OUT/chromium.log" | tail -20
fi
ok $r "chromium loads the page and dumps its DOM"
DOM="$OUT/report.dom.html"

for s in 'Conformance by area' 'Interop score' 'Pair agreement matrix' 'Standardization gaps' \
	'Implementation gaps' 'Interoperability gaps' 'Requirements no scenario covers'; do
	grep -q "$s" "$DOM"
	ok $? "reader sees \"$s\""
done
grep -q '83.3%' "$DOM" && grep -q '50% (1/2)' "$DOM"
ok $? "reader sees the conformance score and the pair matrix value"
grep -q '<svg' "$DOM" && grep -q 'class="heatmap"' "$DOM"
ok $? "charts are in the DOM"
[ "$(grep -c '<img' "$DOM")" -eq 0 ]
ok $? "node text \"<img src=x onerror=...>\" did not become an element"
grep -q '&lt;img src=x onerror=' "$DOM"
ok $? "node text \"<img src=x onerror=...>\" is shown as text"
! grep -q 'data-pwned="1"' "$DOM" && ! grep -q '<title>PWNED' "$DOM"
ok $? "no injected script ran"
[ "$(grep -c '<script' "$DOM")" -eq 1 ] && grep -q "script-src 'sha256-[A-Za-z0-9+/=]*'" "$DOM"
ok $? "the page has one script element, its own, the only one its policy lets run (by its sha256)"
! grep -q 's3cret\|hunter2\|rpcuser' "$DOM"
ok $? "no credentials on the page"

rm -f "$BUILD/tests/out/report_html.png"
chrome --window-size=1280,2400 --screenshot="$BUILD/tests/out/report_html.png" "file://$HTML" >/dev/null
[ -s "$BUILD/tests/out/report_html.png" ]
ok $? "screenshot saved to tests/out/report_html.png"
finish
