/* Helpers of the fuzz targets (fuzz.h). */
#include "fuzz.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char vbf_path[64];

static void vbf_rm(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", vbf_path);
	if (system(cmd))
		fprintf(stderr, "fuzz: could not remove %s\n", vbf_path);
}

static void vbf_mkdir(const char *p)
{
	if (mkdir(p, 0777) && errno != EEXIST) {
		perror(p);
		abort();
	}
}

const char *vbf_dir(void)
{
	char p[128];

	if (vbf_path[0])
		return vbf_path;
	snprintf(vbf_path, sizeof(vbf_path), "/tmp/vbench-fuzz-XXXXXX");
	if (!mkdtemp(vbf_path)) {
		perror("mkdtemp");
		abort();
	}
	atexit(vbf_rm);
	snprintf(p, sizeof(p), "%s/bench", vbf_path);
	vbf_mkdir(p);
	snprintf(p, sizeof(p), "%s/bench/targets", vbf_path);
	vbf_mkdir(p);
	snprintf(p, sizeof(p), "%s/bench/suites", vbf_path);
	vbf_mkdir(p);
	snprintf(p, sizeof(p), "%s/run", vbf_path);
	vbf_mkdir(p);
	return vbf_path;
}

void vbf_write(const char *rel, const uint8_t *data, size_t size)
{
	char p[256];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", vbf_dir(), rel);
	f = fopen(p, "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f)) {
		perror(p);
		abort();
	}
}

size_t vbf_split(const uint8_t *data, size_t size, const char *mark, const uint8_t **rest,
		 size_t *rest_size)
{
	size_t n = strlen(mark);

	for (size_t i = 0; i + n <= size; i++) {
		if ((i == 0 || data[i - 1] == '\n') && !memcmp(data + i, mark, n) &&
		    (i + n == size || data[i + n] == '\n')) {
			*rest = data + i + n + (i + n < size);
			*rest_size = size - (size_t)(*rest - data);
			return i;
		}
	}
	*rest = NULL;
	*rest_size = 0;
	return size;
}
