#!/bin/sh
# fixtures-digest.sh: the recorded digest of the execution-apis fixture copy
# (vectors/execution-apis-tests/, docs/fixtures.md). SHA256SUMS there lists the sha256 of every
# file of the copy (LICENSE and tests/**), one "HASH  PATH" line each, sorted by path.
#
#   tools/fixtures-digest.sh [DIR]           verify DIR (default: the copy beside this script)
#                                            against DIR/SHA256SUMS
#   tools/fixtures-digest.sh --record [DIR]  write DIR/SHA256SUMS from the files as they are
#
# Verifying prints one line per file that differs from the record ("changed"), is recorded but
# missing ("missing") or is present but not recorded ("not recorded"), and exits 1 when there is
# any; 0 and a one-line summary otherwise. Only a deliberate update of the copy (a new pinned
# commit, its README.md says how) runs --record.
set -u
record=0
if [ "${1:-}" = "--record" ]; then record=1; shift; fi
dir=${1:-$(cd "$(dirname "$0")/.." && pwd)/vectors/execution-apis-tests}
[ -d "$dir" ] || { echo "fixtures-digest: $dir: not a folder" >&2; exit 2; }
cd "$dir" || exit 2
work=$(mktemp -d "${TMPDIR:-/tmp}/fixtures-digest-XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
# the files of the copy: everything but the record itself and this folder's README
find . -type f ! -path ./SHA256SUMS ! -path ./README.md | sed 's|^\./||' | LC_ALL=C sort > "$work/files"
if [ $record -eq 1 ]; then
	while IFS= read -r f; do sha256sum -- "$f"; done < "$work/files" > "$work/sums" || exit 2
	cp "$work/sums" SHA256SUMS || exit 2
	echo "fixtures-digest: recorded $(wc -l < SHA256SUMS) files in $dir/SHA256SUMS"
	exit 0
fi
[ -f SHA256SUMS ] || { echo "fixtures-digest: $dir/SHA256SUMS: missing (run with --record once)" >&2; exit 2; }
bad=0
while read -r want path; do
	if [ ! -f "$path" ]; then
		echo "fixtures-digest: $dir/$path: missing (recorded in SHA256SUMS)"; bad=$((bad + 1)); continue
	fi
	got=$(sha256sum -- "$path" | cut -d' ' -f1)
	if [ "$got" != "$want" ]; then
		echo "fixtures-digest: $dir/$path: changed (sha256 $got, recorded $want)"; bad=$((bad + 1))
	fi
done < SHA256SUMS
# present but not recorded
cut -c67- SHA256SUMS | LC_ALL=C sort > "$work/recorded"
LC_ALL=C comm -13 "$work/recorded" "$work/files" > "$work/extra"
while IFS= read -r f; do
	echo "fixtures-digest: $dir/$f: not recorded in SHA256SUMS"; bad=$((bad + 1))
done < "$work/extra"
if [ $bad -gt 0 ]; then
	echo "fixtures-digest: $bad file(s) of $dir differ from SHA256SUMS"; exit 1
fi
echo "fixtures-digest: $(wc -l < SHA256SUMS) files of $dir match SHA256SUMS"
