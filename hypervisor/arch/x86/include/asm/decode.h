/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Just enough x86 instruction decoding to emulate a guest's 32-bit store to
 * an intercepted MMIO page (the local APIC): which value, and how long the
 * instruction is.  Without decode assists (QEMU TCG has none) the
 * hypervisor must find both itself.
 */
#ifndef XVC_ASM_DECODE_H
#define XVC_ASM_DECODE_H

#include <xvc/types.h>
#include <asm/percpu.h>

/* The guest's state an instruction fetch and decode need. */
struct cell;

struct vcpu_exit {
	const struct cell *cell;
	struct guest_regs *regs;	/* regs->rax is valid */
	u64 rip;
	u64 cr0, cr3, cr4, efer;
	u64 cs_base;
};

struct mmio_store {
	u32 value;
	unsigned int length;
};

/* 0, or -EINVAL for an instruction this decoder does not handle. */
int decode_mmio_store(const struct vcpu_exit *ex, struct mmio_store *st);

#endif /* XVC_ASM_DECODE_H */
