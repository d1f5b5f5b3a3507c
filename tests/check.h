/*
 * check.h: the unit-test harness (header only).
 *
 * A test file defines functions `static void test_x(void)` and lists them
 * in main with RUN(test_x).  CHECK(cond) records a failure with its line
 * and goes on; REQUIRE(cond) also returns from the test.  main ends with
 * `return check_summary();`, which prints "N passed, N failed" counting
 * tests (a test passes when none of its checks failed) and returns the
 * exit status the runner expects.  SKIP(why) ends a test that cannot run
 * here (a missing data set, say): it is counted as skipped, never as
 * passed, and its reason is printed on its line ("N passed, N failed,
 * N skipped").
 */
#ifndef DS_CHECK_H
#define DS_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed, check_failed, check_skipped, check_cur_failed;
static const char *check_cur_name, *check_cur_skip;

#define CHECK(cond) do { \
	if (!(cond)) { \
		check_cur_failed++; \
		fprintf(stderr, "  %s:%d: %s: check failed: %s\n", \
			__FILE__, __LINE__, check_cur_name, #cond); \
	} \
} while (0)

#define REQUIRE(cond) do { \
	if (!(cond)) { \
		check_cur_failed++; \
		fprintf(stderr, "  %s:%d: %s: required: %s\n", \
			__FILE__, __LINE__, check_cur_name, #cond); \
		return; \
	} \
} while (0)

#define CHECK_STR(a, b) do { \
	const char *check_a_ = (a), *check_b_ = (b); \
	if (!check_a_ || !check_b_ || strcmp(check_a_, check_b_) != 0) { \
		check_cur_failed++; \
		fprintf(stderr, "  %s:%d: %s: '%s' != '%s'\n", __FILE__, \
			__LINE__, check_cur_name, check_a_ ? check_a_ : "(null)", \
			check_b_ ? check_b_ : "(null)"); \
	} \
} while (0)

#define CHECK_INT(a, b) do { \
	long long check_a_ = (long long)(a), check_b_ = (long long)(b); \
	if (check_a_ != check_b_) { \
		check_cur_failed++; \
		fprintf(stderr, "  %s:%d: %s: %s == %lld, expected %lld\n", \
			__FILE__, __LINE__, check_cur_name, #a, check_a_, \
			check_b_); \
	} \
} while (0)

/* SKIP(why): this test cannot run here; say why and return. */
#define SKIP(why) do { \
	check_cur_skip = (why); \
	return; \
} while (0)

#define RUN(fn) do { \
	check_cur_name = #fn; \
	check_cur_failed = 0; \
	check_cur_skip = NULL; \
	fn(); \
	if (check_cur_failed) { \
		check_failed++; \
		printf("not ok - %s\n", #fn); \
	} else if (check_cur_skip) { \
		check_skipped++; \
		printf("skip - %s: %s\n", #fn, check_cur_skip); \
	} else { \
		check_passed++; \
		printf("ok - %s\n", #fn); \
	} \
	fflush(stdout); \
} while (0)

static inline int check_summary(void)
{
	if (check_skipped)
		printf("%d passed, %d failed, %d skipped\n", check_passed,
		       check_failed, check_skipped);
	else
		printf("%d passed, %d failed\n", check_passed, check_failed);
	return check_failed ? 1 : 0;
}

#endif
