/*
 * fuzz_template.c: ds_template_render, the report templates' language,
 * over a fixed report-like JSON object, in each escaping mode.
 *
 * Checked: a malformed template is DS_EDATA with a message; in HTML mode
 * no value's markup gets through: the data's marker tag "<b id=fz>"
 * reaches the output only when the template asks for a value unescaped
 * ({{{...}}}) or writes "fz" itself.
 */
#include "fuzz.h"
#include "template.h"

static const char data_json[] =
	"{\"title\": \"<b id=fz>Report</b>\", \"n\": 3, \"zero\": 0,"
	" \"yes\": true, \"no\": false, \"none\": null, \"real\": 2.5,"
	" \"empty\": \"\", \"list\": [], \"names\": [\"a&b\", \"<script>\","
	" \"c|d\"], \"candidate\": {\"name\": \"Jane *Smith*\", \"id\": 7,"
	" \"findings\": [{\"url\": \"https://x.example/?a=1&b=<script>\","
	" \"severity\": \"high\", \"cats\": [\"violence\"]}, {\"url\": "
	"\"javascript:alert(1)\", \"severity\": \"low\", \"cats\": []}]},"
	" \"nested\": {\"a\": {\"b\": {\"c\": \"deep\"}}}}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static json_t *root;
	static const enum ds_escape modes[] = {
		DS_ESCAPE_HTML, DS_ESCAPE_MARKDOWN, DS_ESCAPE_NONE
	};
	struct ds_err err;
	struct buf out;
	char *tmpl;
	size_t m;
	int rc;

	if (!root) {
		root = json_loads(data_json, 0, NULL);
		FUZZ_ASSERT(root != NULL);
	}
	tmpl = fuzz_str(data, size);
	for (m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
		buf_init(&out, 1 << 20);
		ds_err_init(&err);
		rc = ds_template_render(tmpl, root, modes[m], &out, &err);
		if (rc) {
			FUZZ_ASSERT(rc == DS_EDATA || rc == DS_ENOMEM);
			FUZZ_ASSERT(err.code == rc && err.msg[0]);
		} else if (modes[m] == DS_ESCAPE_HTML &&
			   !strstr(tmpl, "{{{") && !strstr(tmpl, "fz")) {
			FUZZ_ASSERT(!strstr(out.ptr, "<b id=fz"));
		}
		buf_release(&out);
	}
	free(tmpl);
	return 0;
}
