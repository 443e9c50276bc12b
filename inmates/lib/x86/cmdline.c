/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Command-line parsing.  The loader writes a NUL-terminated string into
 * the reserved page at CMDLINE_ADDRESS; for a multiboot boot, entry.S
 * copies the loader's string there.
 */
#include <inmate.h>

extern char cmdline_page[CMDLINE_SIZE];
void cmdline_init(void)
{
	/* The last byte stays NUL whatever a loader wrote. */
	cmdline_page[CMDLINE_SIZE - 1] = 0;
}

const char *cmdline(void)
{
	return cmdline_page;
}

static bool is_separator(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == 0;
}

/*
 * Finds "name=value" or a bare "name" as a whole word; returns the value
 * (pointing at the separator for a bare name), NULL if absent.  The last
 * occurrence wins, so appended options override earlier ones.
 */
static const char *find_option(const char *name)
{
	size_t name_len = strlen(name);
	const char *p = cmdline_page, *found = NULL;

	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!strncmp(p, name, name_len)) {
			if (p[name_len] == '=')
				found = p + name_len + 1;
			else if (is_separator(p[name_len]))
				found = p + name_len;
		}
		while (!is_separator(*p))
			p++;
	}
	return found;
}

uint64_t cmdline_get_u64(const char *name, uint64_t default_value)
{
	const char *value = find_option(name), *end;
	uint64_t number;

	if (!value)
		return default_value;
	number = strtou64(value, &end);
	if (end == value || !is_separator(*end))
		return default_value;
	return number;
}

bool cmdline_get_str(const char *name, char *buf, size_t size)
{
	const char *value = find_option(name);
	size_t len = 0;

	if (!value || !size)
		return false;
	while (!is_separator(value[len]) && len < size - 1) {
		buf[len] = value[len];
		len++;
	}
	buf[len] = 0;
	return true;
}

bool cmdline_get_bool(const char *name, bool default_value)
{
	char value[8];

	if (!cmdline_get_str(name, value, sizeof(value)))
		return default_value;
	if (!value[0] || !strcmp(value, "1") || !strcmp(value, "yes") ||
	    !strcmp(value, "on") || !strcmp(value, "y"))
		return true;
	if (!strcmp(value, "0") || !strcmp(value, "no") || !strcmp(value, "off") ||
	    !strcmp(value, "n"))
		return false;
	return default_value;
}
