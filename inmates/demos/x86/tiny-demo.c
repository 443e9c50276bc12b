// SPDX-License-Identifier: GPL-2.0-only
/*
 * tiny-demo: the smallest useful inmate.  Greets with its CPU's APIC ID
 * and command line, then idles until the hypervisor asks the cell to shut
 * down, and agrees.  It touches no device but the console.
 */
#include <inmate.h>

void inmate_main(void)
{
	/* The ID from CPUID: this demo leaves the APIC alone. */
	printk("tiny-demo: hello from CPU with APIC ID %u (%s)\n", cpuid_apic_id(),
	       running_under_xvcell() ? "under xvcell" : "bare metal");
	printk("tiny-demo: command line \"%s\"\n", cmdline());
	inmate_wait_shutdown_request();
	printk("tiny-demo: shutting down\n");
	inmate_shutdown();
}
