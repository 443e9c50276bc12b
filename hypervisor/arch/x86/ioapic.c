// SPDX-License-Identifier: GPL-2.0-only
/*
 * The root cell's IOAPIC writes.  An IOAPIC redirection entry can deliver
 * an NMI, INIT or SMI, or an interrupt to any CPU: the root reads its
 * IOAPICs directly but its writes exit and are carried out here, with an
 * entry that would reach a CPU the root does not own, or deliver anything
 * but a fixed or lowest-priority interrupt, written masked.
 *
 * Only aligned 32-bit writes to the three registers of the page are
 * carried out (index, window, EOI), and through the window only the
 * registers the IOAPIC has: devices decode loosely (QEMU's IOAPIC masks
 * the offset with 0xff, so 0x110 is the window too).  Anything else has
 * no effect and is reported.
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/memory.h>
#include <xvc/mmio.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <asm/apic-route.h>
#include <asm/ioapic.h>

#define IOAPIC_REGSEL		0x00
#define IOAPIC_WINDOW		0x10
#define IOAPIC_EOI		0x40

#define IOAPIC_REG_ID		0x00
#define IOAPIC_REG_VERSION	0x01
#define IOAPIC_REG_ARBITRATION	0x02
#define IOAPIC_REDIR_FIRST	0x10
#define IOAPIC_MAX_PINS		120

#define REDIR_MASKED		BIT(16)
#define REDIR_LOGICAL		BIT(11)
#define REDIR_DLVR_SHIFT	8

struct ioapic_state {
	u64 phys;
	unsigned int pins;
	/* The root's last index register write (Linux serializes access). */
	u32 regsel;
};

static struct ioapic_state ioapics[XVC_MAX_IOAPICS];

static volatile u32 *ioapic_reg(const struct ioapic_state *io, unsigned int reg)
{
	return (volatile u32 *)((u8 *)phys_to_virt(io->phys) + reg);
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

static void report(const struct per_cpu *pc, const struct ioapic_state *io,
		   const char *what, u64 value)
{
	printk("root CPU %u: IOAPIC 0x%lx: %s (0x%lx): ignored\n", pc->cpu_id,
	       io->phys, what, value);
}

/* Would this entry deliver anything but an interrupt to the root? */
static bool redir_allowed(u32 low, u32 high)
{
	unsigned int mode = (low >> REDIR_DLVR_SHIFT) & 7;

	if (low & REDIR_MASKED)
		return true;
	if (mode != APIC_DLVR_FIXED && mode != APIC_DLVR_LOWPRI)
		return false;
	return !irq_foreign_target(high >> 24, low & REDIR_LOGICAL, &root_cell);
}

/*
 * A redirection entry is checked whole: the half not being written is read
 * from the hardware (Linux masks and unmasks by writing the low half only).
 */
static void write_redirection(struct per_cpu *pc, struct ioapic_state *io,
			      unsigned int reg, u32 value)
{
	unsigned int low_reg = reg & ~1U;
	u32 low, high;

	low = (reg & 1) ? read_register(io, low_reg) : value;
	high = (reg & 1) ? value : read_register(io, low_reg + 1);
	if (redir_allowed(low, high)) {
		write_register(io, reg, value);
		return;
	}
	printk("root CPU %u: IOAPIC pin %u entry 0x%x:%x would reach another cell or is not an interrupt: written masked\n",
	       pc->cpu_id, (low_reg - IOAPIC_REDIR_FIRST) / 2, high, low);
	if (reg & 1)
		write_register(io, reg, value);
	write_register(io, low_reg, low | REDIR_MASKED);
}

static unsigned int ioapic_pins(const struct ioapic_state *io)
{
	unsigned int max_entry = (read_register(io, IOAPIC_REG_VERSION) >> 16) & 0xff;

	return MIN(max_entry + 1, IOAPIC_MAX_PINS);
}

static void write_window(struct per_cpu *pc, struct ioapic_state *io, u32 value)
{
	unsigned int reg = io->regsel;

	/* Read here, not at enable: the direct map is not loaded then. */
	if (!io->pins)
		io->pins = ioapic_pins(io);

	if (reg >= IOAPIC_REDIR_FIRST && reg < IOAPIC_REDIR_FIRST + 2 * io->pins)
		write_redirection(pc, io, reg, value);
	else if (reg == IOAPIC_REG_ID)
		write_register(io, reg, value);
	else if (reg != IOAPIC_REG_VERSION && reg != IOAPIC_REG_ARBITRATION)
		report(pc, io, "write to a register it does not have", reg);
	/* Leave the index where the root put it: it reads the window next. */
	*ioapic_reg(io, IOAPIC_REGSEL) = io->regsel;
}

static enum exit_action ioapic_access(struct per_cpu *pc,
				      struct mmio_access *access, void *arg)
{
	struct ioapic_state *io = arg;
	unsigned int reg = access->gpa - io->phys;

	count_exit(pc, XVC_STAT_MMIO);
	if (access->size != 4 || (reg & 3) || !access->write) {
		report(pc, io, "partial, misaligned or intercepted read access",
		       access->gpa);
		access->value = ~0ULL;
		return EXIT_RESUME;
	}
	switch (reg) {
	case IOAPIC_REGSEL:
		if (access->value > 0xff) {
			report(pc, io, "index out of range", access->value);
			break;
		}
		io->regsel = access->value;
		*ioapic_reg(io, IOAPIC_REGSEL) = access->value;
		break;
	case IOAPIC_WINDOW:
		write_window(pc, io, access->value);
		break;
	case IOAPIC_EOI:
		*ioapic_reg(io, reg) = access->value;
		break;
	default:
		report(pc, io, "write outside its registers", access->gpa);
		break;
	}
	return EXIT_RESUME;
}

int ioapic_protect_root(struct cell *root)
{
	const struct xvc_platform *plat = &system_config.system->platform;
	struct ioapic_state *io;
	u64 phys, flags;
	unsigned int n;
	int err;

	for (n = 0; n < plat->num_ioapics; n++) {
		io = &ioapics[n];
		io->phys = plat->ioapics[n].address & PAGE_MASK;
		/* Only an IOAPIC the root can reach at all needs filtering. */
		if (arch_gpa_lookup(root, io->phys, &phys, &flags))
			continue;
		/* Reads go to the IOAPIC; writes come here. */
		err = mmio_register(root, io->phys, PAGE_SIZE, io->phys,
				    XVC_MEM_READ, ioapic_access, io);
		if (err)
			return err;
	}
	return 0;
}
