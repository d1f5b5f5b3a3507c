/*
 * sitelist.c: the WhatsMyName site list: parsing, judging, URLs.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "crypto.h"
#include "fetch.h"
#include "mem.h"
#include "sitelist.h"

/*
 * The longest account ds_site_url puts in a URL (longer ones are cut),
 * and the longest URL it builds.  Percent-encoding makes a byte three.
 */
#define ACCOUNT_MAX 255
#define SITE_URL_MAX 8192

/* Does every URL tmpl makes, whatever the account, fit SITE_URL_MAX? */
static int url_fits(const char *tmpl)
{
	const size_t al = strlen("{account}");
	const char *p = tmpl;
	size_t n = 0, len = strlen(tmpl);

	if (len > SITE_URL_MAX)
		return 0;
	while ((p = strstr(p, "{account}"))) {
		n++;
		p += al;
	}
	return len - n * al + n * 3 * ACCOUNT_MAX <= SITE_URL_MAX;
}

static void site_release(struct ds_site *s)
{
	size_t i;

	ds_free(s->name);
	ds_free(s->uri_check);
	ds_free(s->uri_pretty);
	ds_free(s->e_string);
	ds_free(s->m_string);
	ds_free(s->cat);
	ds_free(s->strip_bad_char);
	for (i = 0; i < s->nknown; i++)
		ds_free(s->known[i]);
	ds_free(s->known);
	for (i = 0; s->headers && s->headers[i]; i++)
		ds_free(s->headers[i]);
	ds_free(s->headers);
	memset(s, 0, sizeof(*s));
}

void ds_sitelist_release(struct ds_sitelist *l)
{
	size_t i;

	for (i = 0; i < l->nsites; i++)
		site_release(&l->sites[i]);
	ds_free(l->sites);
	l->sites = NULL;
	l->nsites = 0;
}

/* A string member copied, or NULL (absent or not a string). */
static char *member(const json_t *o, const char *key, int *nomem)
{
	const char *v = json_string_value(json_object_get(o, key));
	char *d;

	if (!v)
		return NULL;
	d = ds_strdup(v);
	if (!d)
		*nomem = 1;
	return d;
}

/* Fill one site from its JSON object. */
static int site_load(struct ds_site *s, const json_t *o, size_t index,
		     struct ds_err *err)
{
	const json_t *known, *headers, *v;
	const char *key;
	int nomem = 0;
	size_t i, n;

	s->name = member(o, "name", &nomem);
	s->uri_check = member(o, "uri_check", &nomem);
	s->uri_pretty = member(o, "uri_pretty", &nomem);
	s->e_string = member(o, "e_string", &nomem);
	s->m_string = member(o, "m_string", &nomem);
	s->cat = member(o, "cat", &nomem);
	s->strip_bad_char = member(o, "strip_bad_char", &nomem);
	if (nomem)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	/* A site that needs a POST body has the account in the body. */
	s->unsupported = json_object_get(o, "post_body") != NULL;
	if (!s->name || !s->uri_check ||
	    (!s->unsupported && !strstr(s->uri_check, "{account}")) ||
	    !json_is_integer(json_object_get(o, "e_code")) || !s->e_string)
		return ds_err_set(err, DS_EDATA, "site list entry %zu (%.40s) "
				  "lacks name, uri_check with {account}, "
				  "e_code or e_string: fix or remove it",
				  index + 1, s->name ? s->name : "no name");
	if (!url_fits(s->uri_check) || (s->uri_pretty &&
					!url_fits(s->uri_pretty)))
		return ds_err_set(err, DS_EDATA, "site list entry %zu (%.40s) "
				  "has a URL template that makes URLs longer "
				  "than %d bytes: shorten it", index + 1,
				  s->name, SITE_URL_MAX);
	s->e_code = (long)json_integer_value(json_object_get(o, "e_code"));
	s->m_code = json_is_integer(json_object_get(o, "m_code")) ?
		    (long)json_integer_value(json_object_get(o, "m_code")) : -1;
	if (!s->m_string) {
		s->m_string = ds_strdup("");
		if (!s->m_string)
			return ds_err_set(err, DS_ENOMEM, "out of memory");
	}
	s->invalid = json_is_false(json_object_get(o, "valid"));
	known = json_object_get(o, "known");
	n = json_is_array(known) ? json_array_size(known) : 0;
	if (n > 16)
		n = 16;
	s->known = ds_calloc(n + 1, sizeof(*s->known));
	if (!s->known)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		const char *k = json_string_value(json_array_get(known, i));

		if (!k)
			continue;
		s->known[s->nknown] = ds_strdup(k);
		if (!s->known[s->nknown])
			return ds_err_set(err, DS_ENOMEM, "out of memory");
		s->nknown++;
	}
	headers = json_object_get(o, "headers");
	if (json_is_object(headers) && json_object_size(headers)) {
		s->headers = ds_calloc(json_object_size(headers) + 1,
				       sizeof(*s->headers));
		if (!s->headers)
			return ds_err_set(err, DS_ENOMEM, "out of memory");
		i = 0;
		json_object_foreach((json_t *)headers, key, v) {
			struct buf b;
			int rc;

			if (!json_is_string(v) || strpbrk(key, "\r\n:") ||
			    strpbrk(json_string_value(v), "\r\n"))
				continue;
			buf_init(&b, 4096);
			rc = buf_addf(&b, "%s: %s", key, json_string_value(v));
			if (rc == DS_ENOMEM)
				return ds_err_set(err, DS_ENOMEM,
						  "out of memory");
			if (rc) {       /* too long: left out */
				buf_release(&b);
				continue;
			}
			s->headers[i] = buf_detach(&b, NULL);
			if (!s->headers[i])
				return ds_err_set(err, DS_ENOMEM,
						  "out of memory");
			i++;
		}
	}
	return 0;
}

int ds_sitelist_parse(struct ds_sitelist *l, const char *json, size_t len,
		      struct ds_err *err)
{
	json_error_t jerr;
	json_t *root, *sites;
	size_t i, n;
	unsigned long failed;
	int rc = 0;

	memset(l, 0, sizeof(*l));
	if (len > DS_SITELIST_MAX_BYTES)
		return ds_err_set(err, DS_EDATA, "the site list is larger "
				  "than %u bytes", DS_SITELIST_MAX_BYTES);
	failed = ds_mem_failures();
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	/* jansson may call an allocation failure a syntax error. */
	if (!root && ds_mem_failures() != failed)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	if (!root)
		return ds_err_set(err, DS_EDATA, "the site list is not valid "
				  "JSON (line %d: %.80s): fix it or use the "
				  "shipped one", jerr.line, jerr.text);
	sites = json_object_get(root, "sites");
	if (!json_is_array(sites)) {
		rc = ds_err_set(err, DS_EDATA, "the site list has no \"sites\" "
				"array: is it in the WhatsMyName format?");
		goto out;
	}
	n = json_array_size(sites);
	if (n > DS_SITELIST_MAX_SITES) {
		rc = ds_err_set(err, DS_EDATA, "the site list has more than %d "
				"sites", DS_SITELIST_MAX_SITES);
		goto out;
	}
	l->sites = ds_calloc(n + 1, sizeof(*l->sites));
	if (!l->sites) {
		rc = ds_err_set(err, DS_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		const json_t *o = json_array_get(sites, i);

		if (!json_is_object(o)) {
			rc = ds_err_set(err, DS_EDATA, "site list entry %zu is "
					"not an object", i + 1);
			break;
		}
		l->nsites++;
		rc = site_load(&l->sites[i], o, i, err);
		if (rc)
			break;
	}
out:
	json_decref(root);
	if (rc)
		ds_sitelist_release(l);
	return rc;
}

int ds_sitelist_load(struct ds_sitelist *l, const char *path,
		     struct ds_err *err)
{
	uint8_t sum[DS_SHA256_LEN];
	char chunk[65536], hex[65];
	struct buf b;
	FILE *f;
	size_t n;
	int rc = 0;

	memset(l, 0, sizeof(*l));
	if (!path) {
		/* The shipped list must be the one its SHA-256 pins. */
		ds_sha256(ds_wmn_data, ds_wmn_data_len, sum);
		ds_hex(sum, sizeof(sum), hex);
		if (strcmp(hex, DS_WMN_SHA256) != 0)
			return ds_err_set(err, DS_ECONFIG, "the built-in site "
					  "list does not match its pinned "
					  "SHA-256: rebuild duesearch");
		return ds_sitelist_parse(l, (const char *)ds_wmn_data,
					 ds_wmn_data_len, err);
	}
	f = fopen(path, "rb");
	if (!f)
		return ds_err_set(err, DS_ECONFIG, "cannot read the site list "
				  "'%s': check [connector profiles] site_list",
				  path);
	buf_init(&b, DS_SITELIST_MAX_BYTES);
	while (!rc && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_add(&b, chunk, n) != 0)
			rc = ds_err_set(err, DS_ECONFIG, "the site list '%s' "
				"is "
					"larger than %u bytes", path,
					DS_SITELIST_MAX_BYTES);
	fclose(f);
	if (!rc)
		rc = ds_sitelist_parse(l, b.ptr, b.len, err);
	buf_release(&b);
	return rc;
}

const char *ds_site_category_canon(const char *cat)
{
	/*
	 * Special-category data (UK GDPR Art. 9) and the protected
	 * characteristics that must never become findings: sex life and
	 * orientation (dating, adult), political opinion, health, religion.
	 * Gambling is not among them: it is a safeguarding concern.  Each
	 * spelling a site list uses maps to the one name a policy writes.
	 */
	static const struct {
		const char *name, *canon;
	} special[] = {
		{ "dating", "dating" },       { "political", "political" },
		{ "politics", "political" },  { "health", "health" },
		{ "medical", "health" },      { "religion", "religion" },
		{ "religious", "religion" },  { "faith", "religion" },
		{ "lgbt", "lgbt" },           { "lgbtq", "lgbt" },
		{ "xx NSFW xx", "adult" },    { "nsfw", "adult" },
		{ "adult", "adult" },
	};
	size_t i;

	if (!cat)
		return NULL;
	for (i = 0; i < sizeof special / sizeof special[0]; i++)
		if (strcasecmp(cat, special[i].name) == 0)
			return special[i].canon;
	return NULL;
}

int ds_site_category_sensitive(const char *cat)
{
	return ds_site_category_canon(cat) != NULL;
}

/* Does body[0..len) contain needle? */
static int contains(const char *body, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	if (n == 0)
		return 1;
	if (n > len)
		return 0;
	for (i = 0; i + n <= len; i++)
		if (body[i] == needle[0] && memcmp(body + i, needle, n) == 0)
			return 1;
	return 0;
}

enum ds_site_verdict ds_site_judge(const struct ds_site *s, long status,
				   const char *body, size_t len)
{
	if (status == s->e_code && contains(body, len, s->e_string))
		return DS_SITE_EXISTS;
	if (status == s->m_code && (!s->m_string[0] ||
				    contains(body, len, s->m_string)))
		return DS_SITE_MISSING;
	return DS_SITE_UNKNOWN;
}

char *ds_site_url(const struct ds_site *s, const char *account, int pretty)
{
	const char *tmpl = pretty && s->uri_pretty ? s->uri_pretty :
			   s->uri_check;
	const char *at = strstr(tmpl, "{account}");
	char clean[ACCOUNT_MAX + 1];
	size_t n = 0;
	struct buf b;

	for (; *account && n + 1 < sizeof(clean); account++)
		if (!s->strip_bad_char || !strchr(s->strip_bad_char, *account))
			clean[n++] = *account;
	clean[n] = '\0';
	buf_init(&b, SITE_URL_MAX);
	while (at) {
		if (buf_add(&b, tmpl, (size_t)(at - tmpl)) != 0 ||
		    ds_url_escape(&b, clean) != 0) {
			buf_release(&b);
			return NULL;
		}
		tmpl = at + strlen("{account}");
		at = strstr(tmpl, "{account}");
	}
	if (buf_adds(&b, tmpl) != 0) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}
