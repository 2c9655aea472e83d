/* The device hyp-min emulates at TARGET_VDEV_IPA (hyp-min/vdev.c). */
#ifndef VB_VDEV_H
#define VB_VDEV_H

#define VDEV_REG_ID   0x0	 /* read-only */
#define VDEV_REG_DATA 0x4	 /* read/write */
#define VDEV_ID_VALUE 0x76646576 /* "vdev" */

#endif
