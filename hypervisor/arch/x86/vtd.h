/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What vtd.c (DMA remapping) and vtd-ir.c (interrupt remapping) share of
 * an Intel VT-d unit: its registers, the unit's state and the queue.
 */
#ifndef XVC_ARCH_X86_VTD_H
#define XVC_ARCH_X86_VTD_H

#include <xvc/memory.h>
#include <xvc/spinlock.h>
#include <xvc/types.h>

#define VTD_CAP			0x08
#define VTD_ECAP		0x10
#define VTD_GCMD		0x18
#define VTD_GSTS		0x1c
#define VTD_RTADDR		0x20
#define VTD_CCMD		0x28
#define VTD_FSTS		0x34
#define VTD_FECTL		0x38
#define VTD_FEDATA		0x3c
#define VTD_FEADDR		0x40
#define VTD_FEUADDR		0x44
#define VTD_IQH			0x80
#define VTD_IQT			0x88
#define VTD_IQA			0x90
#define VTD_ICS			0x9c
#define VTD_IRTA		0xb8

#define CAP_ND(cap)		((cap) & 7)
#define CAP_RWBF		BIT_ULL(4)
#define CAP_SAGAW(cap)		(((cap) >> 8) & 0x1f)
#define CAP_FRO(cap)		((((cap) >> 24) & 0x3ff) * 16)
#define CAP_SLLPS(cap)		(((cap) >> 34) & 0xf)
#define CAP_NFR(cap)		((((cap) >> 40) & 0xff) + 1)
#define ECAP_COHERENT		BIT_ULL(0)
#define ECAP_QI			BIT_ULL(1)
#define ECAP_IRO(ecap)		((((ecap) >> 8) & 0x3ff) * 16)

#define SAGAW_39BIT		BIT(1)
#define SAGAW_48BIT		BIT(2)

#define GCMD_TE			BIT(31)
#define GCMD_SRTP		BIT(30)
#define GCMD_WBF		BIT(27)
#define GCMD_QIE		BIT(26)
#define GCMD_IRE		BIT(25)
#define GCMD_SIRTP		BIT(24)
#define GCMD_CFI		BIT(23)
/* Status bits that stay set; GCMD is written with them kept as they are. */
#define GSTS_PERSISTENT		(GCMD_TE | GCMD_QIE | GCMD_IRE | GCMD_CFI)

#define CCMD_ICC		BIT_ULL(63)
#define CCMD_GLOBAL		(1ULL << 61)
#define IOTLB_IVT		BIT_ULL(63)
#define IOTLB_GLOBAL		(1ULL << 60)
#define IOTLB_DOMAIN(did)	(2ULL << 60 | (u64)(did) << 32)
#define IOTLB_DRAIN		(BIT_ULL(49) | BIT_ULL(48))

#define FSTS_PFO		BIT(0)
#define FSTS_PPF		BIT(1)
#define FSTS_IQE		BIT(4)
#define FSTS_FRI(fsts)		(((fsts) >> 8) & 0xff)
#define FRCD_F			BIT_ULL(63)
#define FRCD_READ		BIT_ULL(62)
#define FRCD_REASON(hi)		(((hi) >> 32) & 0xff)
#define FRCD_SID(hi)		((hi) & 0xffff)
/* Reasons from 0x20 on are about interrupt requests. */
#define FR_INTERRUPT_FIRST	0x20

#define FECTL_IM		BIT(31)

/* Invalidation queue: one page of 128-bit descriptors. */
#define QUEUE_ENTRIES		(PAGE_SIZE / 16)
#define INV_CONTEXT_GLOBAL	(0x1 | 1 << 4)
#define INV_IOTLB_GLOBAL	(0x2 | 1 << 4 | 1 << 6 | 1 << 7)
#define INV_IOTLB_DOMAIN(did)	(0x2 | 2 << 4 | 1 << 6 | 1 << 7 | (u64)(did) << 16)
#define INV_WAIT_STATUS		(0x5 | 1 << 5)
#define INV_WAIT_DONE		1U

#define ENTRY_PRESENT		BIT_ULL(0)
#define CONTEXT_AW_39BIT	1
#define CONTEXT_AW_48BIT	2
#define CONTEXT_DID_SHIFT	8

/* Second-level entries: read, write, and a large page's size bit. */
#define SL_READ			BIT_ULL(0)
#define SL_WRITE		BIT_ULL(1)
#define SL_LARGE		BIT_ULL(7)

/* Register handshakes finish in microseconds; this is a broken unit. */
#define WAIT_LOOPS		100000000UL

/* Interrupt-entry-cache invalidation: every entry, or 2^mask from an index. */
#define INV_IEC_GLOBAL		0x4

struct vtd_entry {
	u64 lo, hi;
};

struct vtd_ir;
struct cell;

struct vtd_unit {
	u64 base;
	/* Bytes of registers, from the system config. */
	u32 size;
	u64 cap, ecap;
	struct vtd_entry *root_table;
	struct vtd_entry *default_context;
	struct vtd_entry *bus_context[256];
	/* The invalidation queue, if the unit has one; where it goes on. */
	struct vtd_entry *queue;
	unsigned int queue_tail;
	/* Written by the unit when it reaches a wait descriptor. */
	volatile u32 wait_status;
	/* Serializes the queue: cell changes and the root's emulated one. */
	struct spinlock queue_lock;
	bool enabled;
	/* Interrupt remapping taken over from Linux (vtd-ir.c), or NULL. */
	struct vtd_ir *ir;
};

static inline volatile void *vtd_reg(const struct vtd_unit *u, unsigned int offset)
{
	return (volatile u8 *)phys_to_virt(u->base) + offset;
}

static inline u32 read32(const struct vtd_unit *u, unsigned int offset)
{
	return *(volatile u32 *)vtd_reg(u, offset);
}

static inline void write32(const struct vtd_unit *u, unsigned int offset, u32 v)
{
	*(volatile u32 *)vtd_reg(u, offset) = v;
}

static inline u64 read64(const struct vtd_unit *u, unsigned int offset)
{
	return *(volatile u64 *)vtd_reg(u, offset);
}

static inline void write64(const struct vtd_unit *u, unsigned int offset, u64 v)
{
	*(volatile u64 *)vtd_reg(u, offset) = v;
}

/* vtd.c */
struct vtd_unit *vtd_unit(unsigned int unit);
/* Set or clear one GCMD function, keeping the others as they are. */
int vtd_command(const struct vtd_unit *u, u32 bit, bool on);
/* Run @count descriptors through the unit's queue and wait for them. */
void vtd_queue_run(struct vtd_unit *u, const u64 *descriptors, unsigned int count);
/* The unit must see what the CPU wrote to its tables. */
void vtd_tables_written(const struct vtd_unit *u);

/* vtd-ir.c: Linux's interrupt remapping, taken over and given back. */
/* Linux's remapping is on (@gsts): can it be taken over? */
int vtd_ir_probe(struct vtd_unit *u, u32 gsts);
/* Linux's queue drained and turned off, its position kept. */
int vtd_ir_take_queue(struct vtd_unit *u);
/* Once the hypervisor's queue runs: its table replaces Linux's. */
int vtd_ir_enable(struct vtd_unit *u);
/* Linux's table and queue back, as Linux left them. */
void vtd_ir_disable(struct vtd_unit *u);
/* The root's CPUs or devices changed: its entries are checked again. */
void vtd_ir_recheck_root(struct vtd_unit *u);
/*
 * A cell's function @bdf may send this message (MSI-X entry @msix_entry,
 * or its MSI's @vectors vectors with @msix_entry -1): entries of the
 * hypervisor's deliver it, and the device message that names them.
 */
void vtd_ir_remap_msi(struct vtd_unit *u, const struct cell *cell, u16 bdf,
		      int msix_entry, u64 address, u32 data, unsigned int vectors);
void vtd_ir_device_message(struct vtd_unit *u, u16 bdf, int msix_entry,
			   u64 *address, u32 *data);
/* The same for an IOAPIC pin's entry (low, high) of a cell. */
void vtd_ir_remap_ioapic(struct vtd_unit *u, const struct cell *cell, u16 source_id,
			 unsigned int pin, u32 *low, u32 *high);
void vtd_ir_release_ioapic(struct vtd_unit *u, u16 source_id, unsigned int pin);
/* The function leaves its cell: its entries go. */
void vtd_ir_release_function(struct vtd_unit *u, u16 bdf);
/* Is remapping entry @index reserved for the hypervisor's own use? */
const char *vtd_ir_root_ioapic_refusal(const struct vtd_unit *u, u32 low,
				       u32 high);

#endif /* XVC_ARCH_X86_VTD_H */
