// SPDX-License-Identifier: GPL-2.0-only
/*
 * The root cell's IOAPIC writes.  An IOAPIC redirection entry can deliver
 * an NMI, INIT or SMI, or an interrupt to any CPU: the root reads its
 * IOAPICs directly but its writes exit and are carried out here, with an
 * entry that would reach a CPU the root does not own, or deliver anything
 * but a fixed or lowest-priority interrupt, written masked.
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/control.h>
#include <xvc/memory.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <asm/apic.h>
#include <asm/ioapic.h>

#define IOAPIC_REGSEL		0x00
#define IOAPIC_WINDOW		0x10
#define IOAPIC_REDIR_FIRST	0x10
#define IOAPIC_REDIR_LAST	0xff
#define REDIR_MASKED		BIT(16)
#define REDIR_LOGICAL		BIT(11)
#define REDIR_DLVR_SHIFT	8

struct ioapic_state {
	u64 phys;
	/* The root's last index register write (Linux serializes access). */
	u32 regsel;
};

static struct ioapic_state ioapics[XVC_MAX_IOAPICS];
static unsigned int num_ioapics;

static struct ioapic_state *ioapic_of(u64 gpa)
{
	unsigned int n;

	for (n = 0; n < num_ioapics; n++)
		if ((gpa & PAGE_MASK) == ioapics[n].phys)
			return &ioapics[n];
	return NULL;
}

bool ioapic_is_mmio(u64 gpa)
{
	return ioapic_of(gpa) != NULL;
}

static volatile u32 *ioapic_reg(const struct ioapic_state *io, unsigned int reg)
{
	return (volatile u32 *)((u8 *)phys_to_virt(io->phys) + reg);
}

int ioapic_protect_root(struct cell *root)
{
	const struct xvc_platform *plat = &system_config.system->platform;
	struct xvc_memory_region r = { .size = PAGE_SIZE,
				       .flags = XVC_MEM_READ | XVC_MEM_IO };
	unsigned int n;
	int err;

	num_ioapics = plat->num_ioapics;
	for (n = 0; n < num_ioapics; n++) {
		ioapics[n].phys = plat->ioapics[n].address & PAGE_MASK;
		/* Only an IOAPIC the root can reach at all needs filtering. */
		if (cell_gpa_to_phys(root, ioapics[n].phys, &(u64){ 0 }))
			continue;
		r.phys_start = r.virt_start = ioapics[n].phys;
		err = arch_map_memory_region(root, &r);
		if (err)
			return err;
	}
	return 0;
}

/* Would this entry deliver something other than an interrupt to the root? */
static bool redir_allowed(u32 low, u32 high)
{
	unsigned int mode = (low >> REDIR_DLVR_SHIFT) & 7;
	struct per_cpu *target;
	unsigned int cpu;

	if (low & REDIR_MASKED)
		return true;
	if (mode != APIC_DLVR_FIXED && mode != APIC_DLVR_LOWPRI)
		return false;
	for (cpu = 0; cpu < XVC_MAX_CPUS; cpu++) {
		target = per_cpu_of(cpu);
		if (!target || target->cell == &root_cell)
			continue;
		if (low & REDIR_LOGICAL ? (target->arch.guest_ldr >> 24) & (high >> 24) :
		    target->apic_id == high >> 24)
			return false;
	}
	return true;
}

static u32 read_register(const struct ioapic_state *io, unsigned int reg)
{
	*ioapic_reg(io, IOAPIC_REGSEL) = reg;
	return *ioapic_reg(io, IOAPIC_WINDOW);
}

static void write_register(const struct ioapic_state *io, unsigned int reg, u32 value)
{
	*ioapic_reg(io, IOAPIC_REGSEL) = reg;
	*ioapic_reg(io, IOAPIC_WINDOW) = value;
}

/*
 * A redirection entry is checked whole: the half not being written is read
 * from the hardware (Linux masks and unmasks by writing the low half only).
 */
static void write_window(struct per_cpu *pc, struct ioapic_state *io, u32 value)
{
	unsigned int reg = io->regsel & 0xff, low_reg = reg & ~1U;
	u32 low, high;

	if (reg < IOAPIC_REDIR_FIRST) {
		write_register(io, reg, value);
		return;
	}
	low = (reg & 1) ? read_register(io, low_reg) : value;
	high = (reg & 1) ? value : read_register(io, low_reg + 1);
	if (redir_allowed(low, high)) {
		write_register(io, reg, value);
	} else {
		printk("root CPU %u: IOAPIC pin %u entry 0x%x:%x would reach another cell or is not an interrupt: written masked\n",
		       pc->cpu_id, (low_reg - IOAPIC_REDIR_FIRST) / 2, high, low);
		if (reg & 1)
			write_register(io, reg, value);
		write_register(io, low_reg, low | REDIR_MASKED);
	}
	/* Leave the index where the root put it: it reads the window next. */
	*ioapic_reg(io, IOAPIC_REGSEL) = io->regsel;
}

void ioapic_handle_write(struct per_cpu *pc, struct vcpu_exit *ex, u64 gpa)
{
	struct ioapic_state *io = ioapic_of(gpa);
	unsigned int reg = gpa & ~PAGE_MASK;
	struct mmio_store st;

	count_exit(pc, XVC_STAT_MMIO);
	if (decode_mmio_store(ex, &st))
		cpu_violation(pc, ex->rip, "IOAPIC write at 0x%lx with an instruction the hypervisor cannot emulate",
			      gpa);
	if (reg == IOAPIC_REGSEL) {
		io->regsel = st.value;
		*ioapic_reg(io, IOAPIC_REGSEL) = st.value;
	} else if (reg == IOAPIC_WINDOW) {
		write_window(pc, io, st.value);
	} else {
		/* EOI register (0x40) and the rest: harmless, pass them on. */
		*ioapic_reg(io, reg) = st.value;
	}
	ex->rip += st.length;
}
