/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Input format of the fuzz harness, shared with the seed generator.
 *
 *   byte 0: mode
 *   FUZZ_MODE_SYSTEM, FUZZ_MODE_CELL: the rest is one blob
 *   FUZZ_MODE_SYSTEM_CHECK: the rest is blobs, each preceded by its length
 *     as 16-bit little endian; the first is the system, up to
 *     FUZZ_MAX_BLOBS - 1 cells follow
 */
#ifndef XVCELL_TESTS_FUZZ_INPUT_H
#define XVCELL_TESTS_FUZZ_INPUT_H

#define FUZZ_MODE_SYSTEM	0
#define FUZZ_MODE_CELL		1
#define FUZZ_MODE_SYSTEM_CHECK	2
#define FUZZ_MODES		3

#define FUZZ_MAX_BLOBS		5
#define FUZZ_MAX_INPUT		65536

#endif /* XVCELL_TESTS_FUZZ_INPUT_H */
