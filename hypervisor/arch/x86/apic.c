// SPDX-License-Identifier: GPL-2.0-only
/*
 * Local APIC.  Guests read their own xAPIC directly; their writes exit and
 * are carried out here, because registers of that page can send INIT,
 * SIPI, NMI and SMI to any CPU (ICR) or deliver SMI, INIT and ExtINT
 * locally (the LVT entries).  A write is carried out only if it is an
 * aligned 32-bit store to the start of a register the cell may write, with
 * a value the rules below allow; anything else in the page is refused
 * (devices decode addresses loosely: QEMU's APIC takes 0xfee00304 as the
 * ICR).  INIT and SIPI are never delivered physically: they become
 * management requests to the target CPU (requests.c), so no CPU ever
 * leaves the hypervisor's control.
 *
 * A non-root cell may switch its CPUs' APICs to x2APIC mode.  Its x2APIC
 * MSRs then pass in hardware (timer count, EOI, TPR, ID reads, self IPI:
 * no exits), except the writes that need the same checks as above (ICR,
 * LVT entries) and the read-only ID and LDR, which fault as on hardware.
 * The hypervisor itself uses whichever mode the CPU it runs on is in, and
 * returns a CPU to xAPIC mode before handing it on.
 *
 * The root runs in the mode Linux chose before enable.  A root in x2APIC
 * mode (Linux with interrupt remapping) gets the same x2APIC MSR bitmap as
 * a cell: its ICR and LVT writes exit and pass the same checks as in xAPIC
 * mode, everything else (EOI, timer, TPR, self IPI) runs in hardware.  It
 * may switch a CPU it gets back from a cell (in xAPIC mode) to x2APIC
 * again, as Linux does when it brings that CPU up.
 *
 * What the root does wrong here has no effect and is reported; what a
 * non-root cell does wrong stops it.
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/errno.h>
#include <xvc/memory.h>
#include <xvc/mmio.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <xvc/requests.h>
#include <xvc/spinlock.h>
#include <asm/apic.h>
#include <asm/apic-route.h>
#include <asm/processor.h>
#include <asm/vcpu.h>

#define APICBASE_ADDR_MASK	0x000ffffffffff000ULL

static u64 apic_phys;
/* Linux ran its local APICs in x2APIC mode when it enabled the hypervisor. */
static bool root_x2apic;
/* Used by interrupt_entry (exception-entry.S). */
volatile u32 *apic_eoi_register;

#define XAPIC_REG_VERSION	0x030
#define XAPIC_REG_TPR		0x080
#define XAPIC_REG_DFR		0x0e0
#define XAPIC_REG_SVR		0x0f0
#define XAPIC_REG_ISR		0x100
#define XAPIC_REG_IRR		0x200
#define XAPIC_REG_ESR		0x280
#define XAPIC_REG_LVT_CMCI	0x2f0
#define XAPIC_REG_LVT_TIMER	0x320
#define XAPIC_REG_LVT_LINT0	0x350
#define XAPIC_REG_LVT_ERROR	0x370
#define XAPIC_REG_TMICT		0x380
#define XAPIC_REG_TDCR		0x3e0
#define XAPIC_REG_EXT_FEATURE	0x400	/* AMD extended register space */
#define XAPIC_REG_EILVT_FIRST	0x500	/* AMD extended LVT entries */
#define XAPIC_REG_EILVT_LAST	0x530
#define XAPIC_LVT_MASKED	BIT(16)
#define XAPIC_VERSION_EXTENDED	BIT(31)
#define XAPIC_SVR_ENABLE	BIT(8)

#define X2APIC_MSR(xapic_reg)	(MSR_X2APIC_BASE + ((xapic_reg) >> 4))
#define X2APIC_REG(msr)		(((msr) - MSR_X2APIC_BASE) << 4)

/* How a guest's write to an xAPIC register is carried out. */
enum apic_reg_kind {
	REG_REFUSED,		/* not writable, or not a register at all */
	REG_PASS,		/* written to the hardware as it is */
	REG_LVT,		/* checked for its delivery mode */
	REG_ICR_LOW,		/* an IPI: filtered */
	REG_ICR_HIGH,		/* kept virtual */
	REG_LOGICAL_ID,		/* LDR and DFR: the root's only */
	REG_ID,			/* the APIC ID stays put */
};

static enum apic_reg_kind apic_reg_kind(unsigned int reg)
{
	switch (reg) {
	case XAPIC_REG_TPR:
	case XAPIC_REG_EOI:
	case XAPIC_REG_SVR:
	case XAPIC_REG_ESR:
	case XAPIC_REG_TMICT:
	case XAPIC_REG_TDCR:
		return REG_PASS;
	case XAPIC_REG_LVT_CMCI:
	case XAPIC_REG_LVT_TIMER ... XAPIC_REG_LVT_ERROR:
	case XAPIC_REG_EILVT_FIRST ... XAPIC_REG_EILVT_LAST:
		return (reg & 0xf) ? REG_REFUSED : REG_LVT;
	case XAPIC_REG_ICR_LOW:
		return REG_ICR_LOW;
	case XAPIC_REG_ICR_HIGH:
		return REG_ICR_HIGH;
	case XAPIC_REG_LDR:
	case XAPIC_REG_DFR:
		return REG_LOGICAL_ID;
	case XAPIC_REG_ID:
		return REG_ID;
	default:
		return REG_REFUSED;
	}
}

static volatile u32 *apic_reg(unsigned int reg)
{
	return (volatile u32 *)((u8 *)phys_to_virt(apic_phys) + reg);
}

int apic_init(void)
{
	u64 base = rdmsr(MSR_IA32_APICBASE);

	root_x2apic = base & APICBASE_X2APIC;
	if (root_x2apic)
		printk("local APICs in x2APIC mode\n");
	apic_phys = base & APICBASE_ADDR_MASK;
	apic_eoi_register = apic_reg(XAPIC_REG_EOI);
	return 0;
}

bool apic_root_x2apic(void)
{
	return root_x2apic;
}

/*
 * The xAPIC logical ID registers as the hardware has them now.  An x2APIC
 * logical ID follows from the APIC ID (apic-route.c), with no register.
 */
static void record_logical_id(struct per_cpu *pc)
{
	if (pc->arch.x2apic)
		return;
	pc->arch.guest_ldr = *apic_reg(XAPIC_REG_LDR);
	pc->arch.guest_dfr = *apic_reg(XAPIC_REG_DFR);
}

int apic_cpu_init(struct per_cpu *pc)
{
	pc->arch.x2apic = rdmsr(MSR_IA32_APICBASE) & APICBASE_X2APIC;
	/* The root's filters assume one mode for all of Linux's CPUs. */
	if (pc->arch.x2apic != root_x2apic) {
		printk("CPU %u: local APIC in %s mode, the others in %s mode\n",
		       pc->cpu_id, pc->arch.x2apic ? "x2APIC" : "xAPIC",
		       root_x2apic ? "x2APIC" : "xAPIC");
		return trace_error(-EIO);
	}
	/* Linux set up its logical APIC ID long before the hypervisor came. */
	record_logical_id(pc);
	return 0;
}

u64 apic_base_phys(void)
{
	return apic_phys;
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

bool apic_in_service(unsigned int vector)
{
	u32 word = XAPIC_REG_ISR + (vector / 32) * 0x10;

	if (!apic_eoi_register)
		return false;	/* not set up yet: no interrupt can be */
	if (this_cpu()->arch.x2apic)
		return rdmsr(X2APIC_MSR(word)) & BIT(vector % 32);
	return *apic_reg(word) & BIT(vector % 32);
}

void apic_eoi(void)
{
	if (this_cpu()->arch.x2apic)
		wrmsr(X2APIC_MSR(XAPIC_REG_EOI), 0);
	else
		*apic_reg(XAPIC_REG_EOI) = 0;
}

/*
 * The LVT entries not every APIC has: CMCI where it reports 7 or more LVT
 * entries, AMD's extended ones where it has the extended register space.
 */
static void mask_optional_lvts(void)
{
	u32 version = *apic_reg(XAPIC_REG_VERSION);
	unsigned int n, count;

	if (((version >> 16) & 0xff) >= 6)
		*apic_reg(XAPIC_REG_LVT_CMCI) = XAPIC_LVT_MASKED;
	if (!(version & XAPIC_VERSION_EXTENDED))
		return;
	count = (*apic_reg(XAPIC_REG_EXT_FEATURE) >> 16) & 0xff;
	for (n = 0; n < count && n < 4; n++)
		*apic_reg(XAPIC_REG_EILVT_FIRST + n * 0x10) = XAPIC_LVT_MASKED;
}

/*
 * Leave nothing of the previous owner in this CPU's local APIC: no running
 * timer, no unmasked local interrupt, nothing in service or pending.  A
 * real INIT would do this, but INIT never reaches the hardware here.
 * Pending vectors are taken through the hypervisor's IDT, which
 * acknowledges them whatever their number (handle_exception tells a
 * vector 16-31 from an exception by the in-service bit).
 */
bool apic_reset(void)
{
	struct per_cpu *pc = this_cpu();
	unsigned int reg, n;

	if (pc->arch.x2apic && !leave_x2apic(pc))
		return false;
	for (reg = XAPIC_REG_LVT_TIMER; reg <= XAPIC_REG_LVT_ERROR; reg += 0x10)
		*apic_reg(reg) = XAPIC_LVT_MASKED;
	mask_optional_lvts();
	*apic_reg(XAPIC_REG_TMICT) = 0;
	*apic_reg(XAPIC_REG_TPR) = 0;
	*apic_reg(XAPIC_REG_SVR) = XAPIC_SVR_ENABLE | 0xff;
	for (n = 0; n < 256 && apic_vectors_pending(XAPIC_REG_ISR); n++)
		*apic_reg(XAPIC_REG_EOI) = 0;
	for (n = 0; n < 256 && apic_vectors_pending(XAPIC_REG_IRR); n++)
		vendor->host_interrupt_window();
	/* Errors are the previous owner's: a write clears them. */
	*apic_reg(XAPIC_REG_ESR) = 0;
	*apic_reg(XAPIC_REG_ESR) = 0;
	record_logical_id(pc);
	return true;
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

/*
 * Something the guest may not do with its APIC: a non-root cell stops,
 * the root's attempt has no effect and is reported.
 */
static enum exit_action __printf(2, 3) refuse(struct per_cpu *pc,
					      const char *fmt, ...)
{
	char what[120];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (pc->cell != &root_cell)
		return violation(pc, "%s", what);
	printk("cell \"%s\" CPU %u: %s: ignored\n", cell_name(pc->cell),
	       pc->cpu_id, what);
	return EXIT_RESUME;
}

/* INIT and SIPI to the CPUs of the sender's own cell become requests. */
static void emulate_init_sipi(struct per_cpu *pc, const struct ipi *ipi)
{
	struct per_cpu *target;
	unsigned int cpu;

	/* The INIT level de-assert of the MP protocol has no effect. */
	if (ipi_mode(ipi) == APIC_DLVR_INIT && !(ipi->icr_low & APIC_ICR_ASSERT))
		return;
	for_each_cpu_in_cell(cpu, pc->cell) {
		target = per_cpu_of(cpu);
		if (!target || !ipi_reaches(ipi, pc, target))
			continue;
		if (ipi_mode(ipi) == APIC_DLVR_INIT)
			cpu_send_init(target);
		else
			cpu_send_sipi(target, APIC_ICR_VECTOR(ipi->icr_low));
	}
}

/*
 * Fixed and NMI IPIs (and the root's lowest-priority ones, as fixed):
 * delivered one by one, physically, to the addressed CPUs of the sender's
 * own cell.
 */
static void send_filtered(struct per_cpu *pc, const struct ipi *ipi)
{
	u32 icr = ipi->icr_low & (APIC_ICR_VECTOR(~0U) | APIC_ICR_ASSERT);
	struct per_cpu *target;
	unsigned int cpu;

	icr |= (ipi_mode(ipi) == APIC_DLVR_NMI ? APIC_DLVR_NMI : APIC_DLVR_FIXED)
		<< APIC_ICR_DLVR_SHIFT;
	/* Only the root exists: nothing to protect, send as Linux meant it. */
	if (pc->cell == &root_cell && cell_count() == 1) {
		send_ipi(ipi->dest, ipi->icr_low);
		return;
	}
	for_each_cpu_in_cell(cpu, pc->cell) {
		target = per_cpu_of(cpu);
		if (target && ipi_reaches(ipi, pc, target))
			send_ipi(target->apic_id, icr);
	}
}

/*
 * An IPI addressed to a CPU of another cell stops a non-root cell; the
 * root's IPIs to CPUs it gave away are dropped instead (Linux may still
 * address a CPU it has just offlined).  A broadcast reaches the sender's
 * own cell, whoever sends it: Linux sends its calls to all other CPUs,
 * TLB shootdowns among them, with the all-but-self shorthand.
 */
static enum exit_action write_icr(struct per_cpu *pc, const struct ipi *ipi)
{
	struct per_cpu *foreign;
	bool no_target;

	if (!ipi_mode_allowed(ipi, pc->cell == &root_cell))
		return refuse(pc, "IPI with delivery mode %u (ICR 0x%x) refused",
			      ipi_mode(ipi), ipi->icr_low);
	foreign = ipi_foreign_target(ipi, pc, pc->cell, &no_target);
	if (pc->cell != &root_cell) {
		if (no_target)
			return violation(pc, "IPI (ICR 0x%x) to APIC ID %u, which no CPU has",
					 ipi->icr_low, ipi->dest);
		if (foreign && !ipi_is_broadcast(ipi))
			return violation(pc, "IPI (ICR 0x%x, destination 0x%x) to CPU %u (APIC ID %u) outside the cell",
					 ipi->icr_low, ipi->dest, foreign->cpu_id,
					 foreign->apic_id);
	}
	if (ipi_mode(ipi) == APIC_DLVR_INIT || ipi_mode(ipi) == APIC_DLVR_SIPI)
		emulate_init_sipi(pc, ipi);
	else
		send_filtered(pc, ipi);
	return EXIT_RESUME;
}

/*
 * Local deliveries: fixed and NMI; LINT0 also ExtINT (the 8259), for the
 * root, or masked.  The 8259 is the root's: a cell's CPU must not take its
 * interrupts, but a masked entry takes none, and Linux writes LINT0 as
 * masked ExtINT on every CPU whatever it owns.
 */
static bool lvt_allowed(const struct per_cpu *pc, unsigned int reg, u32 value)
{
	unsigned int mode = (value >> APIC_ICR_DLVR_SHIFT) & 7;

	if (mode == APIC_DLVR_FIXED)
		return true;
	if (reg == XAPIC_REG_LVT_TIMER)
		return false;	/* no delivery mode field: reserved bits */
	if (mode == APIC_DLVR_NMI)
		return true;
	return mode == APIC_DLVR_EXTINT && reg == XAPIC_REG_LVT_LINT0 &&
		(pc->cell == &root_cell || (value & XAPIC_LVT_MASKED));
}

static enum exit_action write_xapic_register(struct per_cpu *pc,
					     unsigned int reg, u32 value)
{
	struct ipi ipi;

	switch (apic_reg_kind(reg)) {
	case REG_PASS:
		*apic_reg(reg) = value;
		return EXIT_RESUME;
	case REG_LVT:
		if (!lvt_allowed(pc, reg, value))
			return refuse(pc, "LVT entry 0x%x write 0x%x: delivery mode refused",
				      reg, value);
		*apic_reg(reg) = value;
		return EXIT_RESUME;
	case REG_ICR_HIGH:
		/* Kept virtual: the hypervisor sends its own IPIs in between. */
		pc->arch.guest_icr_high = value;
		return EXIT_RESUME;
	case REG_ICR_LOW:
		ipi = (struct ipi){ value, pc->arch.guest_icr_high >> 24, false };
		return write_icr(pc, &ipi);
	case REG_LOGICAL_ID:
		/* IPI and IOAPIC filtering resolve logical IDs with these. */
		if (pc->cell != &root_cell)
			return violation(pc, "write 0x%x to its logical APIC ID register 0x%x",
					 value, reg);
		*apic_reg(reg) = value;
		record_logical_id(pc);
		return EXIT_RESUME;
	case REG_ID:
		/* IPI routing and filtering rely on APIC IDs staying put. */
		return refuse(pc, "write 0x%x to its APIC ID register", value);
	default:
		return refuse(pc, "write 0x%x to xAPIC register 0x%x", value, reg);
	}
}

/* The xAPIC page, mapped read-only: every write comes here. */
static enum exit_action xapic_access(struct per_cpu *pc,
				     struct mmio_access *access, void *arg)
{
	unsigned int reg = access->gpa - apic_phys;

	count_exit(pc, XVC_STAT_XAPIC);
	if (access->size != 4 || (reg & 0xf))
		return refuse(pc, "%u-byte %s at xAPIC offset 0x%x: not a whole register",
			      access->size, access->write ? "write" : "read", reg);
	if (!access->write) {
		access->value = *apic_reg(reg);
		return EXIT_RESUME;
	}
	return write_xapic_register(pc, reg, access->value);
}

/* Reads of the xAPIC page go to the hardware; writes come here. */
int apic_map_for_cell(struct cell *cell)
{
	return mmio_register(cell, apic_phys, PAGE_SIZE, apic_phys, XVC_MEM_READ,
			     xapic_access, NULL);
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
 * one mode change allowed is xAPIC -> x2APIC, which keeps the ICR write
 * intercepted, for a non-root cell, and for the root if Linux runs in
 * x2APIC mode.  Other bits (BSP) are written as they are.  The root is
 * refused (#GP) and a non-root cell stopped for anything else.
 */
static bool base_write_allowed(const struct per_cpu *pc, u64 val, u64 changed)
{
	if (pc->cell == &root_cell && !root_x2apic)
		return false;
	return apic_x2apic_supported() &&
		(changed & ~APICBASE_BSP) == APICBASE_X2APIC &&
		(val & APICBASE_X2APIC) && (val & APICBASE_ENABLE);
}

/*
 * A non-root cell's CPUs see the BSP flag on the cell's first CPU, the one
 * that starts at the reset address, and on no other: that is the CPU its
 * kernel must take for its boot CPU (Linux 6.12 checks it).  The root's
 * CPUs see the flag as the hardware has it.
 */
static u64 guest_apic_base(const struct per_cpu *pc, u64 base)
{
	const struct cell *cell = pc->cell;

	if (cell == &root_cell)
		return base;
	base &= ~APICBASE_BSP;
	if (pc->cpu_id == (unsigned int)__builtin_ctzll(cell->cpu_set))
		base |= APICBASE_BSP;
	return base;
}

u64 apic_guest_base(const struct per_cpu *pc)
{
	return guest_apic_base(pc, rdmsr(MSR_IA32_APICBASE));
}

enum exit_action apic_handle_base_write(struct per_cpu *pc,
					const struct vcpu_exit *ex, u64 val)
{
	u64 cur = rdmsr(MSR_IA32_APICBASE);
	u64 changed;

	/* The BSP flag is not the guest's to change: keep the hardware's. */
	if ((val ^ guest_apic_base(pc, cur)) & APICBASE_BSP)
		return vcpu_inject_gp(pc);
	val = (val & ~APICBASE_BSP) | (cur & APICBASE_BSP);
	changed = val ^ cur;

	if ((changed & (APICBASE_ADDR_MASK | APICBASE_X2APIC | APICBASE_ENABLE)) &&
	    !base_write_allowed(pc, val, changed)) {
		if (pc->cell == &root_cell) {
			printk("cell \"%s\" CPU %u: write 0x%lx to IA32_APIC_BASE (now 0x%lx) refused: the local APIC stays where it is, enabled, in %s\n",
			       cell_name(pc->cell), pc->cpu_id, val, cur,
			       root_x2apic ? "x2APIC mode (xAPIC to x2APIC is the one change allowed)" :
					     "xAPIC mode");
			return vcpu_inject_gp(pc);
		}
		return violation(pc, "write 0x%lx to IA32_APIC_BASE (now 0x%lx): only xAPIC to x2APIC is allowed, no moving or disabling",
				 val, cur);
	}
	if (changed && wrmsr_safe(MSR_IA32_APICBASE, val))
		return vcpu_inject_gp(pc);
	if (changed & APICBASE_X2APIC)
		pc->arch.x2apic = true;
	vcpu_skip_instruction(pc, ex, ex->insn_len);
	return EXIT_RESUME;
}

static bool x2apic_is_lvt(unsigned int reg)
{
	return reg == XAPIC_REG_LVT_CMCI ||
		(reg >= XAPIC_REG_LVT_TIMER && reg <= XAPIC_REG_LVT_ERROR);
}

/*
 * An intercepted x2APIC MSR access: an ICR or LVT write of a guest in
 * x2APIC mode.  Everything else here is the hardware's #GP: read-only
 * registers, and any x2APIC MSR outside x2APIC mode.
 */
enum exit_action apic_handle_x2apic_msr(struct per_cpu *pc,
					const struct vcpu_exit *ex, u32 msr,
					bool write, u64 val)
{
	unsigned int reg = X2APIC_REG(msr);
	enum exit_action action;
	struct ipi ipi;

	if (!pc->arch.x2apic || !write)
		return vcpu_inject_gp(pc);
	if (reg == XAPIC_REG_ICR_LOW) {
		/* Reserved bits set: the hardware's #GP, not an IPI without them. */
		if (val & X2APIC_ICR_RESERVED)
			return vcpu_inject_gp(pc);
		ipi = (struct ipi){ (u32)val, val >> 32, true };
		action = write_icr(pc, &ipi);
	} else if (x2apic_is_lvt(reg) && !(val >> 32)) {
		if (!lvt_allowed(pc, reg, val))
			return refuse(pc, "LVT entry 0x%x write 0x%lx: delivery mode refused",
				      reg, val);
		wrmsr(msr, val);
		action = EXIT_RESUME;
	} else {
		return vcpu_inject_gp(pc);
	}
	if (action == EXIT_RESUME)
		vcpu_skip_instruction(pc, ex, ex->insn_len);
	return action;
}

/*
 * A guest's own APIC registers in x2APIC mode pass in hardware, but for
 * the writes that need checks (ICR, LVT entries) and the read-only ID and
 * LDR: a non-root cell's, and the root's if Linux runs in x2APIC mode (an
 * xAPIC root is kept there, so its x2APIC MSRs stay intercepted).
 */
void apic_open_x2apic_msrs(struct cell *cell, u8 *bitmap, msr_bitmap_setter set)
{
	unsigned int reg;
	u32 msr;

	if ((cell == &root_cell && !root_x2apic) || !apic_x2apic_supported())
		return;
	for (msr = MSR_X2APIC_BASE; msr <= MSR_X2APIC_END; msr++) {
		reg = X2APIC_REG(msr);
		set(bitmap, msr, false,
		    reg == XAPIC_REG_ICR_LOW || reg == XAPIC_REG_ID ||
		    reg == XAPIC_REG_LDR || x2apic_is_lvt(reg));
	}
}
