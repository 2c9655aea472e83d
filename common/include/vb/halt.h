#ifndef VB_HALT_H
#define VB_HALT_H

/*
 * Ends the run the way the target says (`halt` in its file): PSCI SYSTEM_OFF
 * through `conduit` (QEMU exits), then, or on boards, wait forever.
 */
void halt_smc(void) __attribute__((noreturn));
void halt_wait(void) __attribute__((noreturn));

#endif
