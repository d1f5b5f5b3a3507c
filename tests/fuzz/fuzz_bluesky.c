/*
 * fuzz_bluesky.c: the Bluesky connector's parse of a profile and, after
 * a good one, of the account's feed (input format: fuzz_connector.h; bit
 * 0 of byte 1 answers the feed request).
 */
#include "fuzz_connector.h"

static const struct fuzz_conn conn = {
	.name = "bluesky",
	.step = {
		.step_id = 1, .kind = DS_STEP_PROFILE, .platform = "bluesky",
		.target = "jane.bsky.social",
		.base_url = "https://public.api.bsky.app",
	},
	.prefix = "https://public.api.bsky.app/xrpc/app.bsky.",
	.clean = 1,
	.first = "{\"did\": \"did:plc:ewvi7nxzyoun6zhxrhs64oiz\", "
		 "\"handle\": \"jane.bsky.social\", "
		 "\"displayName\": \"Jane Smith\"}",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_connector(&conn, data, size);
	return 0;
}
