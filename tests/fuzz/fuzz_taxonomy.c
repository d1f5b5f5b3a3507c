/*
 * fuzz_taxonomy.c: ds_taxonomy_parse, an organisation's taxonomy file
 * (INI), then ds_triage_text with it.
 *
 * Input: the taxonomy, then a FUZZ_SEP line, then the text to triage
 * (without one, the taxonomy's own text is triaged).
 */
#include "fuzz.h"
#include "text.h"
#include "triage.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct ds_taxonomy *t = NULL;
	struct ds_triage_result r;
	struct ds_err err;
	char *tax, *text, cats[512];
	size_t tl, xl, i, n;
	int rc;

	ds_err_init(&err);
	if (!ready) {
		ready = 1;
		/* The built-in file parses: the target is not blind. */
		FUZZ_ASSERT(ds_taxonomy_default(&t, &err) == 0);
		ds_taxonomy_free(t);
		t = NULL;
	}
	fuzz_split(data, size, &tax, &tl, &text, &xl);
	rc = ds_taxonomy_parse(&t, tax, tl, "fuzz.ini", &err);
	if (rc) {
		FUZZ_ASSERT(rc == DS_ECONFIG || rc == DS_ENOMEM);
		FUZZ_ASSERT(err.code == rc && err.msg[0] && !t);
		goto out;
	}
	n = ds_taxonomy_ncats(t);
	FUZZ_ASSERT(n >= 1 && n <= DS_TAX_MAX_CATS);
	for (i = 0; i < n; i++)
		FUZZ_ASSERT(ds_taxonomy_cat_name(t, i) != NULL);
	rc = ds_triage_text(t, text ? text : tax, text ? xl : tl, &r, &err);
	FUZZ_ASSERT(rc == 0);
	FUZZ_ASSERT(r.severity >= 0 && r.severity <= 3);
	FUZZ_ASSERT(!r.cats || r.severity > 0);
	FUZZ_ASSERT((r.cats >> n) == 0);
	FUZZ_ASSERT(memchr(r.excerpt, '\0', sizeof(r.excerpt)));
	ds_triage_cats_format(t, r.cats, cats, sizeof(cats));
	FUZZ_ASSERT(memchr(cats, '\0', sizeof(cats)));
out:
	ds_taxonomy_free(t);
	free(tax);
	free(text);
	return 0;
}
