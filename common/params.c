/* Validates the run-parameter block; a board that was not given one runs the defaults. */
#include <stddef.h>
#include <vb/crc32.h>
#include <vb/params.h>

static const struct vb_params defaults;

const struct vb_params *params_get(uintptr_t addr)
{
	const struct vb_params *p = (const struct vb_params *)addr;

	if (p->magic != VB_PARAMS_MAGIC || p->size != sizeof(*p))
		return &defaults;
	if (crc32_update(0, p, offsetof(struct vb_params, crc)) != p->crc)
		return &defaults;
	if (p->only[VB_PARAMS_ONLY_LEN - 1] != '\0')
		return &defaults;
	return p;
}
