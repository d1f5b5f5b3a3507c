/*
 * place.c: the gazetteer's look-up (see place.h).
 *
 * A binary search over the bytes of the sorted file: the middle byte of
 * the range is moved back to the start of its line, whose name is compared
 * with the key.  Comment lines ("#") come first and are skipped once.
 */
#include <string.h>

#include "place.h"

/* Offset of the first line that is not a comment. */
static size_t first_line(void)
{
	const char *t = (const char *)ds_places_tsv;
	size_t i = 0;

	while (i < ds_places_tsv_len && t[i] == '#') {
		const char *nl = memchr(t + i, '\n', ds_places_tsv_len - i);

		if (!nl)
			return ds_places_tsv_len;
		i = (size_t)(nl - t) + 1;
	}
	return i;
}

static enum ds_place_kind kind_of(char c)
{
	switch (c) {
	case 'C': return DS_PLACE_CITY;
	case 'T': return DS_PLACE_TOWN;
	case 'V': return DS_PLACE_VILLAGE;
	case 'S': return DS_PLACE_SUBURB;
	case 'H': return DS_PLACE_HAMLET;
	case 'O': return DS_PLACE_OTHER;
	default: return DS_PLACE_NONE;
	}
}

enum ds_place_kind ds_place_lookup(const char *name, size_t n)
{
	const char *t = (const char *)ds_places_tsv;
	size_t lo = first_line(), hi = ds_places_tsv_len;

	if (!n || n > 100)
		return DS_PLACE_NONE;
	/* Invariant: every line starting in [lo, hi) may hold the key. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, s = mid, e, k;
		int c;

		while (s > lo && t[s - 1] != '\n')
			s--;
		for (e = s; e < ds_places_tsv_len && t[e] != '\t' &&
		     t[e] != '\n'; e++)
			;
		k = e - s < n ? e - s : n;
		c = memcmp(t + s, name, k);
		if (c == 0)
			c = e - s < n ? -1 : e - s > n ? 1 : 0;
		if (c == 0)
			return e + 1 < ds_places_tsv_len && t[e] == '\t' ?
			       kind_of(t[e + 1]) : DS_PLACE_NONE;
		if (c > 0) {
			hi = s;
		} else {
			const char *nl = memchr(t + e, '\n',
						ds_places_tsv_len - e);

			lo = nl ? (size_t)(nl - t) + 1 : hi;
		}
	}
	return DS_PLACE_NONE;
}
