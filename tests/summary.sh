#!/bin/sh
# Sum the results file written by tests/run.sh into one closing line.
set -u
f=${1:-build/results.txt}
[ -s "$f" ] || { echo "0 passed, 1 failed"; exit 1; }
awk '{ p += $3; f += $4 } END { printf "%d passed, %d failed\n", p, f;
	exit (f > 0) }' "$f"
