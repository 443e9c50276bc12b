/* SPDX-License-Identifier: GPL-2.0-only */
	.section .text
/* jump_to_linux(resume, cr3, cr4, rsp): into the driver's stub, for good. */
	.globl jump_to_linux
jump_to_linux:
	mov	%rcx, %rsp
	mov	%rdi, %rax
	mov	%rsi, %rdi
	mov	%rdx, %rsi
	jmp	*%rax
