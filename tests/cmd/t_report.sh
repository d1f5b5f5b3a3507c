# Reports: every format, the content hash, stored and audited, criminal
# data withheld from non-DSL readers, and the HTML rendered in a real
# browser (headless Chromium): it renders, nothing overflows the A4 width,
# and the printed PDF carries every section.
. "$DS_TOP/tests/cmd/lib.sh"

fakeweb_need
trap 'kill $FW_PID 2>/dev/null' EXIT
mkdir -p root/search.example root/news.example
cat > root/search.example/search.tmpl <<'JSON'
{"results":[{"url":"http://news.example/jane","title":"Leeds teacher Jane Smith in court","content":"Jane Smith of Leeds","engine":"fake"}]}
JSON
cat > root/news.example/jane <<'HTML'
<html><head><title>Leeds teacher in court</title></head><body><p>Jane Smith, a teacher at Elmwood Primary School in Leeds, was charged with assault after she punched a man at a bus stop. She is a practising Catholic.</p></body></html>
HTML
fakeweb_start
fakeweb_conf 'web searxng "{name}"'

setup_case
ds anchor add --candidate 1 --kind employer --value "Elmwood Primary School"
ds actor add rec --role recruiter --display-name "Rebecca Cole"
expect_ok "an admin names a person for the reports" \
	actor name admin --display-name "Dana Ward"
expect_fail "a display name is checked" 65 "display name" \
	actor name admin --display-name ""
ds --as rec vacancy declare V1 --not-on-panel
ds --as rec run --vacancy V1
check "the run found one finding" test "$(sqlite3 duesearch.db 'select count(*) from finding')" = 1
ds review 1 --decision confirm --reason "Her employer and town match"
ds response record 1 --text "The charge was dropped" --outcome resolved
set_decided V1 2026-12-15

expect_ok "html report" report --candidate 1 -o r.html
check "the report file is private (0600)" test "$(stat -c %a r.html)" = 600
expect_ok "markdown report" report --candidate 1 --format md -o r.md
expect_ok "json report" report --candidate 1 --format json -o r.json
expect_ok "vacancy report" report --vacancy V1 -o v.html
ds candidate status 1 appointed
ds candidate add --vacancy V1 --name "Bob Jones" --status unsuccessful
expect_ok "scr lines" report --vacancy V1 --scr -o scr.csv
sha=$(sed -n 's/.*"content_sha256": "\([0-9a-f]*\)".*/\1/p' r.json)
# The hashes are recomputed and compared, not only looked for.
stored() { # FORMAT: the content hash stored for the first such report
	sqlite3 duesearch.db "select content_sha256 from report where \
		kind = 'candidate' and format = '$1' order by id limit 1"
}
HTML_SHA=$(stored html)
check "the json's content hash is its canonical JSON's" \
	test "$sha" = "$(python3 "$DS_TOP/tests/cmd/canon_sha256.py" r.json)"
check "the json's hash is the one stored for it" test "$sha" = "$(stored json)"
check "the html footer carries the hash stored for it" \
	sh -c "test ${#HTML_SHA} = 64 && grep -q '<span class=\"hash\">$HTML_SHA<' r.html"
check "the retention date is six months after the decision" grep -q '2027-06-15' r.md
check "the statement is there" grep -q 'do not, on their own, decide an appointment' r.html
check "the report opens with the summary" sh -c 'sed -n "/<main>/,/s-basis/p" r.html | grep -q "Outcome"'
check "the summary has the sign-off lines" sh -c 'grep -q "Designated safeguarding lead</td>" r.html && grep -q "Recruiting manager</td>" r.html'
check "the report is marked OFFICIAL-SENSITIVE" grep -q 'OFFICIAL-SENSITIVE' r.html
check "people by display name and role" sh -c 'grep -q "Rebecca Cole (recruiter)" r.html && grep -q "by Dana Ward (DSL)" r.html'
check "times in UK local time with the zone" grep -Eq '[0-9]{1,2} [A-Z][a-z]{2} 20[0-9]{2} [0-9]{2}:[0-9]{2} (GMT|BST)' r.html
check "no rule breaks words anywhere" sh -c '! grep -q "overflow-wrap: *anywhere" r.html'
check "the provider is described once, in the key" \
	test "$(grep -o "own SearXNG instance" r.html | wc -l)" = 1
check "the excerpt keeps the conduct" grep -q 'punched a man' r.html
check "the protected trait is cut from the excerpt" sh -c '! grep -q Catholic r.html'
check "the finding explains itself: sentence, terms, anchors, whose words" \
	sh -c 'grep -q "Why it was flagged" r.html &&
	grep -q "sentences: .*punched a man" r.html &&
	grep -q "category: .*assault" r.html &&
	grep -q "identity: confirmed on name,location,employer" r.html &&
	grep -q "naming the candidate as the one acting" r.html'
check "the scr csv has a header and one line" test "$(wc -l < scr.csv)" = 2
check "the scr line says what happened" grep -q '1 finding(s) put to the candidate; 1 answered' scr.csv
check "the scr lists the appointed candidate only" sh -c '! grep -q "Bob Jones" scr.csv'
check "the scr line carries the candidate's own latest report hash" \
	grep -q ",\"$sha\"" scr.csv
check "not the hash of the vacancy report" sh -c "! grep -q \"\$(sqlite3 \
	duesearch.db \"select content_sha256 from report where kind = \
	'vacancy'\")\" scr.csv"
check "the scr counts steps that ran and skipped ones apart" \
	grep -q '^"1","Jane Smith","V1","[0-9-]*","[^"]*","1","0",' scr.csv
check "every report is stored with its hash" test "$(sqlite3 duesearch.db 'select count(*) from report')" = 5
check "every report is audited" test "$(sqlite3 duesearch.db "select count(*) from audit where action = 'report.generate'")" = 5
check "the html is self-contained (no external asset)" sh -c '! grep -Eiq "<(link|script|img|iframe)|url\(|@import" r.html v.html'

# A recruiter (not the DSL) sees that criminal-offence data exists, not what.
expect_ok "a recruiter's report" --as rec report --candidate 1 -o rec.html
check "criminal-offence data is withheld from the recruiter" sh -c '! grep -q "punched a man" rec.html'
check "and so is its explanation" sh -c '! grep -q -e "Why it was flagged" -e "sentences:" rec.html'
check "so are the DSL's reason and the candidate's account of it" sh -c '! grep -q -e "Her employer and town match" -e "The charge was dropped" rec.html'
check "the DSL's own report keeps them" sh -c 'grep -q "Her employer and town match" r.html && grep -q "The charge was dropped" r.html'
expect_ok "the recruiter lists the evidence" --as rec evidence list --candidate 1
check "without the page behind the criminal finding" sh -c '! grep -q news.example/jane out.txt'
expect_ok "the DSL lists the evidence" evidence list --candidate 1
check "with it" grep -q news.example/jane out.txt
check "the withholding is stated" grep -q 'held by the designated safeguarding lead only' rec.html
expect_fail "a stranger gets no report" 77 "not a registered actor" --as nobody report --candidate 1
expect_fail "a bad format is refused" 65 "report format" report --candidate 1 --format docx
expect_fail "a report needs a subject" 64 "--candidate ID or --vacancy REF" report

# Without a browser the PDF is refused with the fix, and nothing is stored.
n_reports=$(sqlite3 duesearch.db 'select count(*) from report')
DUESEARCH_CHROMIUM=/nonexistent/chromium "$DS_BIN" report --candidate 1 \
	--format pdf -o none.pdf > out.txt 2> err.txt
check "a named browser that is not there: exit 78, said plainly" \
	sh -c 'test "$0" = 78 && grep -q "DUESEARCH_CHROMIUM" err.txt' "$?"
mkdir -p emptybin
PATH="$PWD/emptybin" "$DS_BIN" report --candidate 1 --format pdf \
	-o none.pdf > out.txt 2> err.txt
RC=$?
check "no Chromium installed: exit 78 naming the package" \
	sh -c 'test "$0" = 78 && grep -q "Chromium is not installed (apt install chromium" err.txt' "$RC"
check "no file and no report row when it fails" sh -c "test ! -e none.pdf && \
	test \"\$(sqlite3 duesearch.db 'select count(*) from report')\" = $n_reports"

# A hostile value cannot inject markup.
ds anchor add --candidate 1 --kind known-as --value '<script>alert(1)</script>'
expect_ok "report with a hostile anchor" report --candidate 1 -o h.html
check "markup from data is escaped" sh -c 'grep -q "&lt;script&gt;alert(1)&lt;/script&gt;" h.html && ! grep -q "<script>alert" h.html'

# The browser: render, check the width, print to A4 and read the PDF back.
if command -v chromium > /dev/null && command -v pdftotext > /dev/null; then
	chrome() {
		timeout 90 chromium --headless --no-sandbox --disable-gpu \
			--disable-quic --no-first-run \
			--disable-background-networking \
			--disable-component-update --disable-sync \
			--user-data-dir="$PWD/chrome" "$@" 2>/dev/null
	}
	# 794 CSS pixels are the width of A4 at 96 dpi.
	sed 's|</body>|<script>document.body.setAttribute("data-w", document.documentElement.scrollWidth + "/" + document.documentElement.clientWidth)</script></body>|' r.html > w.html
	chrome --window-size=794,1123 --dump-dom "file://$PWD/w.html" > dom.html
	w=$(sed -n 's/.*data-w="\([0-9]*\)\/\([0-9]*\)".*/\1 \2/p' dom.html)
	check "the page renders in Chromium" test -n "$w"
	check "nothing overflows the A4 width" sh -c 'set -- $0; test "$1" -le "$2"' "$w"
	chrome --print-to-pdf="$PWD/r.pdf" --no-pdf-header-footer "file://$PWD/r.html"
	check "Chromium prints a PDF" test -s r.pdf
	pdftotext r.pdf r.txt
	for s in "1. Organisation, lawful basis and scope" \
		 "2. The candidate and the identity anchors used" \
		 "3. Notice and consent" "4. Who searched, and the plan" \
		 "5. Every step and its outcome" \
		 "6. Findings confirmed by the designated safeguarding lead" \
		 "7. Retention"; do
		check "the PDF carries '$s'" grep -qF "$s" r.txt
	done
	check "the PDF pages are A4" sh -c 'pdfinfo r.pdf | grep -q "(A4)"'
	check "the PDF numbers its pages" grep -q 'Page 1 of' r.txt
	# The hash stored in the case file for the HTML it was printed from.
	check "the PDF footer carries the hash stored for its report" \
		sh -c "test ${#HTML_SHA} = 64 && tr -d ' \n' < r.txt | grep -q 'SHA-256$HTML_SHA'"
	chrome --window-size=794,1123 --screenshot="$PWD/r.png" "file://$PWD/r.html"
	check "Chromium takes a screenshot" test -s r.png

	# The product prints its own PDF.
	expect_ok "report --format pdf" report --candidate 1 --format pdf \
		-o p.pdf
	PDF_SHA=$(stored pdf)
	check "the PDF is a PDF" sh -c 'head -c 5 p.pdf | grep -q "%PDF-"'
	check "its pages are A4" sh -c 'pdfinfo p.pdf | grep -q "(A4)"'
	check "its file hash is stored" test "$(sqlite3 duesearch.db "select \
		file_sha256 from report where format = 'pdf'")" = \
		"$(sha256sum p.pdf | cut -d' ' -f1)"
	pdftotext p.pdf p.txt
	check "its footer carries the content hash stored for it" \
		sh -c "test ${#PDF_SHA} = 64 && tr -d ' \n' < p.txt | grep -q 'SHA-256$PDF_SHA'"
	check "page one is the summary, marked" sh -c 'pdftotext -f 1 -l 1 \
		p.pdf - | grep -q "OFFICIAL-SENSITIVE" && pdftotext -f 1 -l 1 \
		p.pdf - | grep -q "Sign-off" && ! pdftotext -f 1 -l 1 p.pdf - |
		grep -q "1. Organisation"'

	# A candidate with no findings, ten steps: two A4 pages at most.
	sed '/^step = /d; /^\[plan\]/a\
step = web searxng "{name}"\
step = web searxng "{name}" {location}\
step = web searxng "{name}" "{employer}"\
step = web searxng "{name}" teacher\
step = web searxng "{name}" school\
step = news searxng "{name}"\
step = news searxng "{name}" {location}\
step = web searxng "{known_as}"\
step = web searxng "{previous_name}"\
step = news searxng "{name}" court
' duesearch.conf > ten.conf
	ds vacancy add --ref V2 --post Caretaker --school "Ash Primary" \
		--interview-date 2026-12-12
	ds candidate add --vacancy V2 --name "Zed Quill" --location York \
		--status shortlisted
	Z=$(sqlite3 duesearch.db "select max(id) from candidate")
	ds notice add --candidate "$Z" --date 2026-11-01 --channel email
	ds consent add --candidate "$Z" --date 2026-11-02
	ds --as rec vacancy declare V2 --not-on-panel
	ds --as rec --config ten.conf run --vacancy V2
	check "the ten-step run ran" test "$(sqlite3 duesearch.db \
		"select count(*) from step where candidate_id = $Z")" = 10
	check "it made no finding" test "$(sqlite3 duesearch.db \
		"select count(*) from finding where candidate_id = $Z")" = 0
	expect_ok "the no-findings report as PDF" report --candidate "$Z" \
		--format pdf -o z.pdf
	pages=$(pdfinfo z.pdf | sed -n 's/^Pages: *//p')
	check "a candidate with no findings fits on two A4 pages ($pages)" \
		test "${pages:-9}" -le 2
	pdftotext z.pdf z.txt
	check "it says so on the summary" grep -q "no relevant" z.txt
	check "its footer carries the hash stored for it" sh -c "tr -d ' \n' \
		< z.txt | grep -q \"SHA-256\$(sqlite3 duesearch.db \"select \
		content_sha256 from report where candidate_id = $Z\")\""
	check "no word of the step table is broken across lines" \
		sh -c '! grep -Eq "^(Candidat|Connecto|Outcom|Quer)$" z.txt'
else
	echo "# chromium or pdftotext missing: the browser checks need them"
	T_FAILED=$((T_FAILED + 1))
fi
finish
