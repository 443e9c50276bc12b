// SPDX-License-Identifier: GPL-2.0-only
/*
 * The IOAPICs: who owns each pin, and every cell's accesses to them.
 *
 * An IOAPIC redirection entry can deliver an NMI, INIT or SMI, or an
 * interrupt to any CPU, and its index register is one latch for everyone,
 * so no guest touches an IOAPIC directly: every access exits and is
 * carried out here, under one lock, with the guest's own index register
 * kept virtual.
 *
 * The root owns every pin but those a cell's config (irqchips) takes while
 * the cell exists; taken pins change owner masked and empty.
 * An entry may be written unmasked only as a fixed or lowest-priority
 * interrupt for CPUs of the pin's owner (a cell's vectors from 32 on).
 * The root's writes that break that are written masked, or (to a pin it
 * does not own) dropped, and reported; a cell's are violations.  Pins a
 * guest does not own read as masked and empty.
 *
 * Only aligned 32-bit accesses to the three registers of the page are
 * carried out (index, window, EOI), and through the window only the
 * registers the IOAPIC has: devices decode loosely (QEMU's IOAPIC masks
 * the offset with 0xff, so 0x110 is the window too).
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/errno.h>
#include <xvc/memory.h>
#include <xvc/mmio.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <xvc/spinlock.h>
#include <asm/apic-route.h>
#include <asm/ioapic.h>
#include <asm/iommu.h>

#define IOAPIC_REGSEL		0x00
#define IOAPIC_WINDOW		0x10
#define IOAPIC_EOI		0x40

#define IOAPIC_REG_ID		0x00
#define IOAPIC_REG_VERSION	0x01
#define IOAPIC_REG_ARBITRATION	0x02
#define IOAPIC_REDIR_FIRST	0x10

#define REDIR_MASKED		BIT(16)
/* Delivery status and remote IRR: the IOAPIC's, read-only. */
#define REDIR_STATUS_BITS	(BIT(12) | BIT(14))
#define REDIR_LOGICAL		BIT(11)
/* In the high half: bit 48, the entry is in remappable format. */
#define REDIR_REMAPPABLE	BIT(16)
#define REDIR_DLVR_SHIFT	8
#define FIRST_CELL_VECTOR	32

struct ioapic_state {
	u64 phys;
	unsigned int pins;
	/* NULL: the root's. */
	struct cell *pin_owner[IOAPIC_MAX_PINS];
	/*
	 * What a cell wrote into its pins' entries (low, high).  The IOAPIC
	 * holds it, or where the IOMMU remaps every interrupt and the entry
	 * is unmasked, the remappable-format entry naming its remapping
	 * entry (iommu_ioapic_entry()).
	 */
	u32 cell_entry[IOAPIC_MAX_PINS][2];
};

static struct ioapic_state ioapics[XVC_MAX_IOAPICS];
/* The hardware index register is shared: one access at a time. */
static struct spinlock ioapic_lock;

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

static unsigned int pin_count(struct ioapic_state *io)
{
	unsigned int max_entry;

	/* Read on first use, not at enable: the direct map is not loaded then. */
	if (!io->pins) {
		max_entry = (read_register(io, IOAPIC_REG_VERSION) >> 16) & 0xff;
		io->pins = MIN(max_entry + 1, IOAPIC_MAX_PINS);
	}
	return io->pins;
}

static struct cell *owner_of_pin(const struct ioapic_state *io, unsigned int pin)
{
	return io->pin_owner[pin] ? io->pin_owner[pin] : &root_cell;
}

/* The guest's index register for this IOAPIC. */
static u32 *guest_regsel(const struct per_cpu *pc, const struct ioapic_state *io)
{
	return &pc->cell->arch.ioapic_regsel[io - ioapics];
}

static void report(const struct per_cpu *pc, const struct ioapic_state *io,
		   const char *what, u64 value)
{
	printk("root CPU %u: IOAPIC 0x%lx: %s (0x%lx): ignored\n", pc->cpu_id,
	       io->phys, what, value);
}

/*
 * Why this entry may not be written unmasked for @cell, or NULL.  Where a
 * unit remaps the root's interrupts, its entry names a remapping entry,
 * which must not be one the hypervisor keeps for cells (the unit's own
 * rule, iommu.c); the remapping entries it may name are checked where
 * they are.  An entry in remappable format goes where its remapping entry
 * says: only the root writes such entries (to a unit the hypervisor took
 * over, or to one Linux drives itself, whose table is Linux's).
 */
static const char *redir_refusal(const struct cell *cell, u32 low, u32 high)
{
	unsigned int mode = (low >> REDIR_DLVR_SHIFT) & 7;
	const char *why;

	if (low & REDIR_MASKED)
		return NULL;
	if (cell == &root_cell) {
		why = iommu_root_ioapic_refusal(low, high);
		if (why)
			return why;
	}
	if (high & REDIR_REMAPPABLE)
		return cell != &root_cell ? "is in remappable format" : NULL;
	if (irq_foreign_target(high >> 24, low & REDIR_LOGICAL, cell))
		return "would reach another cell";
	if (mode != APIC_DLVR_FIXED && mode != APIC_DLVR_LOWPRI)
		return "is not an interrupt";
	if (cell != &root_cell && (low & 0xff) < FIRST_CELL_VECTOR)
		return "has a vector below 32";
	return NULL;
}

/*
 * A cell's entry is checked whole, the half not being written as the cell
 * wrote it; the IOAPIC gets both halves, masked first where the entry
 * changes while on, so that it never sends half of each.
 */
static enum exit_action write_cell_entry(struct per_cpu *pc, struct ioapic_state *io,
					 unsigned int reg, u32 value)
{
	unsigned int low_reg = reg & ~1U, pin = (low_reg - IOAPIC_REDIR_FIRST) / 2;
	u32 entry[2] = { io->cell_entry[pin][0], io->cell_entry[pin][1] };
	const char *why;

	entry[reg & 1] = value;
	why = redir_refusal(pc->cell, entry[0], entry[1]);
	if (why)
		return violation(pc, "IOAPIC pin %u entry 0x%x:%x %s", pin, entry[1],
				 entry[0], why);
	io->cell_entry[pin][0] = entry[0];
	io->cell_entry[pin][1] = entry[1];
	if (!(entry[0] & REDIR_MASKED))
		iommu_ioapic_entry(pc->cell, io - ioapics, pin, &entry[0], &entry[1]);
	write_register(io, low_reg, read_register(io, low_reg) | REDIR_MASKED);
	write_register(io, low_reg + 1, entry[1]);
	write_register(io, low_reg, entry[0]);
	return EXIT_RESUME;
}

/*
 * A root's redirection entry is checked whole: the half not being written
 * is read from the hardware (Linux masks and unmasks by writing the low
 * half only).
 */
static enum exit_action write_redirection(struct per_cpu *pc, struct ioapic_state *io,
					  unsigned int reg, u32 value)
{
	unsigned int low_reg = reg & ~1U, pin = (low_reg - IOAPIC_REDIR_FIRST) / 2;
	u32 low, high;
	const char *why;

	if (owner_of_pin(io, pin) != pc->cell) {
		/*
		 * Written back as the cell reads it (masked and empty): Linux
		 * restores every entry it saved.  Nothing to do.
		 */
		if (pc->cell != &root_cell && value == (reg & 1 ? 0 : REDIR_MASKED))
			return EXIT_RESUME;
		if (pc->cell != &root_cell)
			return violation(pc, "IOAPIC 0x%lx pin %u is not the cell's", io->phys, pin);
		printk("root CPU %u: IOAPIC pin %u belongs to cell \"%s\": write 0x%x dropped\n",
		       pc->cpu_id, pin, cell_name(owner_of_pin(io, pin)), value);
		return EXIT_RESUME;
	}
	if (pc->cell != &root_cell)
		return write_cell_entry(pc, io, reg, value);
	low = (reg & 1) ? read_register(io, low_reg) : value;
	high = (reg & 1) ? value : read_register(io, low_reg + 1);
	why = redir_refusal(pc->cell, low, high);
	if (!why) {
		write_register(io, reg, value);
		return EXIT_RESUME;
	}
	printk("root CPU %u: IOAPIC pin %u entry 0x%x:%x %s: written masked\n",
	       pc->cpu_id, pin, high, low, why);
	if (reg & 1)
		write_register(io, reg, value);
	write_register(io, low_reg, low | REDIR_MASKED);
	return EXIT_RESUME;
}

static bool is_redirection(struct ioapic_state *io, unsigned int reg)
{
	return reg >= IOAPIC_REDIR_FIRST && reg < IOAPIC_REDIR_FIRST + 2 * pin_count(io);
}

static enum exit_action write_window(struct per_cpu *pc, struct ioapic_state *io,
				     u32 value)
{
	unsigned int reg = *guest_regsel(pc, io);

	if (is_redirection(io, reg))
		return write_redirection(pc, io, reg, value);
	if (pc->cell != &root_cell)
		return violation(pc, "IOAPIC 0x%lx register 0x%x write 0x%x: cells write only their pins",
				 io->phys, reg, value);
	if (reg == IOAPIC_REG_ID)
		write_register(io, reg, value);
	else if (reg != IOAPIC_REG_VERSION && reg != IOAPIC_REG_ARBITRATION)
		report(pc, io, "write to a register it does not have", reg);
	return EXIT_RESUME;
}

/* What another owner's pin looks like: masked and empty. */
static u32 read_window(const struct per_cpu *pc, struct ioapic_state *io)
{
	unsigned int reg = *guest_regsel(pc, io);
	unsigned int pin = (reg - IOAPIC_REDIR_FIRST) / 2;

	if (is_redirection(io, reg) && owner_of_pin(io, pin) != pc->cell)
		return reg & 1 ? 0 : REDIR_MASKED;
	/* A cell reads its entries as it wrote them, the hardware's status bits too. */
	if (is_redirection(io, reg) && pc->cell != &root_cell)
		return io->cell_entry[pin][reg & 1] |
			(reg & 1 ? 0 : read_register(io, reg) & REDIR_STATUS_BITS);
	return read_register(io, reg);
}

/* A level-triggered pin's EOI: only for a vector one of the guest's pins has. */
static enum exit_action write_eoi(struct per_cpu *pc, struct ioapic_state *io, u32 value)
{
	unsigned int pin;

	if (pc->cell == &root_cell) {
		*ioapic_reg(io, IOAPIC_EOI) = value;
		return EXIT_RESUME;
	}
	for (pin = 0; pin < pin_count(io); pin++) {
		if (owner_of_pin(io, pin) == pc->cell &&
		    (io->cell_entry[pin][0] & 0xff) == (value & 0xff)) {
			*ioapic_reg(io, IOAPIC_EOI) = value;
			return EXIT_RESUME;
		}
	}
	return violation(pc, "IOAPIC 0x%lx EOI for vector 0x%x, which none of the cell's pins has",
			 io->phys, value & 0xff);
}

static enum exit_action refuse_access(struct per_cpu *pc, struct ioapic_state *io,
				      struct mmio_access *access, const char *what)
{
	if (pc->cell != &root_cell)
		return violation(pc, "%u-byte %s at IOAPIC 0x%lx offset 0x%lx: %s",
				 access->size, access->write ? "write" : "read",
				 io->phys, access->gpa - io->phys, what);
	report(pc, io, what, access->gpa);
	access->value = ~0ULL;
	return EXIT_RESUME;
}

static enum exit_action register_access(struct per_cpu *pc, struct ioapic_state *io,
					struct mmio_access *access)
{
	unsigned int reg = access->gpa - io->phys;

	switch (reg) {
	case IOAPIC_REGSEL:
		if (!access->write) {
			access->value = *guest_regsel(pc, io);
			return EXIT_RESUME;
		}
		if (access->value > 0xff)
			return refuse_access(pc, io, access, "index out of range");
		*guest_regsel(pc, io) = access->value;
		return EXIT_RESUME;
	case IOAPIC_WINDOW:
		if (access->write)
			return write_window(pc, io, access->value);
		access->value = read_window(pc, io);
		return EXIT_RESUME;
	case IOAPIC_EOI:
		if (access->write)
			return write_eoi(pc, io, access->value);
		break;
	}
	return refuse_access(pc, io, access, access->write ?
			     "write outside its registers" : "read outside its registers");
}

static enum exit_action ioapic_access(struct per_cpu *pc,
				      struct mmio_access *access, void *arg)
{
	struct ioapic_state *io = arg;
	enum exit_action action;

	count_exit(pc, XVC_STAT_MMIO);
	if (access->size != 4 || ((access->gpa - io->phys) & 3))
		return refuse_access(pc, io, access, "partial or misaligned access");
	spin_lock(&ioapic_lock);
	action = register_access(pc, io, access);
	spin_unlock(&ioapic_lock);
	return action;
}

static int intercept(struct cell *cell, struct ioapic_state *io)
{
	return mmio_register(cell, io->phys, PAGE_SIZE, io->phys, 0,
			     ioapic_access, io);
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
		err = intercept(root, io);
		if (err)
			return err;
	}
	return 0;
}

static struct ioapic_state *ioapic_at(u64 address)
{
	const struct xvc_platform *plat = &system_config.system->platform;
	unsigned int n;

	for (n = 0; n < plat->num_ioapics; n++)
		if (ioapics[n].phys == (address & PAGE_MASK))
			return &ioapics[n];
	return NULL;
}

static bool irqchip_has_pin(const struct xvc_irqchip *chip, unsigned int pin)
{
	unsigned int k = pin - chip->pin_base;

	return pin >= chip->pin_base && k < XVC_IRQCHIP_PINS &&
		(chip->pin_bitmap[k / 32] & BIT(k % 32));
}

static bool root_grants_pin(u64 address, unsigned int pin)
{
	const struct cellcfg_cell *root = &root_cell.config;
	unsigned int n;

	for (n = 0; n < root->num_irqchips; n++)
		if (root->irqchips[n].address == address &&
		    irqchip_has_pin(&root->irqchips[n], pin))
			return true;
	return false;
}

/*
 * A pin changes owner masked and empty: the new owner finds nothing of
 * the previous one's programming (vector, destination).
 */
static void clear_entry(struct ioapic_state *io, unsigned int pin)
{
	write_register(io, IOAPIC_REDIR_FIRST + 2 * pin, REDIR_MASKED);
	write_register(io, IOAPIC_REDIR_FIRST + 2 * pin + 1, 0);
	io->cell_entry[pin][0] = REDIR_MASKED;
	io->cell_entry[pin][1] = 0;
}

/* May @cell take this pin?  Changes nothing. */
static int check_pin(const struct cell *cell, struct ioapic_state *io, u64 address,
		     unsigned int pin)
{
	if (pin >= pin_count(io) || !root_grants_pin(address, pin)) {
		printk("cell \"%s\": IOAPIC 0x%lx has no pin %u the root could give\n",
		       cell_name(cell), address, pin);
		return trace_error(-EINVAL);
	}
	if (io->pin_owner[pin]) {
		printk("cell \"%s\": IOAPIC 0x%lx pin %u belongs to cell \"%s\"\n",
		       cell_name(cell), address, pin, cell_name(io->pin_owner[pin]));
		return trace_error(-EBUSY);
	}
	return 0;
}

/*
 * Check every pin of @chip (@take false), or take them (@take true, after
 * all were checked): a refused cell leaves the root's entries as they are.
 */
static int walk_irqchip(struct cell *cell, const struct xvc_irqchip *chip, bool take)
{
	struct ioapic_state *io = ioapic_at(chip->address);
	unsigned int k, pin;
	int err;

	if (!io || !io->phys) {
		printk("cell \"%s\": no IOAPIC at 0x%lx\n", cell_name(cell), chip->address);
		return trace_error(-EINVAL);
	}
	for (k = 0; k < XVC_IRQCHIP_PINS; k++) {
		pin = chip->pin_base + k;
		if (!irqchip_has_pin(chip, pin))
			continue;
		if (!take) {
			err = check_pin(cell, io, chip->address, pin);
			if (err)
				return err;
			continue;
		}
		io->pin_owner[pin] = cell;
		clear_entry(io, pin);
	}
	/* Two entries may name pins of one IOAPIC: one view serves both. */
	if (!take || mmio_find(cell, io->phys))
		return 0;
	return intercept(cell, io);
}

int ioapic_take_pins(struct cell *cell)
{
	unsigned int n;
	int err = 0;

	spin_lock(&ioapic_lock);
	for (n = 0; n < cell->config.num_irqchips && !err; n++)
		err = walk_irqchip(cell, &cell->config.irqchips[n], false);
	for (n = 0; n < cell->config.num_irqchips && !err; n++)
		err = walk_irqchip(cell, &cell->config.irqchips[n], true);
	spin_unlock(&ioapic_lock);
	if (err)
		ioapic_release_pins(cell);
	return err;
}

bool arch_irq_line_owned(const struct cell *cell, u32 gsi)
{
	const struct xvc_platform *plat = &system_config.system->platform;
	struct ioapic_state *io;
	bool owned = false;
	unsigned int n;

	spin_lock(&ioapic_lock);
	for (n = 0; n < plat->num_ioapics; n++) {
		io = &ioapics[n];
		if (io->phys && gsi >= plat->ioapics[n].gsi_base &&
		    gsi - plat->ioapics[n].gsi_base < pin_count(io)) {
			owned = owner_of_pin(io, gsi - plat->ioapics[n].gsi_base) == cell;
			break;
		}
	}
	spin_unlock(&ioapic_lock);
	return owned;
}

void ioapic_release_pins(struct cell *cell)
{
	struct ioapic_state *io;
	unsigned int n, pin;

	spin_lock(&ioapic_lock);
	for (n = 0; n < XVC_MAX_IOAPICS; n++) {
		io = &ioapics[n];
		for (pin = 0; pin < io->pins; pin++) {
			if (io->pin_owner[pin] != cell)
				continue;
			clear_entry(io, pin);
			iommu_ioapic_pin_released(n, pin);
			io->pin_owner[pin] = NULL;
		}
	}
	spin_unlock(&ioapic_lock);
}
