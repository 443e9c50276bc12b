// SPDX-License-Identifier: GPL-2.0-only
/*
 * tiny-demo: the smallest useful inmate.  Greets with its CPU's APIC ID
 * and command line, then idles until the hypervisor asks the cell to shut
 * down, and agrees.
 */
#include <inmate.h>

void inmate_main(void)
{
	apic_init(cmdline_get_bool("x2apic", true));
	printk("tiny-demo: hello from CPU with APIC ID %u (%s, %s)\n", apic_id(),
	       apic_is_x2apic() ? "x2APIC" : "xAPIC",
	       running_under_xvcell() ? "under xvcell" : "bare metal");
	printk("tiny-demo: command line \"%s\"\n", cmdline());
	inmate_wait_shutdown_request();
	printk("tiny-demo: shutting down\n");
	inmate_shutdown();
}
