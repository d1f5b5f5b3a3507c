/*
 * page.c: fetch a declared personal site or blog (a profile step on the
 * "url" platform) as evidence for triage.
 */
#include "connector.h"

static int page_start(const struct ds_step_info *step, struct ds_sink *out,
		      struct ds_err *err)
{
	return ds_sink_fetch(out, step->target, DS_REQ_PAGE, NULL, NULL, err);
}

static int page_on_response(const struct ds_step_info *step, void *tag,
			    const struct ds_response *res,
			    struct ds_sink *out, struct ds_err *err)
{
	struct ds_page page;
	int rc;

	(void)step;
	(void)tag;
	if (res->outcome == DS_OUT_NOT_FOUND) {
		ds_sink_outcome(out, DS_STEP_NOTHING, "the page does not "
				"exist");
		return 0;
	}
	if (res->outcome != DS_OUT_OK)
		return 0;       /* the run maps the fetch outcome */
	rc = ds_page_parse(res->body, res->body_len, res->content_type,
			   res->final_url, NULL, &page, err);
	if (rc)
		return rc;
	if (page.login_wall) {
		ds_sink_outcome(out, DS_STEP_NOT_PUBLIC, "the page asks for a "
				"log-in: not followed");
		ds_page_release(&page);
		return 0;
	}
	rc = ds_sink_page(out, res, &page);
	ds_page_release(&page);
	return rc;
}

/* The platforms whose declared handles it reads. */
static const char *const page_platforms[] = {
	"url", NULL
};

const struct ds_connector ds_connector_page = {
	.abi = DS_CONNECTOR_ABI,
	.name = "page",
	.title = "Public web page",
	.provider = "the site's own operator",
	.location = "wherever the site is hosted",
	.data_sent = "the page address the candidate declared",
	.platforms = page_platforms,
	.steps = DS_STEP_PROFILE,
	.start = page_start,
	.on_response = page_on_response,
};
