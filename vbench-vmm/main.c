/*
 * vbench-vmm: a small KVM VMM for arm64 Linux that runs one guest image on one
 * vCPU, as real VMMs do: RAM as one memslot, an in-kernel vGICv3, the console
 * and hyp-min's device emulated here (dev.c), PSCI SYSTEM_OFF ending the run.
 * (The vGIC is GICv3, or GICv2 on hosts such as a GIC-400's.)
 * The guest's console goes to stdout, so vbench verifies the same records.
 * Usage: see usage() below and docs/kvm.md.
 */
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "boot.h"
#include "dev.h"
#include "row.h"
#include "stats.h"

#define MAX_BLOBS 4

struct opts {
	uint64_t ram_base, ram_size, entry, x0;
	uint64_t gicd,
		gicr;	 /* GICv3: distributor, redistributor; GICv2: distributor, CPU interface */
	int gic_version; /* 0: no in-kernel vGIC */
	int have_entry, have_x0, stats, pmu, thp;
	int linux_blob, dtb_blob; /* --linux, --dtb: their index in blob[], or -1 */
	unsigned uart_intid;	  /* --uart-irq: the console's SPI (INTID), 0: none */
	int vm;			  /* the VM's fd, for uart_irq() */
	struct vmm_blob blob[MAX_BLOBS];
	unsigned nblob;
	struct vmm_devs devs;
};

static void usage(void)
{
	fprintf(stderr,
		"usage: vbench-vmm --ram BASE:SIZE --image FILE@ADDR [--image FILE@ADDR ...]\n"
		"                  [--entry ADDR] [--x0 VALUE] --uart ADDR --vdev ADDR\n"
		"                  [--gicv3 GICD:GICR | --gicv2 GICD:GICC [--pmu]] [--stats]\n"
		"                  [--thp on|off|default] [--uart-irq INTID]\n"
		"       vbench-vmm --ram BASE:SIZE --linux IMAGE@ADDR --dtb FILE@ADDR\n"
		"                  [--initrd FILE@ADDR] --uart ADDR --vdev ADDR --gicv3 GICD:GICR ...\n"
		"  runs FILE (the first --image: the code; others: data such as the run\n"
		"  parameters) at ADDR on one vCPU at EL1 with x0 = VALUE until PSCI SYSTEM_OFF;\n"
		"  --pmu gives the vCPU KVM's PMU (overflow IRQ: PPI 23);\n"
		"  --stats prints KVM's per-vCPU counters for the run as 'vmm: stat NAME N';\n"
		"  --thp madvises the RAM MADV_HUGEPAGE (on) or MADV_NOHUGEPAGE (off);\n"
		"  --uart-irq raises the console's SPI while its RIS & IMSC is non-zero;\n"
		"  --linux boots an arm64 Linux Image (its header checked: ADDR is a 2 MiB\n"
		"  aligned base plus text_offset) with x0 = the --dtb's address (docs/linux.md).\n");
	exit(2);
}

static uint64_t num(const char *what, const char *s)
{
	char *end;
	uint64_t v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s || *end) {
		fprintf(stderr, "vbench-vmm: %s: not a number: '%s'\n", what, s);
		exit(2);
	}
	return v;
}

/* "A:B" into two numbers. */
static void pair(const char *what, const char *s, char sep, uint64_t *a, uint64_t *b)
{
	char buf[128], *p;

	snprintf(buf, sizeof(buf), "%s", s);
	p = strchr(buf, sep);
	if (!p) {
		fprintf(stderr, "vbench-vmm: %s: expected X%cY, got '%s'\n", what, sep, s);
		exit(2);
	}
	*p = 0;
	*a = num(what, buf);
	*b = num(what, p + 1);
}

static void parse(struct opts *o, int argc, char **argv)
{
	memset(o, 0, sizeof(*o));
	o->linux_blob = o->dtb_blob = -1;
	o->devs.uart_base = o->devs.vdev_base = UINT64_MAX;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--stats") || !strcmp(a, "--pmu")) {
			*(a[2] == 's' ? &o->stats : &o->pmu) = 1;
			continue;
		}
		if (!v)
			usage();
		i++;
		if (!strcmp(a, "--ram")) {
			pair(a, v, ':', &o->ram_base, &o->ram_size);
		} else if (!strcmp(a, "--image") || !strcmp(a, "--linux") ||
			   !strcmp(a, "--initrd") || !strcmp(a, "--dtb")) {
			const char *at = strrchr(v, '@');

			if (!at || o->nblob == MAX_BLOBS)
				usage();
			if (a[2] == 'l')
				o->linux_blob = (int)o->nblob;
			if (a[2] == 'd')
				o->dtb_blob = (int)o->nblob;
			o->blob[o->nblob].path = strndup(v, (size_t)(at - v));
			o->blob[o->nblob++].addr = num(a, at + 1);
		} else if (!strcmp(a, "--uart-irq")) {
			o->uart_intid = (unsigned)num(a, v);
			if (o->uart_intid < 32 || o->uart_intid > 1019) {
				fprintf(stderr,
					"vbench-vmm: --uart-irq: an SPI's INTID (32-1019)\n");
				exit(2);
			}
		} else if (!strcmp(a, "--entry")) {
			o->entry = num(a, v);
			o->have_entry = 1;
		} else if (!strcmp(a, "--x0")) {
			o->x0 = num(a, v);
			o->have_x0 = 1;
		} else if (!strcmp(a, "--uart")) {
			o->devs.uart_base = num(a, v);
		} else if (!strcmp(a, "--vdev")) {
			o->devs.vdev_base = num(a, v);
		} else if (!strcmp(a, "--thp")) {
			o->thp = vmm_thp_mode(v);
			if (o->thp < 0) {
				fprintf(stderr, "vbench-vmm: --thp: on, off or default, not '%s'\n",
					v);
				exit(2);
			}
		} else if (!strcmp(a, "--gicv3") || !strcmp(a, "--gicv2")) {
			pair(a, v, ':', &o->gicd, &o->gicr);
			o->gic_version = a[6] - '0';
		} else {
			usage();
		}
	}
	if (!o->ram_size || !o->nblob || o->devs.uart_base == UINT64_MAX ||
	    o->devs.vdev_base == UINT64_MAX)
		usage();
	if (o->pmu && !o->gic_version) {
		fprintf(stderr,
			"vbench-vmm: --pmu needs --gicv3 or --gicv2 (its IRQ is a vGIC PPI)\n");
		exit(2);
	}
	if ((o->linux_blob >= 0) != (o->dtb_blob >= 0) ||
	    (o->linux_blob >= 0 && (o->have_entry || o->have_x0))) {
		fprintf(stderr,
			"vbench-vmm: --linux needs --dtb, and sets the entry and x0 itself\n");
		exit(2);
	}
	if (o->uart_intid && !o->gic_version) {
		fprintf(stderr, "vbench-vmm: --uart-irq needs --gicv3 or --gicv2\n");
		exit(2);
	}
	if (o->linux_blob >= 0) {
		o->entry = o->blob[o->linux_blob].addr;
		o->x0 = o->blob[o->dtb_blob].addr;
	} else if (!o->have_entry) {
		o->entry = o->blob[0].addr;
	}
}

static void die(const char *what)
{
	fprintf(stderr, "vbench-vmm: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void load(const struct opts *o, uint8_t *ram, struct vmm_blob *b)
{
	int fd = open(b->path, O_RDONLY);
	struct stat st;

	if (fd < 0 || fstat(fd, &st))
		die(b->path);
	if (b->addr < o->ram_base || (uint64_t)st.st_size > o->ram_size ||
	    b->addr - o->ram_base > o->ram_size - (uint64_t)st.st_size) {
		fprintf(stderr, "vbench-vmm: %s: %lld bytes at 0x%llx do not fit in RAM\n", b->path,
			(long long)st.st_size, (unsigned long long)b->addr);
		exit(2);
	}
	for (off_t done = 0; done < st.st_size;) {
		ssize_t n =
			read(fd, ram + (b->addr - o->ram_base) + done, (size_t)(st.st_size - done));

		if (n <= 0)
			die(b->path);
		done += n;
	}
	close(fd);
	b->span = (uint64_t)st.st_size;
}

/* The console's interrupt line (dev.c tells its changes): an SPI of the vGIC. */
static void uart_irq(void *ctx, int level)
{
	const struct opts *o = ctx;
	struct kvm_irq_level l = {
		.irq = (KVM_ARM_IRQ_TYPE_SPI << KVM_ARM_IRQ_TYPE_SHIFT) | o->uart_intid,
		.level = (uint32_t)level,
	};

	if (ioctl(o->vm, KVM_IRQ_LINE, &l))
		die("KVM_IRQ_LINE (the console's interrupt)");
}

static void set_reg(int vcpu, uint64_t id, uint64_t value)
{
	struct kvm_one_reg r = { .id = id, .addr = (uint64_t)(uintptr_t)&value };

	if (ioctl(vcpu, KVM_SET_ONE_REG, &r))
		die("KVM_SET_ONE_REG");
}

#define CORE_REG(x)                                            \
	(KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | \
	 (offsetof(struct kvm_regs, x) / sizeof(uint32_t)))

static void set_attr(int fd, uint32_t group, uint64_t attr, void *addr, const char *what)
{
	struct kvm_device_attr a = { .group = group,
				     .attr = attr,
				     .addr = (uint64_t)(uintptr_t)addr };

	if (ioctl(fd, KVM_SET_DEVICE_ATTR, &a))
		die(what);
}

#define vgic_attr(fd, g, a, p) set_attr(fd, g, a, p, "vGIC KVM_SET_DEVICE_ATTR")

/* KVM's PMU for the vCPU, after the vGIC is initialised (its IRQ is a vGIC PPI). */
static void init_pmu(int vcpu)
{
	int irq = 23; /* the PMU's PPI on QEMU's virt and in Arm's base system guidance */

	set_attr(vcpu, KVM_ARM_VCPU_PMU_V3_CTRL, KVM_ARM_VCPU_PMU_V3_IRQ, &irq, "PMU IRQ");
	set_attr(vcpu, KVM_ARM_VCPU_PMU_V3_CTRL, KVM_ARM_VCPU_PMU_V3_INIT, NULL, "PMU init");
}

/*
 * The in-kernel vGIC at the target's addresses, after the vCPU exists: GICv3
 * (distributor, redistributor) or GICv2 (distributor, CPU interface), as the
 * host's GIC allows.
 */
static void create_vgic(int vm, int version, uint64_t gicd, uint64_t other)
{
	struct kvm_create_device cd = {
		.type = version == 3 ? KVM_DEV_TYPE_ARM_VGIC_V3 : KVM_DEV_TYPE_ARM_VGIC_V2,
	};

	if (ioctl(vm, KVM_CREATE_DEVICE, &cd))
		die(version == 3 ? "KVM_CREATE_DEVICE vGICv3" : "KVM_CREATE_DEVICE vGICv2");
	vgic_attr((int)cd.fd, KVM_DEV_ARM_VGIC_GRP_ADDR,
		  version == 3 ? KVM_VGIC_V3_ADDR_TYPE_DIST : KVM_VGIC_V2_ADDR_TYPE_DIST, &gicd);
	vgic_attr((int)cd.fd, KVM_DEV_ARM_VGIC_GRP_ADDR,
		  version == 3 ? KVM_VGIC_V3_ADDR_TYPE_REDIST : KVM_VGIC_V2_ADDR_TYPE_CPU, &other);
	vgic_attr((int)cd.fd, KVM_DEV_ARM_VGIC_GRP_CTRL, KVM_DEV_ARM_VGIC_CTRL_INIT, NULL);
}

/* An MMIO exit: a device's register, or one of the row registers (row.c). */
static int mmio(struct vmm_devs *devs, struct vmm_row *row, struct kvm_run *r)
{
	uint64_t off = r->mmio.phys_addr - devs->vdev_base;
	uint32_t v = 0;

	if (!vmm_row_reg(off))
		return vmm_mmio(devs, r->mmio.phys_addr, r->mmio.data, r->mmio.len,
				r->mmio.is_write);
	if (r->mmio.len != 4)
		return -1;
	memcpy(&v, r->mmio.data, 4); /* arm64 Linux: little-endian, as the guest */
	if (vmm_row_access(row, off, &v, r->mmio.len, r->mmio.is_write))
		return -1;
	if (!r->mmio.is_write)
		memcpy(r->mmio.data, &v, 4);
	return 0;
}

/* KVM_RUN until SYSTEM_OFF (0), or a stop the guest should not cause (1). */
static int run(int vcpu, struct kvm_run *r, struct vmm_devs *devs, struct vmm_row *row)
{
	for (;;) {
		if (ioctl(vcpu, KVM_RUN, 0)) {
			if (errno == EINTR || errno == EAGAIN)
				continue; /* a signal, not an exit: exit_reason is stale */
			die("KVM_RUN");
		}
		switch (r->exit_reason) {
		case KVM_EXIT_MMIO:
			if (mmio(devs, row, r)) {
				fprintf(stderr,
					"vbench-vmm: guest %s of %u bytes at 0x%llx: no device\n",
					r->mmio.is_write ? "write" : "read", r->mmio.len,
					(unsigned long long)r->mmio.phys_addr);
				return 1;
			}
			break;
		case KVM_EXIT_SYSTEM_EVENT:
			if (r->system_event.type == KVM_SYSTEM_EVENT_SHUTDOWN)
				return 0;
			fprintf(stderr, "vbench-vmm: guest system event %u (not SYSTEM_OFF)\n",
				r->system_event.type);
			return 1;
		case KVM_EXIT_INTR:
			break;
		default:
			fprintf(stderr, "vbench-vmm: unexpected KVM exit %u\n", r->exit_reason);
			return 1;
		}
	}
}

/* The host's THP setting and the RAM's backing at the end: console lines for the log. */
static void print_thp_host(struct vmm_memslot *m)
{
	char line[128] = "unreadable";
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");

	if (f) {
		if (!fgets(line, sizeof(line), f))
			snprintf(line, sizeof(line), "unreadable");
		fclose(f);
	}
	line[strcspn(line, "\n")] = '\0';
	printf("vmm: thp_enabled %s\n", line);
	if (!vmm_memslot_read(m, "/proc/self/smaps"))
		printf("vmm: memslot kernel_page_kb %u anon_huge_kb %u rss_kb %u\n", m->page_kb,
		       m->thp_kb, m->rss_kb);
}

int main(int argc, char **argv)
{
	struct opts o;
	struct kvm_vcpu_init init;
	struct vmm_stats stats = { .fd = -1 };
	struct vmm_memslot slot = { 0 };
	struct vmm_row row = { .stats = &stats, .memslot = &slot };
	struct utsname u;
	struct kvm_run *r;
	uint8_t *ram;
	int kvm, vm, vcpu, rc;
	long run_size;
	char why[PATH_MAX + 128];

	parse(&o, argc, argv);
	o.devs.console = stdout;
	slot.thp = o.thp;
	if (vmm_memslot_map(&slot, o.ram_size))
		die("mapping RAM (mmap, madvise)");
	ram = slot.ram;
	for (unsigned i = 0; i < o.nblob; i++)
		load(&o, ram, &o.blob[i]);
	/* the files are checked before KVM is asked for anything */
	if (o.linux_blob >= 0 &&
	    vmm_linux_check(o.ram_base, o.ram_size, ram, o.blob, o.nblob, (unsigned)o.linux_blob,
			    (unsigned)o.dtb_blob, why, sizeof(why))) {
		fprintf(stderr, "vbench-vmm: %s\n", why);
		return 2;
	}
	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		die("/dev/kvm");
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0)
		die("KVM_CREATE_VM");
	struct kvm_userspace_memory_region mr = {
		.slot = 0,
		.guest_phys_addr = o.ram_base,
		.memory_size = o.ram_size,
		.userspace_addr = (uint64_t)(uintptr_t)ram,
	};
	if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &mr))
		die("KVM_SET_USER_MEMORY_REGION");
	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	if (vcpu < 0)
		die("KVM_CREATE_VCPU");
	if (ioctl(vm, KVM_ARM_PREFERRED_TARGET, &init))
		die("KVM_ARM_PREFERRED_TARGET");
	init.features[0] |= 1u << KVM_ARM_VCPU_PSCI_0_2;
	if (o.pmu)
		init.features[0] |= 1u << KVM_ARM_VCPU_PMU_V3;
	if (ioctl(vcpu, KVM_ARM_VCPU_INIT, &init))
		die("KVM_ARM_VCPU_INIT");
	if (o.gic_version)
		create_vgic(vm, o.gic_version, o.gicd, o.gicr);
	o.vm = vm;
	if (o.uart_intid) {
		o.devs.uart_irq = uart_irq;
		o.devs.uart_irq_ctx = &o;
	}
	if (o.pmu)
		init_pmu(vcpu);
	set_reg(vcpu, CORE_REG(regs.pc), o.entry);
	set_reg(vcpu, CORE_REG(regs.regs[0]), o.x0);
	run_size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (run_size <= 0)
		die("KVM_GET_VCPU_MMAP_SIZE");
	r = mmap(NULL, (size_t)run_size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	if (r == MAP_FAILED)
		die("mmap kvm_run");
	if (o.stats && (vmm_stats_open(&stats, vcpu) || vmm_stats_begin(&stats))) {
		fprintf(stderr, "vbench-vmm: --stats: KVM_GET_STATS_FD: %s\n", strerror(errno));
		return 1;
	}
	row.vm = vm;
	if (!uname(&u))
		snprintf(row.kernel, sizeof(row.kernel), "%s", u.release);
	rc = run(vcpu, r, &o.devs, &row);
	fflush(stdout);
	if (o.stats && vmm_stats_print(&stats, stdout))
		die("reading KVM stats");
	print_thp_host(&slot);
	printf("vmm: %s uart_accesses %llu vdev_accesses %llu\n", rc ? "stopped" : "system_off",
	       (unsigned long long)o.devs.uart_accesses, (unsigned long long)o.devs.vdev_accesses);
	return rc;
}
