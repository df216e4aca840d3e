#!/bin/sh
# tools/asan-check.sh: builds dlt-interop with AddressSanitizer and UBSan in build-asan/ and runs
# the C unit tests and the runner's own integration tests there (any leak, overflow or
# undefined behaviour fails them). Part of ./quickstart test.
set -eu
cd "$(dirname "$0")/.."
DLT_BUILD=build-asan DLT_CONFIGURE_FLAGS=--enable-asan tools/setup.sh
unit=$(cd build-asan && ls tests/unit/test_* 2>/dev/null | grep -v '\.' | tr '\n' ' ')
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
make -C build-asan -j2 check TESTS="$unit tests/integration/cli.sh tests/integration/bad_inputs.sh tests/integration/anvil_suite.sh tests/integration/interrupt.sh"
