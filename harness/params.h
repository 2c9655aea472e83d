/* params.bin: the run parameters block the images read (common/include/vb/params.h). */
#ifndef VB_HPARAMS_H
#define VB_HPARAMS_H

#include <stdint.h>

#include "util.h"
#include "vb/params.h"

/* Fills the block byte by byte in little-endian order, whatever the host. */
int vb_params_build(uint8_t out[sizeof(struct vb_params)], uint32_t flags, const char *only,
		    struct vb_error *e);

/* Writes the block to path. */
int vb_params_write(const char *path, uint32_t flags, const char *only, struct vb_error *e);

#endif
