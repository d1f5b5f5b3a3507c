#!/bin/sh
# Unpack the page corpus for the extraction-quality test and the page
# benchmark:  tests/pages.sh [--if-present] [SRC [DEST]]
# With --if-present a missing corpus is not an error (make check: the
# tests that need it are then skipped and say so).
# SRC defaults to $DS_PAGES_SRC, else ../shared/data/pages beside the work
# tree; DEST to build/pages.  Pages already unpacked are left alone, so a
# second run costs nothing.  Prints the directory to give as DS_PAGES_DIR.
set -eu
if_present=0
[ "${1:-}" = --if-present ] && { if_present=1; shift; }
top=$(cd "$(dirname "$0")/.." && pwd)
src=${1:-${DS_PAGES_SRC:-$top/../shared/data/pages}}
dest=${2:-$top/build/pages}
if [ ! -f "$src/ground-truth.json" ] || [ ! -d "$src/html" ]; then
	[ "$if_present" = 1 ] && exit 0
	echo "pages.sh: no corpus in '$src': give its directory as SRC" >&2
	exit 1
fi
mkdir -p "$dest/html"
for gz in "$src"/html/*.html.gz; do
	[ -f "$gz" ] || continue
	out="$dest/html/$(basename "$gz" .gz)"
	[ -f "$out" ] && [ ! "$gz" -nt "$out" ] && continue
	gunzip -c "$gz" > "$out.tmp"
	mv "$out.tmp" "$out"
done
if [ ! -f "$dest/ground-truth.json" ] ||
   [ "$src/ground-truth.json" -nt "$dest/ground-truth.json" ]; then
	cp "$src/ground-truth.json" "$dest/ground-truth.json.tmp"
	mv "$dest/ground-truth.json.tmp" "$dest/ground-truth.json"
fi
cd "$dest" && pwd
