#!/bin/sh
# tools/lint.sh [TOP [FILE...]]: the style and static checks of HACKING.md, run by `make lint`
# and by ./quickstart test. Two checks over the project's C sources (every *.c and *.h under
# common crypto schema adapters model reports runner cert live tools tests bench, or the FILEs
# given):
#   1. clang-format --dry-run --Werror with the top .clang-format: prints FILE:LINE of every
#      line that is not formatted as the style says (fix with clang-format -i FILE);
#   2. cppcheck (warning and portability classes, cJSON described by tools/cppcheck-cjson.cfg):
#      prints FILE:LINE: severity: message [id].
# Exits 0 when both are clean, 1 when either found something, 2 when a tool is missing.
set -u
top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
[ $# -gt 0 ] && shift
cd "$top" || exit 2
for tool in clang-format cppcheck; do
  if ! command -v $tool >/dev/null 2>&1; then
    echo "lint: $tool is not installed (tools/setup.sh installs it)" >&2
    exit 2
  fi
done
if [ $# -gt 0 ]; then
  files="$*"
else
  files=$(find common crypto schema adapters model reports runner cert live tools tests bench \
    -name '*.[ch]' ! -name prelude.c ! -path '*/obj/*' 2>/dev/null | LC_ALL=C sort)
fi
status=0
n=$(echo "$files" | wc -w)
if ! clang-format --dry-run --Werror $files 2>/tmp/lint.$$; then
  grep -E '^[^ ].*: (error|warning):' /tmp/lint.$$ | sed 's/: error: code should be clang-formatted.*/: not formatted as .clang-format says (clang-format -i)/' >&2
  status=1
fi
rm -f /tmp/lint.$$
echo "lint: clang-format checked $n files" >&2
out=$(cppcheck -q --std=c11 --enable=warning,portability --inline-suppr \
  --library=tools/cppcheck-cjson.cfg -I. -j2 --suppress=missingIncludeSystem \
  --template='{file}:{line}: {severity}: {message} [{id}]' $files 2>&1)
if [ -n "$out" ]; then
  echo "$out" >&2
  status=1
fi
echo "lint: cppcheck checked $n files" >&2
[ $status -eq 0 ] && echo "lint: clean" >&2
exit $status
