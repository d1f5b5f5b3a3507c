/*
 * fuzz_incons.c: the application's claims set against a stranger's page
 * text (incons.h): ds_incons_check with a fixed set of claims, and the
 * date, range, role and award readers on the same text.
 *
 * Checked: the explanation is NUL-terminated inside its buffer, empty
 * when nothing contradicts, and names the application and the page when
 * something does; a range never ends before it starts; the readers'
 * values stay in their documented ranges.
 */
#include <jansson.h>

#include "fuzz.h"
#include "incons.h"

static const struct ds_plan_anchors anchors = {
	.name = "Jane Anne Smith",
	.known_as = { "Janey Smith" }, .nknown_as = 1,
	.previous_name = { "Jane Brown" }, .nprevious_name = 1,
};

static const char claims[] =
	"[{\"kind\":\"employment\",\"organisation\":\"Oak Primary "
	"School\",\"role\":\"Head of Year 6\",\"from\":\"2019-09\","
	"\"to\":\"current\"},{\"kind\":\"employment\",\"organisation\":"
	"\"St Mary's Academy\",\"role\":\"Teaching Assistant\",\"from\":"
	"\"2015\",\"to\":\"2019-08\"},{\"kind\":\"qualification\","
	"\"title\":\"BA (Hons) History, 2:1\",\"institution\":"
	"\"University of Exbury\",\"year\":\"2014\"},{\"kind\":"
	"\"qualification\",\"title\":\"Level 3 Diploma in Childcare\","
	"\"institution\":\"Exbury College\",\"year\":\"2012\"}]";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ds_incons *c;
	char out[1200], *text;
	long f, t, m;
	int span, r;

	if (!c) {
		json_t *j = json_loads(claims, 0, NULL);

		FUZZ_ASSERT(j && ds_incons_load(j, &c) == 0 && c);
		json_decref(j);
	}
	text = fuzz_str(data, size);
	r = ds_incons_check(c, &anchors, text, size, size & 1 ?
			    "Jane Smith | Staff" : "Staff | Oak Primary School",
			    "http://x.example/2020/news", NULL, (int)(size & 2),
			    out, sizeof(out));
	FUZZ_ASSERT(memchr(out, '\0', sizeof(out)));
	FUZZ_ASSERT(r ? strstr(out, "Application: ") != NULL : !out[0]);
	if (ds_incons_range(text, size, &f, &t))
		FUZZ_ASSERT(t >= f);
	if (ds_incons_date(text, size, 2020, &m, &span))
		FUZZ_ASSERT(m >= 1950 * 12 && (span == 1 || span == 12));
	r = ds_incons_role_rank(text, size);
	FUZZ_ASSERT(r >= 0 && r <= 5);
	r = ds_incons_qual_level(text, size);
	FUZZ_ASSERT(r >= 0 && r <= 8);
	r = ds_incons_degree_class(text, size);
	FUZZ_ASSERT(r >= 0 && r <= 4);
	ds_free(text);
	return 0;
}
