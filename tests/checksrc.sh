#!/bin/sh
# make checksrc: what ../shared/STYLE.md asks of the C sources, checked by
# a script rather than by reviewers.
#  - banned functions: strcpy strcat sprintf vsprintf gets atoi atol
#    strtok (a call, outside comments and strings);
#  - 80 columns (a tab counts to the next multiple of 8);
#  - no trailing white space.
# Prints one line per fault (FILE:LINE: what) and "N passed, N failed"
# (one check per file); exits non-zero on any fault.
#   tests/checksrc.sh [--results FILE]   (make check counts it there)
set -u
results=""
[ "${1:-}" = --results ] && results=$2
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
files=$(ls src/*.c src/*.h src/*/*.c src/*/*.h connectors/*.c \
	connectors/*.h tests/*.c tests/*.h tests/unit/*.c tests/fuzz/*.c \
	tests/fuzz/*.h tests/bench/*.c tests/plugins/*.c 2>/dev/null)
passed=0 failed=0
for f in $files; do
	out=$(awk -v f="$f" '
	BEGIN { banned = "(strcpy|strcat|sprintf|vsprintf|gets|atoi|atol|strtok)" }
	{
		line = $0
		# Columns: expand tabs to the next multiple of 8.
		col = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			col = (c == "\t") ? col + 8 - col % 8 : col + 1
		}
		if (col > 80)
			printf "%s:%d: %d columns (at most 80)\n", f, NR, col
		if (line ~ /[ \t]+$/)
			printf "%s:%d: trailing white space\n", f, NR
		# Code only: drop comments and string literals.
		code = line
		if (incomment) {
			if (index(code, "*/") == 0)
				next
			code = substr(code, index(code, "*/") + 2)
			incomment = 0
		}
		gsub(/"([^"\\]|\\.)*"/, "\"\"", code)
		gsub(/\/\*.*\*\//, " ", code)
		if (index(code, "/*") > 0) {
			code = substr(code, 1, index(code, "/*") - 1)
			incomment = 1
		}
		sub(/\/\/.*/, "", code)
		if (match(code, "(^|[^A-Za-z0-9_.>])" banned "[ \t]*\\(")) {
			name = substr(code, RSTART, RLENGTH)
			gsub(/[^A-Za-z]/, "", name)
			printf "%s:%d: %s is banned (STYLE.md)\n", f, NR, name
		}
	}' "$f")
	if [ -n "$out" ]; then
		echo "$out"
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
	fi
done
echo "checksrc: $passed passed, $failed failed"
[ -n "$results" ] && echo "lint checksrc $passed $failed" >> "$results"
[ "$failed" = 0 ]
