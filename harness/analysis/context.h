/*
 * What a number means beyond its row: the world it was measured in (native,
 * hyp-min lean or full, KVM) and the context that decides whether two numbers
 * can share an axis (target, clock, emulated, kernel/KVM build). Charts and
 * tables group by these and split, saying so, rather than merge.
 */
#ifndef VB_CONTEXT_H
#define VB_CONTEXT_H

#include <stddef.h>

#include "results/runset.h"

/*
 * Which side of a virt/native pair a mode=linux run is on, from its begin
 * record's in_guest (vbench-linux detects it): yes a guest, no the host;
 * unknown (or none) is never paired, as it could be either.
 */
enum vb_linux_side { VB_LINUX_NOT, VB_LINUX_HOST, VB_LINUX_GUEST, VB_LINUX_UNKNOWN };
enum vb_linux_side vb_linux_side(const struct vb_row *r);

/*
 * "native", "hyp-min lean", "hyp-min full", "kvm <host kernel>" (or "kvm"
 * where the row names none); mode=linux: "linux host", "linux guest",
 * "linux, guest unknown"; else "<mode> <policy>".
 */
void vb_row_world(const struct vb_row *r, char *buf, size_t len);

/*
 * A world's style number, the same in every chart: 1 native (and linux host),
 * 2 hyp-min lean, 3 hyp-min full, 4 kvm (any host kernel, and linux guest), 5 any
 * other (plots/common.gp defines the line types).
 */
int vb_world_style(const char *world);

/*
 * "clock icount, emulated": everything but the target that changes what a number means:
 * clock, emulated, and kernel or KVM build columns where the runs have them.
 */
void vb_row_context(const struct vb_row *r, char *buf, size_t len);

/* "icount" or "icount-kernel-6.1": the context as a file-name part. */
void vb_row_context_slug(const struct vb_row *r, char *buf, size_t len);

#endif
