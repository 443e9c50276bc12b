// SPDX-License-Identifier: GPL-2.0-only
/*
 * Looks, first thing, at the CPU state a previous owner (Linux, or an
 * earlier cell) could have left behind: SSE registers, the x87 control
 * word and MXCSR, debug address registers DR0-3, TSC_AUX (through
 * RDTSCP, which Linux fills with the CPU number) and the SYSCALL and
 * swapgs MSRs (msrs=1, when the config grants reading them).  Everything
 * must be at its reset value: ALLOWED then, "NOT CONTAINED" naming each
 * leftover otherwise.
 */
#include "xvc-test.h"

#define CR4_OSFXSR		(1UL << 9)
#define FCW_RESET		0x037f
#define MXCSR_RESET		0x1f80
#define CPUID_EXT_EDX_RDTSCP	(1U << 27)

static unsigned int leftovers;

static void expect(const char *what, uint64_t value, uint64_t reset)
{
	if (value == reset)
		return;
	printk("xvc-test: state-leak: %s = 0x%lx, not 0x%lx\n", what, value, reset);
	leftovers++;
}

#define XMM_LOW(n, out) asm volatile("movq %%xmm" #n ", %0" : "=r"(out))

static void check_sse(void)
{
	uint64_t x[16];
	char name[8];
	unsigned int n;
	uint32_t mxcsr;
	uint16_t fcw;

	asm volatile("mov %%cr4, %0; or %1, %0; mov %0, %%cr4"
		     : "=&r"(x[0]) : "i"(CR4_OSFXSR));
	XMM_LOW(0, x[0]); XMM_LOW(1, x[1]); XMM_LOW(2, x[2]); XMM_LOW(3, x[3]);
	XMM_LOW(4, x[4]); XMM_LOW(5, x[5]); XMM_LOW(6, x[6]); XMM_LOW(7, x[7]);
	XMM_LOW(8, x[8]); XMM_LOW(9, x[9]); XMM_LOW(10, x[10]); XMM_LOW(11, x[11]);
	XMM_LOW(12, x[12]); XMM_LOW(13, x[13]); XMM_LOW(14, x[14]); XMM_LOW(15, x[15]);
	for (n = 0; n < 16; n++) {
		snprintk(name, sizeof(name), "xmm%u", n);
		expect(name, x[n], 0);
	}
	asm volatile("stmxcsr %0" : "=m"(mxcsr));
	asm volatile("fnstcw %0" : "=m"(fcw));
	expect("MXCSR", mxcsr, MXCSR_RESET);
	expect("x87 control word", fcw, FCW_RESET);
}

#define READ_DR(n, out) asm volatile("mov %%dr" #n ", %0" : "=r"(out))

static void check_debug_registers(void)
{
	uint64_t dr;

	READ_DR(0, dr); expect("DR0", dr, 0);
	READ_DR(1, dr); expect("DR1", dr, 0);
	READ_DR(2, dr); expect("DR2", dr, 0);
	READ_DR(3, dr); expect("DR3", dr, 0);
}

static void check_tsc_aux(void)
{
	uint32_t regs[4], aux;

	cpuid(0x80000001, 0, regs);
	if (!(regs[3] & CPUID_EXT_EDX_RDTSCP)) {
		printk("xvc-test: state-leak: no RDTSCP, TSC_AUX not looked at\n");
		return;
	}
	asm volatile("rdtscp" : "=c"(aux) : : "rax", "rdx");
	expect("TSC_AUX", aux, 0);
}

static void check_msrs(void)
{
	static const struct {
		uint32_t msr;
		const char *name;
	} msrs[] = {
		{ 0xc0000081, "STAR" }, { 0xc0000082, "LSTAR" },
		{ 0xc0000083, "CSTAR" }, { 0xc0000084, "SFMASK" },
		{ 0xc0000102, "KERNEL_GS_BASE" },
	};
	unsigned int n;

	for (n = 0; n < sizeof(msrs) / sizeof(msrs[0]); n++)
		expect(msrs[n].name, rdmsr(msrs[n].msr), 0);
}

void inmate_main(void)
{
	/* Before anything else can touch them. */
	check_sse();
	check_debug_registers();
	check_tsc_aux();
	test_start("state-leak");
	if (cmdline_get_bool("msrs", false))
		check_msrs();
	if (leftovers)
		test_not_contained("state-leak");
	else
		test_allowed("state-leak", "nothing of the previous owner");
}
