/* Builds params.bin; the layout is fixed by common/include/vb/params.h. */
#include "params.h"

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "records/record.h"

static void vb_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void vb_put_stage(uint8_t *p, const struct vb_stage_cfg *c)
{
	vb_put32(p + offsetof(struct vb_stage_cfg, granule), c->granule);
	vb_put32(p + offsetof(struct vb_stage_cfg, mapping), c->mapping);
	vb_put32(p + offsetof(struct vb_stage_cfg, start_level), c->start_level);
	vb_put32(p + offsetof(struct vb_stage_cfg, walk), c->walk);
	vb_put32(p + offsetof(struct vb_stage_cfg, ia_bits), c->ia_bits);
}

int vb_params_build(uint8_t out[sizeof(struct vb_params)], const struct vb_param_values *v,
		    struct vb_error *e)
{
	const char *only = v->only;
	size_t olen = only ? strlen(only) : 0;

	if (olen >= VB_PARAMS_ONLY_LEN)
		return vb_fail(e, "--only list too long (%zu bytes, at most %d)", olen,
			       VB_PARAMS_ONLY_LEN - 1);
	memset(out, 0, sizeof(struct vb_params));
	vb_put32(out + offsetof(struct vb_params, magic), VB_PARAMS_MAGIC);
	vb_put32(out + offsetof(struct vb_params, size), sizeof(struct vb_params));
	vb_put32(out + offsetof(struct vb_params, flags), v->flags);
	vb_put32(out + offsetof(struct vb_params, samples), v->samples);
	vb_put32(out + offsetof(struct vb_params, warmup), v->warmup);
	vb_put32(out + offsetof(struct vb_params, policy), v->policy);
	if (olen)
		memcpy(out + offsetof(struct vb_params, only), only, olen);
	vb_put_stage(out + offsetof(struct vb_params, s1), &v->s1);
	vb_put_stage(out + offsetof(struct vb_params, s2), &v->s2);
	for (unsigned i = 0; i < VB_PARAMS_MAX_FOOTPRINTS; i++)
		vb_put32(out + offsetof(struct vb_params, footprints) + 4 * i, v->footprints[i]);
	vb_put32(out + offsetof(struct vb_params, crc),
		 vb_record_crc(out, offsetof(struct vb_params, crc)));
	return 0;
}

int vb_params_write(const char *path, const struct vb_param_values *v, struct vb_error *e)
{
	uint8_t block[sizeof(struct vb_params)];
	FILE *f;

	if (vb_params_build(block, v, e))
		return -1;
	f = fopen(path, "wb");
	if (!f)
		return vb_fail(e, "cannot create %s: %s", path, strerror(errno));
	if (fwrite(block, sizeof(block), 1, f) != 1 || fclose(f))
		return vb_fail(e, "writing %s: %s", path, strerror(errno));
	return 0;
}

/* microbench/table.c's names, extracted by harness.mk: the list the images run from. */
static const char *const vb_bench_names[] = {
#include <vb_bench_names.h>
};

#define VB_NBENCH (sizeof(vb_bench_names) / sizeof(vb_bench_names[0]))

bool vb_bench_known(const char *name, size_t len)
{
	for (size_t i = 0; i < VB_NBENCH; i++)
		if (strlen(vb_bench_names[i]) == len && !strncmp(vb_bench_names[i], name, len))
			return true;
	return false;
}

void vb_bench_list(char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < VB_NBENCH; i++) {
		/* whole names only, and room left for " ..." */
		if (off + strlen(vb_bench_names[i]) + 6 > len) {
			snprintf(buf + off, len - off, " ...");
			return;
		}
		off += (size_t)snprintf(buf + off, len - off, "%s%s", i ? " " : "",
					vb_bench_names[i]);
	}
}

int vb_only_check(const char *only, struct vb_error *e)
{
	const char *p = only;
	char known[VB_ERR_LEN];

	if (strlen(only) >= VB_PARAMS_ONLY_LEN)
		return vb_fail(e, "--only: list too long (at most %d characters)",
			       VB_PARAMS_ONLY_LEN - 1);
	for (; *p; p++) {
		bool name = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_';

		if (!name && !(*p == ',' && p != only && p[1] && p[1] != ','))
			return vb_fail(e, "--only %s: expected names like a,b (a-z, 0-9, _)", only);
	}
	if (!*only)
		return vb_fail(e, "--only: empty list");
	/* before anything boots: the guest would find it only after QEMU started */
	for (p = only; *p; p += *p == ',') {
		size_t n = strcspn(p, ",");

		if (!vb_bench_known(p, n)) {
			vb_bench_list(known, 480);
			return vb_fail(e, "--only: no benchmark '%.*s'; benchmarks: %s", (int)n, p,
				       known);
		}
		p += n;
	}
	return 0;
}
