/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's own exception entry points.  The hypervisor runs with
 * interrupts off, so only exceptions (its own bugs, or an expected #GP of
 * rdmsr_safe), NMIs, and the interrupts a local APIC is drained of
 * (apic_reset) arrive here.
 */
	.section .text

/*
 * Exceptions that push an error code: 8, 10-14 (and 17, 21, 29, 30, which
 * the hypervisor cannot raise: #AC needs ring 3, #CP needs CET, #VC an
 * SEV-ES guest, #SX a redirected INIT; it enables none of them).  The
 * vectors from 16 on also arrive as APIC interrupts, which push no error
 * code: their stubs push the placeholder so that the frame stays right.
 */
.macro vector n
	.balign 16
	.if (\n == 8) || ((\n >= 10) && (\n <= 14))
	.else
	push	$0
	.endif
	push	$\n
	jmp	exception_common
.endm

	.globl exception_entries
	.balign 16
exception_entries:
	.set i, 0
	.rept 32
	vector i
	.set i, i + 1
	.endr

/*
 * Vectors 32-255: interrupts the hypervisor accepts only to drain a local
 * APIC that changes hands (apic_reset).  Acknowledge and forget, in the
 * mode the APIC is in: apic_reset drains in xAPIC mode, but a root in
 * x2APIC mode makes the other mode possible, and a lost EOI would block
 * every lower-priority vector of that CPU.
 */
	.globl interrupt_entry
	.balign 16
interrupt_entry:
	push	%rax
	push	%rcx
	push	%rdx
	mov	$0x1b, %ecx		/* IA32_APIC_BASE */
	rdmsr
	test	$0x400, %eax		/* x2APIC enable */
	jz	1f
	mov	$0x80b, %ecx		/* x2APIC EOI */
	xor	%eax, %eax
	xor	%edx, %edx
	wrmsr
	jmp	2f
1:	mov	apic_eoi_register(%rip), %rax
	movl	$0, (%rax)
2:	pop	%rdx
	pop	%rcx
	pop	%rax
	iretq

exception_common:
	push	%rax
	push	%rcx
	push	%rdx
	push	%rsi
	push	%rdi
	push	%r8
	push	%r9
	push	%r10
	push	%r11
	mov	%rsp, %rdi
	call	handle_exception
	pop	%r11
	pop	%r10
	pop	%r9
	pop	%r8
	pop	%rdi
	pop	%rsi
	pop	%rdx
	pop	%rcx
	pop	%rax
	add	$16, %rsp
	iretq

/* rdmsr/wrmsr that may fault: handle_exception resumes after the label. */
	.globl rdmsr_insn, rdmsr_done, wrmsr_insn, wrmsr_done
	.globl xsetbv_insn, xsetbv_done
	.globl raw_rdmsr_safe, raw_wrmsr_safe, raw_xsetbv_safe
/* u64 raw_rdmsr_safe(u32 msr, u64 *val): 0 or 1 (faulted) */
raw_rdmsr_safe:
	mov	%edi, %ecx
	xor	%r8d, %r8d
rdmsr_insn:
	rdmsr
rdmsr_done:
	shl	$32, %rdx
	or	%rdx, %rax
	mov	%rax, (%rsi)
	mov	%r8, %rax
	ret
/* u64 raw_wrmsr_safe(u32 msr, u64 val): 0 or 1 (faulted) */
raw_wrmsr_safe:
	mov	%edi, %ecx
	mov	%rsi, %rax
	mov	%rsi, %rdx
	shr	$32, %rdx
	xor	%r8d, %r8d
wrmsr_insn:
	wrmsr
wrmsr_done:
	mov	%r8, %rax
	ret
/* u64 raw_xsetbv_safe(u32 xcr, u64 val): 0 or 1 (faulted) */
raw_xsetbv_safe:
	mov	%edi, %ecx
	mov	%rsi, %rax
	mov	%rsi, %rdx
	shr	$32, %rdx
	xor	%r8d, %r8d
xsetbv_insn:
	xsetbv
xsetbv_done:
	mov	%r8, %rax
	ret
