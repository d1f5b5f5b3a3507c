/*
 * cli_out.c: tables and records for people (cli_out.h).
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "cli_out.h"
#include "text.h"

#define MAX_COLS 64             /* columns of a table, fields of a record */
#define CELL_CAP ((size_t)4 << 20)
#define ELLIPSIS "\xe2\x80\xa6"

/* The columns of one table or the fields of one record. */
struct colset {
	size_t n;
	const char *key[MAX_COLS];
	const char *label[MAX_COLS];
	int max[MAX_COLS];
	const struct cli_col *cols[MAX_COLS];
};

size_t cli_out_width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/*
 * A scalar as text, appended to b; null and anything else add nothing.  A
 * stored time (UTC, "2026-12-06T07:19:55Z") reads in UK local time with its
 * zone ("6 Dec 2026 07:19 GMT"); --json keeps it as stored.
 */
static void scalar(json_t *v, struct buf *b)
{
	const char *s = json_string_value(v);
	char uk[48];

	if (s && strlen(s) == 20 && s[10] == 'T' && s[19] == 'Z' &&
	    ds_time_uk(s, uk, sizeof(uk)) == 0)
		buf_adds(b, uk);
	else if (s)
		buf_adds(b, s);
	else if (json_is_integer(v))
		buf_addf(b, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		buf_addf(b, "%g", json_real_value(v));
	else if (json_is_true(v))
		buf_adds(b, "yes");
	else if (json_is_false(v))
		buf_adds(b, "no");
}

/* Keep the first max characters of b, the last of them "...". */
static void cut(struct buf *b, size_t max)
{
	size_t k, chars = 0;

	for (k = 0; k < b->len; k++) {
		if (((unsigned char)b->ptr[k] & 0xC0) == 0x80)
			continue;
		if (chars == max - 1)
			break;
		chars++;
	}
	while (k > 0 && b->ptr[k - 1] == ' ')
		k--;
	b->len = k;
	b->ptr[k] = '\0';
	buf_adds(b, ELLIPSIS);
}

/*
 * v as text for people in b: a list of scalars joined with ", ", "-" for
 * nothing; control characters made spaces (line breaks kept when lines);
 * cut to max characters when max > 0.
 */
static const char *text(json_t *v, int lines, int max, struct buf *b)
{
	json_t *e;
	size_t i;

	buf_reset(b);
	if (json_is_array(v)) {
		json_array_foreach(v, i, e) {
			if (i)
				buf_adds(b, ", ");
			scalar(e, b);
		}
	} else {
		scalar(v, b);
	}
	if (buf_failed(b) || !b->len)
		return "-";
	for (i = 0; i < b->len; i++) {
		unsigned char c = (unsigned char)b->ptr[i];

		if ((c < 0x20 && !(lines && c == '\n')) || c == 0x7f)
			b->ptr[i] = ' ';
	}
	/* No trailing blank: a line would end in spaces. */
	while (b->len && (b->ptr[b->len - 1] == ' ' ||
			  b->ptr[b->len - 1] == '\n'))
		b->ptr[--b->len] = '\0';
	if (!b->len)
		return "-";
	if (max > 0 && cli_out_width(b->ptr) > (size_t)max)
		cut(b, (size_t)max);
	return b->ptr;
}

/* Whether v is a list whose members are objects or lists. */
static int nested(json_t *v)
{
	json_t *e;
	size_t i;

	if (!json_is_array(v))
		return json_is_object(v);
	json_array_foreach(v, i, e)
		if (json_is_object(e) || json_is_array(e))
			return 1;
	return 0;
}

/* Add a column or field unless it is there or the set is full. */
static void add(struct colset *cs, const char *key, const char *label,
		int max, const struct cli_col *cols)
{
	size_t i;

	for (i = 0; i < cs->n; i++)
		if (strcmp(cs->key[i], key) == 0)
			return;
	if (cs->n == MAX_COLS)
		return;
	cs->key[cs->n] = key;
	cs->label[cs->n] = label ? label : key;
	cs->max[cs->n] = max;
	cs->cols[cs->n++] = cols;
}

/* The entry of cols for key, or NULL. */
static const struct cli_col *find(const struct cli_col *cols, const char *key)
{
	for (; cols && cols->key; cols++)
		if (strcmp(cols->key, key) == 0)
			return cols;
	return NULL;
}

/*
 * The given columns; or every member of the objects given, in the order
 * first seen, each with its entry of cols, else the "*" entry's cut and
 * nested columns (cols NULL, or holding the key "*").
 */
static void columns(struct colset *cs, const struct cli_col *cols,
		    json_t *objs, int table)
{
	const struct cli_col *c, *star = find(cols, "*");
	const char *key;
	json_t *o, *v;
	size_t i;

	cs->n = 0;
	if (cols && !star) {
		for (; cols->key; cols++)
			add(cs, cols->key, cols->label, cols->max, cols->cols);
		return;
	}
	json_array_foreach(objs, i, o)
		json_object_foreach(o, key, v) {
			if (table && nested(v))
				continue;
			c = find(cols, key);
			if (c)
				add(cs, key, c->label, c->max, c->cols);
			else
				add(cs, key, NULL, star ? star->max : 0,
				    star ? star->cols : NULL);
		}
}

/* One cell, padded to width w unless it ends the line. */
static void cell(const char *s, size_t w, int last)
{
	size_t n = cli_out_width(s);

	fputs(s, stdout);
	if (!last)
		printf("%*s", (int)(w > n ? w - n + 2 : 2), "");
}

void cli_out_table(json_t *rows, const struct cli_col *cols, int indent)
{
	size_t w[MAX_COLS], i, c, n;
	struct colset cs;
	struct buf b;
	json_t *row;

	if (!json_array_size(rows)) {
		printf("%*s(none)\n", indent, "");
		return;
	}
	columns(&cs, cols, rows, 1);
	buf_init(&b, CELL_CAP);
	for (c = 0; c < cs.n; c++) {
		w[c] = cli_out_width(cs.label[c]);
		json_array_foreach(rows, i, row) {
			n = cli_out_width(text(json_object_get(row, cs.key[c]),
					       0, cs.max[c] ? cs.max[c] :
					       CLI_OUT_CUT, &b));
			if (n > w[c])
				w[c] = n;
		}
	}
	printf("%*s", indent, "");
	for (c = 0; c < cs.n; c++)
		cell(cs.label[c], w[c], c + 1 == cs.n);
	printf("\n");
	json_array_foreach(rows, i, row) {
		printf("%*s", indent, "");
		for (c = 0; c < cs.n; c++)
			cell(text(json_object_get(row, cs.key[c]), 0,
				  cs.max[c] ? cs.max[c] : CLI_OUT_CUT, &b),
			     w[c], c + 1 == cs.n);
		printf("\n");
	}
	buf_release(&b);
}

/*
 * A record's text value: each further line under the first, at column at;
 * an empty line stays empty.
 */
static void value(const char *s, int at)
{
	size_t n = strlen(s);
	const char *nl;

	for (;;) {
		nl = memchr(s, '\n', n);
		if (!nl) {
			printf("%.*s\n", (int)n, s);
			return;
		}
		printf("%.*s\n", (int)(nl - s), s);
		n -= (size_t)(nl - s) + 1;
		s = nl + 1;
		if (n && *s != '\n')
			printf("%*s", at, "");
	}
}

void cli_out_record(json_t *obj, const struct cli_col *fields, int indent)
{
	json_t *one = json_pack("[O]", obj), *v;
	struct colset cs;
	size_t lw = 0, c;
	struct buf b;

	columns(&cs, fields, one, 0);
	json_decref(one);
	for (c = 0; c < cs.n; c++)
		if (cli_out_width(cs.label[c]) > lw)
			lw = cli_out_width(cs.label[c]);
	buf_init(&b, CELL_CAP);
	for (c = 0; c < cs.n; c++) {
		v = json_object_get(obj, cs.key[c]);
		printf("%*s%s:", indent, "", cs.label[c]);
		if (json_is_object(v)) {
			printf("\n");
			cli_out_record(v, cs.cols[c], indent + 2);
		} else if (nested(v)) {
			printf("\n");
			cli_out_table(v, cs.cols[c], indent + 2);
		} else {
			printf("%*s", (int)(lw - cli_out_width(cs.label[c]) +
					    1), "");
			value(text(v, 1, -1, &b), indent + (int)lw + 2);
		}
	}
	buf_release(&b);
}

void cli_out(struct cli *cli, json_t *j, const struct cli_col *cols)
{
	if (cli->json)
		cli_print_json(j);
	else if (json_is_array(j))
		cli_out_table(j, cols, 0);
	else
		cli_out_record(j, cols, 0);
}
