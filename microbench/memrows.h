/*
 * What the memory rows share (microbench/memory.c, chase.c, walk_cache.c):
 * the test window's bounds, a load, an address kept in a register, and the
 * TLB invalidation before a timed walk.
 */
#ifndef MEMROWS_H
#define MEMROWS_H

#include <arch/cpu.h>
#include <bench.h>
#include <guest.h>
#include <sample.h>
#include <vb/fmt.h>
#include <vb/hypercall.h>
#include <vb/layout.h>

#define WINDOW_END (TEST_BASE + TEST_SIZE - TEST_KEEP_OUT) /* the run parameters stay out */
#define CHASE_PAGE 0x1000 /* one access per 4 KiB page, whatever the page size mapped */
#define CHASE_MAX  ((WINDOW_END - TEST_BASE) / CHASE_PAGE)
#define LINE	   64

static inline uintptr_t load(uintptr_t addr)
{
	return *(volatile uintptr_t *)addr;
}

/*
 * addr in a register the compiler cannot see through: a timed load is then
 * the load alone, with no address-forming instruction (mov, movk, adrp) inside
 * the bracket, the same for every row that times one load.
 */
static inline uintptr_t in_reg(uintptr_t addr)
{
	asm volatile("" : "+r"(addr));
	return addr;
}

/* Drops every stage-1 entry of this guest (with stage 2: the combined ones of its VMID). */
static inline void tlb_flush(void)
{
#ifdef __aarch64__
	asm volatile("dsb ishst\n\ttlbi vmalle1\n\tdsb nsh\n\tisb" : : : "memory");
#else
	asm volatile("dsb ishst\n\tmcr p15, 0, %0, c8, c7, 0\n\tdsb nsh\n\tisb"
		     :
		     : "r"(0)
		     : "memory"); /* TLBIALL */
#endif
}

/* Where the chase stopped: the next sample goes on from there (chase.c; kvm.c's too). */
extern uintptr_t chase_at;

/* Cleans the stage-1 descriptors of va's walk from the data cache (natively: VA = PA). */
void clean_s1_walk(uintptr_t va);

/*
 * Empties the TLBs outside the timed region, and nothing the walk could
 * reuse is touched after it: the event counters were read before (their
 * stores touch memory), the timed address is in a register. Under hyp-min
 * only hyp-min can drop stage-2 entries and walk caches (the guest's TLBI
 * VMALLE1 leaves the IPA cache alive): HVC_WALK_FLUSH, TLBI VMALLS12E1IS.
 * cold: the walk's descriptors (both stages; natively stage 1's) are also
 * cleaned and invalidated from the data cache, so the walk reads memory.
 */
static inline __attribute__((always_inline)) void walk_flush(uintptr_t va, unsigned cold)
{
	if (guest_is_virt()) {
		if (hvc_call2(HVC_WALK_FLUSH, va, cold))
			guest_fail("walk_flush_refused", 1);
		return;
	}
	if (cold)
		clean_s1_walk(va);
	tlb_flush();
}

#endif
