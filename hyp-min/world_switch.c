/*
 * Policy "full": what a type-2 hypervisor does on every exit. The guest's
 * EL1 context, timer and virtual GIC state are saved, the host's loaded,
 * then the host's saved and the guest's loaded again, before the exit is
 * handled on the guest's live state. The register traffic is a real world
 * switch; only the host's work in between is absent.
 */
#include <hyp.h>
#include <vb/gic.h>

static struct el1_context guest_ctx, host_ctx;
static struct vgic_state guest_vgic, host_vgic;

/* The host context is EL1 as hyp-min found it at boot, before the guest ran. */
void world_switch_init(void)
{
	arch_el1_save(&host_ctx);
	vgic_save(&host_vgic);
}

static void world_switch_round_trip(void)
{
	arch_el1_save(&guest_ctx);
	vgic_save(&guest_vgic);
	arch_el1_restore(&host_ctx);
	vgic_restore(&host_vgic);

	arch_el1_save(&host_ctx);
	vgic_save(&host_vgic);
	arch_el1_restore(&guest_ctx);
	vgic_restore(&guest_vgic);
}

void hyp_trap_full(struct hyp_frame *f)
{
	world_switch_round_trip();
	hyp_trap(f);
}

/*
 * The interrupt is acknowledged before the round trip: the round trip
 * rewrites the guest's timer registers (host values, then the guest's), and
 * on hardware the timer's level may drop at the GIC meanwhile. Acknowledged
 * after that, the GIC could return the spurious INTID, hyp-min would return
 * to the guest, and the level back up would make a second exit. Active, the
 * interrupt is not signalled again before hyp-min's EOI.
 */
void hyp_irq_full(struct hyp_frame *f)
{
	uint32_t iar = gic_ack();

	world_switch_round_trip();
	hyp_irq_handle(f, iar);
}
