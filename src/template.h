/*
 * template.h: a small logic-less template language over a JSON value,
 * for the report templates under reports/.
 *
 *   {{name}}            the value, escaped for the output (HTML or Markdown)
 *   {{{name}}}          the value as it is (only for trusted markup)
 *   {{a.b}}             a member of a member
 *   {{#name}}...{{/name}}  for each element of an array, once for a true
 *                       or non-empty value (its members come into scope)
 *   {{^name}}...{{/name}}  once when the value is missing, false, null,
 *                       0, "" or []
 *   {{.}}               the current element (in an array of strings)
 *
 * Names resolve in the innermost scope first, then outwards.
 */
#ifndef DS_TEMPLATE_H
#define DS_TEMPLATE_H

#include <jansson.h>

#include "buf.h"
#include "err.h"

enum ds_escape {
	DS_ESCAPE_HTML,
	DS_ESCAPE_MARKDOWN,
	DS_ESCAPE_NONE
};

/* Render tmpl with data into out; a malformed template is DS_EDATA. */
int ds_template_render(const char *tmpl, const json_t *data,
		       enum ds_escape esc, struct buf *out,
		       struct ds_err *err);

/* Append s to out escaped for HTML (also safe in attributes). */
int ds_html_escape(struct buf *out, const char *s);

#endif
