/*
 * The timed operations. Each sample is one operation between two reads of
 * the perf group (a read() each: counter_overhead is that pair around
 * nothing, its own row, never subtracted). The memory rows do 1024 dependent
 * loads per sample so the pair's cost does not drown a TLB miss.
 */
#include "rows.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define LINE 64
#define PAGE 4096

static uint32_t xorshift32(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/*
 * Page i's pointer, `stride` bytes after page i-1's, on line (i mod 64) of
 * its page so the lines spread over the cache sets.
 */
static void **slot(char *buf, uint64_t i, uint64_t stride)
{
	return (void **)(buf + i * stride + (i % (PAGE / LINE)) * LINE);
}

/* Sattolo's shuffle with a fixed seed: one cycle through every page, the same every run. */
void vl_chase_build(char *buf, uint64_t footprint, void ***at)
{
	vl_stride_build(buf, footprint / PAGE, PAGE, at);
}

void vl_stride_build(char *buf, uint64_t pages, uint64_t stride, void ***at)
{
	uint32_t *perm = malloc(pages * sizeof(*perm)), seed = 0x2545f491;

	for (uint64_t i = 0; i < pages; i++)
		perm[i] = (uint32_t)i;
	for (uint64_t i = pages - 1; i > 0; i--) {
		uint64_t j = xorshift32(&seed) % i;
		uint32_t t = perm[i];

		perm[i] = perm[j];
		perm[j] = t;
	}
	for (uint64_t i = 0; i < pages; i++)
		*slot(buf, perm[i], stride) = slot(buf, perm[(i + 1) % pages], stride);
	*at = slot(buf, perm[0], stride);
	free(perm);
}

/* 1024 dependent loads from *at, continuing where the last sample stopped. */
__attribute__((noinline)) void vl_chase_1024(void ***at)
{
	void **p = *at;

	for (int i = 0; i < 1024; i++) {
		p = (void **)*p;
		__asm__ volatile("" : "+r"(p));
	}
	*at = p;
}

__attribute__((noinline)) void vl_null_syscall(void)
{
	syscall(SYS_getppid);
}

__attribute__((noinline)) void vl_touch(volatile char *p)
{
	*p = 1;
}

__attribute__((noinline)) void vl_nothing(void)
{
	__asm__ volatile("" ::: "memory");
}
