/*
 * place.h: is a name a place in the UK, and what kind of place?
 *
 * The gazetteer is schemas/places/places.tsv (OS Open Names, with Northern
 * Ireland's larger towns added; see its README), compiled in: sorted lines
 * of a folded name (triage.h: ds_fold), a tab and a kind letter, searched
 * in place without allocating.
 */
#ifndef DS_PLACE_H
#define DS_PLACE_H

#include <stddef.h>

enum ds_place_kind {
	DS_PLACE_NONE = 0,
	DS_PLACE_OTHER,         /* other settlement */
	DS_PLACE_HAMLET,
	DS_PLACE_SUBURB,        /* suburban area */
	DS_PLACE_VILLAGE,
	DS_PLACE_TOWN,
	DS_PLACE_CITY
};

/*
 * The kind of the place named by the folded words name[0..n) (lowercase
 * ASCII, one space apart), or DS_PLACE_NONE when it is no place.
 */
enum ds_place_kind ds_place_lookup(const char *name, size_t n);

/* The gazetteer file, compiled in. */
extern const unsigned char ds_places_tsv[];
extern const size_t ds_places_tsv_len;

#endif
