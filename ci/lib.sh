# SPDX-License-Identifier: GPL-2.0-only
#
# Shared helpers for the ci/ scripts. Source it; do not run it.

XVC_SRC=${XVC_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
if [ -z "${XVC_CACHE:-}" ]; then
	_home=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
	XVC_CACHE=${_home:-/root}/.cache/xvcell
fi
export XVC_SRC XVC_CACHE

XVC_PROG=${XVC_PROG:-$(basename "$0")}

die() {
	echo "$XVC_PROG: error: $*" >&2
	exit 1
}

note() {
	echo "$XVC_PROG: $*" >&2
}

# run_as_root CMD...: run CMD as root, via sudo when we are not root.
run_as_root() {
	if [ "$(id -u)" = 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		die "need root for: $* (not root and no sudo)"
	fi
}

# kernel_release KDIR: the release string (uname -r) of the kernel KDIR
# builds for. Debian's headers have the true one only in utsrelease.h
# (include/config/kernel.release there holds the upstream version), so read
# that first, then kernel.release, then ask make.
kernel_release() {
	local kdir=$1 r
	r=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' \
		"$kdir/include/generated/utsrelease.h" 2>/dev/null || true)
	[ -n "$r" ] || r=$(cat "$kdir/include/config/kernel.release" 2>/dev/null || true)
	[ -n "$r" ] || r=$(make -s -C "$kdir" kernelrelease 2>/dev/null || true)
	[ -n "$r" ] || die "cannot tell the kernel release of KDIR '$kdir' (no include/generated/utsrelease.h, no include/config/kernel.release)"
	echo "$r"
}
