#!/bin/sh
# The offline demo: a vacancy with three shortlisted candidates, their
# notices and consent, the gate for each, and the audit trail verified.
# Everything happens in demo-out/ under the source tree; nothing is left
# running and no network is used.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
ds="$top/build/duesearch"
out="$top/demo-out"
rm -rf "$out"
mkdir -p "$out"
cd "$out"
export DUESEARCH_ACTOR=amira
step() { printf '\n== %s\n' "$*"; }
run() { printf '$ duesearch %s\n' "$*"; "$ds" "$@"; }

step "The organisation and its people"
run init --org "Oakfield Academy Trust" --lawful-basis public-task \
	--scope shortlisted \
	--scope-reason "KCSIE: consider an online search of every shortlisted candidate"
run actor role amira --role admin,recruiter
run actor add dev --role dsl
run actor add priya --role dpo

step "A vacancy and its shortlist (anchors from the applications only)"
run vacancy add --ref OAK-2026-07 --post "Class teacher, Year 4" \
	--school "Oakfield Primary" --interview-date 2026-12-10
run candidate add --vacancy OAK-2026-07 --name "Jane Example" \
	--known-as "Janey Example" --location Leeds \
	--employer "Elmwood Primary School" --status shortlisted
run candidate add --vacancy OAK-2026-07 --name "Sam Placeholder" \
	--location Bradford --employer "Harbour Academy" --status shortlisted
run candidate add --vacancy OAK-2026-07 --name "Robin Fictional" \
	--previous-name "Robin Sample" --location York --status shortlisted
run handle add --candidate 1 --platform mastodon \
	--handle @jane@social.example.org
run handle add --candidate 1 --url https://jane-example.example.net/blog
run handle add --candidate 2 --platform bluesky --handle sam.example.org

step "Notice to every shortlisted candidate; consent from two of them"
echo "Notice: we may carry out online searches (KCSIE)." > notice.txt
for c in 1 2 3; do
	run notice add --candidate $c --date 2026-11-14 --channel email \
		--evidence notice.txt
done
run consent add --candidate 1 --date 2026-11-15
run consent add --candidate 2 --date 2026-11-16

step "The searcher declares she is not on the interview panel"
run vacancy declare OAK-2026-07 --not-on-panel

step "The gate, before any search (candidate 3 has not consented)"
for c in 1 2 3; do
	run gate check --candidate $c --date 2026-11-20 || true
done

step "Candidate 2 withdraws consent: the gate closes"
run consent withdraw --candidate 2 --date 2026-11-18
run gate check --candidate 2 --date 2026-11-20 || true

step "The DPO verifies the audit trail and keeps its head"
run --as priya audit verify
"$ds" --as priya audit head > audit-head.txt
cat audit-head.txt
run --as priya audit show --limit 5

step "Done"
echo "case file: $out/duesearch.db (mode $(stat -c %a duesearch.db))"
echo "key file:  $out/duesearch.db.keys (keep it apart from backups of the"
echo "           database; see SECURITY.md)"
if grep -q "Jane Example" duesearch.db; then
	echo "error: a name was found in clear in the database" >&2
	exit 1
fi
echo "no candidate name is stored in clear in the database file"
