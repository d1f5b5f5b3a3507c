/*
 * cli_out.h: the one printer of the command line's output for people.
 *
 * The convention, for every command that prints data:
 *  - a list is a table: a header line, then one row a line, in columns
 *    aligned with spaces (widths from the values, counting UTF-8
 *    characters, not bytes); an empty cell reads "-"; a long text cell is
 *    cut with "..." (one character, U+2026) so a row stays on a line;
 *  - one record is "label: value" lines, the values aligned; a list inside
 *    it is a table indented under its label, a record inside it a record;
 *  - --json prints the library's JSON instead, unchanged.
 * No tab and no control character reaches people's output: a value's own
 * are turned into spaces (a record's text keeps its line breaks, each
 * further line aligned under the first).
 */
#ifndef DS_CLI_OUT_H
#define DS_CLI_OUT_H

#include <jansson.h>

struct cli;

/* The default cut of a text cell in a table, in characters. */
#define CLI_OUT_CUT 64
/* A column of a table, or a field of a record. */
struct cli_col {
	const char *key;        /* the member of each JSON object */
	const char *label;      /* the header or label (NULL: key) */
	int max;                /* table cell: characters kept before "...";
				 * 0: CLI_OUT_CUT, -1: never cut */
	const struct cli_col *cols; /* a nested list's columns, a nested
				     * record's fields (NULL: all members) */
};

/*
 * Print an array of objects as a table, indent spaces in.  cols ends with
 * key == NULL; NULL: every member holding a scalar or a list of scalars,
 * in the order first seen; cols holding the key "*": the same, each
 * member with its entry of cols when it has one (a label, a cut, a nested
 * list's columns), else with the "*" entry's cut and nested columns.
 * An empty array prints "(none)".
 */
void cli_out_table(json_t *rows, const struct cli_col *cols, int indent);

/*
 * Print an object as "label: value" lines, indent spaces in.  fields ends
 * with key == NULL; NULL or holding "*": every member in order (as for
 * cli_out_table).  A member that is a list of objects is a table under
 * its label, an object a record under it, a
 * list of scalars one line ("a, b"), a missing or null one "-".
 */
void cli_out_record(json_t *obj, const struct cli_col *fields, int indent);

/*
 * Print a command's result: JSON with --json, else a table for an array
 * (cols as cli_out_table) and a record for an object (cols as fields).
 */
void cli_out(struct cli *cli, json_t *j, const struct cli_col *cols);

/* Characters (not bytes) of UTF-8 text s. */
size_t cli_out_width(const char *s);

#endif
