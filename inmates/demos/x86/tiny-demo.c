// SPDX-License-Identifier: GPL-2.0-only
/*
 * tiny-demo: the smallest useful inmate.  Greets with its CPU's APIC ID
 * and command line, then idles until the hypervisor asks the cell to shut
 * down, and agrees.  With refuse_shutdown=N it first refuses N requests,
 * as a cell holding a lock would.  It touches no device but the console.
 */
#include <inmate.h>

static void refuse_shutdown_requests(unsigned long count)
{
	while (count--) {
		inmate_wait_shutdown_request();
		printk("tiny-demo: refusing to shut down (%lu more refusals)\n", count);
		comm_reply_shutdown(false);
		/* The request is over once the hypervisor has taken the answer. */
		while (comm_shutdown_requested())
			cpu_relax();
	}
}

void inmate_main(void)
{
	/* The ID from CPUID: this demo leaves the APIC alone. */
	printk("tiny-demo: hello from CPU with APIC ID %u (%s)\n", cpuid_apic_id(),
	       running_under_xvcell() ? "under xvcell" : "bare metal");
	printk("tiny-demo: command line \"%s\"\n", cmdline());
	refuse_shutdown_requests(cmdline_get_u64("refuse_shutdown", 0));
	inmate_wait_shutdown_request();
	printk("tiny-demo: shutting down\n");
	inmate_shutdown();
}
