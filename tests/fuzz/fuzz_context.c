/*
 * fuzz_context.c: what the context reading (context.h) makes of a
 * stranger's page text: ds_context_find and ds_context_judge with the
 * built-in taxonomy.
 *
 * Checked: passages are in order, inside the text, not empty and do not
 * overlap, each with a known role; a finding comes with its explanation
 * (valid UTF-8 when the text is) and counts only the candidate's own
 * conduct (its set-aside roles are never actor or own words).
 */
#include "context.h"
#include "fuzz.h"
#include "text.h"

static const struct ds_plan_anchors anchors = {
	.name = "Jane Smith",
	.known_as = { "Janey Smith" }, .nknown_as = 1,
	.previous_name = { "Jane Brown" }, .nprevious_name = 1,
	.location = { "Leeds" }, .nlocation = 1,
	.employer = { "Oak Primary School" }, .nemployer = 1,
	.school = { "Leeds Trinity" }, .nschool = 1,
	.handle_platform = { "forum", "url" },
	.handle = { "janes_teach", "https://janes.example/" }, .nhandles = 2,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ds_taxonomy *t;
	struct ds_identity_conf ic;
	struct ds_judgement j;
	struct ds_context c;
	struct ds_err err;
	size_t i;
	char *text;

	ds_err_init(&err);
	if (!t)
		FUZZ_ASSERT(ds_taxonomy_default(&t, &err) == 0);
	text = fuzz_str(data, size);
	FUZZ_ASSERT(ds_context_find(&anchors, text, size, "https://x.example/"
				    "policies/1", "Title", size & 1, &c) == 0);
	for (i = 0; i < c.n; i++) {
		FUZZ_ASSERT(c.p[i].start < c.p[i].end);
		FUZZ_ASSERT(c.p[i].end <= size);
		FUZZ_ASSERT(i == 0 || c.p[i - 1].end <= c.p[i].start);
		FUZZ_ASSERT(c.p[i].role > DS_CTX_NONE &&
			    c.p[i].role < DS_CTX_COUNT);
	}
	ds_context_release(&c);
	ds_identity_conf_default(&ic);
	FUZZ_ASSERT(ds_context_judge(t, &anchors, &ic, text, size,
				     "https://janes.example/", NULL, size & 2,
				     &j, &err) == 0);
	FUZZ_ASSERT(memchr(j.explain, '\0', sizeof(j.explain)));
	FUZZ_ASSERT(!(j.set_aside & ((1u << DS_CTX_ACTOR) |
				     (1u << DS_CTX_OWN))));
	if (j.tr.cats) {
		FUZZ_ASSERT(j.id.level != DS_ID_NOT);
		FUZZ_ASSERT(strncmp(j.explain, "sentences: ", 11) == 0);
		if (ds_utf8_valid(text, size))
			FUZZ_ASSERT(ds_utf8_valid(j.explain,
						  strlen(j.explain)));
	}
	free(text);
	return 0;
}
