/*
 * template.c: the report templates' language (see template.h).
 */
#include <stdio.h>
#include <string.h>

#include "template.h"

#define MAX_DEPTH 16

struct scope {
	const json_t *v[MAX_DEPTH];
	int n;
};

int ds_html_escape(struct buf *out, const char *s)
{
	int rc = 0;

	for (; *s && !rc; s++) {
		switch (*s) {
		case '&': rc = buf_adds(out, "&amp;"); break;
		case '<': rc = buf_adds(out, "&lt;"); break;
		case '>': rc = buf_adds(out, "&gt;"); break;
		case '"': rc = buf_adds(out, "&quot;"); break;
		case '\'': rc = buf_adds(out, "&#39;"); break;
		default: rc = buf_addc(out, *s); break;
		}
	}
	return rc;
}

/*
 * Markdown: escape what would make inline markup, links, HTML or a table
 * cell break, and keep the value on one line.
 */
static int md_escape(struct buf *out, const char *s)
{
	int rc = 0;

	for (; *s && !rc; s++) {
		if (strchr("\\`*_[]<>|", *s))
			rc = buf_addc(out, '\\');
		if (!rc)
			rc = buf_addc(out, *s == '\n' || *s == '\r' ? ' ' : *s);
	}
	return rc;
}

/* Copy the dot-separated part of name starting at *i into key. */
static int next_part(const char *name, size_t len, size_t *i, char *key,
		     size_t size)
{
	size_t k = 0;

	while (*i < len && name[*i] != '.') {
		if (k + 1 >= size)
			return -1;
		key[k++] = name[(*i)++];
	}
	key[k] = '\0';
	return 0;
}

/* Look name ("a.b" or ".") up: its first part through the scopes. */
static const json_t *lookup(const struct scope *sc, const char *name,
			    size_t len)
{
	const json_t *v = NULL;
	char key[64];
	size_t i = 0;
	int s;

	if (len == 1 && name[0] == '.')
		return sc->v[sc->n - 1];
	if (next_part(name, len, &i, key, sizeof(key)))
		return NULL;
	for (s = sc->n - 1; s >= 0 && !v; s--)
		if (json_is_object(sc->v[s]))
			v = json_object_get(sc->v[s], key);
	while (v && i < len) {
		i++;
		if (next_part(name, len, &i, key, sizeof(key)))
			return NULL;
		v = json_object_get(v, key);
	}
	return v;
}

/* Is a value "true" for a section? */
static int truthy(const json_t *v)
{
	if (!v || json_is_null(v) || json_is_false(v))
		return 0;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	if (json_is_integer(v))
		return json_integer_value(v) != 0;
	return 1;
}

/* Write a scalar value, escaped as asked. */
static int put_value(struct buf *out, const json_t *v, enum ds_escape esc)
{
	char num[64];
	const char *s = num;

	if (!v || json_is_null(v))
		return 0;
	if (json_is_string(v))
		s = json_string_value(v);
	else if (json_is_integer(v))
		snprintf(num, sizeof(num), "%lld",
			 (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(num, sizeof(num), "%.3f", json_real_value(v));
	else if (json_is_true(v))
		s = "yes";
	else if (json_is_false(v))
		s = "no";
	else
		return 0;
	if (esc == DS_ESCAPE_HTML)
		return ds_html_escape(out, s);
	if (esc == DS_ESCAPE_MARKDOWN)
		return md_escape(out, s);
	return buf_adds(out, s);
}

/* Find the {{/name}} that closes a section opened just before p. */
static const char *section_end(const char *p, const char *name, size_t len,
			       const char **after)
{
	int depth = 1;

	while ((p = strstr(p, "{{"))) {
		const char *tag = p + 2;

		if ((*tag == '#' || *tag == '^') &&
		    strncmp(tag + 1, name, len) == 0 && tag[1 + len] == '}')
			depth++;
		else if (*tag == '/' && strncmp(tag + 1, name, len) == 0 &&
			 tag[1 + len] == '}' && --depth == 0) {
			*after = tag + 1 + len + 2;
			return p;
		}
		p += 2;
	}
	return NULL;
}

/* An append to the report failed: out of memory, or too large. */
static int put_failed(int rc, struct ds_err *err)
{
	if (rc == DS_ENOMEM)
		return ds_err_set(err, DS_ENOMEM, "out of memory writing a "
				  "report");
	return ds_err_set(err, DS_EDATA, "report too large");
}

static int render(const char *t, const char *end, struct scope *sc,
		  enum ds_escape esc, struct buf *out, struct ds_err *err)
{
	while (t < end) {
		const char *open = strstr(t, "{{");
		const char *close, *name, *body_end, *after;
		size_t len;
		int triple, rc;
		char kind;

		if (!open || open >= end) {
			rc = buf_add(out, t, (size_t)(end - t));
			return rc ? put_failed(rc, err) : 0;
		}
		rc = buf_add(out, t, (size_t)(open - t));
		if (rc)
			return put_failed(rc, err);
		triple = open[2] == '{';
		name = open + 2 + triple;
		kind = (*name == '#' || *name == '^' || *name == '/') ?
		       *name++ : 0;
		close = strstr(name, triple ? "}}}" : "}}");
		if (!close || close > end)
			return ds_err_set(err, DS_EDATA, "unclosed tag in a "
					  "report template");
		len = (size_t)(close - name);
		t = close + 2 + triple;
		if (kind == '/')
			return ds_err_set(err, DS_EDATA, "unexpected {{/%.*s}} "
					  "in a report template", (int)len,
					  name);
		if (!kind) {
			rc = put_value(out, lookup(sc, name, len),
				       triple ? DS_ESCAPE_NONE : esc);
			if (rc)
				return put_failed(rc, err);
			continue;
		}
		body_end = section_end(t, name, len, &after);
		if (!body_end || body_end > end)
			return ds_err_set(err, DS_EDATA, "section %.*s is not "
					  "closed in a report template",
					  (int)len, name);
		{
			const json_t *v = lookup(sc, name, len);

			if (kind == '^') {
				if (!truthy(v)) {
					rc = render(t, body_end, sc, esc, out,
						    err);
					if (rc)
						return rc;
				}
			} else if (truthy(v)) {
				size_t i, n = json_is_array(v) ?
					      json_array_size(v) : 1;

				if (sc->n >= MAX_DEPTH)
					return ds_err_set(err, DS_EDATA,
						"report template nested too "
						"deeply");
				for (i = 0; i < n; i++) {
					sc->v[sc->n++] = json_is_array(v) ?
						json_array_get(v, i) : v;
					rc = render(t, body_end, sc, esc, out,
						    err);
					sc->n--;
					if (rc)
						return rc;
				}
			}
		}
		t = after;
	}
	return 0;
}

int ds_template_render(const char *tmpl, const json_t *data,
		       enum ds_escape esc, struct buf *out,
		       struct ds_err *err)
{
	struct scope sc = { .n = 1 };

	sc.v[0] = data;
	return render(tmpl, tmpl + strlen(tmpl), &sc, esc, out, err);
}
