/*
 * fuzz_profiles.c: the public-profile connector judging an answer
 * against the shipped WhatsMyName site list.
 *
 * Input: bytes 0-1 pick the site, byte 2 the answer (fuzz_connector.h's
 * table, whose statuses meet the list's usual e_code and m_code), byte 3
 * a discovery step when odd; the rest is the body.
 */
#include "fuzz_connector.h"
#include "sitelist.h"

static struct ds_sitelist list;

static const char *option(const struct ds_conn_init *ci, const char *name)
{
	(void)ci;
	(void)name;
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static void *state;
	const struct ds_connector *k = ds_connector_find("profiles");
	struct ds_step_info step = {
		.step_id = 1, .kind = DS_STEP_PROFILE,
		.target = "jane_smith", .max_results = 10,
	};
	struct ds_sink s = { .prefix = "http", .max_hits = 1 };
	const struct ds_site *site;
	size_t a;
	char *body;

	FUZZ_ASSERT(k && k->init && k->on_response);
	if (!state) {
		struct ds_conn_init ci = { .option = option };
		struct ds_err err;

		ds_err_init(&err);
		FUZZ_ASSERT(k->init(&state, &ci, &err) == 0);
		FUZZ_ASSERT(ds_sitelist_load(&list, NULL, &err) == 0);
	}
	if (size < 4 || !list.nsites)
		return 0;
	site = &list.sites[(data[0] | (size_t)data[1] << 8) % list.nsites];
	a = data[2] % (sizeof(fuzz_answers) / sizeof(fuzz_answers[0]));
	if (data[3] & 1)
		step.kind = DS_STEP_DISCOVERY;
	step.platform = site->name;
	step.state = state;
	body = fuzz_str(data + 4, size - 4);
	fuzz_respond(k, &step, &s, (void *)site, fuzz_answers[a].outcome,
		     fuzz_answers[a].status, body, size - 4);
	free(body);
	return 0;
}
