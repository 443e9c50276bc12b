// SPDX-License-Identifier: GPL-2.0-only
/*
 * Local APIC.  Guests read their own xAPIC directly; their writes exit and
 * are carried out here, because one register (ICR) can send INIT, SIPI and
 * NMIs to any CPU.  INIT and SIPI are never delivered physically: they
 * become management requests to the target CPU (see control.c), so no CPU
 * ever leaves the hypervisor's control.  Everything else is written to the
 * hardware as the guest meant it.
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/control.h>
#include <xvc/errno.h>
#include <xvc/memory.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <xvc/spinlock.h>
#include <asm/apic.h>
#include <asm/ioapic.h>
#include <asm/processor.h>
#include <asm/vcpu.h>

#define APICBASE_ADDR_MASK	0x000ffffffffff000ULL

static u64 apic_phys;
/* Used by interrupt_entry (exception-entry.S). */
volatile u32 *apic_eoi_register;

#define XAPIC_REG_TPR		0x080
#define XAPIC_REG_SVR		0x0f0
#define XAPIC_REG_ISR		0x100
#define XAPIC_REG_IRR		0x200
#define XAPIC_REG_LVT_FIRST	0x320	/* timer */
#define XAPIC_REG_LVT_LAST	0x370	/* error */
#define XAPIC_REG_TMICT		0x380
#define XAPIC_LVT_MASKED	BIT(16)
#define XAPIC_SVR_ENABLE	BIT(8)

static volatile u32 *apic_reg(unsigned int reg)
{
	return (volatile u32 *)((u8 *)phys_to_virt(apic_phys) + reg);
}

int apic_init(void)
{
	u64 base = rdmsr(MSR_IA32_APICBASE);

	if (base & APICBASE_X2APIC) {
		printk("local APIC in x2APIC mode: not supported by this build\n");
		return trace_error(-ENODEV);
	}
	apic_phys = base & APICBASE_ADDR_MASK;
	apic_eoi_register = apic_reg(XAPIC_REG_EOI);
	return 0;
}

static bool apic_vectors_pending(unsigned int base_reg)
{
	unsigned int n;

	for (n = 0; n < 8; n++)
		if (*apic_reg(base_reg + n * 0x10))
			return true;
	return false;
}

/*
 * Leave nothing of the previous owner in this CPU's local APIC: no running
 * timer, no unmasked local interrupt, nothing in service or pending.  A
 * real INIT would do this, but INIT never reaches the hardware here.
 */
void apic_reset(void)
{
	unsigned int reg, n;

	for (reg = XAPIC_REG_LVT_FIRST; reg <= XAPIC_REG_LVT_LAST; reg += 0x10)
		*apic_reg(reg) = XAPIC_LVT_MASKED;
	*apic_reg(XAPIC_REG_TMICT) = 0;
	*apic_reg(XAPIC_REG_TPR) = 0;
	*apic_reg(XAPIC_REG_SVR) = XAPIC_SVR_ENABLE | 0xff;
	for (n = 0; n < 256 && apic_vectors_pending(XAPIC_REG_ISR); n++)
		*apic_reg(XAPIC_REG_EOI) = 0;
	/* Take what is pending through interrupt_entry, which acknowledges it. */
	for (n = 0; n < 256 && apic_vectors_pending(XAPIC_REG_IRR); n++)
		vendor->host_interrupt_window();
}

void apic_cpu_init(struct per_cpu *pc)
{
	/* Linux set up its logical APIC ID long before the hypervisor came. */
	pc->guest_ldr = *apic_reg(XAPIC_REG_LDR);
}

u64 apic_base_phys(void)
{
	return apic_phys;
}

static void wait_icr_idle(void)
{
	while (*apic_reg(XAPIC_REG_ICR_LOW) & APIC_ICR_BUSY)
		cpu_relax();
}

static void send_ipi(u32 icr_high, u32 icr_low)
{
	wait_icr_idle();
	*apic_reg(XAPIC_REG_ICR_HIGH) = icr_high;
	*apic_reg(XAPIC_REG_ICR_LOW) = icr_low;
}

void apic_send_nmi(u32 apic_id)
{
	send_ipi(apic_id << 24, (APIC_DLVR_NMI << APIC_ICR_DLVR_SHIFT) |
		 APIC_ICR_ASSERT);
}

int apic_map_for_cell(struct cell *cell)
{
	int err;

	struct xvc_memory_region apic = {
		.phys_start = apic_phys,
		.virt_start = apic_phys,
		.size = PAGE_SIZE,
		.flags = XVC_MEM_READ | XVC_MEM_IO,
	};

	err = arch_map_memory_region(cell, &apic);
	if (!err && cell == &root_cell)
		err = ioapic_protect_root(cell);
	return err;
}

bool apic_is_xapic_page(u64 gpa)
{
	return (gpa & PAGE_MASK) == apic_phys;
}

static bool icr_targets(const struct per_cpu *sender, u32 icr_low, u32 icr_high,
			const struct per_cpu *target)
{
	switch ((icr_low >> APIC_ICR_SHORTHAND_SHIFT) & 3) {
	case APIC_SHORTHAND_SELF:
		return target == sender;
	case APIC_SHORTHAND_ALL:
		return true;
	case APIC_SHORTHAND_OTHERS:
		return target != sender;
	default:
		if (icr_low & APIC_ICR_LOGICAL)
			/* Flat model, as Linux and the inmates use it. */
			return (target->guest_ldr >> 24) & (icr_high >> 24);
		return target->apic_id == icr_high >> 24;
	}
}

static struct per_cpu *cpu_by_apic_id(u32 apic_id)
{
	struct per_cpu *target;
	unsigned int cpu;

	for (cpu = 0; cpu < XVC_MAX_CPUS; cpu++) {
		target = per_cpu_of(cpu);
		if (target && target->apic_id == apic_id)
			return target;
	}
	return NULL;
}

/*
 * Fixed, lowest-priority, SMI and NMI IPIs: delivered one by one to the
 * addressed CPUs of the sender's own cell.  An IPI addressed to a CPU of
 * another cell is a violation for a non-root cell; the root's is dropped
 * (Linux may still address a CPU it has just given away).
 */
static void send_filtered(struct per_cpu *pc, u32 icr_low, u64 rip)
{
	unsigned int shorthand = (icr_low >> APIC_ICR_SHORTHAND_SHIFT) & 3;
	u32 physical = icr_low & ~(APIC_ICR_LOGICAL | (3 << APIC_ICR_SHORTHAND_SHIFT));
	struct per_cpu *target;
	unsigned int cpu;

	if (shorthand == APIC_SHORTHAND_SELF) {
		send_ipi(0, icr_low);
		return;
	}
	/* Only the root exists: nothing to protect, send as Linux meant it. */
	if (pc->cell == &root_cell && cell_count() == 1) {
		send_ipi(pc->guest_icr_high, icr_low);
		return;
	}
	if (shorthand == APIC_SHORTHAND_NONE && !(icr_low & APIC_ICR_LOGICAL)) {
		target = cpu_by_apic_id(pc->guest_icr_high >> 24);
		if (!target && pc->cell != &root_cell)
			cpu_violation(pc, rip, "IPI (ICR 0x%x) to APIC ID %u, which no CPU has",
				      icr_low, pc->guest_icr_high >> 24);
		if (!target || target->cell != pc->cell)
			return;
	}
	for_each_cpu_in_cell(cpu, pc->cell) {
		target = per_cpu_of(cpu);
		if (target && icr_targets(pc, icr_low, pc->guest_icr_high, target))
			send_ipi(target->apic_id << 24, physical);
	}
}

/*
 * A non-root cell may address only its own CPUs: an IPI of any kind that
 * would reach another CPU stops the cell.  The root's IPIs to CPUs it gave
 * away are dropped instead (Linux may still address one it just offlined).
 */
static void check_destinations(struct per_cpu *pc, u32 icr_low, u64 rip)
{
	struct per_cpu *target;
	unsigned int cpu;

	if (pc->cell == &root_cell)
		return;
	for (cpu = 0; cpu < XVC_MAX_CPUS; cpu++) {
		target = per_cpu_of(cpu);
		if (target && target->cell != pc->cell &&
		    icr_targets(pc, icr_low, pc->guest_icr_high, target))
			cpu_violation(pc, rip, "IPI (ICR 0x%x:%x) to CPU %u (APIC ID %u) outside the cell",
				      pc->guest_icr_high, icr_low, cpu, target->apic_id);
	}
}

/* INIT and SIPI to the CPUs of the sender's own cell become requests. */
static void emulate_init_sipi(struct per_cpu *pc, u32 icr_low, unsigned int mode)
{
	struct per_cpu *target;
	unsigned int cpu;

	/* The INIT level de-assert of the MP protocol has no effect. */
	if (mode == APIC_DLVR_INIT && !(icr_low & APIC_ICR_ASSERT))
		return;
	for_each_cpu_in_cell(cpu, pc->cell) {
		target = per_cpu_of(cpu);
		if (!target || !icr_targets(pc, icr_low, pc->guest_icr_high, target))
			continue;
		if (mode == APIC_DLVR_INIT)
			cpu_send_init(target);
		else
			cpu_send_sipi(target, APIC_ICR_VECTOR(icr_low));
	}
}

static void write_icr(struct per_cpu *pc, u32 icr_low, u64 rip)
{
	unsigned int mode = (icr_low & APIC_ICR_DLVR_MASK) >> APIC_ICR_DLVR_SHIFT;

	check_destinations(pc, icr_low, rip);
	if (mode == APIC_DLVR_INIT || mode == APIC_DLVR_SIPI) {
		emulate_init_sipi(pc, icr_low, mode);
		return;
	}
	send_filtered(pc, icr_low, rip);
}

void apic_handle_xapic_write(struct per_cpu *pc, struct vcpu_exit *ex, u64 gpa)
{
	unsigned int reg = gpa & ~PAGE_MASK;
	struct mmio_store st;

	count_exit(pc, XVC_STAT_XAPIC);
	if (decode_mmio_store(ex, &st) || (reg & 3))
		cpu_violation(pc, ex->rip, "xAPIC write to register 0x%x with an instruction the hypervisor cannot emulate",
			      reg);

	switch (reg) {
	case XAPIC_REG_ICR_HIGH:
		/* Kept virtual: the hypervisor sends its own IPIs in between. */
		pc->guest_icr_high = st.value;
		break;
	case XAPIC_REG_ICR_LOW:
		write_icr(pc, st.value, ex->rip);
		break;
	case XAPIC_REG_ID:
		/* IPI routing and filtering rely on APIC IDs staying put. */
		if (pc->cell != &root_cell)
			cpu_violation(pc, ex->rip, "write 0x%x to its APIC ID register",
				      st.value);
		break;
	case XAPIC_REG_LDR:
		pc->guest_ldr = st.value;
		*apic_reg(reg) = st.value;
		break;
	default:
		*apic_reg(reg) = st.value;
		break;
	}
	ex->rip += st.length;
}
