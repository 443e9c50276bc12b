// SPDX-License-Identifier: GPL-2.0-only
/*
 * xvc-ethpair: Ethernet frames from one network interface of the guest
 * to another, counted where they arrive.  Linked statically into the
 * rig's initramfs (ci/mkinitramfs) for scenarios about the root's NICs,
 * whose pairs the rig joins by a hub inside the emulator.
 *
 *   xvc-ethpair FROM TO [COUNT]
 *
 * Sends frames of EtherType 0x88b5 (IEEE 802 local experimental) from
 * interface FROM to the MAC address of interface TO, one at a time: the
 * next leaves once a packet socket on TO has received the previous one,
 * that is once TO's driver has passed it up (after TO's receive
 * interrupt), so that TO's receive ring never overflows and every frame
 * is accounted for.  COUNT frames, or with COUNT 0 (the default) until
 * SIGTERM or SIGINT, after which the frame in flight is still awaited.
 *
 * Prints "received N" after every 100 frames (for a caller watching the
 * traffic move) and "sent N received N" at the end.  Exit status 0 when
 * every frame sent arrived; 1 when one did not arrive within 20 s (none
 * is sent after it) or a socket call failed; 2 for bad arguments.
 * Frames of other EtherTypes (IPv6 neighbour discovery and the like)
 * are left alone.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define ETHPAIR_TYPE	0x88b5
#define ETHPAIR_MAGIC	"xvcpair"
/* Generous for an emulator under load; a frame takes well under 1 ms. */
#define WAIT_MS		20000
#define PROGRESS_EVERY	100

/* 60 bytes: the shortest frame without its FCS. */
struct frame {
	uint8_t dst[ETH_ALEN];
	uint8_t src[ETH_ALEN];
	uint16_t type;
	char magic[8];
	uint32_t pid;
	uint32_t seq;
	uint8_t pad[30];
} __attribute__((packed));

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void usage(void)
{
	fprintf(stderr, "usage: xvc-ethpair FROM TO [COUNT]\n");
	exit(2);
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

/* A packet socket bound to one interface; protocol 0 receives nothing. */
static int packet_socket(int ifindex, uint16_t protocol)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(protocol),
		.sll_ifindex = ifindex,
	};
	int fd = socket(AF_PACKET, SOCK_RAW, htons(protocol));

	if (fd < 0)
		die("socket(AF_PACKET)");
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)))
		die("bind");
	return fd;
}

static void hw_address(int fd, const char *ifname, uint8_t *mac)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr))
		die(ifname);
	memcpy(mac, ifr.ifr_hwaddr.sa_data, ETH_ALEN);
}

/* Waits for frame seq of ours on fd; 0 once it came, -1 after WAIT_MS. */
static int await_frame(int fd, uint32_t pid, uint32_t seq)
{
	long deadline = now_ms() + WAIT_MS, left;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	struct frame f;
	ssize_t len;

	while ((left = deadline - now_ms()) > 0) {
		if (poll(&pfd, 1, left) < 0) {
			if (errno == EINTR)
				continue;
			die("poll");
		}
		if (!(pfd.revents & POLLIN))
			continue;
		len = recv(fd, &f, sizeof(f), MSG_DONTWAIT);
		if (len < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			die("recv");
		}
		if (len >= (ssize_t)sizeof(f) && f.type == htons(ETHPAIR_TYPE) &&
		    !memcmp(f.magic, ETHPAIR_MAGIC, sizeof(f.magic)) &&
		    ntohl(f.pid) == pid && ntohl(f.seq) == seq)
			return 0;
	}
	return -1;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	unsigned long count = 0, sent = 0, received = 0;
	struct sockaddr_ll to_addr;
	unsigned int from_if, to_if;
	int tx, rx, lost = 0;
	struct frame f;
	char *end;

	if (argc < 3 || argc > 4)
		usage();
	if (argc > 3) {
		errno = 0;
		count = strtoul(argv[3], &end, 0);
		if (errno || end == argv[3] || *end)
			usage();
	}
	from_if = if_nametoindex(argv[1]);
	to_if = if_nametoindex(argv[2]);
	if (!from_if || !to_if || from_if == to_if) {
		fprintf(stderr, "xvc-ethpair: need two different interfaces, got '%s' and '%s'\n",
			argv[1], argv[2]);
		return 2;
	}
	/* No SA_RESTART: a signal ends a poll at once. */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);

	tx = packet_socket(from_if, 0);
	rx = packet_socket(to_if, ETHPAIR_TYPE);
	memset(&f, 0, sizeof(f));
	hw_address(tx, argv[2], f.dst);
	hw_address(tx, argv[1], f.src);
	f.type = htons(ETHPAIR_TYPE);
	memcpy(f.magic, ETHPAIR_MAGIC, sizeof(f.magic));
	f.pid = htonl(getpid());
	memset(&to_addr, 0, sizeof(to_addr));
	to_addr.sll_family = AF_PACKET;
	to_addr.sll_ifindex = from_if;
	to_addr.sll_halen = ETH_ALEN;
	memcpy(to_addr.sll_addr, f.dst, ETH_ALEN);

	while (!stop && (!count || sent < count)) {
		f.seq = htonl(sent);
		if (sendto(tx, &f, sizeof(f), 0, (struct sockaddr *)&to_addr,
			   sizeof(to_addr)) != sizeof(f)) {
			if (errno == EINTR)
				continue;
			die("sendto");
		}
		sent++;
		if (await_frame(rx, getpid(), sent - 1)) {
			fprintf(stderr, "xvc-ethpair: frame %lu from %s did not reach %s within %d s\n",
				sent - 1, argv[1], argv[2], WAIT_MS / 1000);
			lost = 1;
			break;
		}
		received++;
		if (received % PROGRESS_EVERY == 0)
			printf("received %lu\n", received);
	}
	printf("sent %lu received %lu\n", sent, received);
	return lost;
}
