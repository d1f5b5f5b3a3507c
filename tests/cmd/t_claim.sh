# claim: what the application claims (employment, qualifications, facts):
# recorded sealed and audited, refused with a one-line error naming the fix,
# listed, removed, shown in the subject access export, purged with the
# candidate; and the plan: every name alone and with each qualifier (from
# the anchors and the claims), news for every name, handles as text,
# identical queries asked once, shown by run --dry-run with their count.
. "$DS_TOP/tests/cmd/lib.sh"

q() { sqlite3 -cmd '.timeout 5000' duesearch.db "$1"; }

setup_case
ds anchor add --candidate 1 --kind known-as --value "Janey Smith"
ds anchor add --candidate 1 --kind previous-name --value "Jane Anne Brown"
ds anchor add --candidate 1 --kind employer --value "Acme Academy"

# ---- claims: add, refuse, list, remove --------------------------------------

expect_out "an employment claim is recorded" "claim added" \
	claim add --candidate 1 --kind employment --organisation "Acme Academy" \
	--role "Class Teacher" --from 2019-09 --to current --location Wakefield
expect_ok "an earlier employment with bare years" \
	claim add --candidate 1 --kind employment \
	--organisation "Beta Community School" --from 2015 --to 2019
expect_ok "a qualification" claim add --candidate 1 --kind qualification \
	--title "PGCE Primary" --institution "University of Exbury" --year 2015
expect_ok "a declared fact" claim add --candidate 1 --kind fact \
	--text "Holds a full driving licence"

ds actor add dee --role dsl
snapshot
expect_fail "the same claim twice is a duplicate" 65 "already has that employment claim" \
	claim add --candidate 1 --kind employment \
	--organisation "beta community school" --from 2015 --to 2019
expect_fail "an employment ending before it starts" 65 "ends \\(2019\\) before it starts \\(2020-05\\): check --from and --to" \
	claim add --candidate 1 --kind employment --organisation X \
	--from 2020-05 --to 2019
expect_fail "a bad month" 65 "bad --from '2020-13': write YYYY or YYYY-MM" \
	claim add --candidate 1 --kind employment --organisation X --from 2020-13
expect_fail "a bad year" 65 "bad --year '15': write YYYY" \
	claim add --candidate 1 --kind qualification --title X --year 15
expect_fail "a field of another kind" 64 "--title is for qualification claims" \
	claim add --candidate 1 --kind employment --organisation X --title Y
expect_fail "an employment without its organisation" 64 "needs --organisation" \
	claim add --candidate 1 --kind employment --role Teacher
expect_fail "a fact without text" 64 "needs --text" \
	claim add --candidate 1 --kind fact
expect_fail "an unknown kind" 65 "unknown claim kind 'skill': use one of employment, qualification, fact" \
	claim add --candidate 1 --kind skill --text x
expect_fail "no kind" 64 "say what the claim is: --kind" \
	claim add --candidate 1 --text x
expect_fail "an unknown candidate" 66 "unknown candidate 9" \
	claim add --candidate 9 --kind fact --text x
expect_fail "only a recruiter records claims" 77 "may not" \
	--as dee claim add --candidate 1 --kind fact --text x
check "refused claims changed nothing" unchanged

expect_out "the list shows an employment's fields" \
	"^1 +employment +Class Teacher at Acme Academy, Wakefield, 2019-09 to current$" \
	claim list --candidate 1
check "the list shows the qualification" \
	grep -Eq "^[0-9]+ +qualification +PGCE Primary, University of Exbury, 2015$" out.txt
expect_out "the DSL may read the claims" "Holds a full driving licence" \
	--as dee claim list --candidate 1
ds claim list --candidate 1 --json
check "claim list --json gives the fields" sh -c \
	"grep -q '\"institution\": \"University of Exbury\"' out.txt"
expect_out "candidate show lists the claims" \
	"^  2 +employment +Beta Community School, 2015 to 2019$" \
	candidate show 1

check "every claim added is audited, without personal data" \
	test "$(q "SELECT count(*) FROM audit WHERE action = 'claim.add' AND
		detail LIKE 'kind=%' AND candidate_id = 1")" = 4
for v in "Class Teacher" "Beta Community" "University of Exbury" \
	"driving licence" "Wakefield" "2019-09"; do
	check "the file holds no '$v' in clear" \
		test "$(grep -c -a -i -F "$v" duesearch.db)" = 0
done

# ---- the plan: names by qualifiers, deduplicated ----------------------------

expect_out "a dry run shows the expanded steps and their count" \
	"dry run: [0-9]+ steps for 1 candidates" run --vacancy V1 --dry-run
cp out.txt dry.txt
# has REGEX: a row of the dry run's table (candidate, step, kind,
# connector, skipped, query) matches.
has() { grep -Eq -- "$1" dry.txt; }
for qq in '"Jane Smith"' '"Janey Smith"' '"Jane Anne Brown"' '"Jane Brown"' \
	'"Jane Smith" Leeds' '"Janey Smith" Wakefield' \
	'"Jane Brown" "Beta Community School"' \
	'"Jane Smith" "University of Exbury"'; do
	check "the plan asks web $qq" has "^1 +[0-9]+ +web +searxng +- +$qq\$"
done
check "news is searched for each name alone" \
	test "$(grep -cE 'news +searxng +- +"[^"]*"$' dry.txt)" = 4
check "news for the legal name with the town" \
	has 'news +searxng +- +"Jane Smith" Leeds$'
check "an employer both an anchor and a claim is asked once" \
	test "$(grep -cE 'web +searxng +- +"Jane Smith" "Acme Academy"$' dry.txt)" = 1
n=$(grep -cE '^1 +[0-9]+ ' dry.txt)
check "the count is the lines shown" grep -q "dry run: $n steps" dry.txt
check "no query is shown twice" \
	test "$(grep -E '^1 +[0-9]+ +[a-z]+ +[a-z]+ +- ' dry.txt | sort | uniq -d | wc -l)" = 0
check "a sensible number of queries (names by qualifiers, not a product)" \
	test "$n" -le 60

# A handle is searched as text; a duplicate step collapses to one skipped.
ds handle add --candidate 1 --platform mastodon --handle @janes@social.example
cat > duesearch.conf <<'EOF'
[plan]
step = web searxng "{any_name}"
step = web searxng "{name}"
step = web searxng "{handle}"
step = profile auto {handle}
EOF
expect_out "a handle is searched as text" 'web +searxng +- +"janes"$' \
	run --vacancy V1 --dry-run
check "a step wholly asked before shows once, skipped" \
	grep -Eq "^1 +2 +web +searxng +the same search is made by an earlier step " out.txt
check "the legal name is asked once" \
	test "$(grep -cE ' - +"Jane Smith"$' out.txt)" = 1
rm duesearch.conf

# ---- remove, subject access, purge ------------------------------------------

expect_out "a claim is removed" "claim removed" claim remove 4
expect_fail "an unknown claim" 66 "unknown claim 4: see 'duesearch claim list" \
	claim remove 4
check "the removal is audited" \
	test "$(q "SELECT count(*) FROM audit WHERE action = 'claim.remove'
		AND object_id = 4")" = 1

ds actor add dora --role dpo
expect_ok "a subject access export" --as dora sar export --candidate 1 -o sar
check "the export's JSON holds the claims" \
	grep -q '"organisation": "Beta Community School"' sar/subject-access.json
check "the export's HTML shows the claims" \
	grep -q "PGCE Primary, University of Exbury, 2015" sar/subject-access.html
check "the HTML shows an employment's dates" \
	grep -q "Acme Academy, Class Teacher, Wakefield, 2019-09 to current" \
	sar/subject-access.html

ds candidate status 1 unsuccessful
set_decided V1 "$(date -u -d '-7 months' +%F)"
expect_out "the candidate is purged" "^1 +V1 +purged +anchors [0-9]" \
	--as dora retention purge
check "the purge removed the claims" test "$(q 'SELECT count(*) FROM claim')" = 0
check "the purge event counts the claims" \
	test "$(q "SELECT count(*) FROM audit WHERE action = 'candidate.purge'
		AND detail LIKE '%claims=3'")" = 1

finish
