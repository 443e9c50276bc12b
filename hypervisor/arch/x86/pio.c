// SPDX-License-Identifier: GPL-2.0-only
/*
 * I/O ports: the permission map and the accesses it sends here.
 *
 * Ports a cell may use get a clear bit in a one-bit-per-port map (1 =
 * exit), the format SVM's IOPM and VMX's I/O bitmaps A+B share.  The root
 * lends its ports to the cells that own them.  The map starts all set
 * (arch_cell_create); only ports of the cell's config ever open.  Every
 * granted port passes in hardware, so whatever exits is not granted.
 */
#include <xvc/cell.h>
#include <xvc/percpu.h>
#include <asm/vcpu.h>

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
			if (cell != &root_cell || !pio_taken_by_cell(port))
				new = old & ~bit;
			else
				new = old | bit;
			if (new != old)
				WRITE_ONCE(bitmap[port / 8], new);
		}
	}
}

enum exit_action vcpu_handle_io(struct per_cpu *pc, const struct vcpu_exit *ex)
{
	count_exit(pc, XVC_STAT_IO);
	return violation(pc, "%s of %u byte(s) at I/O port 0x%x not granted",
			 ex->io.in ? "read" : "write", ex->io.size, ex->io.port);
}
