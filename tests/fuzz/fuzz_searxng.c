/*
 * fuzz_searxng.c: the SearXNG connector's parse of a search answer
 * (input format: fuzz_connector.h).
 */
#include "fuzz_connector.h"

static const struct fuzz_conn conn = {
	.name = "searxng",
	.step = {
		.step_id = 1, .kind = DS_STEP_WEB,
		.query = "\"Jane Smith\" Leeds",
		.base_url = "http://127.0.0.1:8888/", .lookback_days = 30,
	},
	.prefix = "http://127.0.0.1:8888/search?",
	.clean = 0,             /* SearXNG's text is kept as it came */
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_connector(&conn, data, size);
	return 0;
}
