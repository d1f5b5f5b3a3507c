# The trust's view (issue 17): searches per school and vacancy over a
# period, counts only, in HTML and CSV; a school's DSL sees their school's
# rows only, and no report names a candidate.
. "$DS_TOP/tests/cmd/lib.sh"

fakeweb_need
trap 'kill $FW_PID 2>/dev/null' EXIT
mkdir -p root/search.example
echo '{"results":[]}' > root/search.example/search.tmpl
fakeweb_start
fakeweb_conf 'web searxng "{name}"'
cat >> duesearch.conf <<CONF
[retention]
months = 6
CONF
q() { sqlite3 -cmd '.timeout 5000' duesearch.db "$1"; }
# The CSV row of a vacancy, without quotes: field N of it.
col() { grep "\"$1\"" out.txt | tr -d '"\r' | cut -d, -f"$2"; }

ds init --org "Ash and Birch Trust" --lawful-basis public-task \
	--scope-reason "KCSIE: all shortlisted candidates"
ds actor role admin --role admin,recruiter,dpo
ds school add --name "Ash Primary" --urn 100001
ds school add --name "Birch Academy" --urn 100002
ds vacancy add --ref VA --post Teacher --school 100001
ds vacancy add --ref VB --post Caretaker --school 100002
ds candidate add --vacancy VA --name "Anna Ashdown" --status shortlisted
ds candidate add --vacancy VA --name "Alan Ashworth" --status shortlisted
ds candidate add --vacancy VB --name "Bella Birchall" --status shortlisted
for c in 1 2 3; do
	ds notice add --candidate $c --date 2026-11-01 --channel email
	ds consent add --candidate $c --date 2026-11-02
done
ds vacancy declare VA --not-on-panel
ds vacancy declare VB --not-on-panel
ds run --vacancy VA
ds run --vacancy VB
check "both vacancies were searched" test "$(q "select count(distinct
	candidate_id) from step where status = 'done'")" = 3
# Findings as a run makes them: one left open for ten days at VA, one
# confirmed at VB.
q "insert into finding (candidate_id, url_mac, evidence_sha256, identity,
   anchors, categories, severity, retrieved, created, status) values
   (1, x'01', 'aa', 'probable', 'name', 'violence', 3,
   strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-10 days'),
   strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-10 days'), 'open'),
   (3, x'03', 'bb', 'probable', 'name', 'violence', 3,
   strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
   strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'confirmed')"
printf '[plan]\nstep = web searxng "{name}" teacher\n' > plan2.ini
ds plan set --vacancy VA --file plan2.ini --reason "narrower"
ds vacancy decide VB --date "$(date -u +%F)"
set_decided VB "$(date -u -d '-8 months' +%F)"

expect_ok "the trust's report as CSV" report --trust --format csv
check "the header names the counts" grep -q \
	"^school,urn,vacancy,post,searched,steps,findings," out.txt
check "a row per vacancy" test "$(grep -c '"V[AB]"' out.txt)" = 2
check "VA: two candidates searched" test "$(col VA 5)" = 2
check "VA: two steps run" test "$(col VA 6)" = 2
check "VA: one finding, open" test "$(col VA 7)/$(col VA 12)" = 1/1
check "VA: the time from shortlist to search is given" \
	sh -c "col() { grep \"\\\"\$1\\\"\" out.txt | tr -d '\"' | cut -d, -f\"\$2\"; };
	       echo \$(col VA 13) | grep -Eq '^[0-9]+(\\.[0-9])?\$'"
check "VA: one deviation from the plan" test "$(col VA 14)" = 1
check "VA: one review overdue" test "$(col VA 15)" = 1
check "VB: one finding confirmed" test "$(col VB 8)" = 1
check "VB: its candidate is past retention" test "$(col VB 16)" = 1
check "VA: nothing past retention (no decision)" test "$(col VA 16)" = 0
check "each row names its school" test "$(col VB 1),$(col VB 2)" = \
	"Birch Academy,100002"
check "no candidate is named" sh -c '! grep -Eq "Anna|Alan|Bella" out.txt'
expect_out "as JSON, the days to search a number" \
	'"days_to_search": [0-9]+\.[0-9]' --json report --trust
expect_ok "the same as HTML" report --trust --output trust.html
check "an HTML table" grep -q "<th>overdue_reviews</th>" trust.html
check "no candidate named there either" \
	sh -c '! grep -Eq "Anna|Alan|Bella" trust.html'
tomorrow=$(date -u -d '+1 day' +%F)
expect_ok "a period with no searches" report --trust --format csv \
	--from "$tomorrow"
check "counts none searched in it" test "$(col VA 5)" = 0
expect_fail "a period back to front is refused" 64 "after --to" \
	report --trust --from 2026-12-01 --to 2026-11-01
expect_fail "--trust is not for one vacancy" 64 "covers every" \
	report --trust --vacancy VA
expect_fail "--from goes with --trust" 64 "go with" report \
	--vacancy VA --from 2026-11-01
expect_fail "a bad format is refused" 64 "html or csv" report --trust \
	--format pdf

ds actor add dsla --role dsl
ds role grant --person dsla --role dsl --school 100001
expect_ok "a school's DSL may see the trust's report" --as dsla report \
	--trust --format csv
check "with their school's rows only" test "$(grep -c '"V[AB]"' out.txt)" \
	= 1
check "which are school A's" grep -q '"VA"' out.txt
check "nothing of school B" sh -c '! grep -q Birch out.txt'
expect_ok "as HTML too" --as dsla report --trust
check "which says it is limited" grep -q "Only the schools" out.txt
check "each trust report is audited" test "$(q "select count(*) from audit
	where action = 'report.trust'")" = 5
finish
