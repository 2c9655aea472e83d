/*
 * vbench-linux's event and mapping code (vbench-linux/events.c, mapping.c),
 * built for the host: the same sources the arm64 and armhf binaries build.
 * sysfs event files, errno reasons, smaps entries and the verdict on them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../../vbench-linux/vl.h"

static void test_sysfs_event(void **state)
{
	uint64_t c = 0;

	(void)state;
	assert_int_equal(vl_parse_sysfs_event("event=0x05\n", &c), 0);
	assert_int_equal(c, 5);
	assert_int_equal(vl_parse_sysfs_event("event=0x0034,umask=0x1", &c), 0);
	assert_int_equal(c, 0x34);
	assert_int_equal(vl_parse_sysfs_event("config1=0x3,event=25", &c), 0);
	assert_int_equal(c, 25);
	assert_int_equal(vl_parse_sysfs_event("umask=0x1", &c), -1);
	assert_int_equal(vl_parse_sysfs_event("event=", &c), -1);
	assert_int_equal(vl_parse_sysfs_event("event=0x5zz", &c), -1);
	assert_int_equal(vl_parse_sysfs_event("subevent=0x5", &c), -1);
}

static void test_errno_reason(void **state)
{
	char buf[64];

	(void)state;
	vl_errno_reason(ENOENT, buf, sizeof(buf));
	assert_string_equal(buf, "ENOENT:No_such_file_or_directory");
	vl_errno_reason(EOPNOTSUPP, buf, sizeof(buf));
	assert_string_equal(buf, "EOPNOTSUPP:Operation_not_supported");
	vl_errno_reason(EMLINK, buf, sizeof(buf));
	assert_string_equal(buf, "errno_31:Too_many_links");
	assert_null(strchr(buf, ' '));
}

/* Three mappings as /proc/self/smaps shows them (Linux 6.1, arm64). */
static const char smaps[] =
	"aaaab0000000-aaaab0400000 rw-p 00000000 00:00 0 \n"
	"Size:               4096 kB\n"
	"KernelPageSize:        4 kB\n"
	"MMUPageSize:           4 kB\n"
	"AnonHugePages:         0 kB\n"
	"ffff80000000-ffff80400000 rw-p 00000000 00:00 0 \n"
	"Size:               4096 kB\n"
	"KernelPageSize:        4 kB\n"
	"AnonHugePages:      4096 kB\n"
	"ffff90000000-ffff90400000 rw-p 00000000 00:0f 1031 /anon_hugepage (deleted)\n"
	"Size:               4096 kB\n"
	"KernelPageSize:     2048 kB\n"
	"AnonHugePages:         0 kB\n"
	"Private_Hugetlb:    4096 kB\n";

static const struct vl_config c4k = { "linux-4k", VL_4K, 4096 };
static const struct vl_config cthp = { "linux-thp", VL_THP, 2u << 20 };
static const struct vl_config c2m = { "linux-2m", VL_HUGETLB, 2u << 20 };
static const struct vl_config c64k = { "linux-64k", VL_HUGETLB, 64u << 10 };

static void test_smaps(void **state)
{
	struct vl_smaps s;
	char why[96];

	(void)state;
	assert_int_equal(vl_smaps_find(smaps, 0xaaaab0001000, &s), 0);
	assert_int_equal(s.kernel_page_kb, 4);
	assert_int_equal(s.anon_huge_kb, 0);
	assert_int_equal(s.size_kb, 4096);
	assert_int_equal(vl_mapping_verify(&c4k, &s, 4u << 20, why, sizeof(why)), 0);
	assert_string_equal(why, "smaps");
	/* THP asked, 4 KiB pages obtained: said, never assumed */
	assert_int_equal(vl_mapping_verify(&cthp, &s, 4u << 20, why, sizeof(why)), -1);
	assert_string_equal(why, "smaps_AnonHugePages_0kB_of_4096kB");

	assert_int_equal(vl_smaps_find(smaps, 0xffff803fffff, &s), 0);
	assert_int_equal(s.anon_huge_kb, 4096);
	assert_int_equal(vl_mapping_verify(&cthp, &s, 4u << 20, why, sizeof(why)), 0);
	assert_int_equal(vl_mapping_verify(&cthp, &s, 8u << 20, why, sizeof(why)), -1);
	assert_int_equal(vl_mapping_verify(&c4k, &s, 4u << 20, why, sizeof(why)), -1);
	assert_string_equal(why, "smaps_AnonHugePages_4096kB");

	assert_int_equal(vl_smaps_find(smaps, 0xffff90200000, &s), 0);
	assert_int_equal(s.kernel_page_kb, 2048);
	assert_int_equal(vl_mapping_verify(&c2m, &s, 4u << 20, why, sizeof(why)), 0);
	assert_int_equal(vl_mapping_verify(&c64k, &s, 4u << 20, why, sizeof(why)), -1);
	assert_string_equal(why, "smaps_KernelPageSize_2048kB");

	/* the end address belongs to no mapping here */
	assert_int_equal(vl_smaps_find(smaps, 0xffff90400000, &s), -1);
	assert_int_equal(vl_mapping_verify(&c2m, &s, 4u << 20, why, sizeof(why)), -1);
	assert_string_equal(why, "no_smaps_entry");
}

static void test_round_len(void **state)
{
	(void)state;
	assert_int_equal(vl_round_len(&c4k, 5000), 8192);
	assert_int_equal(vl_round_len(&cthp, 16384), 2u << 20);
	assert_int_equal(vl_round_len(&c64k, (64u << 10) + 1), 128u << 10);
}

/* A mapping this process really makes: 4 KiB pages, verified from its own smaps. */
static void test_map_4k_here(void **state)
{
	struct vl_smaps s;
	char why[96];
	void *p = vl_map(&c4k, 1u << 20, &s, why, sizeof(why));

	(void)state;
	if (!p)
		fail_msg("4 KiB mapping not obtained: %s", why);
	assert_int_equal(s.kernel_page_kb, 4);
	assert_int_equal(s.anon_huge_kb, 0);
	vl_unmap(p, &c4k, 1u << 20);
}

static void put(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/*
 * Raw events are looked up in the PMU's sysfs events: one absent there is
 * not_in_<pmu>_events; without an armv8_* PMU, no_armv8_pmu_in_sysfs. Every
 * event ends counted or with a reason, whatever this host's PMU allows.
 */
static void test_events_sysfs(void **state)
{
	char root[] = "/tmp/vl-sysfs-XXXXXX", dir[256];
	struct vl_events g;
	int r;

	(void)state;
	assert_non_null(mkdtemp(root));
	snprintf(dir, sizeof(dir), "%s/bus/event_source/devices/armv8_pmuv3/events", root);
	{
		char cmd[400];

		snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", dir);
		assert_int_equal(system(cmd), 0);
	}
	put(dir, "../type", "8\n");
	put(dir, "l1d_tlb_refill", "event=0x0005\n");
	r = vl_events_open(&g, root);
	assert_string_equal(g.pmu, "armv8_pmuv3");
	assert_int_equal(g.n, 7);
	assert_string_equal(g.ev[0].key, "cycles");
	assert_string_equal(g.ev[1].key, "inst_retired");
	assert_string_equal(g.ev[2].perf_name, "dTLB-load-misses");
	assert_string_equal(g.ev[4].why, "not_in_armv8_pmuv3_events");
	assert_string_equal(g.ev[6].why, "not_in_armv8_pmuv3_events");
	if (r) /* no cycle counter for this process: every other event says so */
		assert_string_equal(g.ev[1].why, "cycles_refused");
	for (unsigned i = 0; i < g.n; i++) {
		assert_true(g.ev[i].why[0]);
		assert_null(strchr(g.ev[i].why, ' '));
		assert_true((g.ev[i].fd >= 0) == !strcmp(g.ev[i].why, "counted"));
	}
	{
		char cmd[400];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
		assert_int_equal(system(cmd), 0);
	}
	r = vl_events_open(&g, "/nonexistent");
	assert_string_equal(g.pmu, "none");
	assert_string_equal(g.ev[3].why, "no_armv8_pmu_in_sysfs");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sysfs_event), cmocka_unit_test(test_errno_reason),
		cmocka_unit_test(test_smaps),	    cmocka_unit_test(test_round_len),
		cmocka_unit_test(test_map_4k_here), cmocka_unit_test(test_events_sysfs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
