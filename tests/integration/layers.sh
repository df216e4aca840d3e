#!/bin/sh
# layers.sh: the one-way layers of HACKING.md hold in the source tree (tools/check-layers.sh
# passes), and the checker does catch what it is for: a copy of the tree with a forbidden
# include (adapters/ reaching runner/, reports/ reaching runner/, common/ reaching model/) or
# an include that does not resolve fails, naming FILE:LINE and the layers allowed.
. "$(dirname "$0")/lib.sh"

CHECK="$SRC/tools/check-layers.sh"
sh "$CHECK" "$SRC" > "$TMP/out" 2>&1; rc=$?
check "the source tree keeps its layers (exit $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || diag "$(grep '^#' "$TMP/out")"

# a copy of the C sources only (the checker reads nothing else)
copy() {
  rm -rf "$TMP/tree" && mkdir "$TMP/tree"
  (cd "$SRC" && find common crypto schema adapters model reports runner cert live \
    -name '*.[ch]' 2>/dev/null | xargs cp --parents -t "$TMP/tree")
}
copy
sh "$CHECK" "$TMP/tree" > "$TMP/out" 2>&1; rc=$?
check "the copy passes as the tree does (exit $rc)" [ $rc -eq 0 ]
check "every layer was checked in the copy (7 or more points)" [ "$(grep -c '^ok ' "$TMP/out")" -ge 7 ]

# inject LINE as line 2 of FILE (in the copy), run the checker, expect exit 1 and WANT
bad() {
  file=$1 line=$2 want=$3
  copy
  sed -i "1a $line" "$TMP/tree/$file"
  sh "$CHECK" "$TMP/tree" > "$TMP/out" 2>&1; rc=$?
  check "$file with '$line': exit 1 ($rc)" [ $rc -eq 1 ]
  check "$file: the message names $file:2 and what is allowed" grep -qF "$file:2: $want" "$TMP/out"
}
bad adapters/adapter_util.c '#include "runner/target.h"' \
  '#include "runner/target.h" reaches runner/, but adapters/ may use only: common adapters'
bad reports/summary.c '#include "runner/run.h"' \
  '#include "runner/run.h" reaches runner/, but reports/ may use only: common model'
bad common/buf.c '#include "model/results.h"' \
  '#include "model/results.h" reaches model/, but common/ may use only: common'
bad model/matrix.c '#include "nowhere/thing.h"' '#include "nowhere/thing.h" does not resolve'
done_testing
