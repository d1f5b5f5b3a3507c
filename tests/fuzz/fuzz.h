/*
 * fuzz.h: what the libFuzzer targets under tests/fuzz/ share (header only).
 *
 * Each fuzz_NAME.c defines LLVMFuzzerTestOneInput for one parser, is built
 * by `make fuzz-build` into build/fuzz/fuzz_NAME with clang's
 * -fsanitize=fuzzer,address,undefined, and has its seed corpus in
 * tests/fuzz/corpus/NAME/.  Beyond the sanitizers, a target checks what
 * its parser promises about its output with FUZZ_ASSERT, which aborts (a
 * crash for the fuzzer) and says which promise was broken.
 *
 * Inputs the targets split in parts use FUZZ_SEP, a line of its own:
 *   first part\n====\nsecond part
 */
#ifndef DS_FUZZ_H
#define DS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ASSERT(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: broken promise: %s\n", __FILE__, \
			__LINE__, #cond); \
		abort(); \
	} \
} while (0)

#define FUZZ_SEP "\n====\n"

/* A NUL-terminated copy of data[0..n) (NUL bytes stay inside), or exit. */
static inline char *fuzz_str(const uint8_t *data, size_t n)
{
	char *s = malloc(n + 1);

	if (!s) {
		fprintf(stderr, "fuzz: out of memory\n");
		exit(1);
	}
	if (n)
		memcpy(s, data, n);
	s[n] = '\0';
	return s;
}

/*
 * Split data at the first FUZZ_SEP: *a gets the part before it, *b the
 * part after (both NUL-terminated copies, free them).  Without a
 * separator *b is NULL.
 */
static inline void fuzz_split(const uint8_t *data, size_t size, char **a,
			      size_t *alen, char **b, size_t *blen)
{
	static const char sep[] = FUZZ_SEP;
	const size_t sl = sizeof(sep) - 1;
	size_t i;

	for (i = 0; i + sl <= size; i++)
		if (memcmp(data + i, sep, sl) == 0) {
			*a = fuzz_str(data, i);
			*alen = i;
			*b = fuzz_str(data + i + sl, size - i - sl);
			*blen = size - i - sl;
			return;
		}
	*a = fuzz_str(data, size);
	*alen = size;
	*b = NULL;
	*blen = 0;
}

/* 1 when s[0..n) has a byte below 0x20 or DEL. */
static inline int fuzz_has_ctl(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 1;
	return 0;
}

#endif
