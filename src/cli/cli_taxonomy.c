/*
 * cli_taxonomy.c: try a taxonomy file on text, one text a line
 * (`duesearch taxonomy test`), so an organisation editing its own file
 * sees what it does.  No case file is opened.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "cli_out.h"
#include "conf.h"
#include "lexicon.h"
#include "run.h"
#include "triage.h"

const struct ds_conf *cli_conf(void);

#define LINE_MAX_BYTES (1u << 20)       /* longer lines are cut */
#define TABLE_ROWS 1000                 /* answers a table holds at most */

/* People's answers: line, categories, and why (never cut). */
static const struct cli_col cols[] = {
	{ .key = "line" }, { .key = "categories" },
	{ .key = "why", .max = -1 },
	{ 0 }
};

static struct cli_opt test_opts[] = {
	{ "taxonomy", 's', "FILE", "the taxonomy file (default: the "
	  "configuration's [triage] taxonomy, else the built-in one); as a "
	  "run does, the site list's adult sites are sexual terms", NULL,
	  0, { 0 }, 0 },
	{ 0 }
};

/* "terms plague, travellers; model 0.91: feat, feat" into out. */
static void why_text(const struct ds_cat_why *w, char *out, size_t size)
{
	size_t len;
	int k;

	len = (size_t)snprintf(out, size, "%s%s", w->terms[0] ? "terms " :
			       "", w->terms);
	if (w->score < 0 || len >= size)
		return;
	len += (size_t)snprintf(out + len, size - len, "%smodel %.2f",
				len ? "; " : "", w->score);
	for (k = 0; k < w->ntop && len < size; k++)
		len += (size_t)snprintf(out + len, size - len, "%s%s",
					k ? ", " : ": ", w->top[k].name);
}

/*
 * One line's answer: printed as a JSON line with --json, else added to
 * rows for people's table.
 */
static void answer(const struct ds_taxonomy *t, json_t *rows,
		   unsigned long lineno, const struct ds_verdict *v)
{
	size_t i, n = ds_taxonomy_ncats(t);
	struct buf why;
	json_t *cats;
	char text[512];

	if (!rows) {
		json_t *o = json_object();
		char *s;

		cats = json_array();
		json_object_set_new(o, "line",
				    json_integer((json_int_t)lineno));
		for (i = 0; i < n; i++) {
			const struct ds_cat_why *w = &v->why[i];
			json_t *c, *feats;
			int k;

			if (!(v->cats & (1u << i)))
				continue;
			c = json_object();
			json_object_set_new(c, "category", json_string(
				ds_taxonomy_cat_name(t, i)));
			json_object_set_new(c, "terms", json_string(w->terms));
			json_object_set_new(c, "weight",
					    json_integer(w->weight));
			if (w->score >= 0) {
				json_object_set_new(c, "score",
						    json_real(w->score));
				feats = json_array();
				for (k = 0; k < w->ntop; k++)
					json_array_append_new(feats,
						json_string(w->top[k].name));
				json_object_set_new(c, "features", feats);
			}
			json_array_append_new(cats, c);
		}
		json_object_set_new(o, "categories", cats);
		s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER |
			       JSON_ENSURE_ASCII);
		if (s) {
			printf("%s\n", s);
			free(s);
		}
		json_decref(o);
		return;
	}
	cats = json_array();
	buf_init(&why, 64 * sizeof(text));
	for (i = 0; i < n; i++) {
		if (!(v->cats & (1u << i)))
			continue;
		why_text(&v->why[i], text, sizeof(text));
		json_array_append_new(cats, json_string(
			ds_taxonomy_cat_name(t, i)));
		buf_addf(&why, "%s%s: %s", why.len ? " | " : "",
			 ds_taxonomy_cat_name(t, i), text);
	}
	json_array_append_new(rows, json_pack("{s:I s:o s:s}", "line",
		(json_int_t)lineno, "categories", cats, "why", why.ptr));
	buf_release(&why);
}

static int cmd_test(struct cli *cli, struct cli_opt *o, int argc,
		    char **argv, struct ds_err *err)
{
	const char *path = cli_val(o, "taxonomy");
	struct ds_taxonomy *t = NULL;
	json_t *rows = NULL;
	unsigned long lineno = 0;
	struct buf line;
	int c, rc;

	(void)argc;
	(void)argv;
	rc = ds_run_taxonomy(&t, cli_conf(), path, err);
	if (rc)
		return rc;
	if (!cli->json)
		rows = json_array();
	buf_init(&line, LINE_MAX_BYTES + 1);
	for (;;) {
		struct ds_verdict v;

		c = getchar();
		if (c != EOF && c != '\n') {
			if (line.len < LINE_MAX_BYTES &&
			    buf_addc(&line, (char)c)) {
				rc = ds_err_set(err, DS_ENOMEM, "out of "
						"memory");
				break;
			}
			continue;
		}
		if (c == EOF && !line.len)
			break;
		lineno++;
		rc = ds_lexicon_text(ds_taxonomy_lexicon(t), line.ptr,
				     line.len, &v, err);
		if (rc)
			break;
		answer(t, rows, lineno, &v);
		if (rows && json_array_size(rows) == TABLE_ROWS) {
			cli_out_table(rows, cols, 0);
			json_array_clear(rows);
		}
		buf_reset(&line);
		if (c == EOF)
			break;
	}
	if (rows && json_array_size(rows))
		cli_out_table(rows, cols, 0);
	json_decref(rows);
	buf_release(&line);
	ds_taxonomy_free(t);
	if (!rc && fflush(stdout) != 0)
		rc = ds_err_set(err, DS_EIO, "cannot write the answers");
	return rc;
}

const struct cli_verb cli_taxonomy_verbs[] = {
	{ "test", NULL, "Print the categories of each line of standard input "
	  "and why (the terms matched, the model's score and strongest "
	  "features): a table of line, categories, why (one every 1,000 "
	  "lines), or a JSON object a line with --json",
	  cmd_test, test_opts, 0, 0 },
	{ 0 }
};
