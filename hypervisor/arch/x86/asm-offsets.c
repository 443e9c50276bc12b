// SPDX-License-Identifier: GPL-2.0-only
/*
 * Offsets of C structures for the assembly code.  This file is compiled
 * to assembly only; the Makefile turns each "->NAME value" marker into
 * "#define NAME value" in include/generated/asm-offsets.h, so assembly
 * never carries a hand-written copy of a structure layout.
 */
#include <xvc/percpu.h>
#include <xvcell/hypervisor.h>
#include <asm/percpu.h>
#include <asm/vmx.h>

#define DEFINE(name, value)						\
	asm volatile("\n.ascii \"->" #name " %c0\"" : : "i"(value))
#define OFFSET(name, type, member)					\
	DEFINE(name, __builtin_offsetof(type, member))

void asm_offsets(void);

void asm_offsets(void)
{
	OFFSET(HDR_PERCPU_OFFSET, struct xvc_hv_header, percpu_offset);
	DEFINE(VMCS_HOST_RSP, HOST_RSP);

	OFFSET(REGS_RAX, struct guest_regs, rax);
	OFFSET(REGS_RCX, struct guest_regs, rcx);
	OFFSET(REGS_RDX, struct guest_regs, rdx);
	OFFSET(REGS_RBX, struct guest_regs, rbx);
	OFFSET(REGS_RBP, struct guest_regs, rbp);
	OFFSET(REGS_RSI, struct guest_regs, rsi);
	OFFSET(REGS_RDI, struct guest_regs, rdi);
	OFFSET(REGS_R8, struct guest_regs, r8);
	OFFSET(REGS_R9, struct guest_regs, r9);
	OFFSET(REGS_R10, struct guest_regs, r10);
	OFFSET(REGS_R11, struct guest_regs, r11);
	OFFSET(REGS_R12, struct guest_regs, r12);
	OFFSET(REGS_R13, struct guest_regs, r13);
	OFFSET(REGS_R14, struct guest_regs, r14);
	OFFSET(REGS_R15, struct guest_regs, r15);
}
