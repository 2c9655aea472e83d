/* A target file, bench/targets/<name>.conf: `key = value` lines (docs/targets.md). */
#ifndef VB_TARGET_H
#define VB_TARGET_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "record.h"
#include "util.h"

struct vb_target {
	char name[64];
	char path[PATH_MAX];
	struct vb_field *kv; /* owned, in file order */
	size_t n;
};

/*
 * Loads <root>/bench/targets/<name>.conf and checks that what vbench needs
 * is there: arch, cpu, ram_base, ram_size, emulated, launch, and qemu or
 * serial and baud, following launch.
 */
int vb_target_load(struct vb_target *t, const char *root, const char *name, struct vb_error *e);

void vb_target_free(struct vb_target *t);

/* The value (possibly ""), or NULL if the key is absent. */
const char *vb_target_get(const struct vb_target *t, const char *key);

/* A non-empty value, or -1 naming the file and key. */
int vb_target_need(const struct vb_target *t, const char *key, const char **val,
		   struct vb_error *e);

/* A numeric value, or -1 naming the file and key. */
int vb_target_u64(const struct vb_target *t, const char *key, uint64_t *val, struct vb_error *e);

#endif
