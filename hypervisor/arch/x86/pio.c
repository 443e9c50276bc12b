// SPDX-License-Identifier: GPL-2.0-only
/*
 * I/O ports: the permission map and the accesses it sends here.
 *
 * Ports a cell may use get a clear bit in a one-bit-per-port map (1 =
 * exit), the format SVM's IOPM and VMX's I/O bitmaps A+B share.  The root
 * lends its ports to the cells that own them.  The map starts all set
 * (arch_cell_create); only ports of the cell's config ever open, but for
 * the ports a subsystem emulates for every cell (below), which never do.
 * Every other granted port passes in hardware, so whatever else exits is
 * not granted.
 */
#include <xvc/cell.h>
#include <xvc/percpu.h>
#include <asm/pci.h>
#include <asm/vcpu.h>

typedef enum exit_action (*pio_handler)(struct per_cpu *pc,
					const struct vcpu_exit *ex);

/* Ports that always exit, whatever a config grants, and who handles them. */
static const struct emulated_ports {
	u16 first;
	u16 count;
	pio_handler handler;
} emulated_ports[] = {
	/* PCI config space: ownership and write policy (pci.c) */
	{ PCI_CONFIG_ADDRESS, PCI_CONFIG_PORTS, pci_config_port_access },
};

static const struct emulated_ports *emulated(u32 port)
{
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(emulated_ports); n++)
		if (port - emulated_ports[n].first < emulated_ports[n].count)
			return &emulated_ports[n];
	return NULL;
}

/*
 * The root's map changes while the root runs, so each port's bit is
 * changed on its own and only if it must: a port that stays open is never
 * closed for an instant (an access then would count as a violation).
 */
void vcpu_build_io_bitmap(struct cell *cell, u8 *bitmap)
{
	const struct xvc_pio_range *r;
	unsigned int n;
	u8 old, new, bit;
	u32 port;

	for (n = 0; n < cell->config.num_pio; n++) {
		r = &cell->config.pio[n];
		for (port = r->start; port < r->start + r->length; port++) {
			bit = 1 << (port % 8);
			old = bitmap[port / 8];
			if (emulated(port) ||
			    (cell == &root_cell && pio_taken_by_cell(port)))
				new = old | bit;
			else
				new = old & ~bit;
			if (new != old)
				WRITE_ONCE(bitmap[port / 8], new);
		}
	}
}

u32 vcpu_io_value(const struct per_cpu *pc, unsigned int size)
{
	return size == 4 ? (u32)pc->arch.regs.rax :
		pc->arch.regs.rax & ((1U << (8 * size)) - 1);
}

/* IN leaves RAX's upper bytes as they were, but for a 32-bit IN. */
void vcpu_set_io_value(struct per_cpu *pc, unsigned int size, u32 value)
{
	u64 mask = size == 4 ? ~0ULL : (1ULL << (8 * size)) - 1;

	pc->arch.regs.rax = (pc->arch.regs.rax & ~mask) | (value & mask);
}

/* Nothing is there: IN reads all-ones, OUT goes nowhere. */
static enum exit_action absent_port(struct per_cpu *pc, const struct vcpu_exit *ex)
{
	if (ex->io.in)
		vcpu_set_io_value(pc, ex->io.size, ~0U);
	vcpu_skip_instruction(pc, ex, ex->insn_len);
	return EXIT_RESUME;
}

enum exit_action vcpu_handle_io(struct per_cpu *pc, const struct vcpu_exit *ex)
{
	const struct emulated_ports *e = emulated(ex->io.port);
	u32 last = ex->io.port + ex->io.size - 1;

	count_exit(pc, XVC_STAT_IO);
	if (e && last - e->first < e->count)
		return e->handler(pc, ex);
	if (e || emulated(last))
		return violation(pc, "%u-byte access at I/O port 0x%x straddles ports the hypervisor emulates",
				 ex->io.size, ex->io.port);
	if (cell_has_absent_ungranted(pc->cell) && !ex->io.string)
		return absent_port(pc, ex);
	return violation(pc, "%s of %u byte(s) at I/O port 0x%x not granted",
			 ex->io.in ? "read" : "write", ex->io.size, ex->io.port);
}
