/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What amd-vi.c (the unit, DMA remapping, cells' interrupt tables) and
 * amd-vi-ir.c (Linux's interrupt remapping, taken over) share of an AMD-Vi
 * unit: its registers, table formats, commands and state.
 */
#ifndef XVC_ARCH_X86_AMD_VI_H
#define XVC_ARCH_X86_AMD_VI_H

#include <xvc/memory.h>
#include <xvc/spinlock.h>
#include <xvc/types.h>

#define AMDVI_DEV_TABLE_BASE	0x0000
#define AMDVI_CMD_BUF_BASE	0x0008
#define AMDVI_EVENT_LOG_BASE	0x0010
#define AMDVI_CONTROL		0x0018
#define AMDVI_EXCL_BASE		0x0020
#define AMDVI_EXCL_LIMIT	0x0028
#define AMDVI_EXT_FEATURES	0x0030
/* Where the unit's own interrupts go in x2APIC mode: events, PPR, GA. */
#define AMDVI_XT_INT_CONTROL	0x0170
#define AMDVI_XT_INT_REGS	3
#define AMDVI_CMD_HEAD		0x2000
#define AMDVI_CMD_TAIL		0x2008
#define AMDVI_EVENT_HEAD	0x2010
#define AMDVI_EVENT_TAIL	0x2018
#define AMDVI_STATUS		0x2020
/* The last register this file uses ends here. */
#define AMDVI_REGS_END		(AMDVI_STATUS + 8)

#define CONTROL_IOMMU_EN	BIT_ULL(0)
#define CONTROL_EVENT_LOG_EN	BIT_ULL(2)
#define CONTROL_COHERENT	BIT_ULL(10)
#define CONTROL_CMD_BUF_EN	BIT_ULL(12)
/* 128-bit remapping entries (guest virtual APIC format). */
#define CONTROL_GA_EN		BIT_ULL(17)
/* 32-bit destinations in remapping entries (x2APIC). */
#define CONTROL_XT_EN		BIT_ULL(50)

#define STATUS_EVENT_OVERFLOW	BIT_ULL(0)
#define STATUS_EVENT_LOG_RUN	BIT_ULL(3)
#define STATUS_CMD_BUF_RUN	BIT_ULL(4)

#define EFR_INVALIDATE_ALL	BIT_ULL(6)

/* A ring base register: its length as log2 of the entries at bit 56. */
#define RING_BASE_MASK		0x000ffffffffff000ULL
#define RING_LEN_LOG2(base)	(((base) >> 56) & 0xf)
/* The hypervisor's rings: one page of 16-byte entries, 256. */
#define RING_ENTRIES		(PAGE_SIZE / 16)
#define RING_SIZE_LOG2		(8ULL << 56)

/* Every device ID has an entry of 32 bytes. */
#define DEVICE_IDS		0x10000
#define DEV_TABLE_PAGES		(DEVICE_IDS * 32U / PAGE_SIZE)
/* The device table base register: its size in pages - 1, bits 8:0. */
#define DEV_TABLE_BASE_MASK	0x000ffffffffff000ULL
#define DEV_TABLE_SIZE(base)	((((base) & 0x1ff) + 1) * PAGE_SIZE)

#define DTE_VALID		BIT_ULL(0)
#define DTE_TRANSLATION_VALID	BIT_ULL(1)
#define DTE_MODE_SHIFT		9
#define DTE_MODE(q0)		(((q0) >> DTE_MODE_SHIFT) & 7)
#define DTE_READ		BIT_ULL(61)
#define DTE_WRITE		BIT_ULL(62)
#define DTE_DOMAIN_MASK		0xffffULL
/*
 * Quadword 2: interrupt remapping.  With IV set, fixed and arbitrated
 * messages go by IntCtl (abort, pass, or through the table of 2^len
 * entries); the other message types pass only where their pass bits
 * (which the hypervisor never sets) say so.
 */
#define DTE_IR_VALID		BIT_ULL(0)
#define DTE_IR_LEN(q2)		(((q2) >> 1) & 0xf)
#define DTE_IR_LEN_SHIFT	1
#define DTE_IR_TABLE_MASK	0x000fffffffffffc0ULL
#define DTE_IR_CTL(q2)		(((q2) >> 60) & 3)
#define DTE_IR_CTL_SHIFT	60
#define IR_CTL_ABORT		0
#define IR_CTL_PASS		1
#define IR_CTL_REMAP		2

/*
 * A remapping table entry: 32 bits, or 128 with CONTROL_GA_EN.  The
 * low bits are alike in both; the 32-bit entry holds an 8-bit
 * destination and the vector above it, the 128-bit one a 24-bit
 * destination there, the vector in its second quadword and the
 * destination's top byte at its end.
 */
#define IRTE_REMAP_EN		BIT(0)
#define IRTE_SUPPRESS_FAULT	BIT(1)
#define IRTE_INT_TYPE_SHIFT	2
#define IRTE_INT_TYPE(lo)	(((lo) >> 2) & 7)
#define IRTE_RQ_EOI		BIT(5)
#define IRTE_DEST_LOGICAL	BIT(6)
#define IRTE_GUEST_MODE		BIT(7)
#define IRTE_DEST_SHIFT		8
#define IRTE32_VECTOR_SHIFT	16
#define IRTE32_RESERVED		0xff000000U
#define IRTE128_LO_RESERVED	0xffffffff00000000ULL
#define IRTE128_HI_RESERVED	0x00ffffffffffff00ULL
#define IRTE128_DEST_HI_SHIFT	56

struct amdvi_irte {
	u64 lo, hi;
};

#define CMD_OPCODE(lo)		((lo) >> 60)
#define CMD_OPCODE_SHIFT	60
#define CMD_COMPLETION_WAIT	(1ULL << CMD_OPCODE_SHIFT)
#define CMD_INVALIDATE_DTE	(2ULL << CMD_OPCODE_SHIFT)
#define CMD_INVALIDATE_PAGES	(3ULL << CMD_OPCODE_SHIFT)
#define CMD_INVALIDATE_IR_TABLE	(5ULL << CMD_OPCODE_SHIFT)
#define CMD_INVALIDATE_ALL	(8ULL << CMD_OPCODE_SHIFT)
#define CMD_DEVICE_ID(lo)	((lo) & 0xffff)
#define WAIT_STORE		BIT_ULL(0)
#define WAIT_INTERRUPT		BIT_ULL(1)
#define WAIT_ADDRESS_MASK	0x000ffffffffffff8ULL
#define WAIT_DONE		1ULL

/* Completion waits finish in microseconds; this is a broken unit. */
#define WAIT_LOOPS		100000000UL

struct amdvi_entry {
	u64 lo, hi;
};

struct amdvi_root;

struct amdvi_unit {
	u64 base;
	u32 size;
	u64 features;
	/* 4 quadwords per device ID. */
	u64 (*dev_table)[4];
	/*
	 * Serializes batches of commands and the interrupt tables' writes:
	 * cell creation, a cell's own MSI programming and the root's
	 * register accesses (amd-vi-ir.c) may meet.
	 */
	struct spinlock cmd_lock;
	struct amdvi_entry *commands;
	unsigned int cmd_tail;
	struct amdvi_entry *events;
	/* Written by the unit when it reaches a completion wait. */
	volatile u64 wait_done;
	bool enabled;
	/* Remapping entries of 128 bits; destinations of 32 (x2APIC). */
	bool irte_128;
	bool x2apic;
	/* The root's domain, which every device ID no cell owns uses. */
	u16 root_domain;
	/* Linux's remapping, taken over (amd-vi-ir.c); NULL if none. */
	struct amdvi_root *root;
};

static inline volatile u64 *amdvi_reg(const struct amdvi_unit *u,
				      unsigned int offset)
{
	return (volatile u64 *)((u8 *)phys_to_virt(u->base) + offset);
}

static inline u64 read64(const struct amdvi_unit *u, unsigned int offset)
{
	return *amdvi_reg(u, offset);
}

static inline void write64(const struct amdvi_unit *u, unsigned int offset,
			   u64 v)
{
	*amdvi_reg(u, offset) = v;
}

/* amd-vi.c: commands, under cmd_lock. */
void amdvi_command_put(struct amdvi_unit *u, u64 lo, u64 hi);
int amdvi_commands_run(struct amdvi_unit *u);
int amdvi_invalidate_everything(struct amdvi_unit *u);
/* A remapping table of 2^@len_log2 entries in the unit's format. */
void *amdvi_irt_alloc(const struct amdvi_unit *u, unsigned int len_log2);
void amdvi_irt_free(const struct amdvi_unit *u, u64 q2);
void amdvi_irte_install(const struct amdvi_unit *u, void *table,
			unsigned int index, struct amdvi_irte e);
struct amdvi_irte amdvi_irte_for(const struct amdvi_unit *u, unsigned int type,
				 bool logical, u32 dest, u8 vector);
struct amdvi_irte amdvi_irte_read(const struct amdvi_unit *u,
				  const void *table, unsigned int index);

/* amd-vi-ir.c: Linux's interrupt remapping, taken over. */
int amdvi_ir_probe(struct amdvi_unit *u, u64 control);
int amdvi_ir_root_entry(struct amdvi_unit *u, u16 devid, u64 *q2);
int amdvi_ir_take(struct amdvi_unit *u);
int amdvi_ir_enable(struct amdvi_unit *u);
void amdvi_ir_disable(struct amdvi_unit *u);
void amdvi_ir_recheck_root(struct amdvi_unit *u);
void amdvi_ir_remap_ioapic(struct amdvi_unit *u, u16 devid, unsigned int pin,
			   u32 *low, u32 *high);
void amdvi_ir_release_ioapic(struct amdvi_unit *u, u16 devid, unsigned int pin);
const char *amdvi_ir_root_ioapic_refusal(const struct amdvi_unit *u, u32 low);

#endif /* XVC_ARCH_X86_AMD_VI_H */
