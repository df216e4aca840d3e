/*
 * openrpc-convert: converts the ethereum/execution-apis YAML sources (src/eth, src/schemas,
 * src/error-groups below DIR) into the JSON document the runner reads.
 *
 *   openrpc-convert [-o OUT] [--repository URL] [--commit HASH] DIR
 *   openrpc-convert --check FILE [--repository URL] [--commit HASH] DIR
 *
 * Without -o the JSON goes to stdout. --check converts and compares with FILE instead of
 * writing, exiting 1 with the first difference. `make schema-update-openrpc` regenerates
 * vectors/execution-apis/openrpc.json from vectors/execution-apis/src (docs/schema.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "openrpc_convert.h"
#include "common/file.h"

static void usage(void)
{
	fprintf(stderr, "usage: openrpc-convert [-o OUT | --check FILE] [--repository URL] "
			"[--commit HASH] DIR\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *outpath = NULL, *check = NULL, *dir = NULL;
	struct dlt_openrpc_source src = { NULL, NULL };
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			outpath = argv[++i];
		else if (!strcmp(argv[i], "--check") && i + 1 < argc)
			check = argv[++i];
		else if (!strcmp(argv[i], "--repository") && i + 1 < argc)
			src.repository = argv[++i];
		else if (!strcmp(argv[i], "--commit") && i + 1 < argc)
			src.commit = argv[++i];
		else if (argv[i][0] == '-' || dir)
			usage();
		else
			dir = argv[i];
	}
	if (!dir || (outpath && check))
		usage();
	char err[1024];
	cJSON *doc = NULL;
	if (dlt_openrpc_convert(dir, &src, &doc, err, sizeof err) != 0) {
		fprintf(stderr, "openrpc-convert: %s\n", err);
		return 1;
	}
	if (check) {
		char jerr[1200];
		cJSON *old = dlt_load_json_file(check, jerr, sizeof jerr);
		if (!old) {
			fprintf(stderr, "openrpc-convert: %s\n", jerr);
			cJSON_Delete(doc);
			return 1;
		}
		char where[1024];
		int d = dlt_openrpc_convert_diff(old, doc, where, sizeof where);
		if (d)
			fprintf(stderr,
				"openrpc-convert: %s differs from the conversion of %s: %s\n",
				check, dir, where);
		cJSON_Delete(old);
		cJSON_Delete(doc);
		return d ? 1 : 0;
	}
	char *text = cJSON_Print(doc);
	cJSON_Delete(doc);
	if (!text) {
		fprintf(stderr, "openrpc-convert: out of memory\n");
		return 1;
	}
	FILE *f = outpath ? fopen(outpath, "wb") : stdout;
	if (!f) {
		perror(outpath);
		free(text);
		return 1;
	}
	int bad = fputs(text, f) < 0 || fputc('\n', f) == EOF;
	free(text);
	if (outpath)
		bad |= fclose(f) != 0;
	else
		bad |= fflush(f) != 0;
	if (bad) {
		fprintf(stderr, "openrpc-convert: cannot write %s\n", outpath ? outpath : "stdout");
		return 1;
	}
	return 0;
}
