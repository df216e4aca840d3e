/*
 * fuzz_vectors.c: fuzz target for vector files (runner/vectors.c). The input is read as one
 * file of vectors/ through the file loader (from an in-memory file): it is either refused with
 * a message naming the file, or accepted, and then validating the parsed document again must
 * accept it too and the id, title and every case must be there as the format promises.
 */
#include "fuzz.h"
#include "runner/vectors.h"

#include <string.h>

int dlt_fuzz_vectors(const uint8_t *data, size_t size)
{
	char path[64], err[1024] = "";
	cJSON *doc = NULL;
	int fd = dlt_fuzz_file(data, size, path, sizeof path);
	if (fd < 0)
		return 0;
	if (dlt_vectors_load_file(path, &doc, err, sizeof err) != 0) {
		DLT_FUZZ_ASSERT(doc == NULL);
		return dlt_fuzz_refused(err, fd);
	}
	DLT_FUZZ_ASSERT(doc != NULL);
	DLT_FUZZ_ASSERT(dlt_vectors_validate(doc, "again", err, sizeof err) == 0);
	DLT_FUZZ_ASSERT(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(doc, "id")));
	DLT_FUZZ_ASSERT(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(doc, "title")));
	const cJSON *c;
	cJSON_ArrayForEach (c, cJSON_GetObjectItemCaseSensitive(doc, "cases")) {
		DLT_FUZZ_ASSERT(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(c, "name")));
		DLT_FUZZ_ASSERT(cJSON_GetObjectItemCaseSensitive(c, "input") != NULL);
		DLT_FUZZ_ASSERT(cJSON_GetObjectItemCaseSensitive(c, "expected") != NULL);
	}
	cJSON_Delete(doc);
	dlt_fuzz_file_close(fd);
	return 0;
}

DLT_FUZZ_TARGET(vectors)
