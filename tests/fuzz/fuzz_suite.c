/* Suite files (launch/suite.c), and each configuration checked against two targets. */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "launch/suite.h"
#include "launch/xlatspec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vb_suite s;
	struct vb_target a15 = { .arch = VB_ARCH_ARMV7 };
	struct vb_target a72 = { .arch = VB_ARCH_ARMV8,
				 .granules = VB_GRANULE_4K | VB_GRANULE_64K,
				 .granules_text = "4k 64k" };
	struct vb_error e;
	char name[96];

	vbf_write("bench/suites/f.suite", data, size);
	if (vb_suite_load(&s, vbf_dir(), "f", &e))
		return 0;
	for (unsigned i = 0; i < s.nc; i++) {
		(void)vb_suite_config_check(&s.c[i], &a15, &e);
		if (!vb_suite_config_check(&s.c[i], &a72, &e)) {
			vb_config_name(name, sizeof(name), &s.c[i].s1, &s.c[i].s2, "armv8");
			/* a configuration vbench accepts is one the images resolve */
			if (!strcmp(name, "invalid"))
				__builtin_trap();
		}
	}
	return 0;
}
