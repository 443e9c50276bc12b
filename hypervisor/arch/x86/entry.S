/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-CPU entry from the driver's stub.
 *
 * In:  RDI = Linux CPU number, bootstrap page table loaded, interrupts off,
 *      RSP still on Linux's stack (not mapped here: do not touch it).
 * Each CPU takes the next per-CPU area in arrival order (the driver put
 * where they start into the header), switches to the stack at its top and
 * calls xvc_cpu_entry(cpu, per_cpu, arrival).
 */
#include <generated/asm-offsets.h>
#include <asm/percpu.h>

	.section .text
	.globl hv_entry
hv_entry:
	endbr64					/* reached by an indirect jump */
	mov	$1, %eax
	lock xadd %eax, arrivals(%rip)
	mov	%eax, %edx			/* 3rd argument: arrival */

	lea	hv_header(%rip), %rsi
	add	HDR_PERCPU_OFFSET(%rsi), %rsi
	mov	%rdx, %rax
	imul	$PERCPU_SIZE, %rax
	add	%rax, %rsi			/* 2nd argument: per_cpu */

	lea	PERCPU_SIZE(%rsi), %rsp
	xor	%ebp, %ebp
	call	xvc_cpu_entry
	ud2

	.section .data
arrivals:
	.long	0
