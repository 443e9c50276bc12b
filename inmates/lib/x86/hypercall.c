/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hypercalls: VMMCALL on AMD (SVM), VMCALL on Intel (VMX).  Executing the
 * wrong one raises #UD in the guest, so the CPUID vendor decides.
 */
#include <inmate.h>

enum hc_flavour { HC_UNKNOWN, HC_VMMCALL, HC_VMCALL };

static enum hc_flavour flavour;

static enum hc_flavour detect_flavour(void)
{
	uint32_t regs[4];
	char vendor[13];

	cpuid(0, 0, regs);
	memcpy(vendor, &regs[1], 4);
	memcpy(vendor + 4, &regs[3], 4);
	memcpy(vendor + 8, &regs[2], 4);
	vendor[12] = 0;
	if (!strcmp(vendor, "AuthenticAMD") || !strcmp(vendor, "HygonGenuine"))
		return HC_VMMCALL;
	return HC_VMCALL;
}

long hypercall(unsigned long number, unsigned long arg1, unsigned long arg2)
{
	long result;

	if (flavour == HC_UNKNOWN)
		flavour = detect_flavour();
	if (flavour == HC_VMMCALL)
		asm volatile("vmmcall"
			     : "=a"(result) : "a"(number), "D"(arg1), "S"(arg2) : "memory");
	else
		asm volatile("vmcall"
			     : "=a"(result) : "a"(number), "D"(arg1), "S"(arg2) : "memory");
	return result;
}

/* Guest-physical == virtual: the library maps everything 1:1. */
long hypercall_console_write(const char *buf, size_t len)
{
	size_t chunk;
	long result;

	while (len) {
		chunk = len < XVC_CONSOLE_WRITE_MAX ? len : XVC_CONSOLE_WRITE_MAX;
		result = hypercall(XVC_HC_CONSOLE_WRITE, (uintptr_t)buf, chunk);
		if (result < 0)
			return result;
		buf += chunk;
		len -= chunk;
	}
	return 0;
}
