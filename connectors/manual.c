/*
 * manual.c: platforms whose terms forbid automated access (Facebook,
 * Instagram, X, TikTok, LinkedIn, Threads, Snapchat).  No request is
 * sent: the step becomes a checklist item for the searcher (what to open,
 * what to look for, that no log-in is allowed), and the saved page is
 * imported with 'duesearch evidence import --step ID FILE', to be parsed
 * and triaged like any fetched page.  Until then the step shows as open
 * in every report.
 */
#include <stdio.h>
#include <string.h>

#include "connector.h"

/* Where a person looks for a handle on each platform. */
static const struct {
	const char *platform, *prefix, *suffix;
} where[] = {
	{ "x", "https://x.com/", "" },
	{ "instagram", "https://www.instagram.com/", "/" },
	{ "facebook", "https://www.facebook.com/", "" },
	{ "tiktok", "https://www.tiktok.com/@", "" },
	{ "linkedin", "https://www.linkedin.com/in/", "/" },
	{ "threads", "https://www.threads.net/@", "" },
	{ "snapchat", "https://www.snapchat.com/add/", "" },
};

static int manual_start(const struct ds_step_info *step, struct ds_sink *out,
			struct ds_err *err)
{
	char text[512];
	size_t i;

	(void)err;
	for (i = 0; i < sizeof(where) / sizeof(where[0]); i++)
		if (step->platform && strcmp(where[i].platform,
					     step->platform) == 0)
			break;
	/*
	 * The checklist names the platform and where to look, never the
	 * handle itself: step details are stored in clear, the handle only
	 * sealed (it is shown from there, as the step's target).
	 */
	if (i < sizeof(where) / sizeof(where[0]))
		snprintf(text, sizeof(text), "open %sHANDLE%s (the handle is "
			 "this step's target) in a private window without "
			 "logging in; if the profile is public, look for the "
			 "safeguarding concerns in the policy; save the page "
			 "(HTML or PDF) and import it with 'duesearch evidence "
			 "import --step %lld FILE'; a log-in wall means not "
			 "public: settle it with 'duesearch evidence settle "
			 "--step %lld --outcome not-public'", where[i].prefix,
			 where[i].suffix, (long long)step->step_id,
			 (long long)step->step_id);
	else
		snprintf(text, sizeof(text), "look up this step's target on %s "
			 "by hand without logging in; save what is public and "
			 "import it with 'duesearch evidence import --step "
			 	"%lld "
			 "FILE'", step->platform ? step->platform :
			 "the platform", (long long)step->step_id);
	ds_sink_outcome(out, DS_STEP_MANUAL_OPEN, text);
	return 0;
}

/* The platforms whose declared handles it reads. */
static const char *const manual_platforms[] = {
	"x", "instagram", "facebook", "tiktok", "linkedin",
	"threads", "snapchat", NULL
};

const struct ds_connector ds_connector_manual = {
	.abi = DS_CONNECTOR_ABI,
	.name = "manual",
	.title = "Manual capture (platforms that forbid automated access)",
	.provider = "nobody: the searcher opens the page in a browser",
	.location = "the searcher's own browser",
	.data_sent = "nothing by duesearch; the searcher's browser sends the "
		     "profile address",
	.platforms = manual_platforms,
	.steps = DS_STEP_PROFILE | DS_STEP_MANUAL,
	.flags = DS_CONN_MANUAL,
	.start = manual_start,
};
