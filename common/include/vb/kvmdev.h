/*
 * vbench-vmm's own registers, in the page of hyp-min's device (vdev_ipa),
 * above the device's registers (<vb/vdev.h>): guest-min's kvm mode tells the
 * VMM where a row's samples start and end, so the VMM reads KVM's per-vCPU
 * statistics (KVM_GET_STATS_FD) around them, and reads back what they did.
 * hyp-min has none of these; only guest-min's kvm mode touches them.
 */
#ifndef VB_KVMDEV_H
#define VB_KVMDEV_H

#define KVMDEV_REG_ROW	   0x100 /* write: KVMDEV_ROW_START or KVMDEV_ROW_END */
#define KVMDEV_REG_EXITS   0x104 /* read: the last row's KVM exits (stat "exits") */
#define KVMDEV_REG_HVC	   0x108 /* its HVC exits (stat "hvc_exit_stat") */
#define KVMDEV_REG_USER	   0x10c /* its MMIO exits to the VMM (stat "mmio_exit_user") */
#define KVMDEV_REG_KERNEL  0x110 /* read: the host kernel's release, a byte a read, then 0 */
#define KVMDEV_REG_IRQ	   0x114 /* write: KVMDEV_IRQ_INTID's line level (KVM_IRQ_LINE) */
#define KVMDEV_REG_MEMSLOT 0x118 /* write 1: the VMM reads the memslot's /proc/self/smaps entry */
#define KVMDEV_REG_PAGE_KB 0x11c /* read: its KernelPageSize, KiB */
#define KVMDEV_REG_THP_KB  0x120 /* read: its AnonHugePages, KiB (transparent huge pages) */
#define KVMDEV_REG_RSS_KB  0x124 /* read: its Rss, KiB (what the guest touched) */
#define KVMDEV_REG_THP	   0x128 /* read: the memslot's madvise: KVMDEV_THP_* */
#define KVMDEV_IRQ_INTID   48	 /* the SPI the VMM raises: level-sensitive, KVM's default */
#define KVMDEV_ROW_START   1
#define KVMDEV_ROW_END	   2
#define KVMDEV_NO_STATS	   0xffffffffu /* the host has no KVM_GET_STATS_FD */
#define KVMDEV_THP_DEFAULT 0 /* no madvise: the host's transparent_hugepage/enabled decides */
#define KVMDEV_THP_ON	   1 /* MADV_HUGEPAGE */
#define KVMDEV_THP_OFF	   2 /* MADV_NOHUGEPAGE */
#define KVMDEV_NO_SMAPS	   0xffffffffu /* the VMM could not read its smaps */
#define KVMDEV_NO_IRQ_LINE 0xffffffffu /* KVMDEV_REG_IRQ read: a KVM_IRQ_LINE failed */

#endif
