#!/bin/sh
# manpage.sh: the command line as people expect it. The manual page (doc/dlt-interop.1) names
# every command of `dlt-interop --help` and, per command, exactly the options of that
# command's --help; every command's --help has an exit status section; make install installs
# the page and the bash completion; the completion offers subcommands, a command's options,
# target names and families, suite folders and formats; a misspelt subcommand, target or suite
# gets a "did you mean"; `report` takes a results folder as well as a results.json.
. "$(dirname "$0")/lib.sh"
man="$SRC/doc/dlt-interop.1"
cmds=$("$DLT" --help | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p' | tr '\n' ' ')
check "dlt-interop --help lists the eleven commands" \
  [ "$cmds" = "run list report merge diff adapter-check keygen certify verify watch serve " ]
check "the manual page has a section for each command and no other" \
  [ "$(sed -n 's/^\.SS //p' "$man" | tr '\n' ' ')" = "$cmds" ]
# help_opts CMD: the options of CMD's --help (lines that start with an option), sorted
help_opts() { "$DLT" "$1" --help | sed -n 's/^ *\(-[a-zA-Z], \)\{0,1\}--\([a-z][a-z-]*\).*/--\2/p' | grep -v '^--help$' | sort -u; }
# man_opts CMD: the options the manual page names in the section of CMD, sorted
man_opts() {
  awk -v c="$1" '/^\.SS /{on = ($2 == c)} /^\.SH /{on = 0} on' "$man" | grep -v '\\fBrun ' | sed 's/\\-/-/g' |
    grep -o -- '--[a-z][a-z-]*' | grep -v '^--help$' | sort -u
}
for c in $cmds; do
  help_opts "$c" > "$TMP/h.$c"
  man_opts "$c" > "$TMP/m.$c"
  if cmp -s "$TMP/h.$c" "$TMP/m.$c"; then ok "the manual page's options of $c are those of its --help"
  else not_ok "the manual page's options of $c are those of its --help"; diff "$TMP/h.$c" "$TMP/m.$c" | sed 's/^/# /'; fi
  check "dlt-interop $c --help has an exit status section" sh -c "'$DLT' $c --help | grep -qi '^exit status: 0'"
done
check "the manual page has an EXIT STATUS section" grep -q '^\.SH EXIT STATUS' "$man"
if command -v man > /dev/null 2>&1; then
  check "man renders the page without warnings" sh -c "MANWIDTH=80 man --warnings -l '$man' 2>&1 > /dev/null | (! grep -q .)"
fi

# make install: the page and the completion land where man and bash-completion look
if make -C "$BUILD" install DESTDIR="$TMP/inst" > "$TMP/install.log" 2>&1; then
  check "make install installs the manual page in man1" sh -c "ls '$TMP'/inst/*/share/man/man1/dlt-interop.1 '$TMP'/inst/*/*/share/man/man1/dlt-interop.1 2>/dev/null | grep -q ."
  check "... and the bash completion" sh -c "ls '$TMP'/inst/*/share/bash-completion/completions/dlt-interop '$TMP'/inst/*/*/share/bash-completion/completions/dlt-interop 2>/dev/null | grep -q ."
else
  not_ok "make install into a DESTDIR"; tail -5 "$TMP/install.log" | sed 's/^/# /'
fi

# complete WORDS...: what the completion offers for the last word
complete_words() {
  bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _dlt_interop; printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' \
    sh "$SRC/completions/dlt-interop" "$DLT" "$@"
}
if command -v bash > /dev/null 2>&1; then
  check "completion: subcommands" [ "$(complete_words w)" = "watch " ]
  check "completion: a command's options, from its --help" [ "$(complete_words run --ev)" = "--events " ]
  check "completion: serve's options" [ "$(complete_words serve --)" = "--bind --help --lost --port " ]
  check "completion: target names" [ "$(complete_words run --target an)" = "anvil " ]
  check "completion: families" [ "$(complete_words run -t bit)" = "bitcoin " ]
  check "completion: suite folders" sh -c "echo '$(complete_words run --suite "$SRC/suites/ethereum-p")' | grep -q 'suites/ethereum-pairs'"
  check "completion: report formats" [ "$(complete_words report --format j)" = "json junit " ]
fi

# did you mean
"$DLT" rnu > /dev/null 2> "$TMP/err"
check "a misspelt subcommand: exit 2 and did you mean" sh -c "[ $? -eq 2 ] && grep -q \"unknown command 'rnu'; did you mean 'run'?\" '$TMP/err'"
"$DLT" wacth > /dev/null 2> "$TMP/err"
check "... wacth: watch" grep -q "did you mean 'watch'?" "$TMP/err"
"$DLT" frobnicate > /dev/null 2> "$TMP/err"
check "... a word near nothing gets no suggestion" sh -c "grep -q \"unknown command 'frobnicate'\$\" '$TMP/err'"
"$DLT" list --target anvl > /dev/null 2> "$TMP/err"
check "a misspelt target: did you mean anvil" grep -q -- '--target anvl: no such target; did you mean anvil?' "$TMP/err"
"$DLT" list --target etherium > /dev/null 2> "$TMP/err"
check "a misspelt family: did you mean ethereum" grep -q -- '--target etherium: no such target; did you mean ethereum?' "$TMP/err"
"$DLT" list --target anvil --suite "$SRC/suites/etherum" > /dev/null 2> "$TMP/err"
check "a misspelt suite folder: did you mean the folder" grep -q -- "no such file or folder; did you mean $SRC/suites/ethereum?" "$TMP/err"

# report DIR
mkdir -p "$TMP/res"
cp "$SRC/tests/data/results/run-full.json" "$TMP/res/results.json"
"$DLT" report "$TMP/res" --format md -o "$TMP/a.md" 2> /dev/null
"$DLT" report "$TMP/res/results.json" --format md -o "$TMP/b.md" 2> /dev/null
check "report DIR reads DIR/results.json: the same report as naming the file" sh -c "[ -s '$TMP/a.md' ] && cmp -s '$TMP/a.md' '$TMP/b.md'"
mkdir -p "$TMP/empty"
"$DLT" report "$TMP/empty" -o "$TMP/c.md" 2> "$TMP/err"
check "report of a folder without results.json: exit 2 saying how to go on" \
  sh -c "[ $? -eq 2 ] && grep -q 'is a folder without a readable results.json .*run --resume' '$TMP/err'"
done_testing
