/*
 * selftest.c: check every entry of the profile site list with the
 * accounts the list itself says exist, and report the entries that no
 * longer work ("rotten").  No candidate data is involved: only the list's
 * own example accounts are sent.
 */
#include <string.h>
#include <strings.h>

#include "mem.h"
#include "selftest.h"
#include "sitelist.h"

struct st_site {
	const struct ds_site *site;
	unsigned pending, exists, missing, unknown;
	char why[160];
};

static void on_answer(void *user, const struct ds_response *res)
{
	struct st_site *s = user;

	s->pending--;
	switch (res->status ? ds_site_judge(s->site, res->status, res->body,
					    res->body_len) : DS_SITE_UNKNOWN) {
	case DS_SITE_EXISTS:
		s->exists++;
		break;
	case DS_SITE_MISSING:
		s->missing++;
		if (!s->why[0])
			snprintf(s->why, sizeof(s->why), "a known account "
				 "reads as missing (HTTP %ld)", res->status);
		break;
	case DS_SITE_UNKNOWN:
		s->unknown++;
		if (!s->why[0])
			snprintf(s->why, sizeof(s->why), "%s%s%.120s",
				 res->status ? "unexpected answer" :
				 ds_outcome_name(res->outcome),
				 res->detail && res->detail[0] ? ": " : "",
				 res->detail ? res->detail : "");
		break;
	}
}

int ds_profiles_self_test(const struct ds_fetch_conf *fc, const char *path,
			  const char *only, json_t **out,
			  struct ds_selftest_totals *t, struct ds_err *err)
{
	struct ds_sitelist l;
	struct st_site *st = NULL;
	struct ds_fetch *f = NULL;
	json_t *list = NULL;
	size_t i, k;
	int rc;

	*out = NULL;
	memset(t, 0, sizeof(*t));
	rc = ds_sitelist_load(&l, path, err);
	if (rc)
		return rc;
	st = ds_calloc(l.nsites + 1, sizeof(*st));
	rc = st ? ds_fetch_new(&f, fc, err) :
	     ds_err_set(err, DS_ENOMEM, "out of memory");
	for (i = 0; !rc && i < l.nsites; i++) {
		const struct ds_site *s = &l.sites[i];

		st[i].site = s;
		if (only && strcasecmp(only, s->name) != 0)
			continue;
		if (s->unsupported || s->invalid || !s->nknown) {
			t->unsupported++;
			continue;
		}
		t->sites++;
		for (k = 0; !rc && k < s->nknown && k < 2; k++) {
			char *url = ds_site_url(s, s->known[k], 0);

			rc = url ? ds_fetch_add(f, url, DS_REQ_API |
						DS_REQ_NOFOLLOW,
						(const char *const *)s->headers,
						on_answer, &st[i], err) :
			     ds_err_set(err, DS_ENOMEM, "out of memory");
			if (!rc) {
				st[i].pending++;
				t->checks++;
			}
			ds_free(url);
		}
	}
	if (!rc && only && !t->sites && !t->unsupported)
		rc = ds_err_set(err, DS_ENOTFOUND, "no site named '%.40s' in "
				"the site list", only);
	if (!rc)
		rc = ds_fetch_run(f, err);
	if (!rc) {
		list = json_array();
		for (i = 0; i < l.nsites; i++) {
			struct st_site *s = &st[i];
			const char *verdict;

			if (!s->exists && !s->missing && !s->unknown)
				continue;
			if (s->missing)
				verdict = "rotten";
			else if (s->unknown)
				verdict = "inconclusive";
			else
				verdict = "ok";
			if (s->missing)
				t->rotten++;
			else if (s->unknown)
				t->inconclusive++;
			else
				t->ok++;
			json_array_append_new(list, json_pack("{s:s s:s s:s "
				"s:s}", "site", s->site->name, "category",
				s->site->cat ? s->site->cat : "",
				"verdict", verdict, "why", s->why));
		}
		*out = list;
	}
	ds_fetch_free(f);
	ds_free(st);
	ds_sitelist_release(&l);
	return rc;
}
