#!/bin/sh
# serve.sh: `dlt-interop serve` against two concurrent real runs (two anvils publishing with
# --events), seen in headless Chromium (the page's script run, its DOM dumped): while both run,
# both are shown running with their board; hostile text from a scenario is shown as text, not
# markup; once both ended, the page says so and links each run's report, which serve renders
# (the HTML report, with the failure in it); serve listens on 127.0.0.1 by default; SIGTERM
# ends it with the runs' status (1: each run has a failure).
. "$(dirname "$0")/lib.sh"
[ -n "$(anvil_bin)" ] || skip_all "anvil is not installed (./quickstart install)"
CHROMIUM=
for c in /usr/bin/chromium chromium chromium-browser; do
  command -v "$c" > /dev/null 2>&1 && { CHROMIUM=$(command -v "$c"); break; }
done
[ -n "$CHROMIUM" ] || skip_all "chromium not found (install the Debian package chromium)"
command -v curl > /dev/null 2>&1 || skip_all "curl is not installed"
# dom URL OUT [CHROMIUM OPTION]: the DOM after the page's script ran. The live page shows the
# board it was served with at once; with --virtual-time-budget, Chromium keeps the page open
# until its event stream closes (the page closes it once every run ended), so the DOM then
# shows what the server-sent events brought.
dom() {
  timeout 300 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$3" ${4:-} \
    --dump-dom "$1" > "$2" 2>> "$TMP/chromium.log"
}
mkdir -p "$TMP/p1" "$TMP/p2" "$TMP/p3"
results() { c=$(grep -c '"event":"result"' "$1" 2>/dev/null); echo "${c:-0}"; }
for s in a b; do
  mkdir -p "$TMP/suite-$s/ethereum"
  for i in 1 2 3 4 5 6; do
    cat > "$TMP/suite-$s/ethereum/s$i.lua" <<LUA
scenario { id = "$s.s$i", title = "s$i", family = "ethereum", roadmap = { "NODE-01" },
  run = function(t) t:sleep(0.8) t:ok(true, "slept") end }
LUA
  done
  cat > "$TMP/suite-$s/ethereum/x.lua" <<LUA
scenario { id = "$s.bad", title = "fails", family = "ethereum", roadmap = { "TX-01" },
  run = function(t)
    t:eq(t.node:call("eth_chainId", {}), "0x$s", "<img src=x onerror=\"document.title='pwned'\"> of $s")
  end }
LUA
done
"$DLT" serve --port 0 "ipc://$TMP/a" "ipc://$TMP/b" > /dev/null 2> "$TMP/serve.err" &
serve=$!
trap 'kill $serve 2>/dev/null; rm -rf "$TMP"' EXIT
i=0
while [ $i -lt 100 ] && ! grep -q '^dlt-interop serve: http' "$TMP/serve.err"; do sleep 0.1; i=$((i + 1)); done
url=$(sed -n 's/^dlt-interop serve: \(http:[^ ]*\) .*/\1/p' "$TMP/serve.err")
check "serve says where it listens: 127.0.0.1 by default ($url)" sh -c "echo '$url' | grep -q '^http://127.0.0.1:[0-9]*/\$'"
TMPDIR="$TMP" timeout 300 "$DLT" run --target anvil --suite "$TMP/suite-a" -o "$TMP/ra" \
  --events "ipc://$TMP/a" > /dev/null 2>&1 &
ra=$!
TMPDIR="$TMP" timeout 300 "$DLT" run --target anvil --suite "$TMP/suite-b" -o "$TMP/rb" \
  --events "ipc://$TMP/b" > /dev/null 2>&1 &
rb=$!
i=0
while [ $i -lt 600 ] && { [ "$(results "$TMP/ra/events.jsonl")" -lt 1 ] || [ "$(results "$TMP/rb/events.jsonl")" -lt 1 ]; }; do
  sleep 0.1; i=$((i + 1))
done
dom "$url" "$TMP/mid.html" "$TMP/p1"
# a page opened now and kept open until its event stream closes
dom "$url" "$TMP/live.html" "$TMP/p2" --virtual-time-budget=600000 &
page=$!
grep -o "<section id=\"run-[12]\" data-state=\"[a-z]*\">" "$TMP/mid.html" | sed "s/^/# mid: /"
check "while both run: Chromium shows run 1 running" grep -q '<section id="run-1" data-state="running">' "$TMP/mid.html"
check "... and run 2 running" grep -q '<section id="run-2" data-state="running">' "$TMP/mid.html"
check "... each with its anvil row and a NODE cell" \
  [ "$(grep -o '<tr data-target="anvil"><td class="name">anvil</td>' "$TMP/mid.html" | wc -l)" -eq 2 ]
check "... and no report link yet" sh -c "! grep -q 'href=\"/report/' '$TMP/mid.html'"
curl -s -o "$TMP/early" -w '%{http_code}' "${url}report/1" > "$TMP/code"
check "a report asked for before its run ended: 404 saying so" \
  sh -c "[ \"\$(cat '$TMP/code')\" = 404 ] && grep -q 'run 1 has not ended yet' '$TMP/early'"
wait $ra
wait $rb
wait $page
cp "$TMP/live.html" "$TMP/end.html"
check "the page opened while both ran was updated by server-sent events until both ended" grep -q '<body data-done="yes">' "$TMP/end.html"
check "... both runs finished, each linking its report" \
  sh -c "grep -q '<section id=\"run-1\" data-state=\"finished\">.*href=\"/report/1\"' '$TMP/end.html' &&
         grep -q '<section id=\"run-2\" data-state=\"finished\">.*href=\"/report/2\"' '$TMP/end.html'"
check "... the NODE cells of both anvils are 6/6 and the TX cells 0/1!" \
  sh -c "[ \$(grep -o 'data-area=\"NODE\">6/6<' '$TMP/end.html' | wc -l) -eq 2 ] && [ \$(grep -o 'data-area=\"TX\">0/1!<' '$TMP/end.html' | wc -l) -eq 2 ]"
check "the failures are listed, hostile markup as text" \
  grep -q 'run 1: a.bad @ anvil: check &lt;img src=x onerror=.*of a: expected' "$TMP/end.html"
check "... never as an element, never run" sh -c "! grep -q '<img' '$TMP/end.html' && ! grep -q 'pwned</title>' '$TMP/end.html'"
dom "${url}report/2" "$TMP/report2.html" "$TMP/p3"
check "the report of run 2 opens in Chromium: the HTML report of that run" \
  sh -c "grep -q '<title>dlt-interop report: $(head -n 1 "$TMP/rb/events.jsonl" | jq -r .run.id)</title>' '$TMP/report2.html' &&
         grep -qF 'b.bad' '$TMP/report2.html' && ! grep -qF 'a.bad' '$TMP/report2.html'"
curl -s -o /dev/null -w '%{http_code}' "${url}report/3" > "$TMP/code"
check "a run that does not exist: 404" [ "$(cat "$TMP/code")" = 404 ]
kill -TERM $serve
wait $serve
rc=$?
check "SIGTERM ends serve with the runs' status: 1 ($rc)" [ $rc -eq 1 ]
check "... and its summary names both runs' failures" \
  sh -c "grep -q 'run 1: a.bad @ anvil' '$TMP/serve.err' && grep -q 'run 2: b.bad @ anvil' '$TMP/serve.err'"
"$DLT" serve --bind nowhere 1 2> "$TMP/err"
check "serve --bind nowhere: exit 2 naming it" sh -c "[ $? -eq 2 ] && grep -q -- '--bind nowhere: an IPv4 address' '$TMP/err'"
check "no node left running" [ -z "$(procs_below "$TMP")" ]
done_testing
