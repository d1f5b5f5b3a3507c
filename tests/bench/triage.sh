#!/bin/sh
# make bench-triage: the taxonomy and model on the held-out fifth of the
# Davidson sample (rows whose id's FNV-1a hash is 0 modulo 5, never
# trained on), through 'duesearch taxonomy test'; then triage's
# throughput on the page corpus.
#   tests/bench/triage.sh BUILD_DIR DAVIDSON_CSV PAGES_DIR
set -eu
bin=$1 csv=$2 pages=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: > "$tmp/none.conf"
"$bin/model_train" --held-out "$csv" > "$tmp/held"
cut -f2- "$tmp/held" | "$bin/duesearch" --config "$tmp/none.conf" --json \
	taxonomy test > "$tmp/out"
cut -f1 "$tmp/held" > "$tmp/cls"
# Each answer's categories, "hate,abuse" or "-", from its JSON line.
/usr/bin/python3 -c '
import json, sys
for line in sys.stdin:
    cats = [c["category"] for c in json.loads(line)["categories"]]
    print(",".join(cats) or "-")' < "$tmp/out" > "$tmp/cats"
# Dialect: posts with words of African-American English (a rough marker
# list, as a proxy only; see README.md) against the rest.
cut -f2- "$tmp/held" | awk '{
	s = " " tolower($0) " "; gsub(/[^a-z]/, " ", s);
	m = (s ~ / (finna|tryna|ion|aint|bruh|nigga|niggas|dat|dis|yall|gon|lil|tho|bout|wit|da|dem|dey|ya|yo|fam|boo|bae|hella|shawty|ima) /);
	print m }' > "$tmp/aae"
paste "$tmp/cls" "$tmp/cats" "$tmp/aae" | awk -F'\t' '
function has(c, w) { return ("," c ",") ~ ("," w ",") }
{
	n[$1]++
	hate = has($2, "hate"); abuse = has($2, "abuse"); any = ($2 != "-")
	if ($1 == 0 && hate) hh++
	if (hate) { fh++; if ($1 == 0) tp++ }
	if ($1 == 1 && (hate || abuse)) oa++
	if ($1 == 2 && any) na++
	if ($1 == 2) { nd[$3]++; if (any) ndf[$3]++ }
	if ($1 == 1) { od[$3]++; if (hate || abuse) odf[$3]++; if (hate) odh[$3]++ }
	if ($1 == 0) { hd[$3]++; if (hate) hdh[$3]++ }
}
function r(a, b) { return b ? a / b : 0 }
END {
	printf "held-out Davidson rows: %d hate, %d offensive, %d neither\n", n[0], n[1], n[2]
	printf "hate-speech posts flagged hate:        %.3f (target >= 0.65)\n", r(hh, n[0])
	printf "offensive posts flagged abuse or hate: %.3f (target >= 0.85)\n", r(oa, n[1])
	printf "neither posts flagged at all:          %.3f (target <= 0.05)\n", r(na, n[2])
	printf "hate speech: precision %.2f, recall %.2f (published classifier: 0.44, 0.61)\n", r(tp, fh), r(hh, n[0])
	printf "dialect proxy: neither posts flagged %.3f with AAE markers (%d posts), %.3f without (%d)\n", r(ndf[1], nd[1]), nd[1], r(ndf[0], nd[0]), nd[0]
	printf "dialect proxy: offensive posts flagged %.3f with AAE markers (%d posts), %.3f without (%d)\n", r(odf[1], od[1]), od[1], r(odf[0], od[0]), od[0]
	printf "dialect proxy: offensive posts flagged hate %.3f with AAE markers, %.3f without\n", r(odh[1], od[1]), r(odh[0], od[0])
	printf "dialect proxy: hate-speech posts flagged hate %.3f with AAE markers (%d posts), %.3f without (%d)\n", r(hdh[1], hd[1]), hd[1], r(hdh[0], hd[0]), hd[0]
}'
"$bin/triage_bench" "$pages"
