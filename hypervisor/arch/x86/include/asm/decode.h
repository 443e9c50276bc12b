/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Just enough x86 instruction decoding to emulate a guest's access to an
 * intercepted MMIO page: which direction and width, which value or
 * destination register, and how long the instruction is.  Without decode
 * assists (QEMU TCG has none) the hypervisor must find all of that itself.
 *
 * Accepted: MOV between a register or an immediate and memory (88, 89, 8A,
 * 8B, C6 /0, C7 /0) and MOVZX loads (0F B6, 0F B7), with segment, operand-
 * size, address-size and REX prefixes, in 32-bit protected mode and in
 * 64-bit mode.  Everything else is refused: Linux and the inmate library
 * access device registers with exactly these instructions.
 */
#ifndef XVC_ASM_DECODE_H
#define XVC_ASM_DECODE_H

#include <xvc/types.h>
#include <asm/percpu.h>
#include <asm/vcpu.h>

struct cell;

/* What an instruction fetch and decode need to know about the guest. */
struct decode_ctx {
	const struct cell *cell;
	const struct guest_regs *regs;
	u64 rip;
	struct guest_state gs;
};

struct mmio_insn {
	/* Bytes of the instruction, prefixes included. */
	unsigned int length;
	/* Bytes accessed: 1, 2, 4 or 8. */
	unsigned int size;
	bool write;
	/* A store: the value written (zero-extended to 64 bits). */
	u64 value;
	/* A load: the destination register (0 = RAX ... 15 = R15) ... */
	unsigned int reg;
	/* ... or, for 8-bit registers without REX, AH/CH/DH/BH. */
	bool high_byte;
	/* A load writes the whole register (32- or 64-bit destination). */
	bool zero_extend;
	/* MOVZX into a 16-bit register: the upper 48 bits stay. */
	bool movzx_16;
};

/* 0, or -EINVAL for an instruction this decoder does not handle. */
int decode_mmio_insn(const struct decode_ctx *ctx, struct mmio_insn *insn);
/* Put a loaded @value into the guest registers as @insn says. */
void decode_complete_load(const struct mmio_insn *insn, struct guest_regs *regs,
			  u64 value);
/* Register n (0 = RAX ... 15 = R15) of the guest's saved state. */
u64 *guest_gpr(struct guest_regs *regs, unsigned int n);

#endif /* XVC_ASM_DECODE_H */
