#!/bin/sh
# tools/setup.sh: installs what dlt-interop needs and builds it, doing only what is missing:
#   1. Debian packages (build tools, libraries, litecoind, monero, test tools, clang and
#      libFuzzer for the fuzz targets), one apt-get run;
#   2. the npm-distributed nodes pinned in .nodes/package.json(+lock) into .nodes/node_modules;
#   3. autoreconf + configure (once, in build/) and make.
# Used by ./quickstart and .ci/run. Safe to run again: a second run installs nothing.
set -eu
cd "$(dirname "$0")/.."
top=$(pwd)

say() { printf 'setup: %s\n' "$*" >&2; }

SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    say "not root and no sudo: install the packages listed in tools/setup.sh yourself"; fi
fi

# Debian packages: name of the package, one per line
PACKAGES="
build-essential
autoconf
automake
pkg-config
libcurl4-openssl-dev
libcjson-dev
libzmq3-dev
python3-zmq
libmicrohttpd-dev
liblua5.4-dev
lua5.4
libsecp256k1-dev
libsodium-dev
libyaml-dev
libpcre2-dev
litecoind
monero
json-schema-test-suite
libxml2-utils
chromium
curl
jq
time
clang
libclang-rt-14-dev
clang-format
cppcheck
"
missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing="$missing $p"
  fi
done
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing="$missing nodejs npm"
fi
if [ -n "$missing" ]; then
  say "installing Debian packages:$missing"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# npm nodes, at the versions pinned in .nodes/package-lock.json
# (a copy of the lock file in node_modules records what was installed)
if ! cmp -s .nodes/package-lock.json .nodes/node_modules/.dlt-installed-lock 2>/dev/null; then
  say "installing the npm nodes pinned in .nodes/package.json"
  (cd .nodes && npm ci --no-audit --no-fund --loglevel=error >/dev/null &&
   cp package-lock.json node_modules/.dlt-installed-lock)
fi

# solc-js for the HTLC contract's reproducible-compile check (contracts/compile.sh)
if ! cmp -s contracts/package-lock.json contracts/node_modules/.dlt-installed-lock 2>/dev/null; then
  say "installing solc-js pinned in contracts/package.json"
  (cd contracts && npm ci --no-audit --no-fund --loglevel=error >/dev/null &&
   cp package-lock.json node_modules/.dlt-installed-lock)
fi

# build, out of tree: build/ (or $DLT_BUILD, with $DLT_CONFIGURE_FLAGS for configure)
if [ ! -x configure ] || [ configure.ac -nt configure ] || [ Makefile.am -nt configure ]; then
  say "autoreconf"
  autoreconf -fi >/dev/null 2>&1 || autoreconf -fi
fi
build=${DLT_BUILD:-build}
mkdir -p "$build"
if [ ! -f "$build/Makefile" ] || [ configure -nt "$build/config.status" ]; then
  say "configure in $build/"
  (cd "$build" && "$top/configure" --quiet ${DLT_CONFIGURE_FLAGS:-})
fi
say "make in $build/"
make -C "$build" -j"$(nproc 2>/dev/null || echo 2)" >/dev/null
say "built $top/$build/dlt-interop"
