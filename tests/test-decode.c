// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the hypervisor's MMIO store decoder
 * (hypervisor/arch/x86/decode.c), built for the host: the instruction
 * bytes come from a buffer standing in for guest memory.  Every accepted
 * form must give the right value and length, every other form must be
 * refused, since a wrong length would resume the guest mid-instruction.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <xvc/cell.h>
#include <xvc/errno.h>
#include <xvc/memory.h>
#include <asm/decode.h>
#include <asm/processor.h>

static uint8_t guest_code[32];

/* Guest-physical 0 is guest_code, reached through the direct map. */
int cell_gpa_to_phys(const struct cell *cell, u64 gpa, u64 *phys)
{
	(void)cell;
	if (gpa >= sizeof(guest_code))
		return -EFAULT;
	*phys = (u64)(uintptr_t)&guest_code[gpa] - DIRECT_MAP_BASE;
	return 0;
}

int guest_virt_to_phys(const struct cell *cell, u64 cr3, u64 cr4, u64 gva, u64 *gpa)
{
	(void)cell; (void)cr3; (void)cr4;
	*gpa = gva;	/* the tests run "paging" with an identity map */
	return 0;
}

static struct guest_regs regs = {
	.rax = 0x11111111, .rcx = 0x22222222, .rdx = 0x33333333,
	.rbx = 0x44444444, .rsi = 0x55555555, .rdi = 0x66666666,
	.r8 = 0x88888888, .r15 = 0xffff0000,
};

static int decode(const char *bytes, size_t len, struct mmio_store *st)
{
	struct vcpu_exit ex = {
		.regs = &regs, .rip = 0, .cr0 = X86_CR0_PG | X86_CR0_PE,
		.efer = EFER_LMA | EFER_LME,
	};

	memset(guest_code, 0x90, sizeof(guest_code));
	memcpy(guest_code, bytes, len);
	return decode_mmio_store(&ex, st);
}

#define ACCEPTS(name, bytes, want_value, want_length)			\
static void name(void **state)						\
{									\
	struct mmio_store st;						\
	(void)state;							\
	assert_int_equal(decode(bytes, sizeof(bytes) - 1, &st), 0);	\
	assert_int_equal(st.value, (uint32_t)(want_value));		\
	assert_int_equal(st.length, want_length);			\
}

#define REFUSES(name, bytes)						\
static void name(void **state)						\
{									\
	struct mmio_store st;						\
	(void)state;							\
	assert_int_not_equal(decode(bytes, sizeof(bytes) - 1, &st), 0);	\
}

/* mov %eax,(%rdx): the inmate library's mmio_write32 */
ACCEPTS(mov_reg_indirect, "\x89\x02", 0x11111111, 2)
/* mov %eax,0xffffffffff5fd0b0: Linux's apic_write, absolute via SIB */
ACCEPTS(mov_absolute_sib, "\x89\x04\x25\xb0\xd0\x5f\xff", 0x11111111, 7)
/* mov %ecx,0xb0(%rax): disp32 */
ACCEPTS(mov_disp32, "\x89\x88\xb0\x00\x00\x00", 0x22222222, 6)
/* mov %ebx,0x8(%rsp): SIB + disp8 */
ACCEPTS(mov_sib_disp8, "\x89\x5c\x24\x08", 0x44444444, 4)
/* mov %r8d,(%rdi): REX.R selects r8 */
ACCEPTS(mov_rex_r, "\x44\x89\x07", 0x88888888, 3)
/* mov %r15d,(%rdi) */
ACCEPTS(mov_rex_r15, "\x44\x89\x3f", 0xffff0000, 3)
/* movl $0x12345678,(%rax) */
ACCEPTS(mov_imm, "\xc7\x00\x78\x56\x34\x12", 0x12345678, 6)
/* movl $0x1,0xb0(%rax): disp32 then imm32 */
ACCEPTS(mov_imm_disp32, "\xc7\x80\xb0\x00\x00\x00\x01\x00\x00\x00", 1, 10)
/* mov %eax,%ds:0x10(%rip) with a segment prefix: RIP-relative disp32 */
ACCEPTS(mov_prefix_riprel, "\x3e\x89\x05\x10\x00\x00\x00", 0x11111111, 7)

/* 64-bit store (REX.W) */
REFUSES(refuse_rex_w, "\x48\x89\x02")
/* mov %eax,moffs (A3) */
REFUSES(refuse_moffs, "\xa3\xb0\xd0\x5f\xff\xff\xff\xff\xff")
/* byte store */
REFUSES(refuse_byte, "\x88\x02")
/* register destination is no store */
REFUSES(refuse_register_dest, "\x89\xc0")
/* C7 with a reg field other than 0 is not MOV */
REFUSES(refuse_c7_reg, "\xc7\x08\x00\x00\x00\x00")
/* 16 prefixes: longer than any x86 instruction may be */
REFUSES(refuse_too_long, "\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x89\x02")

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mov_reg_indirect),
		cmocka_unit_test(mov_absolute_sib),
		cmocka_unit_test(mov_disp32),
		cmocka_unit_test(mov_sib_disp8),
		cmocka_unit_test(mov_rex_r),
		cmocka_unit_test(mov_rex_r15),
		cmocka_unit_test(mov_imm),
		cmocka_unit_test(mov_imm_disp32),
		cmocka_unit_test(mov_prefix_riprel),
		cmocka_unit_test(refuse_rex_w),
		cmocka_unit_test(refuse_moffs),
		cmocka_unit_test(refuse_byte),
		cmocka_unit_test(refuse_register_dest),
		cmocka_unit_test(refuse_c7_reg),
		cmocka_unit_test(refuse_too_long),
	};
	int failed = cmocka_run_group_tests_name("decode", tests, NULL, NULL);

	/* read by tests/Makefile for the summary line */
	printf("COUNT %zu %d\n", sizeof(tests) / sizeof(tests[0]) - failed, failed);
	return failed ? 1 : 0;
}
