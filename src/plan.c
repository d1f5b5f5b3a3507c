/*
 * plan.c: search plans, their canonical form and their expansion.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "crypto.h"
#include "mem.h"
#include "plan.h"
#include "text.h"

/*
 * The default plan: kind, connector (NULL: the search one), template.
 * What a careful searcher asks: every name the candidate is known by,
 * alone and with each qualifier from the application (locations,
 * employers, schools and places of study); news for every name, and for
 * the legal name with the town and the employers; each declared handle as
 * text (usernames are reused across sites and in forum signatures), a
 * declared website's pages (site:host), then each profile.  Identical
 * queries are asked once (ds_plan_expand_all).
 */
static const struct {
	const char *kind, *connector, *tmpl;
} default_steps[] = {
	{ "web", NULL, "\"{any_name}\"" },
	{ "web", NULL, "\"{any_name}\" {location}" },
	{ "web", NULL, "\"{any_name}\" \"{employer}\"" },
	{ "web", NULL, "\"{any_name}\" \"{school}\"" },
	{ "web", NULL, "\"{surname}\" \"{employer}\"" },
	{ "news", NULL, "\"{any_name}\"" },
	{ "news", NULL, "\"{name}\" {location}" },
	{ "news", NULL, "\"{name}\" \"{employer}\"" },
	{ "web", NULL, "\"{handle}\"" },
	{ "web", NULL, "site:{site}" },
	{ "web", NULL, "site:{site} {given_name}" },
	{ "profile", "auto", "{handle}" },
};

void ds_plan_default(struct ds_plan *p, const char *search)
{
	char line[256];
	size_t i;

	memset(p, 0, sizeof(*p));
	p->lookback_days = 3650;
	for (i = 0; i < sizeof(default_steps) / sizeof(default_steps[0]);
	     i++) {
		snprintf(line, sizeof(line), "%s %s %s", default_steps[i].kind,
			 default_steps[i].connector ?
			 default_steps[i].connector : search,
			 default_steps[i].tmpl);
		ds_plan_add_line(p, line, NULL);
	}
}

static const char *const vars[] = {
	"name", "known_as", "previous_name", "any_name", "location",
	"employer", "school", "handle", "site", "given_name", "surname",
	NULL
};

/* Check every {variable} in a template is known. */
static int check_template(const char *t, struct ds_err *err)
{
	const char *p = t, *end;
	size_t i, n;

	while ((p = strchr(p, '{'))) {
		end = strchr(p, '}');
		if (!end)
			return ds_err_set(err, DS_EDATA, "plan template "
				"'%.80s' "
					  "has an unclosed '{'", t);
		n = (size_t)(end - p - 1);
		for (i = 0; vars[i]; i++)
			if (strlen(vars[i]) == n &&
			    strncmp(vars[i], p + 1, n) == 0)
				break;
		if (!vars[i])
			return ds_err_set(err, DS_EDATA, "plan template "
				"'%.80s' "
					  "uses an unknown variable: use "
					  	"{name}, "
					  "{known_as}, {previous_name}, "
					  "{any_name}, {location}, {employer}, "
					  "{school}, {handle}, {site}, "
					  "{given_name} or {surname}", t);
		p = end + 1;
	}
	return 0;
}

int ds_plan_add_line(struct ds_plan *p, const char *line,
		     struct ds_err *err)
{
	struct ds_plan_step *s;
	char kind[16];
	const char *q = line, *w;
	size_t n;

	if (p->nsteps >= DS_PLAN_MAX_STEPS)
		return ds_err_set(err, DS_EDATA, "a plan has at most %d steps",
				  DS_PLAN_MAX_STEPS);
	s = &p->steps[p->nsteps];
	memset(s, 0, sizeof(*s));
	while (*q == ' ')
		q++;
	w = strchr(q, ' ');
	n = w ? (size_t)(w - q) : strlen(q);
	if (!w || n >= sizeof(kind))
		goto bad;
	memcpy(kind, q, n);
	kind[n] = '\0';
	s->kind = ds_step_kind_parse(kind);
	if (!s->kind)
		return ds_err_set(err, DS_EDATA, "plan step '%.80s': unknown "
				  "kind '%s': use web, news, profile, "
				  "discovery or manual", line, kind);
	q = w;
	while (*q == ' ')
		q++;
	w = strchr(q, ' ');
	n = w ? (size_t)(w - q) : strlen(q);
	if (n == 0 || n >= sizeof(s->connector))
		goto bad;
	memcpy(s->connector, q, n);
	s->connector[n] = '\0';
	if (strcmp(s->connector, "auto") != 0 &&
	    !ds_connector_find(s->connector))
		return ds_err_set(err, DS_EDATA, "plan step '%.80s': unknown "
				  "connector '%s': see 'duesearch connectors "
				  "list'", line, s->connector);
	q = w ? w : q + n;
	while (*q == ' ')
		q++;
	if (!*q || strlen(q) > DS_PLAN_TEMPLATE_MAX)
		goto bad;
	/* The plan is stored as JSON, which holds UTF-8 text only. */
	if (ds_text_check("a plan step's template", q, DS_PLAN_TEMPLATE_MAX,
			  err))
		return DS_EDATA;
	snprintf(s->tmpl, sizeof(s->tmpl), "%s", q);
	if (check_template(s->tmpl, err))
		return DS_EDATA;
	/* Web and news steps may search a handle as text. */
	if ((s->kind == DS_STEP_PROFILE || s->kind == DS_STEP_DISCOVERY) &&
	    !strstr(s->tmpl, "{handle}"))
		return ds_err_set(err, DS_EDATA, "plan step '%.80s': profile "
				  "and discovery steps use {handle}", line);
	if (s->kind == DS_STEP_MANUAL && strstr(s->tmpl, "{handle}"))
		return ds_err_set(err, DS_EDATA, "plan step '%.80s': a manual "
				  "step cannot use {handle}: use a profile "
				  "step", line);
	p->nsteps++;
	return 0;
bad:
	return ds_err_set(err, DS_EDATA, "bad plan step '%.80s': write KIND "
			  "CONNECTOR TEMPLATE, e.g. web searxng \"{name}\"",
			  line);
}

json_t *ds_plan_to_json(const struct ds_plan *p)
{
	json_t *steps = json_array();
	size_t i;

	for (i = 0; i < p->nsteps; i++)
		json_array_append_new(steps, json_pack("{s:s s:s s:s}",
			"kind", ds_step_kind_name(p->steps[i].kind),
			"connector", p->steps[i].connector,
			"template", p->steps[i].tmpl));
	return json_pack("{s:i s:o}", "lookback_days", p->lookback_days,
			 "steps", steps);
}

int ds_plan_from_json(struct ds_plan *p, const json_t *j,
		      struct ds_err *err)
{
	json_t *steps, *s;
	char line[512];
	size_t i;

	memset(p, 0, sizeof(*p));
	steps = json_object_get(j, "steps");
	if (!json_is_array(steps) ||
	    !json_is_integer(json_object_get(j, "lookback_days")))
		return ds_err_set(err, DS_EDATA, "a stored plan is damaged: "
				  "restore a backup");
	p->lookback_days = (int)json_integer_value(json_object_get(j,
							"lookback_days"));
	json_array_foreach(steps, i, s) {
		const char *k = json_string_value(json_object_get(s, "kind"));
		const char *c = json_string_value(json_object_get(s,
								  "connector"));
		const char *t = json_string_value(json_object_get(s,
								  "template"));

		if (!k || !c || !t)
			return ds_err_set(err, DS_EDATA, "a stored plan is "
					  "damaged: restore a backup");
		snprintf(line, sizeof(line), "%s %s %s", k, c, t);
		if (ds_plan_add_line(p, line, err))
			return DS_EDATA;
	}
	return 0;
}

int ds_plan_hash(const struct ds_plan *p, char hex[65])
{
	uint8_t sum[DS_SHA256_LEN];
	json_t *j = ds_plan_to_json(p);
	char *s = j ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS) : NULL;

	json_decref(j);
	if (!s)
		return DS_ENOMEM;
	ds_sha256(s, strlen(s), sum);
	free(s);
	ds_hex(sum, sizeof(sum), hex);
	return 0;
}

const char *ds_plan_profile_connector(const char *platform)
{
	/* Which connector reads which platform is the connectors' metadata. */
	const struct ds_connector *c = ds_connector_for_platform(platform,
								 NULL);

	return c ? c->name : NULL;
}

/*
 * Values worked out from the anchors for one expansion: every name the
 * candidate is known by, and each handle as text.  The strings live in
 * store, so the expansion allocates nothing.
 */
struct derived {
	char store[4096];
	size_t used;
	const char *any_name[DS_PLAN_MAX_NAMES];
	size_t nany_name;
	const char *handle_text[32];
	const char *site[32];   /* the hosts of declared websites */
	size_t nsite;
	const char *given[DS_PLAN_MAX_NAMES];   /* first words of names */
	size_t ngiven;
	const char *surname[DS_PLAN_MAX_NAMES]; /* their surnames, once */
	size_t nsurname;
};

/* Copy n bytes of s into d's store; NULL when it is full. */
static const char *stash(struct derived *d, const char *s, size_t n)
{
	char *p;

	if (d->used + n + 1 > sizeof(d->store))
		return NULL;
	p = d->store + d->used;
	memcpy(p, s, n);
	p[n] = '\0';
	d->used += n + 1;
	return p;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Equal but for ASCII case and runs of white space. */
static int same_text(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' && (a[1] == ' ' || a[1] == '\0'))
			a++;
		while (*b == ' ' && (b[1] == ' ' || b[1] == '\0'))
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		if (lower(*a) != lower(*b))
			return 0;
		a++;
		b++;
	}
}

static void add_name(struct derived *d, const char *name)
{
	size_t i;

	if (!name || !*name || d->nany_name >= DS_PLAN_MAX_NAMES)
		return;
	for (i = 0; i < d->nany_name; i++)
		if (same_text(d->any_name[i], name))
			return;
	d->any_name[d->nany_name++] = name;
}

/* Words that belong to the surname before it: "van der Berg". */
static int particle(const char *w, size_t n)
{
	static const char *const words[] = {
		"van", "von", "der", "den", "de", "del", "della", "da", "di",
		"du", "la", "le", "ter", "ten", "bin", "ibn", "al", "el", "st",
		"st.", "dos", "das", NULL
	};
	size_t i;

	for (i = 0; words[i]; i++)
		if (strlen(words[i]) == n && strncmp(words[i], w, n) == 0)
			return 1;
	return 0;
}

/* A name's words (up to 16; more says there were more) and the first
 * word of its surname, particles included ("van der Berg"). */
struct name_words {
	const char *w[16];
	size_t len[16], n, first_sur;
	int more;
};

static void name_split(const char *name, struct name_words *nw)
{
	const char *p = name;

	nw->n = 0;
	while (*p && nw->n < 16) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		nw->w[nw->n] = p;
		while (*p && *p != ' ')
			p++;
		nw->len[nw->n] = (size_t)(p - nw->w[nw->n]);
		nw->n++;
	}
	nw->more = *p != '\0';
	nw->first_sur = nw->n ? nw->n - 1 : 0;
	while (nw->first_sur > 1 && particle(nw->w[nw->first_sur - 1],
					     nw->len[nw->first_sur - 1]))
		nw->first_sur--;
}

/*
 * A name without its middle names: the first name and the surname (with
 * its particles), or NULL when the name has no middle name.
 */
static const char *short_name(struct derived *d, const char *name)
{
	struct name_words nw;
	char buf[DS_PLAN_TEMPLATE_MAX + 1];
	size_t n, k;

	name_split(name, &nw);
	if (nw.n < 3 || nw.more || nw.first_sur <= 1)
		return NULL;
	n = (size_t)snprintf(buf, sizeof(buf), "%.*s", (int)nw.len[0],
			     nw.w[0]);
	for (k = nw.first_sur; k < nw.n && n < sizeof(buf); k++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, " %.*s",
				      (int)nw.len[k], nw.w[k]);
	if (n >= sizeof(buf))
		return NULL;
	return stash(d, buf, n);
}

/* A name's surname with its particles ("van der Berg"), or NULL for a
 * name of one word. */
static const char *surname_of(struct derived *d, const char *name)
{
	struct name_words nw;

	name_split(name, &nw);
	if (nw.n < 2)
		return NULL;
	return stash(d, nw.w[nw.first_sur],
		     (size_t)(nw.w[nw.n - 1] + nw.len[nw.n - 1] -
			      nw.w[nw.first_sur]));
}

/*
 * A handle as a person would write it in text: a site's host without
 * "www.", a fediverse address's user name, a Bluesky handle's first label
 * when it is hosted under another's domain; else the handle itself.
 */
static const char *handle_text(struct derived *d, const char *platform,
			       const char *h)
{
	const char *p, *end, *at;

	if (strcmp(platform, "url") == 0) {
		p = strstr(h, "://");
		p = p ? p + 3 : h;
		if (strncmp(p, "www.", 4) == 0)
			p += 4;
		end = p + strcspn(p, ":/?#");
		return end > p ? stash(d, p, (size_t)(end - p)) : h;
	}
	at = strchr(h, '@');
	if (at && at > h)
		return stash(d, h, (size_t)(at - h));
	if (strcmp(platform, "bluesky") == 0) {
		end = strchr(h, '.');
		if (end && strchr(end + 1, '.') && end > h)
			return stash(d, h, (size_t)(end - h));
	}
	return h;
}

/* Is url a site's root ("https://jo.example/", no path or query)? */
static int site_root(const char *url)
{
	const char *p = strstr(url, "://");

	p = p ? p + 3 : url;
	p += strcspn(p, "/?#");
	return !*p || (p[0] == '/' && !p[1]);
}

static void derive(struct derived *d, const struct ds_plan_anchors *a)
{
	size_t i;

	memset(d->any_name, 0, sizeof(d->any_name));
	d->used = 0;
	d->nany_name = 0;
	add_name(d, a->name);
	for (i = 0; i < a->nknown_as; i++)
		add_name(d, a->known_as[i]);
	for (i = 0; i < a->nprevious_name; i++)
		add_name(d, a->previous_name[i]);
	if (a->name)
		add_name(d, short_name(d, a->name));
	for (i = 0; i < a->nprevious_name; i++)
		add_name(d, short_name(d, a->previous_name[i]));
	/* Each name's first word, once: how a blog signs its posts
	 * ("Posted by Sian"). */
	d->ngiven = 0;
	for (i = 0; i < d->nany_name; i++) {
		const char *nm = d->any_name[i], *g;
		size_t n = strcspn(nm, " "), k;

		for (k = 0; k < d->ngiven; k++)
			if (strlen(d->given[k]) == n &&
			    strncasecmp(d->given[k], nm, n) == 0)
				break;
		if (k < d->ngiven || n < 2)
			continue;
		g = stash(d, nm, n);
		if (g)
			d->given[d->ngiven++] = g;
	}
	/* Each name's surname, once: how a staff list or a newsletter
	 * names them ("Mr Hartley"). */
	d->nsurname = 0;
	for (i = 0; i < d->nany_name; i++) {
		const char *sur = surname_of(d, d->any_name[i]);
		size_t k;

		for (k = 0; sur && k < d->nsurname; k++)
			if (same_text(d->surname[k], sur))
				break;
		if (sur && k == d->nsurname && strlen(sur) >= 3)
			d->surname[d->nsurname++] = sur;
	}
	d->nsite = 0;
	for (i = 0; i < a->nhandles && i < 32; i++) {
		d->handle_text[i] = handle_text(d, a->handle_platform[i],
						a->handle[i]);
		if (!d->handle_text[i])
			d->handle_text[i] = a->handle[i];
		/* A declared website (an address with no path: a profile
		 * on someone else's site has one), its host for a site:
		 * search of its pages. */
		if (strcmp(a->handle_platform[i], "url") == 0 &&
		    d->handle_text[i] != a->handle[i] &&
		    strchr(d->handle_text[i], '.') && site_root(a->handle[i]))
			d->site[d->nsite++] = d->handle_text[i];
	}
}

/* The values of a variable for a candidate. */
static size_t values_of(const struct ds_plan_anchors *a,
			const struct derived *d, int text, const char *var,
			const char *const **out)
{
	static const char *one[1];

	if (strcmp(var, "name") == 0) {
		one[0] = a->name;
		*out = one;
		return a->name ? 1 : 0;
	}
	if (strcmp(var, "known_as") == 0) {
		*out = a->known_as;
		return a->nknown_as;
	}
	if (strcmp(var, "previous_name") == 0) {
		*out = a->previous_name;
		return a->nprevious_name;
	}
	if (strcmp(var, "any_name") == 0) {
		*out = d->any_name;
		return d->nany_name;
	}
	if (strcmp(var, "location") == 0) {
		*out = a->location;
		return a->nlocation;
	}
	if (strcmp(var, "employer") == 0) {
		*out = a->employer;
		return a->nemployer;
	}
	if (strcmp(var, "school") == 0) {
		*out = a->school;
		return a->nschool;
	}
	if (strcmp(var, "site") == 0) {
		*out = d->site;
		return d->nsite;
	}
	if (strcmp(var, "given_name") == 0) {
		*out = d->given;
		return d->ngiven;
	}
	if (strcmp(var, "surname") == 0) {
		*out = d->surname;
		return d->nsurname;
	}
	*out = text ? d->handle_text : a->handle;
	return a->nhandles < 32 ? a->nhandles : 32;
}

/* Write value into out, dropping quotes that would break the query. */
static size_t put_value(char *out, size_t size, size_t len, const char *v)
{
	for (; *v && len + 1 < size; v++)
		out[len++] = *v == '"' ? ' ' : *v;
	out[len] = '\0';
	return len;
}

/* A step instance that cannot run, and why. */
static void skipped(const struct ds_plan_step *s, size_t i,
		    struct ds_plan_instance *o, const char *why)
{
	memset(o, 0, sizeof(*o));
	o->plan_step = i;
	o->kind = s->kind;
	snprintf(o->connector, sizeof(o->connector), "%s", s->connector);
	o->skip = why;
}

size_t ds_plan_expand(const struct ds_plan *p, size_t i,
		      const struct ds_plan_anchors *a,
		      struct ds_plan_instance *out, size_t max)
{
	const struct ds_plan_step *s = &p->steps[i];
	const char *used[8];
	const char *const *vals[8];
	size_t nvals[8], nused = 0, total = 1, n, k, v;
	int text = s->kind != DS_STEP_PROFILE && s->kind != DS_STEP_DISCOVERY;
	struct derived d;
	const char *t;

	derive(&d, a);
	/* Which multi-valued variables the template uses, in order. */
	for (t = s->tmpl; (t = strchr(t, '{')) && nused < 8; t++) {
		const char *end = strchr(t, '}');
		char var[32];
		size_t len, u;

		if (!end)
			break;
		len = (size_t)(end - t - 1);
		if (len >= sizeof(var))
			break;
		memcpy(var, t + 1, len);
		var[len] = '\0';
		for (u = 0; u < nused; u++)
			if (strcmp(used[u], var) == 0)
				break;
		if (u < nused)
			continue;
		for (u = 0; vars[u] && strcmp(vars[u], var) != 0; u++)
			;
		if (!vars[u])
			continue;
		used[nused] = vars[u];
		nvals[nused] = values_of(a, &d, text, vars[u], &vals[nused]);
		total *= nvals[nused];
		nused++;
	}
	if (max == 0)
		return 0;
	if (total > max)
		total = max;
	if (total == 0) {
		skipped(s, i, &out[0], "no anchor for this step is recorded");
		return 1;
	}
	for (n = 0; n < total; n++) {
		struct ds_plan_instance *o = &out[n];
		size_t rest = n, pick[8], len = 0;
		const char *pc;
		char *dst;
		size_t dsize;

		memset(o, 0, sizeof(*o));
		o->plan_step = i;
		o->seq = (unsigned)n;
		o->kind = s->kind;
		/* The first variable varies slowest: name by name. */
		for (k = nused; k-- > 0; ) {
			pick[k] = rest % nvals[k];
			rest /= nvals[k];
		}
		if (!text) {
			for (k = 0; k < nused && strcmp(used[k], "handle"); k++)
				;
			v = k < nused ? pick[k] : 0;
			snprintf(o->platform, sizeof(o->platform), "%s",
				 a->handle_platform[v]);
			snprintf(o->target, sizeof(o->target), "%s",
				 a->handle[v]);
			pc = strcmp(s->connector, "auto") == 0 ?
			     ds_plan_profile_connector(o->platform) :
			     s->connector;
			if (!pc) {
				pc = s->connector;
				o->skip = "no connector reads this platform: "
					  "check it by hand";
			}
			snprintf(o->connector, sizeof(o->connector), "%s", pc);
			continue;
		}
		snprintf(o->connector, sizeof(o->connector), "%s",
			 s->connector);
		dst = o->query;
		dsize = sizeof(o->query);
		for (t = s->tmpl; *t && len + 1 < dsize; ) {
			const char *end = *t == '{' ? strchr(t, '}') : NULL;

			if (!end) {
				dst[len++] = *t++;
				dst[len] = '\0';
				continue;
			}
			for (k = 0; k < nused; k++)
				if (strlen(used[k]) == (size_t)(end - t - 1) &&
				    strncmp(used[k], t + 1,
					    (size_t)(end - t - 1)) == 0)
					break;
			if (k < nused)
				len = put_value(dst, dsize, len,
						vals[k][pick[k]]);
			t = end + 1;
		}
	}
	return total;
}

/* Does an instance ask exactly what an earlier one asked? */
static int same_instance(const struct ds_plan_instance *x,
			 const struct ds_plan_instance *y)
{
	if (x->skip || y->skip || x->kind != y->kind ||
	    strcmp(x->connector, y->connector) != 0)
		return 0;
	if (x->query[0] || y->query[0])
		return same_text(x->query, y->query);
	return strcmp(x->platform, y->platform) == 0 &&
	       same_text(x->target, y->target);
}

int ds_plan_expand_all(const struct ds_plan *p,
		       const struct ds_plan_anchors *a,
		       struct ds_plan_instance **out, size_t *nout,
		       struct ds_err *err)
{
	struct ds_plan_instance *tmp, *all = NULL, *grown;
	size_t i, k, j, n, total = 0, kept;
	int rc = 0;

	*out = NULL;
	*nout = 0;
	tmp = ds_calloc(DS_PLAN_MAX_EXPAND, sizeof(*tmp));
	if (!tmp)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	for (i = 0; i < p->nsteps; i++) {
		n = ds_plan_expand(p, i, a, tmp, DS_PLAN_MAX_EXPAND);
		grown = ds_realloc(all, (total + n) * sizeof(*all));
		if (!grown) {
			rc = ds_err_set(err, DS_ENOMEM, "out of memory");
			goto out;
		}
		all = grown;
		kept = 0;
		for (k = 0; k < n; k++) {
			for (j = 0; j < total + kept; j++)
				if (same_instance(&all[j], &tmp[k]))
					break;
			if (j < total + kept)
				continue;
			all[total + kept] = tmp[k];
			all[total + kept].seq = (unsigned)kept;
			kept++;
		}
		/* Every step of the plan shows, even one wholly repeated. */
		if (kept == 0)
			skipped(&p->steps[i], i, &all[total + kept++],
				"the same search is made by an earlier step");
		total += kept;
	}
	*out = all;
	*nout = total;
	all = NULL;
out:
	ds_free(tmp);
	ds_free(all);
	return rc;
}
