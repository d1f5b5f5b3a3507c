/*
 * fuzz_brave.c: the Brave Search connector's parse of a web or news
 * answer and of its error answers (input format: fuzz_connector.h).
 */
#include "fuzz_connector.h"

static const struct fuzz_conn conn = {
	.name = "brave",
	.step = {
		.step_id = 1, .kind = DS_STEP_WEB,
		.query = "\"Jane Smith\" Leeds",
		.base_url = "https://api.search.brave.com",
		.api_key = "BSA-fuzz-key-0123456789", .lookback_days = 30,
	},
	.prefix = "https://api.search.brave.com/",
	.clean = 1,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_connector(&conn, data, size);
	return 0;
}
