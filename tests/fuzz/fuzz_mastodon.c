/*
 * fuzz_mastodon.c: the Mastodon connector's parse of an account lookup
 * and, after a good one, of the account's posts (input format:
 * fuzz_connector.h; bit 0 of byte 1 answers the posts request).  The
 * instance comes from the handle: no request may go anywhere else.
 */
#include "fuzz_connector.h"

static const struct fuzz_conn conn = {
	.name = "mastodon",
	.step = {
		.step_id = 1, .kind = DS_STEP_PROFILE, .platform = "mastodon",
		.target = "jsmith@social.example",
	},
	.prefix = "https://social.example/api/v1/accounts/",
	.clean = 1,
	.first = "{\"id\": \"109876543210\", \"username\": \"jsmith\", "
		 "\"acct\": \"jsmith\", \"display_name\": \"Jane Smith\", "
		 "\"url\": \"https://social.example/@jsmith\"}",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_connector(&conn, data, size);
	return 0;
}
