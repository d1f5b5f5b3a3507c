#!/bin/sh
# Sum the results file written by tests/run.sh and tests/fuzz/run.sh
# ("label program passed failed [skipped]") into one closing line:
# "N passed, N failed" with ", N skipped" when any test was skipped.
set -u
f=${1:-build/results.txt}
[ -s "$f" ] || { echo "0 passed, 1 failed"; exit 1; }
awk '{ p += $3; f += $4; s += $5 } END {
	if (s > 0)
		printf "%d passed, %d failed, %d skipped\n", p, f, s;
	else
		printf "%d passed, %d failed\n", p, f;
	exit (f > 0) }' "$f"
