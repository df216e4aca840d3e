/*
 * fuzz.h: what every fuzz target in tests/fuzz/ shares (docs/fuzzing.md). A target is one
 * function `int dlt_fuzz_NAME(const uint8_t *data, size_t size)` that feeds the bytes to one
 * parser of outside input and aborts (DLT_FUZZ_ASSERT) when a property the parser promises does
 * not hold; the sanitizers catch the rest. DLT_FUZZ_TARGET(NAME) turns it into a libFuzzer entry
 * point when the file is built for libFuzzer (clang, DLT_FUZZ_LIBFUZZER defined by
 * tests/fuzz/fuzz.mk); the gcc-built replay driver (replay.c) calls the same functions by name.
 */
#ifndef DLT_FUZZ_H
#define DLT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Abort with the file, line and condition when a promised property does not hold: libFuzzer
 * and the replay driver both report an abort as a crash. */
#define DLT_FUZZ_ASSERT(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: fuzz property failed: %s\n", __FILE__, __LINE__, \
				#cond); \
			abort(); \
		} \
	} while (0)

#ifdef DLT_FUZZ_LIBFUZZER
#define DLT_FUZZ_TARGET(name) \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size); \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) \
	{ \
		return dlt_fuzz_##name(data, size); \
	}
#else
#define DLT_FUZZ_TARGET(name)
#endif

/* The targets (one file each: tests/fuzz/fuzz_NAME.c). */
int dlt_fuzz_target(const uint8_t *data, size_t size);
int dlt_fuzz_vectors(const uint8_t *data, size_t size);
int dlt_fuzz_roadmap(const uint8_t *data, size_t size);
int dlt_fuzz_expectations(const uint8_t *data, size_t size);
int dlt_fuzz_results(const uint8_t *data, size_t size);
int dlt_fuzz_rlp(const uint8_t *data, size_t size);
int dlt_fuzz_bech32(const uint8_t *data, size_t size);
int dlt_fuzz_hex(const uint8_t *data, size_t size);
int dlt_fuzz_u256(const uint8_t *data, size_t size);
int dlt_fuzz_exact(const uint8_t *data, size_t size);
int dlt_fuzz_jsonschema(const uint8_t *data, size_t size);
int dlt_fuzz_openrpc(const uint8_t *data, size_t size);
int dlt_fuzz_lua_json(const uint8_t *data, size_t size);
int dlt_fuzz_btc_tx(const uint8_t *data, size_t size);
int dlt_fuzz_eth_tx(const uint8_t *data, size_t size);
int dlt_fuzz_ext_msg(const uint8_t *data, size_t size);
int dlt_fuzz_bundle(const uint8_t *data, size_t size);

/* The input as a file the loaders can open: an anonymous in-memory file (memfd) holding the
 * bytes, named by *path ("/proc/self/fd/N", pathcap bytes). Returns the descriptor to give to
 * dlt_fuzz_file_close, or -1 (then the target skips the input). */
int dlt_fuzz_file(const uint8_t *data, size_t size, char *path, size_t pathcap);
void dlt_fuzz_file_close(int fd);
/* A loader refused the in-memory file fd: its message must name the file (abort otherwise).
 * Closes fd; returns 0, for `return dlt_fuzz_refused(err, fd);`. */
int dlt_fuzz_refused(const char *err, int fd);

/* The input as a NUL-terminated string (malloc'd copy; NULL when out of memory). */
char *dlt_fuzz_strdup(const uint8_t *data, size_t size);

/* A file of the source tree ("roadmap/roadmap.json") as $DLT_SOURCE_DIR or the tree the fuzzers
 * were built from has it; returns a static buffer. */
const char *dlt_fuzz_source_path(const char *rel);

#endif
