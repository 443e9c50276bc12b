// SPDX-License-Identifier: GPL-2.0-only
/*
 * Local APIC.  Guests read their own xAPIC directly; their writes exit and
 * are carried out here, because one register (ICR) can send INIT, SIPI and
 * NMIs to any CPU.  INIT and SIPI are never delivered physically: they
 * become management requests to the target CPU (see control.c), so no CPU
 * ever leaves the hypervisor's control.  Everything else is written to the
 * hardware as the guest meant it.
 *
 * A non-root cell may switch its CPUs' APICs to x2APIC mode.  Its x2APIC
 * MSRs then pass in hardware (timer, EOI, TPR, ID reads: no exits), except
 * the ICR write, which takes the same filtering as the xAPIC ICR, and the
 * read-only ID and LDR, which fault as on hardware.  The hypervisor itself
 * uses whichever mode the CPU it runs on is in, and returns a CPU to xAPIC
 * mode before handing it on.
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

#define X2APIC_MSR(xapic_reg)	(MSR_X2APIC_BASE + ((xapic_reg) >> 4))
#define X2APIC_BROADCAST	0xffffffffU
#define XAPIC_BROADCAST		0xffU

/*
 * An IPI as a guest asked for it: ICR low half and destination field
 * (an 8-bit xAPIC ID/logical mask, or a 32-bit x2APIC one).
 */
struct ipi {
	u32 icr_low;
	u32 dest;
	bool x2apic;
};

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

/*
 * x2APIC -> xAPIC must pass through "disabled" (SDM 10.12.5); disabling
 * also clears the APIC's state, as a reset would.  Checked afterwards: an
 * APIC that stays disabled or in x2APIC mode (Bochs 2.7 ignores writes to
 * IA32_APIC_BASE once the APIC is disabled) cannot serve Linux or a cell.
 */
static bool leave_x2apic(struct per_cpu *pc)
{
	u64 base = rdmsr(MSR_IA32_APICBASE);

	wrmsr(MSR_IA32_APICBASE, base & ~(APICBASE_X2APIC | APICBASE_ENABLE));
	wrmsr(MSR_IA32_APICBASE, (base & ~APICBASE_X2APIC) | APICBASE_ENABLE);
	base = rdmsr(MSR_IA32_APICBASE);
	if ((base & (APICBASE_X2APIC | APICBASE_ENABLE)) != APICBASE_ENABLE) {
		printk("CPU %u: its local APIC did not go back from x2APIC to xAPIC mode (IA32_APIC_BASE reads 0x%lx): the CPU is lost until a reset\n",
		       pc->cpu_id, base);
		return false;
	}
	pc->arch.x2apic = false;
	return true;
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
bool apic_reset(void)
{
	struct per_cpu *pc = this_cpu();
	unsigned int reg, n;

	if (pc->arch.x2apic && !leave_x2apic(pc))
		return false;
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
	return true;
}

void apic_cpu_init(struct per_cpu *pc)
{
	/* Linux set up its logical APIC ID long before the hypervisor came. */
	pc->arch.guest_ldr = *apic_reg(XAPIC_REG_LDR);
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

/* Send from this CPU, in the mode its APIC is in; @dest as in struct ipi. */
static void send_ipi(u32 dest, u32 icr_low)
{
	if (this_cpu()->arch.x2apic) {
		wrmsr(X2APIC_MSR(XAPIC_REG_ICR_LOW), (u64)dest << 32 | icr_low);
		return;
	}
	wait_icr_idle();
	*apic_reg(XAPIC_REG_ICR_HIGH) = dest << 24;
	*apic_reg(XAPIC_REG_ICR_LOW) = icr_low;
}

void apic_send_nmi(u32 apic_id)
{
	send_ipi(apic_id, (APIC_DLVR_NMI << APIC_ICR_DLVR_SHIFT) | APIC_ICR_ASSERT);
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

/* x2APIC logical IDs are derived from the APIC ID: cluster and bit. */
static u32 x2apic_ldr(u32 apic_id)
{
	return (apic_id >> 4) << 16 | BIT(apic_id & 0xf);
}

static bool dest_matches(const struct ipi *ipi, const struct per_cpu *target)
{
	u32 broadcast = ipi->x2apic ? X2APIC_BROADCAST : XAPIC_BROADCAST;
	u32 ldr;

	if (ipi->dest == broadcast)
		return true;
	if (!(ipi->icr_low & APIC_ICR_LOGICAL))
		return target->apic_id == ipi->dest;
	if (!ipi->x2apic)
		/* Flat model, as Linux and the inmates use it. */
		return (target->arch.guest_ldr >> 24) & ipi->dest;
	ldr = x2apic_ldr(target->apic_id);
	return (ldr >> 16) == (ipi->dest >> 16) && (ldr & ipi->dest & 0xffff);
}

static bool icr_targets(const struct per_cpu *sender, const struct ipi *ipi,
			const struct per_cpu *target)
{
	switch ((ipi->icr_low >> APIC_ICR_SHORTHAND_SHIFT) & 3) {
	case APIC_SHORTHAND_SELF:
		return target == sender;
	case APIC_SHORTHAND_ALL:
		return true;
	case APIC_SHORTHAND_OTHERS:
		return target != sender;
	default:
		return dest_matches(ipi, target);
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

/* A physical, non-broadcast destination: one APIC ID. */
static bool is_unicast(const struct ipi *ipi)
{
	u32 broadcast = ipi->x2apic ? X2APIC_BROADCAST : XAPIC_BROADCAST;

	return ((ipi->icr_low >> APIC_ICR_SHORTHAND_SHIFT) & 3) == APIC_SHORTHAND_NONE &&
	       !(ipi->icr_low & APIC_ICR_LOGICAL) && ipi->dest != broadcast;
}

/*
 * Fixed, lowest-priority, SMI and NMI IPIs: delivered one by one to the
 * addressed CPUs of the sender's own cell.  An IPI addressed to a CPU of
 * another cell is a violation for a non-root cell; the root's is dropped
 * (Linux may still address a CPU it has just given away).
 */
static void send_filtered(struct per_cpu *pc, const struct ipi *ipi, u64 rip)
{
	unsigned int shorthand = (ipi->icr_low >> APIC_ICR_SHORTHAND_SHIFT) & 3;
	u32 physical = ipi->icr_low &
		~(APIC_ICR_LOGICAL | (3 << APIC_ICR_SHORTHAND_SHIFT));
	struct per_cpu *target;
	unsigned int cpu;

	if (shorthand == APIC_SHORTHAND_SELF) {
		send_ipi(0, ipi->icr_low);
		return;
	}
	/* Only the root exists: nothing to protect, send as Linux meant it. */
	if (pc->cell == &root_cell && cell_count() == 1) {
		send_ipi(ipi->dest, ipi->icr_low);
		return;
	}
	if (is_unicast(ipi)) {
		target = cpu_by_apic_id(ipi->dest);
		if (!target && pc->cell != &root_cell)
			cpu_violation(pc, rip, "IPI (ICR 0x%x) to APIC ID %u, which no CPU has",
				      ipi->icr_low, ipi->dest);
		if (!target || target->cell != pc->cell)
			return;
	}
	for_each_cpu_in_cell(cpu, pc->cell) {
		target = per_cpu_of(cpu);
		if (target && icr_targets(pc, ipi, target))
			send_ipi(target->apic_id, physical);
	}
}

/*
 * A non-root cell may address only its own CPUs: an IPI of any kind that
 * would reach another CPU stops the cell.  The root's IPIs to CPUs it gave
 * away are dropped instead (Linux may still address one it just offlined).
 */
static void check_destinations(struct per_cpu *pc, const struct ipi *ipi, u64 rip)
{
	struct per_cpu *target;
	unsigned int cpu;

	if (pc->cell == &root_cell)
		return;
	for (cpu = 0; cpu < XVC_MAX_CPUS; cpu++) {
		target = per_cpu_of(cpu);
		if (target && target->cell != pc->cell && icr_targets(pc, ipi, target))
			cpu_violation(pc, rip, "IPI (ICR 0x%x, destination 0x%x) to CPU %u (APIC ID %u) outside the cell",
				      ipi->icr_low, ipi->dest, cpu, target->apic_id);
	}
}

/* INIT and SIPI to the CPUs of the sender's own cell become requests. */
static void emulate_init_sipi(struct per_cpu *pc, const struct ipi *ipi,
			      unsigned int mode)
{
	struct per_cpu *target;
	unsigned int cpu;

	/* The INIT level de-assert of the MP protocol has no effect. */
	if (mode == APIC_DLVR_INIT && !(ipi->icr_low & APIC_ICR_ASSERT))
		return;
	for_each_cpu_in_cell(cpu, pc->cell) {
		target = per_cpu_of(cpu);
		if (!target || !icr_targets(pc, ipi, target))
			continue;
		if (mode == APIC_DLVR_INIT)
			cpu_send_init(target);
		else
			cpu_send_sipi(target, APIC_ICR_VECTOR(ipi->icr_low));
	}
}

static void write_icr(struct per_cpu *pc, const struct ipi *ipi, u64 rip)
{
	unsigned int mode = (ipi->icr_low & APIC_ICR_DLVR_MASK) >> APIC_ICR_DLVR_SHIFT;

	check_destinations(pc, ipi, rip);
	if (mode == APIC_DLVR_INIT || mode == APIC_DLVR_SIPI) {
		emulate_init_sipi(pc, ipi, mode);
		return;
	}
	send_filtered(pc, ipi, rip);
}

void apic_handle_xapic_write(struct per_cpu *pc, struct vcpu_exit *ex, u64 gpa)
{
	unsigned int reg = gpa & ~PAGE_MASK;
	struct mmio_store st;
	struct ipi ipi;

	count_exit(pc, XVC_STAT_XAPIC);
	if (decode_mmio_store(ex, &st) || (reg & 3))
		cpu_violation(pc, ex->rip, "xAPIC write to register 0x%x with an instruction the hypervisor cannot emulate",
			      reg);

	switch (reg) {
	case XAPIC_REG_ICR_HIGH:
		/* Kept virtual: the hypervisor sends its own IPIs in between. */
		pc->arch.guest_icr_high = st.value;
		break;
	case XAPIC_REG_ICR_LOW:
		ipi = (struct ipi){ st.value, pc->arch.guest_icr_high >> 24, false };
		write_icr(pc, &ipi, ex->rip);
		break;
	case XAPIC_REG_ID:
		/* IPI routing and filtering rely on APIC IDs staying put. */
		if (pc->cell != &root_cell)
			cpu_violation(pc, ex->rip, "write 0x%x to its APIC ID register",
				      st.value);
		break;
	case XAPIC_REG_LDR:
		pc->arch.guest_ldr = st.value;
		*apic_reg(reg) = st.value;
		break;
	default:
		*apic_reg(reg) = st.value;
		break;
	}
	ex->rip += st.length;
}

bool apic_x2apic_supported(void)
{
	struct cpuid_regs r;

	cpuid_count(1, 0, &r);
	return r.ecx & CPUID1_ECX_X2APIC;
}

/*
 * A guest's write to IA32_APIC_BASE.  Moving the APIC would take it away
 * from the xAPIC page filter; disabling it, from the management NMIs.  The
 * one mode change allowed is a non-root cell's xAPIC -> x2APIC, which keeps
 * the ICR write intercepted.  Other bits (BSP) are written as they are.
 * The root is refused (#GP) and a non-root cell stopped for anything else.
 */
bool apic_handle_base_write(struct per_cpu *pc, u64 val, u64 rip)
{
	u64 cur = rdmsr(MSR_IA32_APICBASE);
	u64 changed = val ^ cur;

	if (!(changed & (APICBASE_ADDR_MASK | APICBASE_X2APIC | APICBASE_ENABLE)))
		return changed == 0 || wrmsr_safe(MSR_IA32_APICBASE, val) == 0;
	if (pc->cell == &root_cell) {
		printk("cell \"%s\" CPU %u: write 0x%lx to IA32_APIC_BASE (now 0x%lx) refused: the local APIC stays where it is, enabled, in xAPIC mode\n",
		       cell_name(pc->cell), pc->cpu_id, val, cur);
		return false;
	}
	if (!apic_x2apic_supported() || (changed & ~APICBASE_BSP) != APICBASE_X2APIC ||
	    !(val & APICBASE_X2APIC) || !(val & APICBASE_ENABLE))
		cpu_violation(pc, rip, "write 0x%lx to IA32_APIC_BASE (now 0x%lx): only xAPIC to x2APIC is allowed, no moving or disabling",
			      val, cur);
	if (wrmsr_safe(MSR_IA32_APICBASE, val))
		return false;
	pc->arch.x2apic = true;
	return true;
}

/*
 * An intercepted x2APIC MSR access; false means #GP, as the hardware gives
 * for a read-only register or any x2APIC MSR outside x2APIC mode.
 */
bool apic_handle_x2apic_msr(struct per_cpu *pc, u32 msr, bool write, u64 val,
			    u64 rip)
{
	struct ipi ipi;

	if (!pc->arch.x2apic || !write || msr != X2APIC_MSR(XAPIC_REG_ICR_LOW))
		return false;
	/* Reserved bits set: the hardware's #GP, not an IPI with them dropped. */
	if (val & X2APIC_ICR_RESERVED)
		return false;
	ipi = (struct ipi){ (u32)val, val >> 32, true };
	write_icr(pc, &ipi, rip);
	return true;
}

/*
 * A non-root cell's own APIC registers in x2APIC mode pass in hardware, but
 * for the ICR write (filtered) and the read-only ID and LDR (which fault).
 * The root keeps xAPIC mode, so its x2APIC MSRs stay intercepted.
 */
void apic_open_x2apic_msrs(struct cell *cell, u8 *bitmap, msr_bitmap_setter set)
{
	u32 msr;

	if (cell == &root_cell || !apic_x2apic_supported())
		return;
	for (msr = MSR_X2APIC_BASE; msr <= MSR_X2APIC_END; msr++)
		set(bitmap, msr, false,
		    msr == X2APIC_MSR(XAPIC_REG_ICR_LOW) ||
		    msr == X2APIC_MSR(XAPIC_REG_ID) || msr == X2APIC_MSR(XAPIC_REG_LDR));
}
