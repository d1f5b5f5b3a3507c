/*
 * fuzz_evidence.c: what evidence import does with a saved file before it
 * touches the case file: file_kind (static in src/evidence.c, which is
 * included here) and, for HTML, the page parse import makes.
 *
 * Checked: the kind follows the magic bytes; an HTML file parses or
 * fails with DS_EDATA or DS_ENOMEM and a message, and a page keeps only
 * absolute links (import has no base URL).
 */
#include "../../src/evidence.c"

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *b = (const char *)data;
	struct ds_page page;
	struct ds_err err;
	const char *kind = file_kind(b, size);
	size_t i;
	int rc;

	if (size >= 5 && memcmp(b, "%PDF-", 5) == 0)
		FUZZ_ASSERT(kind && strcmp(kind, "pdf") == 0);
	else if (size >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
		FUZZ_ASSERT(kind && strcmp(kind, "png") == 0);
	else if (size >= 3 && memcmp(b, "\xff\xd8\xff", 3) == 0)
		FUZZ_ASSERT(kind && strcmp(kind, "jpeg") == 0);
	else
		FUZZ_ASSERT(!kind == !memchr(b, '<', size < 1024 ? size :
					       1024));
	if (!kind || strcmp(kind, "html") != 0)
		return 0;
	ds_err_init(&err);
	rc = ds_page_parse(b, size, NULL, NULL, NULL, &page, &err);
	if (rc) {
		FUZZ_ASSERT(rc == DS_EDATA || rc == DS_ENOMEM);
		FUZZ_ASSERT(err.code == rc && err.msg[0]);
		return 0;
	}
	FUZZ_ASSERT(page.title && page.text);
	for (i = 0; i < page.nlinks; i++)
		FUZZ_ASSERT(strncmp(page.links[i], "http", 4) == 0);
	ds_page_release(&page);
	return 0;
}
