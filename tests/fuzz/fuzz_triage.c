/*
 * fuzz_triage.c: what triage makes of a stranger's page text, with the
 * built-in taxonomy: ds_triage_text and ds_identity_score.
 *
 * Checked: the excerpt is valid UTF-8 of at most DS_EXCERPT_MAX
 * characters when the text is valid UTF-8 (as page text always is),
 * a finding has a severity, and the identity level agrees with the
 * score and the thresholds.
 */
#include "fuzz.h"
#include "text.h"
#include "triage.h"

static const struct ds_plan_anchors anchors = {
	.name = "Jane Smith",
	.known_as = { "Janey Smith" }, .nknown_as = 1,
	.previous_name = { "Jane Brown" }, .nprevious_name = 1,
	.location = { "Leeds", "Saint-\xc3\x89tienne" }, .nlocation = 2,
	.employer = { "Oak Primary School" }, .nemployer = 1,
	.school = { "Leeds Trinity" }, .nschool = 1,
	.handle_platform = { "x", "mastodon" },
	.handle = { "janes", "jane@social.example" }, .nhandles = 2,
};

static size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ds_taxonomy *t;
	struct ds_identity_conf ic;
	struct ds_identity_result id;
	struct ds_triage_result r;
	struct ds_err err;
	char *text;
	int valid;

	ds_err_init(&err);
	if (!t)
		FUZZ_ASSERT(ds_taxonomy_default(&t, &err) == 0);
	text = fuzz_str(data, size);
	valid = ds_utf8_valid(text, size);
	FUZZ_ASSERT(ds_triage_text(t, text, size, &r, &err) == 0);
	FUZZ_ASSERT(!r.cats || (r.severity >= 1 && r.severity <= 3));
	FUZZ_ASSERT(!r.protected_only || !r.cats);
	FUZZ_ASSERT(memchr(r.excerpt, '\0', sizeof(r.excerpt)));
	if (valid) {
		FUZZ_ASSERT(ds_utf8_valid(r.excerpt, strlen(r.excerpt)));
		FUZZ_ASSERT(utf8_chars(r.excerpt) <= DS_EXCERPT_MAX);
	}
	ds_identity_conf_default(&ic);
	ds_identity_score(&anchors, text, size, "https://social.example/@x",
			  size & 1, &ic, &id);
	FUZZ_ASSERT(id.level >= DS_ID_NOT && id.level <= DS_ID_CONFIRMED);
	FUZZ_ASSERT(id.level != DS_ID_CONFIRMED || id.score >= ic.confirmed ||
		    (id.matched & DS_MATCH_DECLARED));
	free(text);
	return 0;
}
