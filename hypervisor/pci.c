// SPDX-License-Identifier: GPL-2.0-only
/*
 * PCI config space: ownership and the write policy (xvc/pci.h).
 *
 * Every config access of every cell arrives here, whatever mechanism the
 * guest used (I/O ports 0xcf8/0xcfc, arch/x86/pci.c; the root's MMCONFIG
 * window, below).  The device table is the root's PCI list; functions it
 * does not list are the root's.
 *
 * What a non-root cell may write to a function it owns, by explicit list:
 * the command register (I/O and memory decode, bus mastering, parity and
 * SERR reporting, INTx disable), the status register (write-1-to-clear),
 * cache line size and latency timer, the BARs, the expansion ROM's address
 * while the ROM stays off (a kernel sizes it), the interrupt line, the
 * PCI Express device control but for phantom functions and FLR, the
 * MSI capability's control, message and mask registers, and the MSI-X
 * capability's enable and function mask (its table: pci-msix.c).  A BAR
 * decodes only while its kind of decode is on in the command register, so
 * where a BAR points is checked whenever decode is on and a BAR or the
 * command register changes: a memory BAR must lie inside the cell's device memory
 * (its config's XVC_MEM_IO regions, by physical address), an I/O BAR
 * inside its ports, and the BAR holding an MSI-X table only where the root
 * left it.  INTx may be turned on (INTx disable cleared) only when the
 * root's config says which pin it drives and that pin is the cell's (a
 * cell with XVC_CELL_ABSENT_UNGRANTED gets INTx kept off instead); a
 * function is taken and given back with INTx off.  An enabled MSI must be
 * a fixed or lowest-priority interrupt with vectors 32-255 for CPUs of the
 * cell (arch_msi_refusal).
 * Anything else is a violation naming the function and the register,
 * unless it writes the value the register has (a kernel's read-modify-
 * write, e.g. of the PCI Express device control), which changes nothing
 * and is not carried out.
 *
 * The root's writes to its own functions are carried out: until the IOMMU
 * translates their DMA, a root device can reach any memory anyway.  Its
 * accesses to a function a cell owns read as absent and its writes are
 * dropped and reported.  A cell's writes to a function it does not own
 * are violations, unless it has XVC_CELL_ABSENT_UNGRANTED: then they are
 * dropped, as for a function that is not there.
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/errno.h>
#include <xvc/memory.h>
#include <xvc/mmio.h>
#include <xvc/pci.h>
#include <xvc/pci-msix.h>
#include <xvc/percpu.h>
#include <xvc/printk.h>
#include <xvc/spinlock.h>
#include <xvc/string.h>

#define PCI_COMMAND		0x04
#define PCI_STATUS		0x06
#define PCI_CACHE_LINE_SIZE	0x0c
#define PCI_LATENCY_TIMER	0x0d
#define PCI_BAR0		0x10
#define PCI_STATUS_CAP_LIST	BIT(4)
#define PCI_CAPABILITY_LIST	0x34
#define PCI_CAP_ID_EXP		0x10
#define PCI_MAX_CAPS		48
#define PCI_ROM_ADDRESS		0x30	/* type 0 header */
#define PCI_ROM_ENABLE		BIT(0)
#define PCI_INTERRUPT_LINE	0x3c

#define PCI_CMD_IO		BIT(0)
#define PCI_CMD_MEMORY		BIT(1)
#define PCI_CMD_MASTER		BIT(2)
#define PCI_CMD_PARITY		BIT(6)
#define PCI_CMD_SERR		BIT(8)
#define PCI_CMD_INTX_DISABLE	BIT(10)
#define PCI_CMD_CELL_WRITABLE	(PCI_CMD_IO | PCI_CMD_MEMORY | PCI_CMD_MASTER | \
				 PCI_CMD_PARITY | PCI_CMD_SERR | \
				 PCI_CMD_INTX_DISABLE)

#define PCI_BAR_IO_SPACE	BIT(0)
#define PCI_BAR_IO_MASK		(~3U)
#define PCI_BAR_MEM_MASK	(~0xfU)

/* MSI capability: control, then the message, then the mask bits. */
#define MSI_CONTROL		2
#define MSI_ADDRESS_LO		4
#define MSI_CTRL_ENABLE		BIT(0)
#define MSI_CTRL_MME_SHIFT	4
#define MSI_CTRL_MME_MASK	(7 << MSI_CTRL_MME_SHIFT)
#define MSI_CTRL_64BIT		BIT(7)
#define MSI_CTRL_MASKABLE	BIT(8)
#define MSI_CTRL_CELL_WRITABLE	(MSI_CTRL_ENABLE | MSI_CTRL_MME_MASK)

/* MSI-X capability: control, then where the table and PBA are (8 bytes). */
#define MSIX_CONTROL		2
#define MSIX_TABLE		4
/*
 * PCI Express device control: what its owner may set for its own traffic
 * (error reporting, relaxed ordering, payload and read request sizes,
 * extended tags, aux power, no snoop); not phantom functions, whose
 * requests would carry other functions' requester IDs, nor a function
 * level reset, which would undo what the hypervisor set up.
 */
#define PCIE_DEVCTL		8
#define PCIE_DEVCTL_PHANTOM	BIT(9)
#define PCIE_DEVCTL_FLR		BIT(15)
#define PCIE_DEVCTL_CELL_WRITABLE (0xffff & ~(PCIE_DEVCTL_PHANTOM | PCIE_DEVCTL_FLR))

#define MSIX_CTRL_FUNCTION_MASK	BIT(14)
#define MSIX_CTRL_ENABLE	BIT(15)
#define MSIX_CTRL_CELL_WRITABLE	(MSIX_CTRL_ENABLE | MSIX_CTRL_FUNCTION_MASK)

struct pci_device {
	/* The root's description of the function. */
	const struct xvc_pci_device *info;
	struct cell *owner;
	/* What the root had programmed when a cell took it: given back. */
	u32 saved_bar[XVC_PCI_NUM_BARS];
	u16 saved_command;
	u8 saved_interrupt_line;
	/*
	 * While a cell owns it: where the BAR holding the MSI-X table decodes
	 * (the only place it may), and the table's first entry.
	 */
	u64 msix_bar_address, msix_table_phys;
	/* Its PCI Express capability (found when a cell takes it), or 0. */
	u8 pcie_cap;
	/*
	 * The MSI message the cell wrote; the device holds it, or where its
	 * interrupts are remapped and MSI is on, what names its entries.
	 */
	u64 msi_address;
	u32 msi_data;
};

#define PCI_MAX_DEVICES		64

static struct pci_device devices[PCI_MAX_DEVICES];
static unsigned int num_devices;
/* Functions the hypervisor drives (arch_pci_reserved_functions()). */
static u16 reserved[XVC_MAX_IOMMUS];
static unsigned int num_reserved;
/*
 * Serializes every config access the hypervisor carries out with the
 * checks before it and with changes of ownership: a check and the write it
 * allows see the same device state.
 */
static struct spinlock pci_lock;

static struct pci_device *device_at(u16 bdf)
{
	unsigned int n;

	for (n = 0; n < num_devices; n++)
		if (devices[n].info->bdf == bdf)
			return &devices[n];
	return NULL;
}

static struct cell *owner_of(const struct pci_device *dev)
{
	return dev ? dev->owner : &root_cell;
}

static bool is_reserved(u16 bdf)
{
	unsigned int n;

	for (n = 0; n < num_reserved; n++)
		if (reserved[n] == bdf)
			return true;
	return false;
}

/* --- the rules for a non-root cell ------------------------------------- */

/* What a config register of a cell's function is, for a write. */
enum field_kind {
	FIELD_DENIED,
	/* Written as is. */
	FIELD_PASS,
	/* Identification: may be written only with the value it has. */
	FIELD_READ_ONLY,
	FIELD_COMMAND,
	FIELD_BAR,
	FIELD_MSI_CONTROL,
	FIELD_MSI_MESSAGE,
	FIELD_MSIX_CONTROL,
	FIELD_ROM,
	FIELD_PCIE_DEVCTL,
};

struct field {
	unsigned int start, len;
	enum field_kind kind;
};

/* Address (32 or 64 bits), data, and the extended data after it. */
static unsigned int msi_message_len(u16 control)
{
	return control & MSI_CTRL_64BIT ? 12 : 8;
}

static void msi_field(const struct pci_device *dev, unsigned int reg,
		      struct field *f)
{
	unsigned int cap = dev->info->msi_cap;
	u16 control = arch_pci_read(dev->info->bdf, cap + MSI_CONTROL, 2);
	unsigned int mask = cap + MSI_ADDRESS_LO + (control & MSI_CTRL_64BIT ? 12 : 8);

	if (reg - (cap + MSI_CONTROL) < 2)
		*f = (struct field){ cap + MSI_CONTROL, 2, FIELD_MSI_CONTROL };
	else if (reg - (cap + MSI_ADDRESS_LO) < msi_message_len(control))
		*f = (struct field){ cap + MSI_ADDRESS_LO,
				     msi_message_len(control), FIELD_MSI_MESSAGE };
	else if ((control & MSI_CTRL_MASKABLE) && reg - mask < 4)
		*f = (struct field){ mask, 4, FIELD_PASS };
}

/*
 * Header bytes that identify the function (IDs, revision, class, header
 * type, subsystem, capability pointer, interrupt pin, MIN_GNT/MAX_LAT):
 * a driver's read-modify-write of a whole dword writes them back as read.
 */
static bool identification_byte(unsigned int reg)
{
	return reg < PCI_COMMAND || (reg >= 0x08 && reg < PCI_CACHE_LINE_SIZE) ||
		reg == 0x0e || (reg >= 0x2c && reg <= 0x2f) || reg == 0x34 ||
		(reg >= 0x3d && reg <= 0x3f);
}

static struct field field_at(const struct pci_device *dev, unsigned int reg)
{
	struct field f = { reg, 1, FIELD_DENIED };

	if (identification_byte(reg))
		f = (struct field){ reg, 1, FIELD_READ_ONLY };
	else if (reg - PCI_COMMAND < 2)
		f = (struct field){ PCI_COMMAND, 2, FIELD_COMMAND };
	else if (reg - PCI_STATUS < 2)
		f = (struct field){ PCI_STATUS, 2, FIELD_PASS };
	else if (reg == PCI_CACHE_LINE_SIZE || reg == PCI_LATENCY_TIMER ||
		 reg == PCI_INTERRUPT_LINE)
		f = (struct field){ reg, 1, FIELD_PASS };
	else if (reg - PCI_BAR0 < 4 * XVC_PCI_NUM_BARS)
		f = (struct field){ reg & ~3U, 4, FIELD_BAR };
	else if (dev->info->type == XVC_PCI_TYPE_DEVICE && reg - PCI_ROM_ADDRESS < 4)
		f = (struct field){ PCI_ROM_ADDRESS, 4, FIELD_ROM };
	else if (dev->pcie_cap && reg - (dev->pcie_cap + PCIE_DEVCTL) < 2)
		f = (struct field){ dev->pcie_cap + PCIE_DEVCTL, 2, FIELD_PCIE_DEVCTL };
	else if (dev->info->msix_cap && reg - (dev->info->msix_cap + MSIX_CONTROL) < 2)
		f = (struct field){ dev->info->msix_cap + MSIX_CONTROL, 2,
				    FIELD_MSIX_CONTROL };
	else if (dev->info->msix_cap && reg - (dev->info->msix_cap + MSIX_TABLE) < 8)
		f = (struct field){ reg, 1, FIELD_READ_ONLY };
	else if (dev->info->msi_cap)
		msi_field(dev, reg, &f);
	return f;
}

/* A write to one field; the checks see the state it would leave. */
struct field_write {
	struct field field;
	unsigned int reg, size;
	u32 value;
};

static u32 all_ones(unsigned int size)
{
	return size == 4 ? ~0U : (1U << (8 * size)) - 1;
}

static u32 merge(u32 old, unsigned int shift, unsigned int size, u32 value)
{
	u32 mask = size == 4 ? ~0U : ((1U << (8 * size)) - 1) << (8 * shift);

	return (old & ~mask) | ((value << (8 * shift)) & mask);
}

static void report_function(char *buf, unsigned int len, u16 bdf)
{
	snprintf(buf, len, "%02x:%02x.%x", PCI_BDF_BUS(bdf), PCI_BDF_DEV(bdf),
		 PCI_BDF_FN(bdf));
}

struct cell_write {
	struct per_cpu *pc;
	struct pci_device *dev;
	char name[16];
	/* The guest's access, for the report. */
	unsigned int reg, size;
	u32 value;
};

/* The address a memory BAR slot decodes, with its other half as it is. */
static u64 bar_address(const struct pci_device *dev, unsigned int slot,
		       unsigned int replaced_slot, u32 replaced_value)
{
	u16 bdf = dev->info->bdf;
	u32 low, high = 0;
	unsigned int n;

	n = slot;
	low = n == replaced_slot ? replaced_value :
		arch_pci_read(bdf, PCI_BAR0 + 4 * n, 4);
	if (dev->info->bar_kind[slot] == XVC_PCI_BAR_MEM64) {
		n = slot + 1;
		high = n == replaced_slot ? replaced_value :
			arch_pci_read(bdf, PCI_BAR0 + 4 * n, 4);
	}
	if (dev->info->bar_kind[slot] == XVC_PCI_BAR_IO)
		return low & PCI_BAR_IO_MASK;
	return ((u64)high << 32) | (low & PCI_BAR_MEM_MASK);
}

static bool cell_owns_ports(const struct cell *cell, u64 port, u64 count)
{
	u64 n;

	if (port + count > XVC_PIO_PORTS)
		return false;
	for (n = 0; n < count; n++)
		if (!cell_pio_allowed(cell, port + n, 1))
			return false;
	return true;
}

static bool cell_owns_device_memory(const struct cell *cell, u64 phys, u64 size)
{
	return cell_region_holding(cell, phys, size, XVC_MEM_IO);
}

/*
 * With @command's decode bits on, would BAR @slot (with @replaced_slot
 * holding @replaced_value) decode only what the cell owns?  @slot is the
 * BAR's first slot; a 64-bit BAR's high half is checked with it.
 */
static enum exit_action check_bar_placement(struct cell_write *cw, unsigned int slot,
					    u16 command, unsigned int replaced_slot,
					    u32 replaced_value)
{
	const struct xvc_pci_device *info = cw->dev->info;
	u8 kind = info->bar_kind[slot];
	u64 size, address;
	bool io = kind == XVC_PCI_BAR_IO, ok;

	if (kind == XVC_PCI_BAR_NONE || kind == XVC_PCI_BAR_MEM64_HIGH)
		return EXIT_RESUME;
	if (!(command & (io ? PCI_CMD_IO : PCI_CMD_MEMORY)))
		return EXIT_RESUME;
	size = info->bar_size[slot];
	address = bar_address(cw->dev, slot, replaced_slot, replaced_value);
	if (info->msix_cap && slot == info->msix_table_bar &&
	    address != cw->dev->msix_bar_address)
		return violation(cw->pc, "PCI %s BAR%u would decode memory at 0x%lx: it holds the MSI-X table, which stays at 0x%lx",
				 cw->name, slot, address, cw->dev->msix_bar_address);
	ok = io ? cell_owns_ports(cw->pc->cell, address, size) :
		cell_owns_device_memory(cw->pc->cell, address, size);
	if (ok)
		return EXIT_RESUME;
	return violation(cw->pc, "PCI %s BAR%u would decode %s 0x%lx+0x%lx, which the cell does not own",
			 cw->name, slot, io ? "ports" : "memory", address, size);
}

static enum exit_action check_all_bars(struct cell_write *cw, u16 command,
				       unsigned int replaced_slot, u32 value)
{
	enum exit_action action = EXIT_RESUME;
	unsigned int slot;

	/* A 64-bit BAR's high half is checked with its low half. */
	for (slot = 0; slot < XVC_PCI_NUM_BARS && action == EXIT_RESUME; slot++)
		action = check_bar_placement(cw, slot, command, replaced_slot, value);
	return action;
}

/* Bits outside @writable must be written as they are (read back). */
static bool changes_fixed_bits(u32 old, u32 new, u32 writable)
{
	return (old ^ new) & ~writable;
}

/*
 * INTx drives a pin of an interrupt controller: a cell may let the
 * function assert it only if that pin is the cell's too, else the device
 * would raise (or hold) an interrupt of the root or of another cell.
 */
static enum exit_action check_intx(struct cell_write *cw, u32 command)
{
	const struct xvc_pci_device *info = cw->dev->info;

	if (command & PCI_CMD_INTX_DISABLE)
		return EXIT_RESUME;
	if (info->intx != XVC_PCI_INTX_GSI)
		return violation(cw->pc, "PCI %s: command 0x%x turns INTx on, and the root's config does not say which pin it drives",
				 cw->name, command);
	if (arch_irq_line_owned(cw->pc->cell, info->intx_gsi))
		return EXIT_RESUME;
	return violation(cw->pc, "PCI %s: command 0x%x turns INTx on, and its pin (GSI %u) is not the cell's",
			 cw->name, command, info->intx_gsi);
}

/*
 * A cell with XVC_CELL_ABSENT_UNGRANTED that was not given the function's
 * INTx pin has no INTx: a command write that would turn it on is carried
 * out with INTx kept off.  (A kernel turns INTx on when it enables any
 * function with an interrupt pin, even one it then drives with MSI-X.)
 */
static bool intx_absent(const struct cell_write *cw)
{
	const struct xvc_pci_device *info = cw->dev->info;

	return cell_has_absent_ungranted(cw->pc->cell) &&
		(info->intx != XVC_PCI_INTX_GSI ||
		 !arch_irq_line_owned(cw->pc->cell, info->intx_gsi));
}

static u32 keep_intx_off(const struct cell_write *cw, struct field_write *w, u32 command)
{
	unsigned int byte = w->reg - PCI_COMMAND;

	if (command & PCI_CMD_INTX_DISABLE || !intx_absent(cw))
		return command;
	if (byte + w->size > 1)		/* the piece holds the command's high byte */
		w->value |= PCI_CMD_INTX_DISABLE >> (8 * byte);
	return command | PCI_CMD_INTX_DISABLE;
}

static enum exit_action check_command(struct cell_write *cw, u32 old, u32 command)
{
	enum exit_action action;

	if (changes_fixed_bits(old, command, PCI_CMD_CELL_WRITABLE))
		return violation(cw->pc, "PCI %s command 0x%x changes bits a cell may not change (0x%x now; allowed: 0x%x)",
				 cw->name, command, old, (u32)PCI_CMD_CELL_WRITABLE);
	action = check_intx(cw, command);
	if (action != EXIT_RESUME)
		return action;
	return check_all_bars(cw, command, XVC_PCI_NUM_BARS, 0);
}

static enum exit_action check_bar_write(struct cell_write *cw,
					const struct field_write *w)
{
	unsigned int slot = (w->field.start - PCI_BAR0) / 4, first = slot;
	u16 command = arch_pci_read(cw->dev->info->bdf, PCI_COMMAND, 2);

	if (w->size != 4)
		return violation(cw->pc, "PCI %s: %u-byte write to BAR%u (only whole BARs)",
				 cw->name, w->size, slot);
	if (cw->dev->info->bar_kind[slot] == XVC_PCI_BAR_MEM64_HIGH)
		first--;
	return check_bar_placement(cw, first, command, slot, w->value);
}

/* The MSI capability as a write to @w would leave it. */
struct msi_state {
	u16 control;
	u64 address;
	u32 data;
};

static void read_device_msi(const struct pci_device *dev, struct msi_state *msi)
{
	u16 bdf = dev->info->bdf;
	unsigned int cap = dev->info->msi_cap;

	msi->control = arch_pci_read(bdf, cap + MSI_CONTROL, 2);
	msi->address = arch_pci_read(bdf, cap + MSI_ADDRESS_LO, 4);
	if (msi->control & MSI_CTRL_64BIT) {
		msi->address |= (u64)arch_pci_read(bdf, cap + MSI_ADDRESS_LO + 4, 4) << 32;
		msi->data = arch_pci_read(bdf, cap + MSI_ADDRESS_LO + 8, 2);
	} else {
		msi->data = arch_pci_read(bdf, cap + MSI_ADDRESS_LO + 4, 2);
	}
}

/* The cell's MSI: the device's control, the message the cell wrote. */
static void read_msi(const struct pci_device *dev, struct msi_state *msi)
{
	msi->control = arch_pci_read(dev->info->bdf, dev->info->msi_cap + MSI_CONTROL, 2);
	msi->address = dev->msi_address;
	msi->data = dev->msi_data;
}

/*
 * The device's message after a write to the cell's MSI: the cell's, or
 * with MSI on, what the remapping says the device must send.
 */
static void write_device_msi(const struct pci_device *dev, bool enabled)
{
	u16 bdf = dev->info->bdf;
	unsigned int cap = dev->info->msi_cap;
	struct msi_state msi;

	read_msi(dev, &msi);
	if (enabled)
		arch_msi_device_message(dev->owner, bdf, -1, &msi.address, &msi.data);
	arch_pci_write(bdf, cap + MSI_ADDRESS_LO, 4, msi.address);
	if (msi.control & MSI_CTRL_64BIT) {
		arch_pci_write(bdf, cap + MSI_ADDRESS_LO + 4, 4, msi.address >> 32);
		arch_pci_write(bdf, cap + MSI_ADDRESS_LO + 8, 2, msi.data);
	} else {
		arch_pci_write(bdf, cap + MSI_ADDRESS_LO + 4, 2, msi.data);
	}
}

static void apply_msi_write(const struct pci_device *dev, struct msi_state *msi,
			    const struct field_write *w)
{
	unsigned int off = w->reg - (dev->info->msi_cap + MSI_ADDRESS_LO);
	unsigned int data_off = msi->control & MSI_CTRL_64BIT ? 8 : 4;
	unsigned int byte;

	if (w->field.kind == FIELD_MSI_CONTROL) {
		msi->control = merge(msi->control, w->reg & 1, w->size, w->value);
		return;
	}
	/* Byte by byte: any aligned piece of the message may be written. */
	for (byte = 0; byte < w->size; byte++, off++) {
		u8 b = w->value >> (8 * byte);

		if (off < data_off)
			msi->address = (msi->address & ~(0xffULL << (8 * off))) |
				       ((u64)b << (8 * off));
		else if (off < data_off + 2)
			msi->data = merge(msi->data, off - data_off, 1, b);
	}
}

static enum exit_action check_msi_write(struct cell_write *cw,
					const struct field_write *w)
{
	struct msi_state msi;
	unsigned int vectors;
	const char *why;
	u16 old_control;

	read_msi(cw->dev, &msi);
	old_control = msi.control;
	apply_msi_write(cw->dev, &msi, w);
	if (changes_fixed_bits(old_control, msi.control, MSI_CTRL_CELL_WRITABLE))
		return violation(cw->pc, "PCI %s: MSI control 0x%x changes read-only bits (0x%x now)",
				 cw->name, msi.control, old_control);
	if (!(msi.control & MSI_CTRL_ENABLE))
		return EXIT_RESUME;
	vectors = 1U << ((msi.control & MSI_CTRL_MME_MASK) >> MSI_CTRL_MME_SHIFT);
	why = arch_msi_refusal(cw->pc->cell, msi.address, msi.data, vectors);
	if (!why) {
		arch_msi_accepted(cw->pc->cell, cw->dev->info->bdf, -1, msi.address,
				  msi.data, vectors);
		return EXIT_RESUME;
	}
	return violation(cw->pc, "PCI %s: MSI address 0x%lx data 0x%x (%u vector(s)) refused: %s",
			 cw->name, msi.address, msi.data, vectors, why);
}

/* Would @w change bits of its 16-bit field outside @writable?  *old: as it is. */
static bool changes_fixed_word(const struct cell_write *cw, const struct field_write *w,
			       u32 writable, u32 *old)
{
	*old = arch_pci_read(cw->dev->info->bdf, w->field.start, 2);
	return changes_fixed_bits(*old, merge(*old, w->reg & 1, w->size, w->value),
				  writable);
}

static enum exit_action check_field_write(struct cell_write *cw,
					  struct field_write *w)
{
	u32 old, command;

	switch (w->field.kind) {
	case FIELD_PASS:
		return EXIT_RESUME;
	case FIELD_READ_ONLY:
		if (arch_pci_read(cw->dev->info->bdf, w->reg, w->size) == w->value)
			return EXIT_RESUME;
		return violation(cw->pc, "PCI %s: %u-byte write 0x%x at 0x%x changes read-only register 0x%x",
				 cw->name, cw->size, cw->value, cw->reg, w->reg);
	case FIELD_COMMAND:
		old = arch_pci_read(cw->dev->info->bdf, PCI_COMMAND, 2);
		command = merge(old, w->reg & 1, w->size, w->value);
		return check_command(cw, old, keep_intx_off(cw, w, command));
	case FIELD_BAR:
		return check_bar_write(cw, w);
	case FIELD_MSI_CONTROL:
	case FIELD_MSI_MESSAGE:
		return check_msi_write(cw, w);
	case FIELD_ROM:
		old = arch_pci_read(cw->dev->info->bdf, PCI_ROM_ADDRESS, 4);
		if (!(merge(old, w->reg & 3, w->size, w->value) & PCI_ROM_ENABLE))
			return EXIT_RESUME;
		return violation(cw->pc, "PCI %s: write 0x%x at 0x%x turns its expansion ROM on, which cells may not",
				 cw->name, w->value, w->reg);
	case FIELD_PCIE_DEVCTL:
		if (!changes_fixed_word(cw, w, PCIE_DEVCTL_CELL_WRITABLE, &old))
			return EXIT_RESUME;
		return violation(cw->pc, "PCI %s: PCI Express device control write 0x%x at 0x%x sets phantom functions or a function level reset (0x%x now)",
				 cw->name, w->value, w->reg, old);
	case FIELD_MSIX_CONTROL:
		if (!changes_fixed_word(cw, w, MSIX_CTRL_CELL_WRITABLE, &old))
			return EXIT_RESUME;
		return violation(cw->pc, "PCI %s: MSI-X control write 0x%x at 0x%x changes read-only bits (0x%x now)",
				 cw->name, w->value, w->reg, old);
	default:
		/* Written back as read (a kernel's read-modify-write): nothing to do. */
		if (arch_pci_read(cw->dev->info->bdf, w->reg, w->size) == w->value)
			return EXIT_RESUME;
		return violation(cw->pc, "PCI %s: write 0x%x to config register 0x%x, which cells may not write (%u-byte write at 0x%x)",
				 cw->name, cw->value, w->reg, cw->size, cw->reg);
	}
}

/*
 * Split a write into the fields it touches; every piece is checked before
 * any is carried out, so a refused write changes nothing.  A piece is an
 * aligned 1-, 2- or 4-byte access (the guest's access was one).
 */
static unsigned int split_write(const struct pci_device *dev, unsigned int reg,
				unsigned int size, u32 value,
				struct field_write pieces[4])
{
	unsigned int count = 0, done = 0, len;
	struct field f;

	while (done < size) {
		f = field_at(dev, reg + done);
		len = MIN(f.start + f.len - (reg + done), size - done);
		/* Pieces of 3 bytes do not exist: the bus cannot write them. */
		if (len == 3)
			len = 2;
		pieces[count++] = (struct field_write){
			.field = f, .reg = reg + done, .size = len,
			.value = (u32)((u64)value >> (8 * done)) & all_ones(len),
		};
		done += len;
	}
	return count;
}

/*
 * Read-only bytes, registers a cell may not change (written with the
 * value they have, or the write was refused) and BARs the function lacks
 * take no write.
 */
static bool piece_to_write(const struct pci_device *dev, const struct field_write *w)
{
	if (w->field.kind == FIELD_READ_ONLY || w->field.kind == FIELD_DENIED)
		return false;
	return w->field.kind != FIELD_BAR ||
		dev->info->bar_kind[(w->field.start - PCI_BAR0) / 4] != XVC_PCI_BAR_NONE;
}

/* The MSI message goes into the cell's copy (write_device_msi()). */
static void keep_cell_msi(struct pci_device *dev, const struct field_write *pieces,
			  unsigned int count)
{
	struct msi_state msi;
	unsigned int n;

	for (n = 0; n < count; n++) {
		if (pieces[n].field.kind != FIELD_MSI_MESSAGE)
			continue;
		read_msi(dev, &msi);
		apply_msi_write(dev, &msi, &pieces[n]);
		dev->msi_address = msi.address;
		dev->msi_data = msi.data;
	}
}

static void write_pieces(const struct pci_device *dev, const struct field_write *pieces,
			 unsigned int count)
{
	unsigned int n;

	for (n = 0; n < count; n++)
		if (piece_to_write(dev, &pieces[n]) &&
		    pieces[n].field.kind != FIELD_MSI_MESSAGE)
			arch_pci_write(dev->info->bdf, pieces[n].reg, pieces[n].size,
				       pieces[n].value);
}

static bool touches_msi(const struct field_write *pieces, unsigned int count)
{
	unsigned int n;

	for (n = 0; n < count; n++)
		if (pieces[n].field.kind == FIELD_MSI_CONTROL ||
		    pieces[n].field.kind == FIELD_MSI_MESSAGE)
			return true;
	return false;
}

static bool msi_enabled_after(const struct pci_device *dev,
			      const struct field_write *pieces, unsigned int count)
{
	struct msi_state msi;
	unsigned int n;

	read_msi(dev, &msi);
	for (n = 0; n < count; n++)
		if (pieces[n].field.kind == FIELD_MSI_CONTROL)
			apply_msi_write(dev, &msi, &pieces[n]);
	return msi.control & MSI_CTRL_ENABLE;
}

static enum exit_action cell_config_write(struct per_cpu *pc, struct pci_device *dev,
					  unsigned int reg, unsigned int size, u32 value)
{
	struct cell_write cw = {
		.pc = pc, .dev = dev, .reg = reg, .size = size, .value = value,
	};
	struct field_write pieces[4];
	enum exit_action action = EXIT_RESUME;
	unsigned int count, n;
	bool enabled;

	report_function(cw.name, sizeof(cw.name), dev->info->bdf);
	count = split_write(dev, reg, size, value, pieces);
	for (n = 0; n < count && action == EXIT_RESUME; n++)
		action = check_field_write(&cw, &pieces[n]);
	if (action != EXIT_RESUME)
		return action;
	keep_cell_msi(dev, pieces, count);
	if (!touches_msi(pieces, count)) {
		write_pieces(dev, pieces, count);
		return EXIT_RESUME;
	}
	/* The device never sends, enabled, a message not meant for it. */
	enabled = msi_enabled_after(dev, pieces, count);
	if (enabled)
		write_device_msi(dev, true);
	write_pieces(dev, pieces, count);
	if (!enabled)
		write_device_msi(dev, false);
	return EXIT_RESUME;
}

/* --- every access --------------------------------------------------------- */

/* A function another cell owns (@dev), or the hypervisor (@dev NULL). */
static enum exit_action foreign_access(struct per_cpu *pc, u16 bdf,
				       const struct pci_device *dev, unsigned int reg,
				       unsigned int size, bool write, u32 *value)
{
	char name[16];

	/* What an absent function answers; writes to it go nowhere. */
	if (!write) {
		*value = all_ones(size);
		return EXIT_RESUME;
	}
	if (cell_has_absent_ungranted(pc->cell))
		return EXIT_RESUME;
	report_function(name, sizeof(name), bdf);
	if (pc->cell != &root_cell)
		return violation(pc, "write 0x%x to config register 0x%x of PCI %s, which the cell does not own",
				 *value, reg, name);
	if (!dev) {
		printk("root CPU %u: write 0x%x to config register 0x%x of PCI %s, an IOMMU the hypervisor drives: dropped\n",
		       pc->cpu_id, *value, reg, name);
		return EXIT_RESUME;
	}
	printk("root CPU %u: write 0x%x to config register 0x%x of PCI %s, owned by cell \"%s\": dropped\n",
	       pc->cpu_id, *value, reg, name, cell_name(dev->owner));
	return EXIT_RESUME;
}

enum exit_action pci_config_access(struct per_cpu *pc, u16 bdf,
				   unsigned int reg, unsigned int size,
				   bool write, u32 *value)
{
	struct pci_device *dev;
	enum exit_action action = EXIT_RESUME;

	if ((reg & (size - 1)) || reg + size > PCI_CONFIG_SIZE) {
		if (pc->cell != &root_cell)
			return violation(pc, "misaligned %u-byte config access at 0x%x",
					 size, reg);
		printk("root CPU %u: misaligned %u-byte config access at 0x%x: ignored\n",
		       pc->cpu_id, size, reg);
		*value = all_ones(size);
		return EXIT_RESUME;
	}
	spin_lock(&pci_lock);
	dev = device_at(bdf);
	if (is_reserved(bdf))
		action = foreign_access(pc, bdf, NULL, reg, size, write, value);
	else if (owner_of(dev) != pc->cell)
		action = foreign_access(pc, bdf, dev, reg, size, write, value);
	else if (!write)
		*value = arch_pci_read(bdf, reg, size);
	else if (pc->cell == &root_cell)
		arch_pci_write(bdf, reg, size, *value);
	else
		action = cell_config_write(pc, dev, reg, size, *value);
	spin_unlock(&pci_lock);
	return action;
}

/* --- the root's MMCONFIG window -------------------------------------------- */

static u64 mmconfig_base(void)
{
	return system_config.system->platform.mmconfig_base;
}

static u64 mmconfig_size(void)
{
	return ((u64)system_config.system->platform.mmconfig_end_bus + 1) << 20;
}

/*
 * The root reads the functions it owns directly; its writes, and every
 * access to a function a cell owns (whose page is unmapped), come here.
 */
static enum exit_action mmconfig_access(struct per_cpu *pc,
					struct mmio_access *access, void *arg)
{
	u64 offset = access->gpa - mmconfig_base();
	u32 value = access->value;
	enum exit_action action;

	count_exit(pc, XVC_STAT_MMIO);
	/*
	 * Config space has no 8-byte registers, and a root CPU is not lost
	 * over one odd access: like a misaligned one, it reads as all ones
	 * and writes nothing.
	 */
	if (access->size > 4) {
		printk("root CPU %u: %u-byte MMCONFIG %s at 0x%lx: ignored\n",
		       pc->cpu_id, access->size,
		       access->write ? "write" : "read", access->gpa);
		access->value = ~0ULL;
		return EXIT_RESUME;
	}
	action = pci_config_access(pc, offset >> 12, offset & 0xfff,
				   access->size, access->write, &value);
	access->value = value;
	return action;
}

static bool root_maps_mmconfig(struct cell *root)
{
	u64 phys, flags;

	return mmconfig_base() &&
		!arch_gpa_lookup(root, mmconfig_base(), &phys, &flags);
}

static int hide_from_root(struct cell *root, u16 bdf)
{
	u64 page = mmconfig_base() + ((u64)bdf << 12);
	struct xvc_memory_region r = { page, page, PAGE_SIZE, 0 };

	if (!mmconfig_base() || !mmio_find(root, page))
		return 0;
	return arch_unmap_memory_region(root, &r);
}

static int show_to_root(struct cell *root, const struct pci_device *dev)
{
	u64 page = mmconfig_base() + ((u64)dev->info->bdf << 12);

	if (!mmconfig_base() || !mmio_find(root, page))
		return 0;
	return mmio_reapply(root, page, PAGE_SIZE);
}

int pci_init(struct cell *root)
{
	const struct cellcfg_cell *config = &root->config;
	unsigned int n;
	int err;

	if (config->num_pci > PCI_MAX_DEVICES) {
		printk("root cell: %u PCI functions, at most %u supported\n",
		       config->num_pci, PCI_MAX_DEVICES);
		return trace_error(-E2BIG);
	}
	for (n = 0; n < config->num_pci; n++) {
		if (config->pci[n].domain) {
			printk("root cell: PCI segment %u: only segment 0 is supported\n",
			       config->pci[n].domain);
			return trace_error(-EINVAL);
		}
		devices[n] = (struct pci_device){ .info = &config->pci[n], .owner = root };
	}
	num_devices = config->num_pci;
	num_reserved = arch_pci_reserved_functions(reserved, ARRAY_SIZE(reserved));
	if (num_reserved > ARRAY_SIZE(reserved)) {
		printk("%u PCI functions the hypervisor drives, at most %lu supported\n",
		       num_reserved, ARRAY_SIZE(reserved));
		num_reserved = 0;
		return trace_error(-E2BIG);
	}
	if (!root_maps_mmconfig(root))
		return 0;
	err = mmio_register(root, mmconfig_base(), mmconfig_size(),
			    mmconfig_base(), XVC_MEM_READ, mmconfig_access, NULL);
	for (n = 0; n < num_reserved && !err; n++)
		err = hide_from_root(root, reserved[n]);
	return err;
}

/* --- hand-over ---------------------------------------------------------------- */

/* The function's PCI Express capability, or 0 (a bounded walk of its list). */
static u8 find_pcie_cap(u16 bdf)
{
	unsigned int n, pos;

	if (!(arch_pci_read(bdf, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST))
		return 0;
	pos = arch_pci_read(bdf, PCI_CAPABILITY_LIST, 1) & 0xfc;
	for (n = 0; n < PCI_MAX_CAPS && pos >= 0x40; n++) {
		if (arch_pci_read(bdf, pos, 1) == PCI_CAP_ID_EXP)
			return pos;
		pos = arch_pci_read(bdf, pos + 1, 1) & 0xfc;
	}
	return 0;
}

static void save_device(struct pci_device *dev)
{
	u16 bdf = dev->info->bdf;
	struct msi_state msi;
	unsigned int n;

	for (n = 0; n < XVC_PCI_NUM_BARS; n++)
		dev->saved_bar[n] = arch_pci_read(bdf, PCI_BAR0 + 4 * n, 4);
	dev->saved_command = arch_pci_read(bdf, PCI_COMMAND, 2);
	dev->saved_interrupt_line = arch_pci_read(bdf, PCI_INTERRUPT_LINE, 1);
	dev->pcie_cap = find_pcie_cap(bdf);
	if (dev->info->msi_cap) {
		read_device_msi(dev, &msi);
		dev->msi_address = msi.address;
		dev->msi_data = msi.data;
	}
}

/*
 * No DMA, no decoding, no MSI, and its INTx line let go (a line held
 * asserted would reach whoever owns the pin it is wired to): the device
 * can no longer act.  Its expansion ROM off too: left on where the root
 * placed it, it would decode there as soon as a cell turned memory
 * decode on (a cell may not turn it on again, check_field_write()).
 */
static void quiesce(const struct pci_device *dev)
{
	u16 bdf = dev->info->bdf;
	u16 control, command = arch_pci_read(bdf, PCI_COMMAND, 2);
	u32 rom;

	command &= ~(PCI_CMD_IO | PCI_CMD_MEMORY | PCI_CMD_MASTER);
	arch_pci_write(bdf, PCI_COMMAND, 2, command | PCI_CMD_INTX_DISABLE);
	if (dev->info->type == XVC_PCI_TYPE_DEVICE) {
		rom = arch_pci_read(bdf, PCI_ROM_ADDRESS, 4);
		if (rom & PCI_ROM_ENABLE)
			arch_pci_write(bdf, PCI_ROM_ADDRESS, 4, rom & ~PCI_ROM_ENABLE);
	}
	if (dev->info->msi_cap) {
		control = arch_pci_read(bdf, dev->info->msi_cap + MSI_CONTROL, 2);
		arch_pci_write(bdf, dev->info->msi_cap + MSI_CONTROL, 2,
			       control & ~MSI_CTRL_ENABLE);
	}
	if (dev->info->msix_cap) {
		control = arch_pci_read(bdf, dev->info->msix_cap + MSIX_CONTROL, 2);
		arch_pci_write(bdf, dev->info->msix_cap + MSIX_CONTROL, 2,
			       (control & ~MSIX_CTRL_ENABLE) | MSIX_CTRL_FUNCTION_MASK);
	}
}

static void restore_device(const struct pci_device *dev)
{
	u16 bdf = dev->info->bdf;
	unsigned int n;

	for (n = 0; n < XVC_PCI_NUM_BARS; n++)
		if (dev->info->bar_kind[n] != XVC_PCI_BAR_NONE)
			arch_pci_write(bdf, PCI_BAR0 + 4 * n, 4, dev->saved_bar[n]);
	arch_pci_write(bdf, PCI_INTERRUPT_LINE, 1, dev->saved_interrupt_line);
	/*
	 * Decoding as the root had it; bus mastering and INTx are its next
	 * driver's call (Linux's driver let go of the device before the
	 * cell took it).
	 */
	arch_pci_write(bdf, PCI_COMMAND, 2,
		       (dev->saved_command & ~PCI_CMD_MASTER) | PCI_CMD_INTX_DISABLE);
}

/* Where the BAR holding the MSI-X table decodes now, as the root left it. */
static u64 msix_bar_now(const struct pci_device *dev)
{
	return bar_address(dev, dev->info->msix_table_bar, XVC_PCI_NUM_BARS, 0);
}

static int check_msix_takeable(const struct cell *cell, const char *name,
			       const struct pci_device *dev)
{
	const struct xvc_pci_device *info = dev->info;
	u8 kind = info->msix_table_bar < XVC_PCI_NUM_BARS ?
		info->bar_kind[info->msix_table_bar] : XVC_PCI_BAR_NONE;

	if (kind != XVC_PCI_BAR_MEM32 && kind != XVC_PCI_BAR_MEM64) {
		printk("cell \"%s\": PCI %s: its MSI-X table is in BAR%u, not a memory BAR\n",
		       cell_name(cell), name, info->msix_table_bar);
		return trace_error(-EINVAL);
	}
	return msix_check_takeable(cell, name, info,
				   msix_bar_now(dev) + info->msix_table_offset);
}

/*
 * The cell's MSI-X table checks start with every entry masked, which the
 * device takes only while it decodes memory: on for that moment, at the
 * address the root gave the BAR.
 */
static int take_msix_table(struct cell *cell, struct pci_device *dev)
{
	u16 bdf = dev->info->bdf, command = arch_pci_read(bdf, PCI_COMMAND, 2);
	char name[16];
	int err;

	report_function(name, sizeof(name), bdf);
	dev->msix_bar_address = msix_bar_now(dev);
	dev->msix_table_phys = dev->msix_bar_address + dev->info->msix_table_offset;
	arch_pci_write(bdf, PCI_COMMAND, 2, command | PCI_CMD_MEMORY);
	err = msix_take(cell, name, dev->info, dev->msix_table_phys);
	arch_pci_write(bdf, PCI_COMMAND, 2, command);
	return err;
}

static int check_takeable(const struct cell *cell, const struct xvc_pci_device *want,
			  struct pci_device *dev)
{
	char name[16];

	report_function(name, sizeof(name), want->bdf);
	if (is_reserved(want->bdf)) {
		printk("cell \"%s\": PCI %s is an IOMMU the hypervisor drives\n",
		       cell_name(cell), name);
		return trace_error(-EBUSY);
	}
	if (!dev) {
		printk("cell \"%s\": PCI %s is not the root's to give\n",
		       cell_name(cell), name);
		return trace_error(-EINVAL);
	}
	if (dev->owner != &root_cell) {
		printk("cell \"%s\": PCI %s belongs to cell \"%s\"\n",
		       cell_name(cell), name, cell_name(dev->owner));
		return trace_error(-EBUSY);
	}
	if ((u16)arch_pci_read(want->bdf, 0, 2) == 0xffff) {
		printk("cell \"%s\": PCI %s is not present\n", cell_name(cell), name);
		return trace_error(-ENODEV);
	}
	if (dev->info->msix_cap)
		return check_msix_takeable(cell, name, dev);
	return 0;
}

/* Quiesced, so nothing is in flight while its DMA domain changes. */
static void give_back(struct pci_device *dev)
{
	if (dev->info->msix_cap) {
		msix_mask_all(dev->info->bdf);
		msix_release(dev->info->bdf);
	}
	quiesce(dev);
	/* Cannot fail: the function's bus already has its own context. */
	arch_iommu_assign_device(&root_cell, dev->info);
	restore_device(dev);
	dev->owner = &root_cell;
	show_to_root(&root_cell, dev);
}

int pci_cell_take_devices(struct cell *cell)
{
	const struct xvc_pci_device *want;
	struct pci_device *dev;
	unsigned int n;
	int err = 0;

	spin_lock(&pci_lock);
	/* All checked first: a refused cell leaves every function as it was. */
	for (n = 0; n < cell->config.num_pci && !err; n++) {
		want = &cell->config.pci[n];
		err = check_takeable(cell, want, device_at(want->bdf));
	}
	for (n = 0; n < cell->config.num_pci && !err; n++) {
		dev = device_at(cell->config.pci[n].bdf);
		save_device(dev);
		if (dev->info->msix_cap)
			err = take_msix_table(cell, dev);
		quiesce(dev);
		dev->owner = cell;
		if (!err)
			err = arch_iommu_assign_device(cell, dev->info);
		if (!err)
			err = hide_from_root(&root_cell, dev->info->bdf);
	}
	spin_unlock(&pci_lock);
	if (err)
		pci_cell_return_devices(cell);
	return err;
}

void pci_cell_return_devices(struct cell *cell)
{
	unsigned int n;

	spin_lock(&pci_lock);
	for (n = 0; n < num_devices; n++)
		if (devices[n].owner == cell)
			give_back(&devices[n]);
	spin_unlock(&pci_lock);
}

struct cell *pci_owner_of(u16 bdf)
{
	struct cell *owner;

	spin_lock(&pci_lock);
	owner = owner_of(device_at(bdf));
	spin_unlock(&pci_lock);
	return owner;
}

void pci_stop_dma(u16 bdf)
{
	u16 command;

	spin_lock(&pci_lock);
	command = arch_pci_read(bdf, PCI_COMMAND, 2);
	arch_pci_write(bdf, PCI_COMMAND, 2, command & ~PCI_CMD_MASTER);
	spin_unlock(&pci_lock);
}

void pci_cell_quiesce_devices(struct cell *cell)
{
	unsigned int n;

	spin_lock(&pci_lock);
	for (n = 0; n < num_devices; n++)
		if (devices[n].owner == cell)
			quiesce(&devices[n]);
	spin_unlock(&pci_lock);
}
