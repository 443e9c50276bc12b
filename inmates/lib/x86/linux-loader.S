/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The loader that enters a stock Linux kernel in a cell ('xvcell cell
 * linux').  The tool copies it to the cell's reset address and fills in
 * the two words after the first jump; the cell's first CPU starts here in
 * real mode, as after INIT, with CS:IP naming the reset address.
 *
 * It takes the kernel's 32-bit boot protocol (Documentation/arch/x86/
 * boot.rst): flat protected mode without paging, __BOOT_CS = 0x10 and
 * __BOOT_DS = 0x18, interrupts off, ESI = the boot_params page, EBX, EBP
 * and EDI zero, and a jump to the protected-mode kernel (code32_start).
 * The kernel sets up everything else itself.
 *
 * The code runs wherever the tool put it (below 64 KiB, so that CS is 0):
 * it finds its own address with a CALL and patches the two linear
 * addresses that depend on it.  It has no stack of its own but the
 * CALL's two bytes, at SS:SP = 0:0xfffe, which the tool keeps free.
 */
#define BOOT_CS		0x10
#define BOOT_DS		0x18
#define CR0_PE		0x1

	.section .rodata.linux_loader, "a"
	.code16
	.globl	xvc_linux_loader_start, xvc_linux_loader_end
	.globl	xvc_linux_loader_boot_params, xvc_linux_loader_entry
xvc_linux_loader_start:
	jmp	real_mode
	.balign	4
	/* Filled in by the tool: the boot_params page and code32_start. */
xvc_linux_loader_boot_params:
	.long	0
xvc_linux_loader_entry:
	.long	0

real_mode:
	cli
	cld
	xorw	%ax, %ax
	movw	%ax, %ds
	movw	%ax, %ss
	movw	$0xfffe, %sp
	call	1f
1:	popw	%bx
	subw	$(1b - xvc_linux_loader_start), %bx
	movzwl	%bx, %ebx
	/* The GDT's and the far jump's linear addresses. */
	leal	(gdt - xvc_linux_loader_start)(%ebx), %eax
	movl	%eax, (gdt_base - xvc_linux_loader_start)(%bx)
	leal	(protected_mode - xvc_linux_loader_start)(%ebx), %eax
	movl	%eax, (far_target - xvc_linux_loader_start)(%bx)
	lgdtl	(gdt_limit - xvc_linux_loader_start)(%bx)
	movl	%cr0, %eax
	orl	$CR0_PE, %eax
	movl	%eax, %cr0
	ljmpl	*(far_target - xvc_linux_loader_start)(%bx)

	.code32
protected_mode:
	movw	$BOOT_DS, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	movw	%ax, %fs
	movw	%ax, %gs
	movl	(xvc_linux_loader_boot_params - xvc_linux_loader_start)(%ebx), %esi
	movl	(xvc_linux_loader_entry - xvc_linux_loader_start)(%ebx), %eax
	xorl	%ebx, %ebx
	xorl	%ebp, %ebp
	xorl	%edi, %edi
	jmp	*%eax

	.balign	4
far_target:
	.long	0
	.word	BOOT_CS
	.balign	4
	.word	0
gdt_limit:
	.word	gdt_end - gdt - 1
gdt_base:
	.long	0
	.balign	8
gdt:
	.quad	0
	.quad	0
	/* 0x10: code, base 0, 4 GiB, 32-bit, read/execute */
	.quad	0x00cf9a000000ffff
	/* 0x18: data, base 0, 4 GiB, read/write */
	.quad	0x00cf92000000ffff
gdt_end:
xvc_linux_loader_end:

	.section .note.GNU-stack, "", @progbits
