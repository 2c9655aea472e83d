#ifndef HYP_ARCH_H
#define HYP_ARCH_H

#define FRAME_NREGS    14 /* r0-r12 and lr (Hyp mode shares LR_usr with the guest) */
#define FRAME_REG_SIZE 4

/* HCR bits the guest needs on this architecture */
#define HCR_GUEST_ARCH 0

#endif
