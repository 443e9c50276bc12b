/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The comm region: how an inmate knows it runs under xvcell, and how it
 * answers shutdown requests.
 *
 * The hypervisor maps the region at XVC_INMATE_COMM_ADDRESS with its
 * signature filled in.  Booted bare, nothing is there (QEMU RAM reads as
 * zeros; the multiboot loader puts the image elsewhere), so the signature
 * check is the presence test.
 */
#include <inmate.h>

struct xvc_comm_region *comm_region(void)
{
	struct xvc_comm_region *comm = (void *)(uintptr_t)XVC_INMATE_COMM_ADDRESS;

	if (memcmp(comm->signature, XVC_COMM_SIGNATURE, sizeof(XVC_COMM_SIGNATURE)))
		return NULL;
	return comm;
}

bool running_under_xvcell(void)
{
	return comm_region() != NULL;
}

bool comm_shutdown_requested(void)
{
	struct xvc_comm_region *comm = comm_region();

	return comm && comm->msg_to_cell == XVC_MSG_SHUTDOWN_REQUEST;
}

void comm_reply_shutdown(bool approve)
{
	struct xvc_comm_region *comm = comm_region();

	if (comm)
		comm->reply_from_cell = approve ? XVC_REPLY_APPROVED : XVC_REPLY_DENIED;
}

void comm_set_state(uint32_t state)
{
	struct xvc_comm_region *comm = comm_region();

	if (comm)
		comm->cell_state = state;
}

void inmate_wait_shutdown_request(void)
{
	while (!comm_shutdown_requested())
		cpu_relax();
}

void inmate_shutdown(void)
{
	comm_reply_shutdown(true);
	cpu_stop();
}

void inmate_halt(void)
{
	inmate_wait_shutdown_request();
	inmate_shutdown();
}
