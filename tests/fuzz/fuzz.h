/* What the fuzz targets share: a private folder for inputs that vbench reads from files. */
#ifndef VB_FUZZ_H
#define VB_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* The folder (made once, removed at exit): targets and suites live under <dir>/bench/. */
const char *vbf_dir(void);

/* Writes data to <vbf_dir()>/rel; aborts on failure (that is the fuzzer's bug, not vbench's). */
void vbf_write(const char *rel, const uint8_t *data, size_t size);

/* The input up to the first line that is exactly `mark` (or all of it): *rest is after it. */
size_t vbf_split(const uint8_t *data, size_t size, const char *mark, const uint8_t **rest,
		 size_t *rest_size);

#endif
