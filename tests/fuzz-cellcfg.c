// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness of lib/cellcfg: parse_system, parse_cell and the system
 * check, with every reported issue formatted.  Each blob is copied into a
 * buffer of exactly its size so that AddressSanitizer sees any read past
 * the end.  Input format: fuzz-input.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cellcfg.h"
#include "fuzz-input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void format_issue(const struct cellcfg_issue *issue, void *ctx)
{
	char buf[96], tiny[5];
	uint32_t len;

	(void)ctx;
	len = cellcfg_format(issue, buf, sizeof(buf));
	if (len < sizeof(buf) && buf[len] != '\0')
		abort();
	cellcfg_format(issue, tiny, sizeof(tiny));
	if (tiny[sizeof(tiny) - 1] != '\0' && len >= sizeof(tiny))
		abort();
}

/* An exact-size copy, 8-byte aligned as malloc memory is. */
static void *copy_blob(const uint8_t *data, size_t size)
{
	void *copy = malloc(size ? size : 1);

	if (copy && size)
		memcpy(copy, data, size);
	return copy;
}

static void fuzz_one(const uint8_t *data, size_t size, int system)
{
	struct cellcfg_view view;
	void *blob = copy_blob(data, size);

	if (!blob)
		return;
	if (system)
		cellcfg_parse_system(blob, size, &view, format_issue, NULL);
	else
		cellcfg_parse_cell(blob, size, &view, format_issue, NULL);
	free(blob);
}

static void fuzz_system_check(const uint8_t *data, size_t size)
{
	struct cellcfg_view views[FUZZ_MAX_BLOBS];
	void *blobs[FUZZ_MAX_BLOBS];
	size_t len;
	int n = 0, i;

	while (n < FUZZ_MAX_BLOBS && size >= 2) {
		len = data[0] | (size_t)data[1] << 8;
		data += 2;
		size -= 2;
		if (len > size)
			len = size;
		blobs[n] = copy_blob(data, len);
		if (!blobs[n])
			break;
		if (n == 0)
			cellcfg_parse_system(blobs[n], len, &views[n],
					     format_issue, NULL);
		else
			cellcfg_parse_cell(blobs[n], len, &views[n],
					   format_issue, NULL);
		data += len;
		size -= len;
		n++;
	}
	if (n > 0)
		cellcfg_check_system(&views[0], &views[1], n - 1, format_issue,
				     NULL);
	for (i = 0; i < n; i++)
		free(blobs[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > FUZZ_MAX_INPUT)
		return 0;
	switch (data[0] % FUZZ_MODES) {
	case FUZZ_MODE_SYSTEM:
		fuzz_one(data + 1, size - 1, 1);
		break;
	case FUZZ_MODE_CELL:
		fuzz_one(data + 1, size - 1, 0);
		break;
	default:
		fuzz_system_check(data + 1, size - 1);
		break;
	}
	return 0;
}
