/*
 * triage_bench.c: ds_triage_text's throughput on page text.
 *
 *   triage_bench DIR      DIR as unpacked by tests/pages.sh (build/pages)
 *
 * Every page under DIR/html is parsed to its visible text first (not
 * timed).  Then, three times over, ds_triage_text with the built-in
 * taxonomy runs on every page's text; the best round of CPU time (one
 * core, so other work on the machine does not count) counts.  Prints the
 * MB/s of page text on one core and exits 1 below the target, 5 MB/s.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "err.h"
#include "page.h"
#include "lexicon.h"
#include "triage.h"

#define ROUNDS 3
#define TARGET 5.0

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *s = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		s = malloc((size_t)n + 1);
		if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
			free(s);
			s = NULL;
		}
		if (s)
			*len = (size_t)n;
	}
	fclose(f);
	return s;
}

int main(int argc, char **argv)
{
	struct ds_page *pages = NULL;
	struct ds_taxonomy *t;
	struct ds_err err;
	char path[4400];
	size_t n = 0, bytes = 0, i, found = 0;
	double best = 1e9;
	struct dirent *de;
	DIR *d;
	int r;

	ds_err_init(&err);
	snprintf(path, sizeof(path), "%s/html", argc > 1 ? argv[1] :
		 "build/pages");
	d = opendir(path);
	if (!d) {
		fprintf(stderr, "triage_bench: cannot open '%s': run "
			"tests/pages.sh first\n", path);
		return 1;
	}
	while ((de = readdir(d))) {
		char file[4700];
		size_t len;
		char *html;
		struct ds_page *np;

		if (!strstr(de->d_name, ".html"))
			continue;
		snprintf(file, sizeof(file), "%s/%s", path, de->d_name);
		html = slurp(file, &len);
		if (!html)
			continue;
		np = realloc(pages, (n + 1) * sizeof(*pages));
		if (!np)
			return 1;
		pages = np;
		if (ds_page_parse(html, len, "text/html", NULL, NULL,
				  &pages[n], &err) == 0) {
			bytes += pages[n].text_len;
			n++;
		}
		free(html);
	}
	closedir(d);
	if (ds_taxonomy_default(&t, &err)) {
		fprintf(stderr, "triage_bench: %s\n", err.msg);
		return 1;
	}
	for (r = 0; r < ROUNDS; r++) {
		double t0 = now();

		found = 0;
		for (i = 0; i < n; i++) {
			struct ds_triage_result res;

			if (ds_triage_text(t, pages[i].text, pages[i].text_len,
					   &res, &err)) {
				fprintf(stderr, "triage_bench: %s\n", err.msg);
				return 1;
			}
			found += res.cats != 0;
		}
		if (now() - t0 < best)
			best = now() - t0;
	}
	printf("triage throughput: %.1f MB/s of page text on one core "
	       "(%zu pages, %.1f MB of text, %zu with a category; target "
	       "%.0f MB/s)\n", (double)bytes / 1e6 / best, n,
	       (double)bytes / 1e6, found, TARGET);
	/* -v: each page's categories and why, to see what triage does. */
	for (i = 0; argc > 2 && strcmp(argv[2], "-v") == 0 && i < n; i++) {
		struct ds_verdict v;
		size_t c;

		if (ds_lexicon_text(ds_taxonomy_lexicon(t), pages[i].text,
				    pages[i].text_len, &v, &err))
			return 1;
		for (c = 0; c < ds_taxonomy_ncats(t); c++) {
			const struct ds_cat_why *w = &v.why[c];

			if (!(v.cats & (1u << c)))
				continue;
			printf("page %zu %s: %s %.2f %s | %.*s\n", i,
			       ds_taxonomy_cat_name(t, c), w->terms, w->score,
			       w->ntop ? w->top[0].name : "",
			       (int)(w->end - w->start > 200 ? 200 :
				     w->end - w->start),
			       pages[i].text + w->start);
		}
	}
	for (i = 0; i < n; i++)
		ds_page_release(&pages[i]);
	free(pages);
	ds_taxonomy_free(t);
	return (double)bytes / 1e6 / best >= TARGET ? 0 : 1;
}
