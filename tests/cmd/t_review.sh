# review: one whole case.  A run against a fake SearXNG (tests/fakeweb on
# loopback) finds a confirmed item, a possible one (a name only), one the
# DSL will decide is not the candidate, a namesake, a harmless page and a
# protected-only page; the steps count what is not kept; the findings are
# sealed in the database and only the DSL sees or decides them; a possible
# match needs --identity-confirmed; not-candidate wipes the content; only
# confirmed findings take a response; the case closes only when nothing is
# open; every decision is audited; the same URL found by two steps is one
# finding.
. "$DS_TOP/tests/cmd/lib.sh"

fakeweb_need
FW_PID=''
trap 'kill $FW_PID 2>/dev/null' EXIT

# ---- the fake web -----------------------------------------------------------

# Every query gets the same six results, so both web steps find each.
# The namesake's snippet names another town: it is not followed.
s=root/search.example
mkdir -p $s root/news.example root/forum.example
cat > $s/search.tmpl <<'EOF'
{"query": "{q_json}", "results": [
 {"url": "http://news.example/pub-brawl.html", "engine": "fake",
  "title": "Teacher filmed in pub brawl",
  "content": "Jane Smith, a teacher at Elmwood Primary School in Leeds"},
 {"url": "http://forum.example/thread-7.html", "engine": "fake",
  "title": "Neighbours forum, thread 7",
  "content": "Jane Smith wrote a comment"},
 {"url": "http://news.example/court-report.html", "engine": "fake",
  "title": "Court report", "content": "Jane Smith, of Leeds"},
 {"url": "http://news.example/bristol-nurse.html", "engine": "fake",
  "title": "Nurse jailed",
  "content": "Jane Smith, 52, a nurse from Bristol, was jailed"},
 {"url": "http://news.example/bake-sale.html", "engine": "fake",
  "title": "Bake sale", "content": "Jane Smith of Leeds"},
 {"url": "http://news.example/readers.html", "engine": "fake",
  "title": "Readers", "content": "Jane Smith of Leeds"}]}
EOF
printf 'content-type: application/json\n' > $s/search.meta
page() { # FILE TITLE TEXT
	printf '<html><head><title>%s</title></head><body><p>%s</p></body>'\
'</html>\n' "$2" "$3" > "root/$1"
}
page news.example/pub-brawl.html "Teacher filmed in pub brawl" \
	"Jane Smith, a teacher at Elmwood Primary School in Leeds, was filmed
	throwing punches at a man outside a bar on Saturday night."
page forum.example/thread-7.html "Neighbours forum, thread 7" \
	"Jane Smith wrote: people like him deserve a good kicking and I would
	happily do it myself."
page news.example/court-report.html "Court report" \
	"Jane Smith, 41, of Leeds, was arrested on suspicion of theft from a
	shop in the Merrion Centre."
page news.example/bristol-nurse.html "Nurse jailed" \
	"Jane Smith, 52, a nurse from Bristol, was jailed for theft."
page news.example/bake-sale.html "Bake sale" \
	"Jane Smith of Leeds and the Year 6 team absolutely smashed it at the
	bake sale, raising 300 pounds for the library."
page news.example/readers.html "Readers" \
	"Jane Smith of Leeds reads the lesson at St Mary's church every
	Sunday."

fakeweb_start

cat > duesearch.conf <<EOF
[fetch]
allow = 127.0.0.1:$PORT
connect_to = ::127.0.0.1:$PORT
host_rate = 0
[connector searxng]
base_url = http://search.example
[plan]
step = web searxng "{name}"
step = web searxng "{name}" {location}
step = profile auto {handle}
EOF

ds init --org "Test Trust" --lawful-basis public-task \
	--scope-reason "KCSIE: all shortlisted candidates"
ds actor role admin --role admin,recruiter,dsl,dpo
ds actor add rita --role recruiter
ds actor add dora --role dsl
ds vacancy add --ref V1 --post Teacher --school "Oak Primary" \
	--interview-date 2026-12-10
ds candidate add --vacancy V1 --name "Jane Smith" --location Leeds \
	--school "Elmwood Primary School" --status shortlisted
ds handle add --candidate 1 --platform x --handle janesmith_teach
ds notice add --candidate 1 --date 2026-11-01 --channel email
ds consent add --candidate 1 --date 2026-11-02
ds vacancy declare V1 --not-on-panel

# ---- the run and its counts -------------------------------------------------

expect_ok "the run succeeds" run --vacancy V1
# Per web step: six results; the namesake is a count, the harmless page
# and the protected-only one are counts, three findings.
check "each web step counts results, namesake, harmless, protected, findings" \
	test "$(q "SELECT group_concat(r, ' ') FROM (SELECT results || ',' || \
		not_candidate || ',' || not_relevant || ',' || \
		protected_dropped || ',' || findings AS r FROM step WHERE \
		kind = 'web' ORDER BY id)")" = "6,1,1,1,3 6,1,1,1,3"
check "the namesake's page was never fetched; the others were" \
	test "$(grep -c 'bristol-nurse' log.txt)" = 0 -a \
	"$(grep -c 'GET news.example /pub-brawl.html' log.txt)" -ge 1
check "the profile step is left open for a person (manual)" \
	test "$(q "SELECT count(*) FROM step WHERE kind = 'profile' AND \
		outcome = 'manual-open'")" = 1
CONF=$(q "SELECT id FROM finding WHERE identity = 'confirmed'")
POSS=$(q "SELECT id FROM finding WHERE identity = 'possible'")
NC=$(q "SELECT id FROM finding WHERE identity = 'probable'")
check "three findings: one confirmed, one possible, one probable" \
	test "$(q 'SELECT count(*) FROM finding')" = 3 -a -n "$CONF" -a \
	-n "$POSS" -a -n "$NC"

# ---- the same URL from two steps: one finding -------------------------------

check "each finding is linked to both web steps (two finding_step rows)" \
	test "$(q "SELECT group_concat(n, ' ') FROM (SELECT count(DISTINCT \
		s.id) AS n FROM finding_step fs JOIN step s ON s.id = \
		fs.step_id AND s.kind = 'web' GROUP BY fs.finding_id)")" = \
	"2 2 2"
check "and only one finding.add event each" \
	test "$(q "SELECT count(*) FROM audit WHERE action = \
		'finding.add'")" = 3

# ---- findings list and show (the DSL) ---------------------------------------

export DUESEARCH_ACTOR=dora
expect_out "the DSL lists the findings" '"identity": "possible"' \
	--json findings list --candidate 1
check "list: each finding names its candidate" \
	test "$(grep -c '"name": "Jane Smith"' out.txt)" = 3
check "list: three findings, each found by two steps" \
	test "$(grep -c '"steps": 2' out.txt)" = 3
check "list: the confirmed one is violence, matched on name, town, school, job" \
	grep -q '"anchors": "name,location,school,role"' out.txt
check "list: the probable one is criminal-offence data" \
	grep -q '"criminal": true' out.txt
check "list: nothing else (not the namesake, not the counted pages)" \
	test "$(grep -c '"id":' out.txt)" = 3
expect_out "show: the confirmed finding's URL" \
	'"url": "http://news.example/pub-brawl.html"' \
	--json findings show "$CONF"
check "show: its excerpt around the conduct" \
	grep -q '"excerpt": ".*throwing punches' out.txt
check "show: its evidence hash" \
	grep -Eq '"evidence_sha256": "[0-9a-f]{64}"' out.txt
expect_out "show: the possible finding is the forum page" \
	'"url": "http://forum.example/thread-7.html"' \
	--json findings show "$POSS"
check "show: with its excerpt" grep -q 'good kicking' out.txt

# Every finding explains itself: the sentence that triggered it, the
# category with its terms, the anchors, whose words they are.
expect_out "show: why the confirmed one was flagged" "why:" \
	findings show "$CONF"
check "why: the sentence that triggered it" \
	grep -q 'sentences: .*filmed throwing punches' out.txt
check "why: the category and the terms that matched" \
	grep -q 'category: violence: .*punch' out.txt
check "why: the identity anchors matched" \
	grep -q 'identity: confirmed on name,location,school' out.txt
check "why: whose words (a report naming her as the one acting)" \
	grep -q "words: someone else's, naming the candidate as the one" \
	out.txt
expect_out "show --json: the explanation and own_words" \
	'"own_words": false' --json findings show "$CONF"
check "show --json: the explanation quotes the sentence" \
	grep -q '"explanation": "sentences: .*throwing punches' out.txt

# ---- nothing of the findings in clear ---------------------------------------

in_clear() {
	for f in duesearch.db duesearch.db-wal; do
		[ -f "$f" ] || continue
		if grep -aq -e "$1" "$f"; then
			return 0
		fi
	done
	return 1
}
check "the search finds what is in clear (the vacancy's school)" \
	in_clear "Oak Primary"
for v in "throwing punches" "good kicking" "arrested on suspicion" \
	"pub-brawl" "thread-7" "court-report" "news.example" \
	"forum.example" "Teacher filmed" "sentences:" "naming the candidate"; do
	check "the database does not hold '$v' in clear" eval '! in_clear "$v"'
done

# ---- only the DSL ------------------------------------------------------------

export DUESEARCH_ACTOR=rita
snapshot
expect_fail "a recruiter cannot list findings" 77 "may not see findings" \
	findings list
expect_fail "a recruiter cannot show a finding" 77 "may not see findings" \
	findings show "$CONF"
expect_fail "a recruiter cannot review a finding" 77 \
	"may not review findings" review "$CONF" --decision confirm \
	--reason "looks bad"
check "the refused commands changed nothing" unchanged

# ---- review ------------------------------------------------------------------

expect_fail "the case cannot close with findings not reviewed" 65 \
	"has 3 finding\\(s\\) the DSL has not reviewed" candidate close 1
expect_fail "no response to a finding not confirmed" 65 \
	"only findings the DSL confirmed" response record "$CONF" \
	--text "it was not me" --outcome resolved

export DUESEARCH_ACTOR=dora
snapshot
expect_fail "a possible match cannot be confirmed as it is" 65 \
	"--identity-confirmed" review "$POSS" --decision confirm \
	--reason "threat of violence"
expect_fail "nor referred" 65 "--identity-confirmed" review "$POSS" \
	--decision refer --reason "threat of violence"
check "the refused reviews changed nothing" unchanged
expect_ok "with --identity-confirmed it can" review "$POSS" \
	--decision confirm --identity-confirmed \
	--reason "her own forum account, checked with the recruiter"
check "it is confirmed, and so is its identity" \
	test "$(q "SELECT status || ',' || identity FROM finding WHERE \
		id = '$POSS'")" = "confirmed,confirmed"
expect_ok "the DSL confirms the confirmed match" review "$CONF" \
	--decision confirm --reason "violence, to ask at interview"
EV_BEFORE=$(q "SELECT count(*) FROM evidence")
expect_ok "and decides the court report is someone else" review "$NC" \
	--decision not-candidate --reason "a different Jane Smith, aged 41"
check "not-candidate also deletes that page's evidence rows" \
	test "$(q "SELECT count(*) FROM evidence")" -lt "$EV_BEFORE"
check "not-candidate wipes URL, title and excerpt" \
	test "$(q "SELECT count(*) FROM finding WHERE id = '$NC' AND \
		url_sealed IS NULL AND title_sealed IS NULL AND \
		excerpt_sealed IS NULL AND explain_sealed IS NULL AND \
		categories = '' AND \
		status = 'not-candidate'")" = 1
expect_out "show: the wiped finding has no URL" '"url": null' \
	--json findings show "$NC"
check "show: nor title, nor excerpt, nor any of its text" \
	eval 'grep -q "\"excerpt\": null" out.txt &&
	grep -q "\"title\": null" out.txt &&
	! grep -q -e court-report -e arrested -e "Court report" out.txt'
expect_fail "a wiped finding cannot be reviewed again" 65 \
	"cannot be reviewed again" review "$NC" --decision confirm \
	--identity-confirmed --reason "on second thoughts"

# ---- responses and closing the case -----------------------------------------

export DUESEARCH_ACTOR=rita
expect_fail "no response to a finding that is not the candidate" 65 \
	"only findings the DSL confirmed" response record "$NC" \
	--text "not me" --outcome no-concern
expect_fail "the case cannot close without the responses" 65 \
	"2 confirmed finding\\(s\\) without the candidate's response" \
	candidate close 1
expect_ok "the candidate's answer to the first" response record "$CONF" \
	--text "a one-off, I was defending a friend" --outcome resolved
expect_fail "one answer is not enough" 65 \
	"1 confirmed finding\\(s\\) without" candidate close 1
expect_ok "and to the second" response record "$POSS" \
	--text "I was angry; I would never do it" --outcome no-concern
expect_fail "an open manual step still stops the close" 65 \
	"1 step\\(s\\) still open" candidate close 1
STEP=$(q "SELECT id FROM step WHERE outcome = 'manual-open'")
expect_ok "the searcher settles it: behind a log-in" evidence settle \
	--step "$STEP" --outcome not-public
expect_ok "now the case closes" candidate close 1
check "the candidate is closed" \
	test "$(q 'SELECT closed IS NOT NULL FROM candidate WHERE id = 1')" = 1
expect_fail "it closes once" 65 "already closed" candidate close 1

# ---- the audit trail ---------------------------------------------------------

export DUESEARCH_ACTOR=admin
expect_out "audit show lists the finding events" '"finding.review"' \
	--json audit show --action finding
check "three added, three decisions, two responses, nothing refused" \
	test "$(grep -c '"finding.add"' out.txt)" = 3 -a \
	"$(grep -c '"finding.review"' out.txt)" = 3 -a \
	"$(grep -c '"finding.response"' out.txt)" = 2
check "the decisions are recorded as taken" \
	test "$(q "SELECT group_concat(detail, ';') FROM (SELECT detail FROM \
		audit WHERE action = 'finding.review' ORDER BY seq)")" = \
	"decision=confirm identity-confirmed=1;decision=confirm \
identity-confirmed=0;decision=not-candidate identity-confirmed=0"
check "each by the DSL, and the responses by the recruiter" \
	test "$(q "SELECT group_concat(a.name || ':' || e.action, ' ') FROM \
		(SELECT * FROM audit WHERE action IN ('finding.review', \
		'finding.response') ORDER BY seq) e JOIN actor a ON a.id = \
		e.actor_id")" = "dora:finding.review dora:finding.review \
dora:finding.review rita:finding.response rita:finding.response"
check "the settle and the close are audited" \
	test "$(q "SELECT count(*) FROM audit WHERE action IN \
		('step.settle', 'candidate.close')")" = 2
expect_out "the audit trail verifies" "audit trail OK" audit verify
finish
