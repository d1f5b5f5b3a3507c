/*
 * fuzz_sitelist.c: ds_sitelist_parse, a site list in the WhatsMyName
 * format (a user may point site_list at their own file).
 *
 * A list that parses has every site's URLs built for an ordinary handle
 * and for a hostile one, and each site judges the input as an answer.
 * Checked: the promised fields are there; a handle never brings a '/',
 * '?', '#', '@', ':', '&', '\\' or space the site's template does not
 * have into a URL; header lines are single lines.
 */
#include "fuzz.h"
#include "sitelist.h"

/* Characters a handle must never bring into a URL. */
static const char structural[] = "/?#@:& \\";

static void check_url(const struct ds_site *s, const char *account,
		      int pretty)
{
	const char *tmpl = pretty && s->uri_pretty ? s->uri_pretty :
			   s->uri_check;
	char *url = ds_site_url(s, account, pretty);
	size_t i;

	FUZZ_ASSERT(url != NULL);
	for (i = 0; structural[i]; i++)
		if (!strchr(tmpl, structural[i]))
			FUZZ_ASSERT(!strchr(url, structural[i]));
	ds_free(url);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ds_sitelist l;
	struct ds_err err;
	size_t i, k;

	ds_err_init(&err);
	if (ds_sitelist_parse(&l, (const char *)data, size, &err) != 0) {
		FUZZ_ASSERT(err.code == DS_EDATA || err.code == DS_ENOMEM);
		FUZZ_ASSERT(err.msg[0] && l.nsites == 0 && !l.sites);
		return 0;
	}
	for (i = 0; i < l.nsites && i < 64; i++) {
		const struct ds_site *s = &l.sites[i];

		FUZZ_ASSERT(s->name && s->uri_check && s->e_string);
		FUZZ_ASSERT(s->m_string);
		FUZZ_ASSERT(s->unsupported || strstr(s->uri_check,
						     "{account}"));
		FUZZ_ASSERT(s->nknown <= 16);
		for (k = 0; s->headers && s->headers[k]; k++) {
			FUZZ_ASSERT(strstr(s->headers[k], ": "));
			FUZZ_ASSERT(!strpbrk(s->headers[k], "\r\n"));
		}
		check_url(s, "jane_smith.99", 0);
		check_url(s, "jane_smith.99", 1);
		check_url(s, "../a/b?c=d#e@f:g&h i\\%2F{account}", 0);
		check_url(s, "../a/b?c=d#e@f:g&h i\\%2F{account}", 1);
		(void)ds_site_judge(s, s->e_code, (const char *)data, size);
		(void)ds_site_judge(s, s->m_code, (const char *)data, size);
		(void)ds_site_category_sensitive(s->cat);
	}
	ds_sitelist_release(&l);
	return 0;
}
