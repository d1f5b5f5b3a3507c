/*
 * plan.c: search plans, their canonical form and their expansion.
 */
#include <stdio.h>
#include <string.h>

#include "crypto.h"
#include "mem.h"
#include "plan.h"
#include "text.h"

/* The default plan: kind, connector (NULL: the search one), template. */
static const struct {
	const char *kind, *connector, *tmpl;
} default_steps[] = {
	{ "web", NULL, "\"{name}\"" },
	{ "web", NULL, "\"{known_as}\"" },
	{ "web", NULL, "\"{previous_name}\"" },
	{ "web", NULL, "\"{name}\" {location}" },
	{ "web", NULL, "\"{name}\" \"{employer}\"" },
	{ "web", NULL, "\"{name}\" \"{school}\"" },
	{ "news", NULL, "\"{name}\" {location}" },
	{ "news", NULL, "\"{name}\" \"{employer}\"" },
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
	"name", "known_as", "previous_name", "location", "employer", "school",
	"handle", NULL
};

/* Check every {variable} in a template is known. */
static int check_template(const char *t, struct ds_err *err)
{
	const char *p = t, *end;
	size_t i, n;

	while ((p = strchr(p, '{'))) {
		end = strchr(p, '}');
		if (!end)
			return ds_err_set(err, DS_EDATA, "plan template '%.80s' "
					  "has an unclosed '{'", t);
		n = (size_t)(end - p - 1);
		for (i = 0; vars[i]; i++)
			if (strlen(vars[i]) == n &&
			    strncmp(vars[i], p + 1, n) == 0)
				break;
		if (!vars[i])
			return ds_err_set(err, DS_EDATA, "plan template '%.80s' "
					  "uses an unknown variable: use {name}, "
					  "{known_as}, {previous_name}, "
					  "{location}, {employer}, {school} or "
					  "{handle}", t);
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
	if ((s->kind == DS_STEP_PROFILE || s->kind == DS_STEP_DISCOVERY) !=
	    (strstr(s->tmpl, "{handle}") != NULL))
		return ds_err_set(err, DS_EDATA, "plan step '%.80s': profile "
				  "and discovery steps, and only they, use "
				  "{handle}", line);
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

/* The values of a variable for a candidate. */
static size_t values_of(const struct ds_plan_anchors *a, const char *var,
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
	*out = a->handle;
	return a->nhandles;
}

/* Write value into out, dropping quotes that would break the query. */
static size_t put_value(char *out, size_t size, size_t len, const char *v)
{
	for (; *v && len + 1 < size; v++)
		out[len++] = *v == '"' ? ' ' : *v;
	out[len] = '\0';
	return len;
}

size_t ds_plan_expand(const struct ds_plan *p, size_t i,
		      const struct ds_plan_anchors *a,
		      struct ds_plan_instance *out, size_t max)
{
	const struct ds_plan_step *s = &p->steps[i];
	const char *used[8];
	const char *const *vals[8];
	size_t nvals[8], nused = 0, total = 1, n, k, v;
	const char *t;
	static const char *const no_value = "no anchor for this step "
					    "is recorded";

	/* Which multi-valued variables the template uses, in order. */
	for (t = s->tmpl; (t = strchr(t, '{')) && nused < 8; t++) {
		const char *end = strchr(t, '}');
		char var[32];
		size_t len = (size_t)(end - t - 1), u;

		if (!end || len >= sizeof(var))
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
		nvals[nused] = values_of(a, vars[u], &vals[nused]);
		total *= nvals[nused];
		nused++;
	}
	if (total > max)
		total = max;
	if (total == 0 || max == 0) {
		if (max == 0)
			return 0;
		memset(&out[0], 0, sizeof(out[0]));
		out[0].plan_step = i;
		out[0].kind = s->kind;
		snprintf(out[0].connector, sizeof(out[0].connector), "%s",
			 s->connector);
		out[0].skip = no_value;
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
		for (k = 0; k < nused; k++) {
			pick[k] = rest % nvals[k];
			rest /= nvals[k];
		}
		if (s->kind == DS_STEP_PROFILE || s->kind == DS_STEP_DISCOVERY) {
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
