#!/bin/sh
# tools/asan-check.sh: builds dlt-interop with AddressSanitizer and UBSan in build-asan/ and runs
# the C unit tests and the runner's own integration tests there (any leak, overflow or
# undefined behaviour fails them). Part of ./quickstart test.
set -eu
cd "$(dirname "$0")/.."
# (the libFuzzer targets carry their own sanitizers: build-asan replays their inputs instead)
DLT_BUILD=build-asan DLT_CONFIGURE_FLAGS='--enable-asan --disable-fuzz' tools/setup.sh
unit=$(make -s -C build-asan print-tests | tr ' ' '\n' | grep '^tests/unit/' | tr '\n' ' ')
# a leak or an error exits 23, which no test accepts as a verdict exit code (0, 1, 2)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:exitcode=23}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
make -C build-asan -j2 check TESTS="$unit tests/integration/cli.sh tests/integration/bad_inputs.sh tests/integration/anvil_suite.sh tests/integration/interrupt.sh tests/integration/launch.sh tests/integration/scenario_clash.sh tests/integration/resume.sh tests/integration/results_folder.sh tests/integration/results_bytes.sh tests/integration/openrpc_convert.sh tests/integration/faults.sh tests/integration/hostile.sh tests/integration/attach.sh tests/integration/suite_lib.sh tests/integration/external_anvil.sh tests/integration/adapter_check.sh tests/integration/external_curve.sh tests/integration/external_litecoind.sh tests/integration/certify.sh tests/integration/report_cli.sh tests/integration/progress.sh tests/integration/feed.sh tests/integration/watch.sh tests/integration/serve.sh tests/integration/manpage.sh tests/integration/fixtures_data.sh tests/integration/fixtures.sh tests/integration/schedule.sh tests/integration/shard_auto.sh tests/integration/perf.sh tests/fuzz/replay.sh"
