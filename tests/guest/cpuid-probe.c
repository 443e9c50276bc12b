// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest-side test program: what CPUID tells a program in the root cell.
 * Prints one "key value" line each: the hypervisor leaf's signature, and
 * whether SVM, VMX and the hypervisor-present bit are visible.  With a
 * count argument it executes CPUID that many more times (exit counting).
 */
#include <cpuid.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	unsigned int a, b, c, d, n, count = argc > 1 ? atoi(argv[1]) : 0;
	char sig[13] = "";

	__cpuid(0x40000000, a, b, c, d);
	memcpy(sig, &b, 4);
	memcpy(sig + 4, &c, 4);
	memcpy(sig + 8, &d, 4);
	printf("hv-signature %s\nhv-max-leaf 0x%x\n", sig[0] ? sig : "-", a);
	__cpuid(1, a, b, c, d);
	printf("vmx %u\nhypervisor-bit %u\n", (c >> 5) & 1, (c >> 31) & 1);
	__cpuid(0x80000001, a, b, c, d);
	printf("svm %u\n", (c >> 2) & 1);
	for (n = 0; n < count; n++)
		__cpuid(0, a, b, c, d);
	return 0;
}
