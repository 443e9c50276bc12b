/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The MMIO dispatch table.  A subsystem that must see a cell's accesses to
 * a guest-physical range (the local APIC, an IOAPIC, ...) registers a
 * handler for it, saying which accesses may go to the device directly
 * (none, or reads); the range is mapped that way, and a second-stage fault
 * in it is decoded and handed to the handler, which carries the access out
 * or refuses it.  A fault no range claims is a violation.
 */
#ifndef XVC_MMIO_H
#define XVC_MMIO_H

#include <xvc/types.h>
#include <xvc/violation.h>

struct per_cpu;
struct cell;

struct mmio_access {
	/* Guest-physical address of the first byte. */
	u64 gpa;
	/* 1, 2, 4 or 8 bytes. */
	unsigned int size;
	bool write;
	/* Written by the guest, or to be returned to it. */
	u64 value;
};

typedef enum exit_action (*mmio_handler)(struct per_cpu *pc,
					 struct mmio_access *access, void *arg);

struct mmio_region {
	u64 start;
	u64 size;
	/* Host-physical address of the device, for the direct accesses. */
	u64 phys;
	/* 0: every access exits; XVC_MEM_READ: reads go to the device. */
	u64 direct;
	mmio_handler handler;
	void *arg;
};

#define MMIO_MAX_REGIONS	16

struct mmio_table {
	unsigned int count;
	struct mmio_region regions[MMIO_MAX_REGIONS];
};

/*
 * Claim [start, start + size) of @cell's guest-physical space for the
 * device at @phys, mapped with the @direct rights (0 or XVC_MEM_READ).
 */
int mmio_register(struct cell *cell, u64 start, u64 size, u64 phys, u64 direct,
		  mmio_handler handler, void *arg);
/*
 * Map the claimed ranges in [start, start + size) again as registered:
 * after memory came back to @cell with its config's rights.
 */
int mmio_reapply(struct cell *cell, u64 start, u64 size);
/* The region holding @gpa, or NULL. */
const struct mmio_region *mmio_find(const struct cell *cell, u64 gpa);
/*
 * Hand a decoded access to its region's handler.  An access no region
 * holds whole is a violation.
 */
enum exit_action mmio_dispatch(struct per_cpu *pc, struct mmio_access *access);

/*
 * A device register the hypervisor itself reads or writes, over its direct
 * map (uncached over the root's device memory, arch/x86/host.c): @size is
 * 1, 2, 4 or 8 bytes.
 */
u64 mmio_device_read(u64 phys, unsigned int size);
void mmio_device_write(u64 phys, unsigned int size, u64 value);

#endif /* XVC_MMIO_H */
