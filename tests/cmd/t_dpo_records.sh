# The DPO's records: a subject access export holds everything on one
# candidate and nothing on another, privately written and audited; the
# register of requests counts calendar months (clamped to the month's last
# day) and flags what is overdue; the record of processing and the DPIA
# draft come from the configuration and the organisation's settings.
. "$DS_TOP/tests/cmd/lib.sh"

fakeweb_need
trap 'kill $FW_PID 2>/dev/null' EXIT
mkdir -p root/search.example root/news.example
cat > root/search.example/search.tmpl <<'JSON'
{"results":[{"url":"http://news.example/jane","title":"Leeds teacher Jane Smith in court","content":"Jane Smith of Leeds","engine":"fake"},{"url":"http://news.example/jane2","title":"Leeds driver Jane Smith banned","content":"Jane Smith of Leeds","engine":"fake"}]}
JSON
cat > root/news.example/jane <<'HTML'
<html><head><title>Leeds teacher in court</title></head><body><p>Jane Smith, a teacher at Elmwood Primary School in Leeds, was charged with assault after she punched a man at a bus stop.</p></body></html>
HTML
cat > root/news.example/jane2 <<'HTML'
<html><head><title>Leeds driver banned</title></head><body><p>Jane Smith, a nurse from Leeds, was banned from driving for drink driving.</p></body></html>
HTML
fakeweb_start
fakeweb_conf 'web searxng "{name}"'

# Two candidates of one vacancy: Jane (1) asks, Peter (2) must not show.
setup_case
ds anchor add --candidate 1 --kind employer --value "Elmwood Primary School"
ds handle add --candidate 1 --platform mastodon --handle @janes@mastodon.example
ds candidate add --vacancy V1 --name "Peter Otherton" --location Hull \
	--status shortlisted
ds notice add --candidate 2 --date 2026-11-03 --channel letter
ds consent add --candidate 2 --date 2026-11-04
ds handle add --candidate 2 --platform mastodon --handle @potherton@mastodon.example
ds actor add rec --role recruiter --display-name "Rowan Reed"
ds actor add dsl --role dsl
ds actor add dpo --role dpo
ds actor add adm --role admin
ds --as rec vacancy declare V1 --not-on-panel
ds --as rec run --vacancy V1
check "the run found two findings about Jane" \
	test "$(sqlite3 duesearch.db 'select count(*) from finding where candidate_id = 1')" = 2
f1=$(sqlite3 duesearch.db "select id from finding where candidate_id = 1 and categories like '%iolen%'")
f2=$(sqlite3 duesearch.db "select id from finding where candidate_id = 1 and id != '$f1'")
ds --as dsl review "$f1" --decision confirm --reason "Her employer and town match"
ds --as dsl review "$f2" --decision not-candidate --reason "A nurse of the same name"
ds response record "$f1" --text "The charge was dropped" --outcome resolved
ds consent withdraw --candidate 1 --date 2026-11-20
ds report --candidate 1 --format json -o r.json
rsha=$(sed -n 's/.*"content_sha256": "\([0-9a-f]*\)".*/\1/p' r.json)
check "the report's hash is its canonical JSON's" \
	test "$rsha" = "$(python3 "$DS_TOP/tests/cmd/canon_sha256.py" r.json)"
check "the report's hash is the one stored for it" test "$rsha" = \
	"$(sqlite3 duesearch.db "select content_sha256 from report where \
		format = 'json' order by id desc limit 1")"
ds anchor add --candidate 1 --kind known-as --value '<script>alert(1)</script>'
set_decided V1 2026-12-15

# The register of requests: one calendar month, clamped; one extension.
expect_out "a request received on 31 January is due on 28 February" \
	"due 2026-02-28" --as dpo sar log --candidate 1 --received 2026-01-31
expect_out "in a leap year it is due on 29 February" "due 2024-02-29" \
	--as dpo sar log --candidate 1 --received 2024-01-31
expect_out "an extension makes it three months after receipt (30 April)" \
	"due 2026-04-30" --as dpo sar extend 1 --on 2026-02-10
check "the extension is stored" \
	test "$(sqlite3 duesearch.db 'select due || extended from sar_request where id = 1')" = 2026-04-301
expect_fail "a second extension is refused" 65 "already extended" \
	--as dpo sar extend 1 --on 2026-02-11
expect_fail "an extension after the due date is refused" 65 \
	"between 2024-01-31 and 2024-02-29" --as dpo sar extend 2
expect_fail "a request received in the future is refused" 65 \
	"in the future" --as dpo sar log --candidate 1 --received 2999-01-01
expect_fail "a request for nobody is refused" 66 "unknown candidate 9" \
	--as dpo sar log --candidate 9 --received 2026-01-31
today=$(date -u +%Y-%m-%d)
ds --as dpo sar log --candidate 1 --received "$today"
expect_out "a past due date is flagged overdue" \
	"^2 +1 +Jane Smith +V1 +2024-01-31 +2024-02-29 +no +OVERDUE by [0-9]+ days$" \
	--as dpo sar list
check "a request received today is not overdue" \
	grep -Eq "^3 +1 +Jane Smith +V1 +$today +[0-9-]+ +no +due in (28|29|30|31) days$" out.txt
check "the list names the person and the vacancy" \
	grep -Eq "^request +candidate +name +vacancy +received +due +extended +state$" out.txt &&
	grep -Eq "^1 +1 +Jane Smith +V1 " out.txt
expect_out "as of 1 March the extended request has 60 days left" \
	"^1 +1 +Jane Smith +V1 +2026-01-31 +2026-04-30 +yes +due in 60 days$" \
	--as dpo sar list --on 2026-03-01
expect_ok "a request is completed" --as dpo sar done 2 --on 2024-02-20
expect_fail "it cannot be completed twice" 65 "already completed" \
	--as dpo sar done 2
ds --as dpo sar list
check "a completed request leaves the open list" sh -c '! grep -Eq "^2 +1 " out.txt'
expect_out "--all shows it completed" "^2 +1 .* +completed 2024-02-20$" \
	--as dpo sar list --all
check "every change to the register is audited" test "$(sqlite3 duesearch.db \
	"select count(*) from audit where action like 'sar.%' and candidate_id = 1")" = 5
snapshot
expect_fail "a recruiter may not log a request" 77 "it needs the role dpo" \
	--as rec sar log --candidate 1 --received 2026-01-31
expect_fail "a DSL may not list requests" 77 "it needs the role dpo" \
	--as dsl sar list
check "the refusals changed nothing" unchanged

# The export: only the DPO, into a new private folder.
expect_fail "a recruiter may not export" 77 \
	"may not export a subject access copy: it needs the role dpo" \
	--as rec sar export --candidate 1 -o x
expect_fail "a DSL may not export" 77 "it needs the role dpo" \
	--as dsl sar export --candidate 1 -o x
expect_fail "even an admin may not export" 77 "it needs the role dpo" \
	--as adm sar export --candidate 1 -o x
expect_fail "an administrator is not told to ask an administrator" 77 \
	"it needs the role dpo, which you may give yourself" \
	--as adm sar export --candidate 1 -o x
expect_fail "a DSL is told to ask an administrator" 77 \
	"ask an administrator to give it to you" \
	--as dsl sar export --candidate 1 -o x
expect_out "run show gives each step's counts" \
	"^  [0-9]+ +1 +web +searxng +[a-z]+ +ok +2 +0 +0 +0 +2 " \
	--as rec run show 1
ds --as dsl --json findings list --candidate 1
check "findings list --json gives the categories as an array" \
	grep -q '"categories": \[' out.txt
check "a refused export leaves no folder" test ! -e x
check "and changed nothing" unchanged
expect_ok "the DPO exports Jane's data" --as dpo sar export --candidate 1 -o sar
J=sar/subject-access.json H=sar/subject-access.html
check "the folder is private (0700)" test "$(stat -c %a sar)" = 700
check "the json is private (0600)" test "$(stat -c %a $J)" = 600
check "the html is private (0600)" test "$(stat -c %a $H)" = 600
check "the folder holds the two files" test "$(ls sar | wc -l)" = 2
for f in $J $H; do
	check "$f: the name" grep -q "Jane Smith" $f
	check "$f: the employer anchor" grep -q "Elmwood Primary School" $f
	check "$f: the declared handle" grep -q "janes@mastodon.example" $f
	check "$f: the notice" grep -q "2026-11-01" $f
	check "$f: the consent and its withdrawal" \
		sh -c "grep -q 2026-11-02 $f && grep -q 2026-11-20 $f"
	check "$f: the finding's excerpt" grep -q "punched a man" $f
	check "$f: the DSL's reason" grep -q "Her employer and town match" $f
	check "$f: the response" grep -q "The charge was dropped" $f
	check "$f: the evidence" grep -q "http://news.example/jane" $f
	check "$f: the report generated, by its hash" grep -q "$rsha" $f
	check "$f: the requests" grep -q "2026-04-30" $f
	check "$f: the retention date" grep -Eq "2027-06-15|15 Jun 2027" $f
	check "$f: nothing of the other candidate" \
		sh -c "! grep -Eq 'Otherton|Hull|potherton' $f"
	check "$f: not the other Jane's page or the reason given" \
		sh -c "! grep -Eq 'news.example/jane2|nurse of the same name' $f"
done
check "the html gives the retention date as a letter does" \
	sh -c "grep -q 'deleted on or after 15 Jun 2027' $H && ! grep -q 'deleted on or after 2027' $H"
check "the html opens with the short summary" sh -c "sed -n '/<main>/,/s-about/p' $H | grep -q 'Findings held'"
check "the html shows the searcher by display name and role" \
	grep -q "Rowan Reed (recruiter)" $H
check "the html shows times in UK local time with the zone" \
	grep -Eq '[0-9]{1,2} [A-Z][a-z]{2} 20[0-9]{2} [0-9]{2}:[0-9]{2} (GMT|BST)' $H
check "the json keeps UTC" grep -Eq '"started": "20[0-9-]{8}T[0-9:]{8}Z"' $J
check "the json carries the query sent" grep -qF '"query": "\"Jane Smith\""' $J
check "the html carries the query sent" grep -qF '&quot;Jane Smith&quot;' $H
check "the json carries the actions on Jane's record" \
	sh -c "grep -q '\"action\": \"finding.review\"' $J && grep -q '\"action\": \"notice.add\"' $J && grep -q '\"actor\": \"dsl\"' $J"
seq2=$(sqlite3 duesearch.db "select min(seq) from audit where candidate_id = 2")
check "no audit event of the other candidate" \
	sh -c "! grep -Eq '\"seq\": $seq2,?$' $J"
check "the finding decided not to be her is a count" \
	grep -q '"findings_not_candidate": 1' $J
check "the html says the other page is withheld" \
	grep -q "decided not to be about you" $H
SAR_SHA=$(python3 "$DS_TOP/tests/cmd/canon_sha256.py" --stored $J)
check "the json's content hash is its canonical JSON's" \
	test "$SAR_SHA" = "$(python3 "$DS_TOP/tests/cmd/canon_sha256.py" $J)"
check "the export's audit row names that hash" test "$(sqlite3 duesearch.db \
	"select count(*) from audit where action = 'sar.export' and \
	 detail like '%sha256=$SAR_SHA%'")" = 1
check "the html names a finding's categories by their titles" \
	grep -q "Finding [0-9]*: Violence or threats" $H
check "the html is self-contained (no script, link or external asset)" \
	sh -c "! grep -Eiq '<(script|link|img|iframe)|url\(|@import|(src|href)=' $H"
check "markup from data is escaped" grep -q "&lt;script&gt;alert(1)" $H
check "the export is audited" test "$(sqlite3 duesearch.db \
	"select count(*) from audit where action = 'sar.export' and candidate_id = 1 and role = 'dpo'")" = 1
check "the audit event holds no personal data" test "$(sqlite3 duesearch.db \
	"select count(*) from audit where action = 'sar.export' and detail glob 'sha256=*' and detail not like '%Jane%'")" = 1
snapshot
mkdir full && : > full/keep
expect_fail "a folder that is not empty is refused" 65 "is not empty" \
	--as dpo sar export --candidate 1 -o full
check "it is left as it was" test "$(ls full)" = keep
: > afile
expect_fail "a file is not a folder" 65 "is not a folder" \
	--as dpo sar export --candidate 1 -o afile
expect_fail "an unknown candidate is refused" 66 "unknown candidate 9" \
	--as dpo sar export --candidate 9 -o nine
check "the refused exports left nothing" sh -c '[ ! -e nine ] && [ ! -s afile ]'
check "and changed nothing" unchanged
mkdir empty
expect_ok "an empty folder may be used" --as dpo sar export --candidate 2 -o empty
check "Peter's copy holds Peter" grep -q "Peter Otherton" empty/subject-access.json
check "and not Jane" sh -c '! grep -Eq "Jane|Elmwood|punched" empty/subject-access.html'

# The copy as PDF, printed by the product (Chromium): A4, the marked
# summary alone on page one, UK local times, names, no word broken.
n_sar=$(sqlite3 duesearch.db "select count(*) from audit where action = 'sar.export'")
DUESEARCH_CHROMIUM=/nonexistent/chromium \
	DUESEARCH_PASSWORD_FILE=$(pwfile dpo) "$DS_BIN" --as dpo sar export \
	--candidate 1 --format pdf -o nopdf > out.txt 2> err.txt
check "without a browser a PDF export is refused (78) naming the fix" \
	sh -c 'test "$0" = 78 && grep -q "DUESEARCH_CHROMIUM" err.txt' "$?"
check "and made no folder and no audit row" sh -c "test ! -e nopdf && test \
	\"\$(sqlite3 duesearch.db \"select count(*) from audit where action = \
	'sar.export'\")\" = $n_sar"
expect_fail "an unknown export format is refused" 64 "html or pdf" \
	--as dpo sar export --candidate 1 --format docx -o docx
if command -v chromium > /dev/null && command -v pdftotext > /dev/null; then
	expect_out "the copy as PDF" "start with subject-access.pdf" \
		--as dpo sar export --candidate 1 --format pdf -o sarpdf
	P=sarpdf/subject-access.pdf
	check "the PDF comes with the JSON and HTML, privately" sh -c \
		"test -s sarpdf/subject-access.json && test \"\$(stat -c %a $P)\" = 600"
	check "it is a PDF of A4 pages" sh -c "head -c 5 $P | grep -q '%PDF-' \
		&& pdfinfo $P | grep -q '(A4)'"
	pdftotext -f 1 -l 1 $P p1.txt
	pdftotext $P sar.txt
	check "page one is the summary, marked, and nothing else" sh -c \
		'grep -q OFFICIAL-SENSITIVE p1.txt && grep -q "In short" p1.txt \
		&& ! grep -q "Why and how" p1.txt'
	check "every page carries the marking" test \
		"$(grep -c OFFICIAL-SENSITIVE sar.txt)" -ge \
		"$(pdfinfo $P | sed -n 's/^Pages: *//p')"
	check "the PDF names staff with their role, in UK local time" sh -c \
		'grep -q "Rowan Reed" sar.txt && grep -Eq "(GMT|BST)" sar.txt'
	check "the services are named once, in the key" test \
		"$(grep -c 'SearXNG' sar.txt)" -le 2
	# Every word of the PDF is a whole word of the page it came from.
	check "no word is broken across lines" python3 -c '
import html, re, sys
page = open("sarpdf/subject-access.html").read()
page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
text = html.unescape(re.sub(r"<[^>]+>", " ", page))
words = set(re.findall(r"[A-Za-z]{3,}", text))
# pdftotext joins a word broken at its own hyphen ("not-relevant").
words |= {w.replace("-", "") for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)+", text)}
bad = [w for w in re.findall(r"[A-Za-z]{3,}", open("sar.txt").read())
       if w not in words and not re.fullmatch(r"[a-f0-9]+", w)
       and w not in ("Page", "Subject", "access", "copy", "record")]
print(bad[:10], file=sys.stderr)
sys.exit(1 if bad else 0)'
	check "the export of the PDF is audited as such" test "$(sqlite3 \
		duesearch.db "select count(*) from audit where action = \
		'sar.export' and detail like '%pdf=1%'")" = 1
else
	echo "# chromium or pdftotext missing: the PDF checks need them"
	T_FAILED=$((T_FAILED + 1))
fi

# An appointee's record cut down to the archive: the copy brings the
# archived report with it.
ds vacancy add --ref V2 --post Head --school "Ash Primary"
ds candidate add --vacancy V2 --name "Ann Archer" --status appointed
ds vacancy decide V2 --date 2026-01-05
ds --as dpo retention purge
check "the appointee's record was archived" test "$(sqlite3 duesearch.db \
	'select count(*) from archive where candidate_id = 3')" = 1
expect_ok "the appointee's copy" --as dpo sar export --candidate 3 -o ann
check "it brings the archived report, privately" \
	test "$(stat -c %a ann/archived-report.html)" = 600
check "the archived report is hers" \
	grep -q "Online search record: Ann Archer" ann/archived-report.html
check "the copy says how long the archive is kept, as a letter gives dates" \
	grep -q "kept until 5 Jan 2032" ann/subject-access.html

# The record of processing.
expect_ok "the DPO prints the record of processing" --as dpo ropa
ds --json connectors list
sed -n 's/^ *"provider": "\(.*\)",$/\1/p' out.txt > providers
ds --as dpo ropa -o ropa.md
check "every connector is listed" test "$(wc -l < providers)" -ge 7
while IFS= read -r p; do
	check "ropa names the provider '$p'" grep -qF "$p" ropa.md
done < providers
check "ropa gives the lawful basis" grep -q "Public task, UK GDPR Article 6(1)(e)" ropa.md
check "ropa gives the Article 10 condition to confirm" \
	sh -c "grep -q 'paragraph 18' ropa.md && grep -q 'to be confirmed by the DPO' ropa.md"
check "ropa marks the connector the plan uses" grep -Eq '^\| searxng .*\| yes: the configured plan' ropa.md
check "ropa marks one it does not use" grep -Eq '^\| brave .*\| no \|' ropa.md
check "ropa lists a transfer outside the UK" grep -q "^- brave: Brave Software, Inc., United States" ropa.md
check "ropa gives the retention" grep -q "deleted 6 months after the vacancy" ropa.md
check "ropa is written privately" test "$(stat -c %a ropa.md)" = 600
check "ropa holds no candidate's data" sh -c '! grep -Eq "Jane|Otherton" ropa.md'
expect_ok "the record of processing as html" --as dpo ropa --format html -o ropa.html
check "ropa html is self-contained" \
	sh -c "! grep -Eiq '<(script|link|img|iframe)|url\(|@import|(src|href)=|https?://' ropa.html"
check "ropa html names a provider" grep -q "Brave Software, Inc." ropa.html
expect_fail "a recruiter may not print it" 77 "it needs the role dpo,admin" \
	--as rec ropa
ds --db li.db init --org "Hill School" --lawful-basis legitimate-interests \
	--scope preferred --scope-reason "ICO: vet the preferred candidate"
expect_out "an admin prints another school's record: legitimate interests" \
	"Legitimate interests, UK GDPR Article 6\(1\)\(f\)" --db li.db ropa
check "and its scope" grep -q "The preferred candidate for each post" out.txt

# The DPIA draft.
expect_ok "the DPO prints the DPIA draft" --as dpo dpia -o dpia.md
for r in "Wrong-person matches for common names" \
	 "Bias from uneven online coverage" \
	 "Intrusion: data from sources not obtained from the person" \
	 "Special-category and criminal-offence data" "Data minimisation" \
	 "Retention" "Security breach" \
	 "Processors and connectors receiving candidates' names" \
	 "Candidates not informed"; do
	check "the DPIA heads a risk '$r'" grep -qE "^### Risk [0-9]: $r\$" dpia.md
done
check "each risk has likelihood and severity to fill" \
	test "$(grep -cF -e '- Likelihood of harm: \[remote / possible / probable\]' dpia.md)" = 9
check "the DPIA gives the scope with its reason" \
	grep -q "shortlisted candidates. Its reason: KCSIE: all shortlisted candidates" dpia.md
check "the DPIA has the DPO's sign-off" grep -q "^| DPO advice provided by |" dpia.md
expect_ok "the DPIA as html" --as dpo dpia --format html -o dpia.html
check "dpia html is self-contained" \
	sh -c "! grep -Eiq '<(script|link|img|iframe)|url\(|@import|(src|href)=|https?://' dpia.html"
check "dpia html has the risks" grep -q "Risk 9: Candidates not informed" dpia.html
expect_fail "a bad format is refused" 65 "unknown format 'pdf'" \
	--as dpo dpia --format pdf
expect_fail "a DSL may not print it" 77 "it needs the role dpo,admin" \
	--as dsl dpia
check "the documents' generation is audited" test "$(sqlite3 duesearch.db \
	"select count(*) from audit where action in ('ropa.generate', 'dpia.generate')")" = 5
ds --as dpo audit verify
check "the audit trail still verifies" test "$RC" = 0
finish
