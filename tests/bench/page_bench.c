/*
 * page_bench.c: ds_page_parse's throughput against gumbo's alone.
 *
 *   page_bench [DIR]      DIR as unpacked by tests/pages.sh (build/pages)
 *
 * All pages are read into memory first.  Then, five times over, (a)
 * gumbo_parse_with_options and gumbo_destroy_output on every page, (b)
 * ds_page_parse and ds_page_release on every page (with the page's URL as
 * base) in this process and (c) the same through the sandbox's worker
 * process (sandbox.h) are timed; the best round of each counts.  Prints
 * MB/s for each, the ratios b/a and c/a, the cost of the sandbox (c/b)
 * and the time to start a worker, and exits 1 when b/a is below the
 * target 0.85.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <gumbo.h>
#include <jansson.h>

#include "err.h"
#include "page.h"
#include "sandbox.h"

#define ROUNDS 5
#define TARGET 0.85

struct page {
	char *html;
	size_t len;
	char *url;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The whole of a file, or NULL. */
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

/* Read every page the ground truth lists; the count, or -1. */
static long load(const char *dir, struct page **pages, size_t *bytes)
{
	char path[4400];
	json_error_t jerr;
	json_t *gt, *v;
	const char *id, *url;
	struct page *p;
	long n = 0;

	snprintf(path, sizeof(path), "%s/ground-truth.json", dir);
	gt = json_load_file(path, 0, &jerr);
	if (!gt || !json_is_object(gt)) {
		fprintf(stderr, "page_bench: cannot read '%s': run "
			"tests/pages.sh first\n", path);
		json_decref(gt);
		return -1;
	}
	*pages = calloc(json_object_size(gt), sizeof(**pages));
	if (!*pages)
		goto fail;
	*bytes = 0;
	json_object_foreach(gt, id, v) {
		p = &(*pages)[n];
		url = json_string_value(json_object_get(v, "url"));
		snprintf(path, sizeof(path), "%s/html/%s.html", dir, id);
		p->html = slurp(path, &p->len);
		p->url = url ? strdup(url) : NULL;
		if (!p->html) {
			fprintf(stderr, "page_bench: cannot read '%s'\n",
				path);
			goto fail;
		}
		*bytes += p->len;
		n++;
	}
	json_decref(gt);
	return n;
fail:
	json_decref(gt);
	return -1;
}

/*
 * Parse every page with ds_sandbox_parse (ds_page_parse in this process
 * while no sandbox is started); the seconds taken, or -1.
 */
static double parse_all(const struct page *pages, long n)
{
	struct ds_page out;
	struct ds_err err;
	double t = now();
	long i;
	int fail = 0;

	for (i = 0; i < n; i++) {
		ds_err_init(&err);
		if (ds_sandbox_parse(pages[i].html, pages[i].len, NULL,
				     pages[i].url, NULL, &out, &err)) {
			fprintf(stderr, "page_bench: page %ld: %s\n", i,
				err.msg);
			fail = 1;
		}
		ds_page_release(&out);
	}
	t = now() - t;
	return fail ? -1 : t;
}

/* Seconds of CPU: this process's, or its reaped children's. */
static double cpu(int children)
{
	struct rusage ru;

	getrusage(children ? RUSAGE_CHILDREN : RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "build/pages";
	struct page *pages = NULL;
	struct ds_err err;
	GumboOutput *g;
	double t, best_a = 1e30, best_b = 1e30, best_c = 1e30, mb, ratio;
	double start, best_start = 1e30, cpu_b = 1e30, cpu_c = 1e30, c0, w0;
	size_t bytes = 0;
	long n, i;
	int r, rc = 0;

	n = load(dir, &pages, &bytes);
	if (n <= 0)
		return 2;
	/* Rounds interleave (a), (b) and (c), so that all see the same load. */
	for (r = 0; r < ROUNDS; r++) {
		t = now();
		for (i = 0; i < n; i++) {
			g = gumbo_parse_with_options(&kGumboDefaultOptions,
						     pages[i].html,
						     pages[i].len);
			gumbo_destroy_output(&kGumboDefaultOptions, g);
		}
		t = now() - t;
		if (t < best_a)
			best_a = t;
		c0 = cpu(0);
		t = parse_all(pages, n);
		if (t < 0)
			rc = 2;
		else if (t < best_b)
			best_b = t;
		if (cpu(0) - c0 < cpu_b)
			cpu_b = cpu(0) - c0;
		ds_err_init(&err);
		start = now();
		if (ds_sandbox_start(&err)) {
			fprintf(stderr, "page_bench: %s\n", err.msg);
			return 2;
		}
		start = now() - start;
		if (start < best_start)
			best_start = start;
		c0 = cpu(0);
		w0 = cpu(1);
		t = parse_all(pages, n);
		if (t < 0)
			rc = 2;
		else if (t < best_c)
			best_c = t;
		t = cpu(0) - c0;
		ds_sandbox_stop();
		/* The worker's CPU counts once it is reaped, start-up too. */
		t += cpu(1) - w0;
		if (t < cpu_c)
			cpu_c = t;
	}
	mb = (double)bytes / 1e6;
	ratio = best_a / best_b;
	printf("pages: %ld, %.1f MB, best of %d rounds\n", n, mb, ROUNDS);
	printf("(a) gumbo_parse + gumbo_destroy_output: %.1f MB/s\n",
	       mb / best_a);
	printf("(b) ds_page_parse + ds_page_release:    %.1f MB/s, CPU "
	       "%.2f s\n", mb / best_b, cpu_b);
	printf("(c) the same through the sandbox:      %.1f MB/s, CPU "
	       "%.2f s (both processes)\n", mb / best_c, cpu_c);
	printf("ratio b/a: %.3f (target %.2f: %s)\n", ratio, TARGET,
	       ratio >= TARGET ? "met" : "missed");
	printf("ratio c/a: %.3f, c/b: %.3f; the sandbox adds %.2f ms of "
	       "wall time and %.2f ms of CPU a page; a worker starts in "
	       "%.1f ms\n", best_a / best_c, best_b / best_c,
	       (best_c - best_b) / (double)n * 1e3,
	       (cpu_c - cpu_b) / (double)n * 1e3, best_start * 1e3);
	for (i = 0; i < n; i++) {
		free(pages[i].html);
		free(pages[i].url);
	}
	free(pages);
	if (!rc && ratio < TARGET)
		rc = 1;
	return rc;
}
