/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PCI config space through configuration mechanism #1 (address port
 * 0xcf8, data port 0xcfc), enough for an inmate to take over a device it
 * owns: find it on bus 0, place a memory BAR, turn on decoding and bus
 * mastering, and aim its MSI at a local APIC.
 *
 * Only the first 256 bytes of config space are reachable this way; the
 * extended space needs MMCONFIG, which no cell maps.  Under xvcell every
 * access exits to the hypervisor, which mediates config space: keep them
 * out of fast paths.
 */
#include <inmate.h>

#define PCI_CONFIG_ADDRESS	0xcf8
#define PCI_CONFIG_DATA		0xcfc
#define PCI_CONFIG_ENABLE	0x80000000U
#define PCI_CONFIG_SIZE		0x100

#define PCI_HEADER_TYPE		0x0e
#define PCI_HEADER_MULTI_FUNC	0x80

#define PCI_BAR_IO		0x1
#define PCI_BAR_MEM_TYPE_MASK	0x6
#define PCI_BAR_MEM_TYPE_64	0x4
#define PCI_BAR_MEM_MASK	(~0xfU)

/* A broken or malicious list could loop; 48 capabilities fill 192 bytes. */
#define PCI_MAX_CAPS		48

#define MSI_CTRL		0x02
#define MSI_ADDR_LO		0x04
#define MSI_ADDR_HI		0x08
#define MSI_CTRL_ENABLE		(1 << 0)
#define MSI_CTRL_MME_MASK	(7 << 4)
#define MSI_CTRL_64BIT		(1 << 7)
#define MSI_CTRL_PVM		(1 << 8)
#define MSI_ADDR_BASE		0xfee00000U
#define MSI_ADDR_DEST_SHIFT	12

/*
 * The address/data pair is two accesses: another CPU of the cell, or an
 * interrupt handler on this one, must not move the address in between.
 */
static struct spinlock config_lock;

static bool config_access_valid(unsigned int reg, unsigned int size)
{
	if (size != 1 && size != 2 && size != 4)
		return false;
	return !(reg & (size - 1)) && reg + size <= PCI_CONFIG_SIZE;
}

static void config_select(uint16_t bdf, unsigned int reg)
{
	outl(PCI_CONFIG_ADDRESS,
	     PCI_CONFIG_ENABLE | (uint32_t)bdf << 8 | (reg & 0xfc));
}

/*
 * Reads a naturally aligned 1, 2 or 4 bytes; smaller accesses use the
 * data port's matching byte lane (0xcfc + (reg & 3)).  Anything else
 * reads as all ones, like an absent device.
 */
uint32_t pci_read_config(uint16_t bdf, unsigned int reg, unsigned int size)
{
	uint16_t port = PCI_CONFIG_DATA + (reg & 3);
	uint32_t value;
	uint64_t flags;

	if (!config_access_valid(reg, size))
		return 0xffffffff;
	flags = irq_save();
	spin_lock(&config_lock);
	config_select(bdf, reg);
	if (size == 1)
		value = inb(port);
	else if (size == 2)
		value = inw(port);
	else
		value = inl(port);
	spin_unlock(&config_lock);
	irq_restore(flags);
	return value;
}

/* Writes a naturally aligned 1, 2 or 4 bytes; others are dropped. */
void pci_write_config(uint16_t bdf, unsigned int reg, uint32_t value,
		      unsigned int size)
{
	uint16_t port = PCI_CONFIG_DATA + (reg & 3);
	uint64_t flags;

	if (!config_access_valid(reg, size))
		return;
	flags = irq_save();
	spin_lock(&config_lock);
	config_select(bdf, reg);
	if (size == 1)
		outb(port, value);
	else if (size == 2)
		outw(port, value);
	else
		outl(port, value);
	spin_unlock(&config_lock);
	irq_restore(flags);
}

/*
 * Vendor and device ID (device in the upper half) of a function, all ones
 * if there is none.  Function 0 answers for its device; others exist only
 * on a multi-function device, since some single-function devices answer
 * for every function number.  An absent function 0 reads header type 0xff
 * and so lets its device's other functions count: a cell may own one of
 * those and not function 0.
 */
static uint32_t pci_function_id(uint16_t bdf)
{
	uint32_t id = pci_read_config(bdf, PCI_CFG_VENDOR_ID, 4);
	uint16_t fn0 = bdf & ~7;

	if ((id & 0xffff) == 0xffff)
		return 0xffffffff;
	if (bdf != fn0 &&
	    !(pci_read_config(fn0, PCI_HEADER_TYPE, 1) & PCI_HEADER_MULTI_FUNC))
		return 0xffffffff;
	return id;
}

/*
 * First function on bus 0 from @start_bdf on with these IDs: its BDF, or
 * -1.  Pass the last hit + 1 to find the next one.
 */
int pci_find_device(uint16_t vendor, uint16_t device, unsigned int start_bdf)
{
	uint32_t want = (uint32_t)device << 16 | vendor;
	unsigned int bdf;

	for (bdf = start_bdf; bdf < 0x100; bdf++)
		if (pci_function_id(bdf) == want)
			return bdf;
	return -1;
}

static unsigned int bar_reg(unsigned int bar)
{
	return PCI_CFG_BAR0 + 4 * bar;
}

static bool bar_is_mem64(uint32_t raw)
{
	return !(raw & PCI_BAR_IO) &&
		(raw & PCI_BAR_MEM_TYPE_MASK) == PCI_BAR_MEM_TYPE_64;
}

uint64_t pci_bar_address(uint16_t bdf, unsigned int bar)
{
	uint32_t raw = pci_read_config(bdf, bar_reg(bar), 4);
	uint64_t address;

	if (raw & PCI_BAR_IO)
		return raw & ~0x3U;
	address = raw & PCI_BAR_MEM_MASK;
	if (bar_is_mem64(raw) && bar < 5)
		address |= (uint64_t)pci_read_config(bdf, bar_reg(bar + 1), 4) << 32;
	return address;
}

/*
 * A BAR being rewritten passes through intermediate addresses (all ones
 * while sizing, the low half of a new 64-bit address): with memory decode
 * on, the device would claim them meanwhile.  Returns the old command.
 */
static uint16_t pci_memory_decode_off(uint16_t bdf)
{
	uint16_t command = pci_read_config(bdf, PCI_CFG_COMMAND, 2);

	pci_write_config(bdf, PCI_CFG_COMMAND, command & ~PCI_CMD_MEMORY, 2);
	return command;
}

/* Size of a 32-bit memory BAR (0 if unimplemented or not such a BAR). */
uint32_t pci_bar_size(uint16_t bdf, unsigned int bar)
{
	unsigned int reg = bar_reg(bar);
	uint32_t raw = pci_read_config(bdf, reg, 4);
	uint32_t mask;
	uint16_t command;

	if ((raw & PCI_BAR_IO) || (raw & PCI_BAR_MEM_TYPE_MASK))
		return 0;
	command = pci_memory_decode_off(bdf);
	pci_write_config(bdf, reg, 0xffffffff, 4);
	mask = pci_read_config(bdf, reg, 4) & PCI_BAR_MEM_MASK;
	pci_write_config(bdf, reg, raw, 4);
	pci_write_config(bdf, PCI_CFG_COMMAND, command, 2);
	return mask ? ~mask + 1 : 0;
}

/*
 * Places a 32-bit memory BAR at @address, with memory decode off while it
 * changes and then restored as it was.  Returns 0, or -1 if the BAR is not
 * a 32-bit memory BAR or does not take the address (misaligned for its
 * size); the BAR then keeps its old address rather than a truncated one.
 */
int pci_bar_program(uint16_t bdf, unsigned int bar, uint32_t address)
{
	unsigned int reg = bar_reg(bar);
	uint32_t old = pci_read_config(bdf, reg, 4), raw;
	uint16_t command;

	if ((old & PCI_BAR_IO) || (old & PCI_BAR_MEM_TYPE_MASK))
		return -1;
	command = pci_memory_decode_off(bdf);
	pci_write_config(bdf, reg, address, 4);
	raw = pci_read_config(bdf, reg, 4);
	if ((raw & PCI_BAR_MEM_MASK) != address)
		pci_write_config(bdf, reg, old, 4);
	pci_write_config(bdf, PCI_CFG_COMMAND, command, 2);
	return (raw & PCI_BAR_MEM_MASK) == address ? 0 : -1;
}

/* Memory decode and bus mastering (DMA, and MSI, which is a DMA write). */
void pci_enable_device(uint16_t bdf)
{
	uint16_t command = pci_read_config(bdf, PCI_CFG_COMMAND, 2);

	pci_write_config(bdf, PCI_CFG_COMMAND,
			 command | PCI_CMD_MEMORY | PCI_CMD_MASTER, 2);
}

/* Offset of capability @id in the list, 0 if the device has none. */
unsigned int pci_find_cap(uint16_t bdf, uint8_t id)
{
	unsigned int pos, n;

	if (!(pci_read_config(bdf, PCI_CFG_STATUS, 2) & PCI_STS_CAP_LIST))
		return 0;
	pos = pci_read_config(bdf, PCI_CFG_CAP_PTR, 1) & 0xfc;
	for (n = 0; n < PCI_MAX_CAPS && pos >= 0x40; n++) {
		if (pci_read_config(bdf, pos, 1) == id)
			return pos;
		pos = pci_read_config(bdf, pos + 1, 1) & 0xfc;
	}
	return 0;
}

/* Address and data of a fixed, edge-triggered, physical-mode message. */
static void msi_write_message(uint16_t bdf, unsigned int cap, uint16_t ctrl,
			      uint32_t apic_id, uint8_t vector)
{
	unsigned int data_reg = cap + MSI_ADDR_HI;

	pci_write_config(bdf, cap + MSI_ADDR_LO,
			 MSI_ADDR_BASE | apic_id << MSI_ADDR_DEST_SHIFT, 4);
	if (ctrl & MSI_CTRL_64BIT) {
		pci_write_config(bdf, cap + MSI_ADDR_HI, 0, 4);
		data_reg += 4;
	}
	pci_write_config(bdf, data_reg, vector, 2);
	/* The mask bits follow the data (after 2 reserved bytes). */
	if (ctrl & MSI_CTRL_PVM)
		pci_write_config(bdf, data_reg + 4, 0, 4);
}

/*
 * Aims the device's MSI (one vector) at @apic_id and enables it, with
 * INTx disabled: the device's pin is routed by the root's IOAPIC, which
 * must not see it.  Returns 0, or -1 without MSI capability or for an
 * APIC ID the 8-bit destination field cannot hold.
 */
int pci_msi_setup(uint16_t bdf, uint32_t apic_id, uint8_t vector)
{
	unsigned int cap = pci_find_cap(bdf, PCI_CAP_ID_MSI);
	uint16_t ctrl, command;

	if (!cap || apic_id > 0xff)
		return -1;
	ctrl = pci_read_config(bdf, cap + MSI_CTRL, 2);
	ctrl &= ~(MSI_CTRL_ENABLE | MSI_CTRL_MME_MASK);
	/* Never enabled with a half-written message. */
	pci_write_config(bdf, cap + MSI_CTRL, ctrl, 2);
	msi_write_message(bdf, cap, ctrl, apic_id, vector);
	command = pci_read_config(bdf, PCI_CFG_COMMAND, 2);
	pci_write_config(bdf, PCI_CFG_COMMAND, command | PCI_CMD_INTX_DISABLE, 2);
	pci_write_config(bdf, cap + MSI_CTRL, ctrl | MSI_CTRL_ENABLE, 2);
	return 0;
}

void pci_msi_disable(uint16_t bdf)
{
	unsigned int cap = pci_find_cap(bdf, PCI_CAP_ID_MSI);
	uint16_t ctrl;

	if (!cap)
		return;
	ctrl = pci_read_config(bdf, cap + MSI_CTRL, 2);
	pci_write_config(bdf, cap + MSI_CTRL, ctrl & ~MSI_CTRL_ENABLE, 2);
}
