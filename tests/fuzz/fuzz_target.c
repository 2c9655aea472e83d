/* Target files (launch/target.c): bench/targets/<name>.conf as vbench reads it. */
#include <stdint.h>

#include "fuzz.h"
#include "launch/target.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vb_target t;
	struct vb_error e;

	vbf_write("bench/targets/f.conf", data, size);
	if (!vb_target_load(&t, vbf_dir(), "f", &e))
		vb_target_free(&t);
	return 0;
}
