/*
 * Run options as vbench reads them: the input's lines are --s1, --s2,
 * --footprints and --only. Whatever is accepted must be what the images take.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "launch/params.h"
#include "launch/xlatspec.h"

/* The next line of the input, NUL-terminated, in buf. */
static const uint8_t *vbf_line(const uint8_t *p, const uint8_t *end, char *buf, size_t len)
{
	size_t n = 0;

	while (p < end && *p != '\n') {
		if (n + 1 < len)
			buf[n++] = (char)*p;
		p++;
	}
	buf[n] = '\0';
	return p < end ? p + 1 : p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	char s1[80], s2[80], fp[600], only[300], name[96];
	uint32_t f[VB_PARAMS_MAX_FOOTPRINTS];
	struct vb_stage_cfg c1, c2;
	struct vb_error e;
	uint64_t v;

	p = vbf_line(p, end, s1, sizeof(s1));
	p = vbf_line(p, end, s2, sizeof(s2));
	p = vbf_line(p, end, fp, sizeof(fp));
	vbf_line(p, end, only, sizeof(only));
	/* a size parsed is the size named: no wrap */
	if (!xlat_size_parse(s1, &v) && (v & 1023) == 0) {
		uint64_t back;

		xlat_size_name(name, v);
		if (xlat_size_parse(name, &back) || back != v)
			__builtin_trap();
	}
	if (!vb_stage_parse(s1, 0, &c1, &e) && !vb_stage_parse(s2, 1, &c2, &e)) {
		(void)vb_stage_check(&c1, 0, "armv7", &e);
		if (!vb_stage_check(&c1, 0, "armv8", &e) && !vb_stage_check(&c2, 1, "armv8", &e)) {
			vb_config_name(name, sizeof(name), &c1, &c2, "armv8");
			if (!strcmp(name, "invalid"))
				__builtin_trap();
		}
	}
	if (!vb_footprints_parse(fp, f, &e))
		for (unsigned i = 0; i < VB_PARAMS_MAX_FOOTPRINTS && f[i]; i++)
			if (f[i] < 4096 || f[i] > 0x40000000)
				__builtin_trap();
	(void)vb_only_check(only, &e);
	return 0;
}
