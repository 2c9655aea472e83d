/* The guest RAM's memslot and its backing (memslot.h). */
#include "memslot.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <vb/kvmdev.h>

#define HUGE_2M (2u << 20)

int vmm_thp_mode(const char *s)
{
	if (!strcmp(s, "on"))
		return KVMDEV_THP_ON;
	if (!strcmp(s, "off"))
		return KVMDEV_THP_OFF;
	return strcmp(s, "default") ? -1 : KVMDEV_THP_DEFAULT;
}

int vmm_memslot_map(struct vmm_memslot *m, uint64_t size)
{
	/* over-allocate, keep the 2 MiB aligned part: a huge page needs an aligned VA */
	uint8_t *p = mmap(NULL, size + HUGE_2M, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	uintptr_t a;

	if (p == MAP_FAILED)
		return -1;
	a = ((uintptr_t)p + HUGE_2M - 1) & ~(uintptr_t)(HUGE_2M - 1);
	if (a > (uintptr_t)p)
		munmap(p, a - (uintptr_t)p);
	if ((uintptr_t)p + HUGE_2M > a)
		munmap((uint8_t *)a + size, (uintptr_t)p + HUGE_2M - a);
	m->ram = (uint8_t *)a;
	m->size = size;
	m->page_kb = m->thp_kb = m->rss_kb = KVMDEV_NO_SMAPS;
	if (m->thp == KVMDEV_THP_DEFAULT)
		return 0;
	return madvise(m->ram, size, m->thp == KVMDEV_THP_ON ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
}

/*
 * Sums the entries of every mapping that overlaps the RAM (one, unless the
 * kernel split it); KernelPageSize is the first's. THP leaves
 * KernelPageSize at 4 kB: AnonHugePages says how much is huge pages.
 */
int vmm_memslot_read(struct vmm_memslot *m, const char *smaps)
{
	FILE *f = fopen(smaps, "r");
	char line[256];
	int in = 0, found = 0;
	uint64_t page = 0, thp = 0, rss = 0;
	uintptr_t lo = (uintptr_t)m->ram, hi = lo + m->size;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		uintptr_t a, b;
		uint64_t v;

		/* a mapping's first line, "lo-hi perms ..." (no field name has a '-') */
		if (sscanf(line, "%" SCNxPTR "-%" SCNxPTR " ", &a, &b) == 2) {
			in = a < hi && b > lo;
			found |= in;
			continue;
		}
		if (!in)
			continue;
		if (sscanf(line, "Rss: %" SCNu64 " kB", &v) == 1)
			rss += v;
		else if (sscanf(line, "AnonHugePages: %" SCNu64 " kB", &v) == 1)
			thp += v;
		else if (!page && sscanf(line, "KernelPageSize: %" SCNu64 " kB", &v) == 1)
			page = v;
	}
	fclose(f);
	if (!found || !page)
		return -1;
	m->page_kb = (uint32_t)page;
	m->thp_kb = (uint32_t)thp;
	m->rss_kb = (uint32_t)rss;
	return 0;
}
