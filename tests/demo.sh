#!/bin/sh
# The offline demo: the whole job on the embedded defaults, against the
# bundled fake web (fictional candidates, their pages, a search engine, a
# Mastodon instance, a namesake, a log-in wall) on 127.0.0.1 only.  It
# records a vacancy with three shortlisted candidates, their notices and
# consent, runs the plan, records the DSL's review and an interview
# response, writes the reports, verifies the audit trail and says where
# everything is.  It leaves nothing running.
#   tests/demo.sh [BUILD-DIR]   (default build; make demo gives its O=)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-build}
case "$bin" in /*) ;; *) bin="$top/$bin" ;; esac
ds="$bin/duesearch"
for f in "$ds" "$bin/fakeweb"; do
	[ -x "$f" ] || { echo "demo: $f is not built: run 'make demo'" >&2; exit 1; }
done
out="$top/demo-out"
rm -rf "$out"
mkdir -p "$out/reports"
cd "$out"
export DUESEARCH_ACTOR=amira
unset DUESEARCH_DB DUESEARCH_KEYS DUESEARCH_CONFIG

"$bin/fakeweb" --port 0 --root "$top/tests/fixtures/demo" \
	--port-file fakeweb.port --log fakeweb.log > /dev/null 2>&1 &
fwpid=$!
trap 'kill $fwpid 2>/dev/null; wait $fwpid 2>/dev/null || true' EXIT INT TERM
i=0
while [ ! -s fakeweb.port ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
port=$(head -n 1 fakeweb.port)

# Every host of the fake web is mapped to the local server; only that
# address is let through the SSRF guard.
cat > duesearch.conf <<CONF
[fetch]
allow = 127.0.0.1:$port
connect_to = ::127.0.0.1:$port
host_rate = 0
[connector searxng]
base_url = http://search.example
[connector mastodon]
base_url = http://social.example.org
CONF

step() { printf '\n== %s\n' "$*"; }
# Acting as someone other than this account's own person (amira, bound
# by init) needs their password: run gives it from pw-NAME.
run() {
	printf '$ duesearch %s\n' "$*"
	pwf=
	[ "$1" = --as ] && pwf="$PWD/pw-$2"
	DUESEARCH_PASSWORD_FILE=$pwf "$ds" "$@"
}

step "The organisation and its people"
run init --org "Oakfield Academy Trust" --lawful-basis public-task \
	--scope shortlisted \
	--scope-reason "KCSIE: consider an online search of every shortlisted candidate"
run actor role amira --role admin,recruiter
run actor add dev --role dsl
run actor add priya --role dpo
for who in dev priya; do
	printf 'demo password of %s\n' "$who" > "pw-$who"
	run actor passwd "$who" < "pw-$who"
done

step "A vacancy and its shortlist (anchors from the applications only)"
run vacancy add --ref OAK-2026-07 --post "Class teacher, Year 4" \
	--school "Oakfield Primary" --interview-date 2026-12-10
run candidate add --vacancy OAK-2026-07 --name "Jane Example" \
	--location Leeds --employer "Elmwood Primary School" --status shortlisted
run candidate add --vacancy OAK-2026-07 --name "Sam Placeholder" \
	--location Bradford --employer "Harbour Academy" --status shortlisted
run candidate add --vacancy OAK-2026-07 --name "Robin Fictional" \
	--location York --status shortlisted
run handle add --candidate 1 --platform mastodon --handle @jane@social.example.org
run handle add --candidate 1 --url http://jane-example.example.net/blog/
run handle add --candidate 2 --platform instagram --handle sam.placeholder

step "Notice to every candidate, and their consent"
echo "We may carry out online searches of shortlisted candidates (KCSIE)." > notice.txt
for c in 1 2 3; do
	run notice add --candidate $c --date 2026-11-14 --channel email \
		--evidence notice.txt
	run consent add --candidate $c --date 2026-11-15
done

step "The searcher declares she is not on the interview panel"
run vacancy declare OAK-2026-07 --not-on-panel

step "The plan the vacancy will be searched with (frozen at the first run)"
run plan show --vacancy OAK-2026-07

step "The search: the gate, then the same plan for every candidate"
run run --vacancy OAK-2026-07

step "The manual step: Instagram forbids automated access"
manual=$("$ds" run show 1 --json | tr -d ' \n' |
	sed -n 's/.*"id":\([0-9]*\),"candidate":2,"kind":"profile","connector":"manual".*/\1/p')
"$ds" run show 1 | grep -E "^ +step +candidate |manual" || true
echo "(the searcher opens the profile without logging in: it is private)"
run evidence settle --step "$manual" --outcome not-public

step "The DSL reviews the findings"
run --as dev findings list
for f in $(DUESEARCH_PASSWORD_FILE=pw-dev "$ds" --as dev findings list --json | tr -d ' \n' |
	   sed 's/},{/}\n{/g' | sed -n 's/.*"id":\([0-9]*\),"candidate":1,.*/\1/p'); do
	run --as dev findings show "$f"
	run --as dev review "$f" --decision confirm \
		--reason "About the candidate and relevant to working with children: put it to her at interview"
done

step "The interview: Jane answers the confirmed findings"
for f in $(DUESEARCH_PASSWORD_FILE=pw-dev "$ds" --as dev findings list --status confirmed --json | tr -d ' \n' |
	   sed 's/},{/}\n{/g' | sed -n 's/.*"id":\([0-9]*\),.*/\1/p'); do
	run response record "$f" --outcome resolved \
		--text "Explained at interview; the panel heard her account"
done
for c in 1 2 3; do
	run candidate close $c
done
run vacancy decide OAK-2026-07 --date "$(date -u +%F)"

step "Reports for the recruitment file"
run --as dev report --candidate 1 -o reports/candidate-1.html
run report --candidate 2 -o reports/candidate-2.html
run report --candidate 3 --format md -o reports/candidate-3.md
run report --vacancy OAK-2026-07 -o reports/vacancy.html
run report --vacancy OAK-2026-07 --scr -o reports/scr.csv
cat reports/scr.csv

step "The DPO verifies the audit trail"
run --as priya audit verify
DUESEARCH_PASSWORD_FILE=pw-priya "$ds" --as priya audit head > audit-head.txt

step "Done"
echo "reports:   $out/reports/"
ls -1 "$out/reports" | sed 's/^/           /'
echo "case file: $out/duesearch.db (mode $(stat -c %a duesearch.db)), key file beside it"
echo "requests the fake web received: $(wc -l < fakeweb.log) (fakeweb.log)"
if grep -q "Jane Example" duesearch.db; then
	echo "error: a name was found in clear in the database" >&2
	exit 1
fi
echo "no candidate name is stored in clear in the database file"
