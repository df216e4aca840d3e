/*
 * attach.h: what the runner does for targets it attaches to instead of launching
 * (docs/self-certify.md): the funded accounts' keys of --keys FILE / DLT_INTEROP_KEYS, the
 * launch-only capabilities, the facts read from the node itself (chain id, network, genesis
 * hash, implementation) and the expectation files that apply by implementation.
 */
#ifndef DLT_ATTACH_H
#define DLT_ATTACH_H

#include <stddef.h>
#include <cjson/cJSON.h>

struct dlt_run_state;
struct dlt_node;

/* The most keys a keys file may hold, and its largest size in bytes. */
#define DLT_KEYS_MAX 1000
#define DLT_KEYS_FILE_MAX ((size_t)1 << 20)

/* Read a keys file: one secp256k1 private key per line (64 hex digits, with or without 0x),
 * blank lines and lines starting with '#' ignored. *accounts gets [{"address": "0x..",
 * "key": "0x.."}, ...] (address derived from the key). On error, -1 and err naming the file
 * and line, never quoting a key. */
int dlt_attach_load_keys(const char *path, cJSON **accounts, char *err, size_t errlen);

/* Before planning: the keys file of --keys or DLT_INTEROP_KEYS read into r (exit 2 on error),
 * --implementation set on the attached targets, launch-only capabilities removed from them. */
int dlt_run_attach_prepare(struct dlt_run_state *r, char *err, size_t errlen);

/* After the nodes answered info: the attached targets' params filled from the node (chain_id,
 * network_id or network, genesis_hash) and from the keys (accounts), where the target does
 * not set them; their implementation from the client version; the expectation files of their
 * implementation loaded and applied to them; a warning for each --expect file that matches no
 * target. Returns 1 when an expectation file was added to r->expect_files, else 0. */
int dlt_run_attach_facts(struct dlt_run_state *r);

/* What would give a node a capability it lacks, for the skip reason ("" when nothing is
 * known). */
const char *dlt_run_capability_hint(const struct dlt_node *n, const char *cap);

#endif
