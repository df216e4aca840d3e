/*
 * fuzz_util.c: helpers shared by the fuzz targets (fuzz.h): the input as an in-memory file for
 * the loaders that only read files, as a C string, and paths of fixed files of the source tree.
 */
#define _GNU_SOURCE
#include "fuzz.h"

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int dlt_fuzz_file(const uint8_t *data, size_t size, char *path, size_t pathcap)
{
	int fd = memfd_create("dlt-fuzz-input", MFD_CLOEXEC);
	if (fd < 0)
		return -1;
	size_t done = 0;
	while (done < size) {
		ssize_t w = write(fd, data + done, size - done);
		if (w <= 0) {
			close(fd);
			return -1;
		}
		done += (size_t)w;
	}
	snprintf(path, pathcap, "/proc/self/fd/%d", fd);
	return fd;
}

void dlt_fuzz_file_close(int fd)
{
	if (fd >= 0)
		close(fd);
}

int dlt_fuzz_refused(const char *err, int fd)
{
	DLT_FUZZ_ASSERT(strstr(err, "self/fd/") != NULL);
	dlt_fuzz_file_close(fd);
	return 0;
}

char *dlt_fuzz_strdup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		return NULL;
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

const char *dlt_fuzz_source_path(const char *rel)
{
	static char buf[4096];
	const char *top = getenv("DLT_SOURCE_DIR");
#ifdef DLT_SOURCE_DIR
	if (!top || !*top)
		top = DLT_SOURCE_DIR;
#endif
	snprintf(buf, sizeof buf, "%s/%s", top ? top : ".", rel);
	return buf;
}
