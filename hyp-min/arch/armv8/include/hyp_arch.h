#ifndef HYP_ARCH_H
#define HYP_ARCH_H

#define FRAME_NREGS    31 /* x0-x30 */
#define FRAME_REG_SIZE 8

/* HCR bits the guest needs on this architecture: EL1 is AArch64 */
#define HCR_GUEST_ARCH HCR_RW

#endif
