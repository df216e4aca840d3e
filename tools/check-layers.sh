#!/bin/sh
# tools/check-layers.sh: enforces the one-way layers of HACKING.md. Every #include "..." in the
# C sources is resolved the way the compiler resolves it (next to the including file first, then
# from the top of the tree, the only -I) and the folder it lands in must be one the including
# folder may use:
#   common    -> common
#   crypto    -> common crypto
#   schema    -> common schema
#   adapters  -> common adapters
#   model     -> common model
#   cert      -> common model cert
#   reports   -> common model cert reports
#   live      -> common model reports live
#   runner    -> everything
# tools/, tests/ and bench/ may include anything. A forbidden or unresolvable include is printed
# as FILE:LINE: message, and the script exits 1. Prints TAP (one point per folder).
set -u
top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$top" || exit 2
allowed() {
  case $1 in
    common) echo "common" ;;
    crypto) echo "common crypto" ;;
    schema) echo "common schema" ;;
    adapters) echo "common adapters" ;;
    model) echo "common model" ;;
    cert) echo "common model cert" ;;
    reports) echo "common model cert reports" ;;
    live) echo "common model reports live" ;;
    runner) echo "common crypto schema adapters model cert reports live runner" ;;
  esac
}
n=0
bad_total=0
for layer in common crypto schema adapters model cert reports live runner; do
  [ -d "$layer" ] || continue
  n=$((n + 1))
  bad=$(find "$layer" -name '*.[ch]' | sort | while read -r f; do
    grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" | while IFS=: read -r line text; do
      inc=$(printf '%s' "$text" | sed 's/^[^"]*"\([^"]*\)".*/\1/')
      [ "$inc" = config.h ] && continue
      dir=$(dirname "$f")
      if [ -f "$dir/$inc" ]; then res="$dir/$inc"
      elif [ -f "$inc" ]; then res="$inc"
      else echo "$f:$line: #include \"$inc\" does not resolve (write includes from the top of the tree, e.g. \"common/util.h\")"; continue
      fi
      res=$(realpath -m --relative-to=. "$res")
      to=${res%%/*}
      ok=0
      for a in $(allowed "$layer"); do [ "$a" = "$to" ] && ok=1; done
      [ $ok = 1 ] || echo "$f:$line: #include \"$inc\" reaches $to/, but $layer/ may use only: $(allowed "$layer")"
    done
  done)
  if [ -z "$bad" ]; then echo "ok $n - $layer/ includes only $(allowed "$layer" | tr ' ' ',')"
  else echo "not ok $n - $layer/ has forbidden includes"; printf '%s\n' "$bad" | sed 's/^/# /'; bad_total=$((bad_total + 1))
  fi
done
echo "1..$n"
[ $bad_total -eq 0 ]
