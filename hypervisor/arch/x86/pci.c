// SPDX-License-Identifier: GPL-2.0-only
/*
 * The x86 side of PCI: the two ways to reach config space (MMCONFIG when
 * the platform has it, else the 0xcf8/0xcfc port pair), the guests' own
 * accesses through that port pair, and what an x86 MSI message may say.
 *
 * Every guest's 0xcf8-0xcff accesses exit, the root's included: the
 * address port is one latch for the whole machine, so each CPU gets its
 * own virtual latch and the hypervisor alone drives the real one (under
 * the PCI lock, pci.c).  What an MSI message may say is decided with the
 * other interrupt destinations, in apic-route.c.
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/memory.h>
#include <xvc/pci.h>
#include <xvc/percpu.h>
#include <asm/pci.h>
#include <asm/processor.h>
#include <asm/vcpu.h>

#define PCI_CONFIG_DATA		0xcfc
#define PCI_ADDRESS_ENABLE	BIT(31)
#define PCI_CLASSIC_CONFIG_SIZE	0x100


static const struct xvc_platform *platform(void)
{
	return &system_config.system->platform;
}

/* The function's config space in the MMCONFIG window, or NULL. */
static volatile u8 *mmconfig_reg(u16 bdf, unsigned int reg)
{
	u64 base = platform()->mmconfig_base;

	if (!base || PCI_BDF_BUS(bdf) > platform()->mmconfig_end_bus)
		return NULL;
	return (volatile u8 *)phys_to_virt(base + ((u64)bdf << 12) + reg);
}

static void select_register(u16 bdf, unsigned int reg)
{
	outl(PCI_CONFIG_ADDRESS, PCI_ADDRESS_ENABLE | (u32)bdf << 8 | (reg & 0xfc));
}

u32 arch_pci_read(u16 bdf, unsigned int reg, unsigned int size)
{
	volatile u8 *mmcfg = mmconfig_reg(bdf, reg);
	u16 port = PCI_CONFIG_DATA + (reg & 3);

	if (mmcfg)
		return size == 1 ? *mmcfg : size == 2 ? *(volatile u16 *)mmcfg :
			*(volatile u32 *)mmcfg;
	if (reg >= PCI_CLASSIC_CONFIG_SIZE)
		return ~0U;
	select_register(bdf, reg);
	return size == 1 ? inb(port) : size == 2 ? inw(port) : inl(port);
}

void arch_pci_write(u16 bdf, unsigned int reg, unsigned int size, u32 value)
{
	volatile u8 *mmcfg = mmconfig_reg(bdf, reg);
	u16 port = PCI_CONFIG_DATA + (reg & 3);

	if (mmcfg) {
		if (size == 1)
			*mmcfg = value;
		else if (size == 2)
			*(volatile u16 *)mmcfg = value;
		else
			*(volatile u32 *)mmcfg = value;
		return;
	}
	if (reg >= PCI_CLASSIC_CONFIG_SIZE)
		return;
	select_register(bdf, reg);
	if (size == 1)
		outb(port, value);
	else if (size == 2)
		outw(port, value);
	else
		outl(port, value);
}

/* --- the guests' 0xcf8-0xcff accesses --------------------------------------- */

/*
 * The other ports of the block (0xcf9 resets on many chipsets): as granted,
 * or absent (XVC_CELL_ABSENT_UNGRANTED).
 */
static enum exit_action pass_granted_port(struct per_cpu *pc,
					  const struct vcpu_exit *ex)
{
	u16 port = ex->io.port;
	unsigned int size = ex->io.size;

	if (!cell_pio_allowed(pc->cell, port, size)) {
		if (!cell_has_absent_ungranted(pc->cell))
			return violation(pc, "%s of %u byte(s) at I/O port 0x%x not granted",
					 ex->io.in ? "read" : "write", size, port);
		if (ex->io.in)
			vcpu_set_io_value(pc, size, ~0U);
		return EXIT_RESUME;
	}
	if (ex->io.in)
		vcpu_set_io_value(pc, size, size == 1 ? inb(port) :
				size == 2 ? inw(port) : inl(port));
	else if (size == 1)
		outb(port, vcpu_io_value(pc, 1));
	else if (size == 2)
		outw(port, vcpu_io_value(pc, 2));
	else
		outl(port, vcpu_io_value(pc, 4));
	return EXIT_RESUME;
}

static enum exit_action data_port_access(struct per_cpu *pc,
					 const struct vcpu_exit *ex)
{
	u32 latch = pc->arch.pci_address, value = vcpu_io_value(pc, ex->io.size);
	unsigned int reg = (latch & 0xfc) + (ex->io.port - PCI_CONFIG_DATA);
	enum exit_action action;

	/* Nothing selected: reads float high, writes go nowhere. */
	if (!(latch & PCI_ADDRESS_ENABLE)) {
		if (ex->io.in)
			vcpu_set_io_value(pc, ex->io.size, ~0U);
		return EXIT_RESUME;
	}
	action = pci_config_access(pc, (latch >> 8) & 0xffff, reg, ex->io.size,
				   !ex->io.in, &value);
	if (action == EXIT_RESUME && ex->io.in)
		vcpu_set_io_value(pc, ex->io.size, value);
	return action;
}

enum exit_action pci_config_port_access(struct per_cpu *pc,
					const struct vcpu_exit *ex)
{
	enum exit_action action;

	if (ex->io.string)
		return violation(pc, "string I/O at PCI config port 0x%x", ex->io.port);
	if (ex->io.port == PCI_CONFIG_ADDRESS && ex->io.size == 4) {
		if (ex->io.in)
			vcpu_set_io_value(pc, 4, pc->arch.pci_address);
		else
			pc->arch.pci_address = vcpu_io_value(pc, 4);
		action = EXIT_RESUME;
	} else if (ex->io.port >= PCI_CONFIG_DATA) {
		action = data_port_access(pc, ex);
	} else {
		action = pass_granted_port(pc, ex);
	}
	if (action == EXIT_RESUME)
		vcpu_skip_instruction(pc, ex, ex->insn_len);
	return action;
}
