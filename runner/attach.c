/*
 * attach.c: targets the runner attaches to instead of launching (see attach.h and
 * docs/self-certify.md). A vendor's node started outside the runner is given by URL or by a
 * target file without "launch"; what a launched target's file declares (chain id, network,
 * funded accounts, implementation) is then read from the node itself, the funded accounts'
 * keys come from a keys file (never from the command line; never written into results, logs or
 * reports: params are not recorded and no message quotes a key), and the expectation files of
 * the node's implementation apply to it whatever its name. Capabilities that only a node the
 * runner launched can offer safely (moving the clock of a shared node) are removed from
 * attached targets unless their target file adds them.
 */
#include "runner/attach.h"
#include "runner/run_internal.h"
#include "runner/expectations.h"
#include "runner/home.h"
#include "runner/target.h"
#include "crypto/eth.h"
#include "common/file.h"
#include "common/hex.h"
#include "common/mem.h"
#include "common/strlist.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Capabilities only a launched node has unless a target file adds them. */
static const char *const launch_only[] = { "time_control", NULL };

static int is_launch_only(const char *cap)
{
	for (size_t i = 0; launch_only[i]; i++)
		if (!strcmp(launch_only[i], cap))
			return 1;
	return 0;
}

/* One line of a keys file, trimmed, into key (32 bytes); 0, or -1 with err. */
static int parse_key_line(const char *s, size_t n, uint8_t key[32], const char *file, int line,
			  char *err, size_t errlen)
{
	if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		n -= 2;
	}
	if (n != 64) {
		snprintf(err, errlen,
			 "%s:%d: expected a private key of 64 hex digits (with or "
			 "without 0x), found %zu characters",
			 file, line, n);
		return -1;
	}
	for (size_t i = 0; i < 64; i++)
		if (dlt_hex_digit((unsigned char)s[i]) < 0) {
			snprintf(err, errlen,
				 "%s:%d: a private key holds only hex digits (column "
				 "%zu is not one)",
				 file, line, i + 1);
			return -1;
		}
	size_t got = 0;
	char e2[128];
	if (dlt_hex_decode(s, 64, key, 32, &got, e2, sizeof e2) || got != 32) {
		snprintf(err, errlen, "%s:%d: not a private key of 32 bytes", file, line);
		return -1;
	}
	return 0;
}

int dlt_attach_load_keys(const char *path, cJSON **accounts, char *err, size_t errlen)
{
	*accounts = NULL;
	struct stat st;
	if (stat(path, &st) != 0) {
		snprintf(err, errlen, "keys file %s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "keys file %s: not a regular file", path);
		return -1;
	}
	if ((size_t)st.st_size > DLT_KEYS_FILE_MAX) {
		snprintf(err, errlen,
			 "keys file %s: %lld bytes, more than the %zu a keys file may "
			 "have (one key per line, at most %d keys)",
			 path, (long long)st.st_size, DLT_KEYS_FILE_MAX, DLT_KEYS_MAX);
		return -1;
	}
	size_t len;
	char *text = dlt_read_file(path, &len, err, errlen);
	if (!text)
		return -1;
	cJSON *list = cJSON_CreateArray();
	int line = 0, rc = 0, count = 0;
	for (char *p = text; rc == 0 && p < text + len;) {
		char *nl = memchr(p, '\n', (size_t)(text + len - p));
		char *end = nl ? nl : text + len;
		line++;
		char *a = p, *b = end;
		while (a < b && isspace((unsigned char)*a))
			a++;
		while (b > a && isspace((unsigned char)b[-1]))
			b--;
		p = nl ? nl + 1 : text + len;
		if (a == b || *a == '#')
			continue;
		uint8_t key[32], addr[20];
		char e2[256];
		if (parse_key_line(a, (size_t)(b - a), key, path, line, err, errlen)) {
			rc = -1;
		} else if (dlt_eth_address_from_privkey(key, addr, e2, sizeof e2)) {
			snprintf(err, errlen,
				 "%s:%d: not a valid secp256k1 private key (zero, or not "
				 "below the curve order)",
				 path, line);
			rc = -1;
		} else if (++count > DLT_KEYS_MAX) {
			snprintf(err, errlen, "%s:%d: more than %d keys", path, line, DLT_KEYS_MAX);
			rc = -1;
		} else {
			char hex[2 + 64 + 1], ahex[DLT_ETH_ADDRESS_STR];
			dlt_hex_encode_0x(hex, key, 32);
			dlt_eth_address_hex(addr, ahex);
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "address", ahex);
			cJSON_AddStringToObject(o, "key", hex);
			cJSON_AddItemToArray(list, o);
			memset(hex, 0, sizeof hex);
		}
		memset(key, 0, sizeof key);
	}
	memset(text, 0, len);
	free(text);
	if (rc == 0 && count == 0) {
		snprintf(err, errlen,
			 "keys file %s: no key in it (one private key per line, 64 hex "
			 "digits; '#' starts a comment line)",
			 path);
		rc = -1;
	}
	if (rc) {
		cJSON_Delete(list);
		return -1;
	}
	if (st.st_mode & (S_IRWXG | S_IRWXO))
		fprintf(stderr,
			"dlt-interop: warning: keys file %s can be read by other users "
			"(mode %04o); chmod 600 %s\n",
			path, (unsigned)(st.st_mode & 07777), path);
	*accounts = list;
	return 0;
}

/* An implementation name that is only the target's name by default (target.c). */
static int implementation_is_default(const struct dlt_target *t)
{
	return !strcmp(t->implementation, t->name);
}

int dlt_run_attach_prepare(struct dlt_run_state *r, char *err, size_t errlen)
{
	const char *keys = r->o->keys_file;
	const char *from = "--keys";
	if (!keys && getenv("DLT_INTEROP_KEYS") && *getenv("DLT_INTEROP_KEYS")) {
		keys = getenv("DLT_INTEROP_KEYS");
		from = "DLT_INTEROP_KEYS";
	}
	if (keys && dlt_attach_load_keys(keys, &r->keys, err, errlen)) {
		size_t n = strlen(err);
		snprintf(err + n, errlen - n, " (%s)", from);
		return -1;
	}
	for (size_t i = 0; i < r->nnodes; i++) {
		struct dlt_node *n = &r->nodes[i];
		struct dlt_target *t = n->target;
		if (t->launchable)
			continue;
		if (r->o->implementation) {
			free(t->implementation);
			t->implementation = dlt_xstrdup(r->o->implementation);
		}
		const cJSON *add = cJSON_GetObjectItemCaseSensitive(t->capabilities, "add");
		for (size_t k = 0; k < n->caps.n; k++) {
			int added = 0;
			const cJSON *c;
			cJSON_ArrayForEach (c, add)
				added |= cJSON_IsString(c) && !strcmp(c->valuestring, n->caps.v[k]);
			if (is_launch_only(n->caps.v[k]) && !added) {
				free(n->caps.v[k]);
				n->caps.v[k] = n->caps.v[--n->caps.n];
				k--;
			}
		}
	}
	return 0;
}

/* params.NAME = v when params has no NAME (v is taken over either way). */
static void fill_param(cJSON *params, const char *name, cJSON *v)
{
	if (!v)
		return;
	if (cJSON_GetObjectItemCaseSensitive(params, name))
		cJSON_Delete(v);
	else
		cJSON_AddItemToObject(params, name, v);
}

/* The chain id of an info answer ("0x7a69", "31337" or a number) as a JSON number, or NULL. */
static cJSON *chain_id_number(const cJSON *v)
{
	if (cJSON_IsNumber(v))
		return cJSON_CreateNumber(v->valuedouble);
	if (!cJSON_IsString(v) || !v->valuestring[0])
		return NULL;
	const char *s = v->valuestring;
	int base = 10;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		base = 16;
	}
	char *end;
	errno = 0;
	unsigned long long n = strtoull(s, &end, base);
	if (!*s || *end || errno || n > (1ULL << 53))
		return NULL;
	return cJSON_CreateNumber((double)n);
}

static cJSON *info_string(const cJSON *info, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(info, name);
	return cJSON_IsString(v) && v->valuestring[0] ? cJSON_CreateString(v->valuestring) : NULL;
}

/* Whether the expectation file path was loaded already (by its absolute path). */
static int expect_loaded(const struct dlt_run_state *r, const char *path)
{
	char *abs = realpath(path, NULL);
	int has = abs && dlt_strlist_has(&r->expect_files, abs);
	free(abs);
	return has;
}

/* The implementation's expectation file loaded (once) when no --expect or
 * --no-expectations says otherwise; 1 when it was added. */
static int load_implementation_expectations(struct dlt_run_state *r, const char *impl)
{
	if (r->o->no_expect || r->o->expects.n > 0 || strchr(impl, '/') || impl[0] == '.')
		return 0;
	char *p = dlt_printf("%s/targets/expectations/%s.json", dlt_home(), impl);
	int added = 0;
	if (dlt_is_file(p) && !expect_loaded(r, p)) {
		char err[2048];
		if (dlt_expectations_load(r->expect, p, err, sizeof err) == 0) {
			char *abs = realpath(p, NULL);
			dlt_strlist_add(&r->expect_files, abs ? abs : p);
			free(abs);
			added = 1;
		} else
			fprintf(stderr, "dlt-interop: warning: %s\n", err);
	}
	free(p);
	return added;
}

/* A warning for each --expect file whose target is none of the run's targets, by name or by
 * the implementation of an attached target. */
static void warn_unmatched_expect(const struct dlt_run_state *r)
{
	if (r->o->resume)
		return;
	for (size_t i = 0; i < r->o->expects.n; i++) {
		char *target = dlt_expectations_file_target(r->o->expects.v[i]);
		int hit = 0;
		for (size_t k = 0; target && k < r->nnodes && !hit; k++) {
			const struct dlt_target *t = r->nodes[k].target;
			hit = !strcmp(t->name, target) ||
			      (!t->launchable && !strcmp(t->implementation, target));
		}
		for (size_t k = 0; target && k < r->nnodes && !hit; k++)
			hit = !strcmp(r->nodes[k].target->adapter, "external") &&
			      !strcmp(r->nodes[k].target->implementation, target);
		if (target && !hit) {
			fprintf(stderr,
				"dlt-interop: warning: --expect %s is about target \"%s\", which "
				"is neither the name nor the implementation of a target of this run "
				"(targets:",
				r->o->expects.v[i], target);
			for (size_t k = 0; k < r->nnodes; k++)
				fprintf(stderr, "%s %s (%s)", k ? "," : "",
					r->nodes[k].target->name,
					r->nodes[k].target->implementation);
			fprintf(stderr, "); its entries apply to nothing\n");
		}
		free(target);
	}
}

/* A node behind an external adapter (launched or not): the capabilities and params its hello
 * declared (ext_info adds them to the info answer), the target file's capabilities.add/remove
 * applied on top; a hello family other than the target's makes the node unusable. */
static void external_facts(struct dlt_node *n)
{
	struct dlt_target *t = n->target;
	const cJSON *fam = cJSON_GetObjectItemCaseSensitive(n->info, "family");
	if (cJSON_IsString(fam) && strcmp(fam->valuestring, t->family) != 0 && !n->down) {
		n->down = dlt_printf(
			"target %s: its adapter serves the family \"%s\" (hello.family), "
			"the target file says \"%s\" (%s)",
			t->name, fam->valuestring, t->family, t->source);
		fprintf(stderr, "dlt-interop: %s\n", n->down);
	}
	const cJSON *caps = cJSON_GetObjectItemCaseSensitive(n->info, "capabilities"), *c;
	if (cJSON_IsArray(caps)) {
		dlt_strlist_free(&n->caps);
		cJSON_ArrayForEach (c, caps)
			if (cJSON_IsString(c) && !dlt_strlist_has(&n->caps, c->valuestring))
				dlt_strlist_add(&n->caps, c->valuestring);
		cJSON_ArrayForEach (c, cJSON_GetObjectItemCaseSensitive(t->capabilities, "add"))
			if (!dlt_strlist_has(&n->caps, c->valuestring))
				dlt_strlist_add(&n->caps, c->valuestring);
		cJSON_ArrayForEach (c, cJSON_GetObjectItemCaseSensitive(t->capabilities, "remove"))
			for (size_t k = 0; k < n->caps.n; k++)
				if (!strcmp(n->caps.v[k], c->valuestring)) {
					free(n->caps.v[k]);
					n->caps.v[k] = n->caps.v[--n->caps.n];
					k--;
				}
	}
	const cJSON *params = cJSON_GetObjectItemCaseSensitive(n->info, "params"), *p;
	cJSON_ArrayForEach (p, params)
		fill_param(t->params, p->string, cJSON_Duplicate(p, 1));
	/* params may hold what results must not (keys): info is written into results.json */
	cJSON_DeleteItemFromObjectCaseSensitive(n->info, "params");
	const cJSON *impl = cJSON_GetObjectItemCaseSensitive(n->info, "implementation");
	if (t->launchable && implementation_is_default(t) && cJSON_IsString(impl) &&
	    impl->valuestring[0]) {
		free(t->implementation);
		t->implementation = dlt_xstrdup(impl->valuestring);
	}
}

int dlt_run_attach_facts(struct dlt_run_state *r)
{
	int added = 0;
	for (size_t i = 0; i < r->nnodes; i++) {
		struct dlt_node *n = &r->nodes[i];
		struct dlt_target *t = n->target;
		int external = !strcmp(t->adapter, "external");
		if (n->info && external)
			external_facts(n);
		if (t->launchable) {
			/* a launched adapter process is a vendor's way in too: its implementation's
			 * expectations apply to it */
			if (external) {
				added |= load_implementation_expectations(r, t->implementation);
				dlt_expectations_alias(r->expect, t->implementation, t->name);
			}
			continue;
		}
		if (n->info) {
			const cJSON *impl =
				cJSON_GetObjectItemCaseSensitive(n->info, "implementation");
			if (!r->o->implementation && implementation_is_default(t) &&
			    cJSON_IsString(impl) && impl->valuestring[0]) {
				free(t->implementation);
				t->implementation = dlt_xstrdup(impl->valuestring);
			}
			int eth = !strcmp(t->family, "ethereum");
			fill_param(t->params, "chain_id",
				   chain_id_number(
					   cJSON_GetObjectItemCaseSensitive(n->info, "chain_id")));
			fill_param(t->params, eth ? "network_id" : "network",
				   info_string(n->info, "network"));
			fill_param(t->params, "genesis_hash", info_string(n->info, "genesis_hash"));
		}
		if (r->keys && !strcmp(t->family, "ethereum"))
			fill_param(t->params, "accounts", cJSON_Duplicate(r->keys, 1));
		added |= load_implementation_expectations(r, t->implementation);
		dlt_expectations_alias(r->expect, t->implementation, t->name);
	}
	warn_unmatched_expect(r);
	return added;
}

const char *dlt_run_capability_hint(const struct dlt_node *n, const char *cap)
{
	if (n->target->launchable || !is_launch_only(cap))
		return "";
	return " (launch-only: a node the runner launches has it; for an attached node, a "
	       "target file with \"capabilities\": {\"add\": [\"time_control\"]} enables it when "
	       "the node may have its clock moved)";
}
