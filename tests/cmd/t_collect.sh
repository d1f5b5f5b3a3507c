# collect: what a run reads and what it records of what it could not.
#
# Against a fake SearXNG (tests/fakeweb on loopback) whose eight results
# are: a page about the candidate with a concern; a page answering 500
# whose snippet shows a concern; 401, 999 and 403 answers; a log-in wall
# with no password field ("Sign in to view the full profile"); a page over
# the body limit; and the candidate's own blog post.  Every result's page
# is requested (more than the old limit of five); only pages make
# findings, never a snippet; a page not read is a gap that makes the step
# inconclusive and is listed with its address, as are the not-public ones;
# the run summary counts them.  A declared blog's linked post found by
# the search too is one finding whichever step stored it first, at the
# declared profile's identity.  A SearXNG answer with no results and
# unresponsive engines is inconclusive, not "nothing found".  A page saved
# by hand for a manual step is triaged and its findings reach the DSL.
. "$DS_TOP/tests/cmd/lib.sh"

fakeweb_need
FW_PID=''
trap 'kill $FW_PID 2>/dev/null' EXIT

# requested PATH: how many times the fake web was asked for PATH.
requested() { grep -c "^GET [a-z.]* $1 " log.txt; }

s=root/search.example
mkdir -p $s root/site.example root/jane.example/blog root/empty.example
cat > $s/search.tmpl <<'EOF'
{"query": "{q_json}", "results": [
 {"url": "http://site.example/p1.html", "title": "Court news",
  "content": "a teacher", "engine": "fake"},
 {"url": "http://site.example/p2.html", "title": "Jane Smith",
  "content": "Jane Smith of Leeds convicted of assault and cocaine",
  "engine": "fake"},
 {"url": "http://site.example/p3.html", "title": "Members",
  "content": "Jane Smith", "engine": "fake"},
 {"url": "http://site.example/p4.html", "title": "Profile",
  "content": "Jane Smith", "engine": "fake"},
 {"url": "http://site.example/p5.html", "title": "Profile",
  "content": "Jane Smith", "engine": "fake"},
 {"url": "http://site.example/p6.html", "title": "Friends",
  "content": "Jane Smith", "engine": "fake"},
 {"url": "http://site.example/p7.html", "title": "Big",
  "content": "Jane Smith", "engine": "fake"},
 {"url": "http://jane.example/blog/post.html", "title": "My blog",
  "content": "Jane Smith", "engine": "fake"}]}
EOF
printf 'content-type: application/json\n' > $s/search.meta
cat > root/site.example/p1.html <<'EOF'
<html><head><title>Teacher fined</title></head><body><p>Jane Smith, 41,
of Leeds, a teacher at Acme Academy, was fined after she admitted
assault at a bus stop.</p></body></html>
EOF
# The snippet shows a concern, the page cannot be read.
echo '<html><body><p>Jane Smith</p></body></html>' > root/site.example/p2.html
printf 'status: 500\ncount: 100\n' > root/site.example/p2.html.meta
for n in 3:401 4:999 6:403; do
	echo '<html><body><p>Jane Smith</p></body></html>' \
		> root/site.example/p${n%:*}.html
	printf 'status: %s\n' "${n#*:}" > root/site.example/p${n%:*}.html.meta
done
cat > root/site.example/p5.html <<'EOF'
<html><head><title>Jane Smith | Linkface</title></head><body>
<header><a href="/">Linkface</a> <a href="/login">Sign in</a>
<a href="/signup">Join now</a></header>
<main><section><h1>Join Linkface to see Jane Smith's profile</h1>
<p>Sign in to view the full profile, or join now to connect.</p>
<p><a href="/login?next=/p5.html">Sign in</a></p></section></main>
<footer>Linkface 2026</footer></body></html>
EOF
echo '<html><body>x</body></html>' > root/site.example/p7.html
printf 'mode: huge\nsize: 300000\n' > root/site.example/p7.html.meta
# The declared blog: its front page is slow, so the search's follow of
# the post usually stores the post first.
cat > root/jane.example/blog/index.html <<'EOF'
<html><head><title>Jane's blog</title></head><body>
<p>Hello, I teach.</p><a href="/blog/post.html">My latest post</a>
<a href="/shop/">Not the blog</a></body></html>
EOF
printf 'latency-ms: 400\n' > root/jane.example/blog/index.html.meta
cat > root/jane.example/blog/post.html <<'EOF'
<html><head><title>A night out</title></head><body><p>Jane Smith
here. Got so drunk I punched a man outside the pub.</p></body></html>
EOF
# A forum member's page, declared: its threads are elsewhere on the
# site; one is hers (it shows her username), one someone else's.
mkdir -p root/forum.example/members root/forum.example/threads
cat > root/forum.example/members/jane_s <<'EOF'
<html><head><title>jane_s | Forum</title></head><body>
<a href="/">Home</a> <a href="/members">Members</a>
<h1>jane_s</h1><p>Recent threads</p>
<p>Staff do: Did lines of coke in the toilets at the staff do.</p>
<a href="/threads/9-staff-do">Staff do</a>
<a href="/threads/10-quiz">Quiz night</a></body></html>
EOF
cat > root/forum.example/threads/9-staff-do <<'EOF'
<html><head><title>Staff do</title></head><body><p>jane_s 1 May 2026</p>
<p>Did lines of coke in the toilets at the staff do.</p></body></html>
EOF
cat > root/forum.example/threads/10-quiz <<'EOF'
<html><head><title>Quiz night</title></head><body><p>sam_k 2 May 2026</p>
<p>Did lines of coke in the toilets at the quiz.</p></body></html>
EOF
# Another forum's member page repeats one of her threads' words, read,
# and says more of its own.
mkdir -p root/board.example/u root/board.example/t
cat > root/board.example/u/jane_s <<'EOF'
<html><head><title>jane_s | Board</title></head><body><h1>jane_s</h1>
<p>Latest: Did lines of coke in the toilets at the staff do.</p>
<a href="/t/1">Staff do</a>
<p>About me: I hit the pupils who answer back.</p></body></html>
EOF
cat > root/board.example/t/1 <<'EOF'
<html><head><title>Staff do</title></head><body><p>jane_s 1 May 2026</p>
<p>Did lines of coke in the toilets at the staff do.</p></body></html>
EOF
# A SearXNG whose engines did not answer.
cat > root/empty.example/search <<'EOF'
{"query": "x", "results": [], "unresponsive_engines": [["duckduckgo",
 "timeout"], ["bing", "CAPTCHA"]]}
EOF
printf 'content-type: application/json\n' > root/empty.example/search.meta

fakeweb_start

# conf BASE: the configuration, every host sent to the fake server.
conf() {
	cat > duesearch.conf <<EOF
[fetch]
allow = 127.0.0.1:$PORT
connect_to = ::127.0.0.1:$PORT
host_rate = 0
backoff_ms = 20
max_body = 100000
robots = no
[plan]
step = web searxng "{name}"
step = profile auto {handle}
[connector searxng]
base_url = http://$1/
EOF
}
conf search.example

ds init --org "Test Trust" --lawful-basis public-task \
	--scope-reason "KCSIE: all shortlisted candidates"
ds actor role admin --role admin,recruiter,dsl,dpo
ds vacancy add --ref V1 --post Teacher --school "Oak Primary" \
	--interview-date 2026-12-10
ds candidate add --vacancy V1 --name "Jane Smith" --location Leeds \
	--employer "Acme Academy" --status shortlisted
ds handle add --candidate 1 --url http://jane.example/blog/
ds handle add --candidate 1 --url http://forum.example/members/jane_s
ds handle add --candidate 1 --url http://board.example/u/jane_s
ds handle add --candidate 1 --platform instagram --handle jane.smith.leeds
ds notice add --candidate 1 --date 2026-11-01 --channel email
ds consent add --candidate 1 --date 2026-11-02
ds vacancy declare V1 --not-on-panel

# ---- every result's page is read ---------------------------------------------

ds run --vacancy V1
check "the run ends (exit 0)" test "$RC" = 0
for p in 1 2 3 4 5 6 7; do
	check "result page p$p.html was requested" \
		test "$(requested /p$p.html)" -ge 1
done
check "the page answering 500 was retried, then given up" \
	test "$(requested /p2.html)" = 3
check "the blog post was requested by both steps" \
	test "$(requested /blog/post.html)" = 2
check "the declared blog's link off the blog was not followed" \
	test "$(requested /shop/)" = 0
check "the declared member page's threads were read, not its menu" \
	eval 'test "$(requested /threads/9-staff-do)" = 1 &&
	      test "$(requested /threads/10-quiz)" = 1 &&
	      test "$(requested /members)" = 0'
check "the run summary counts the pages not read" \
	grep -Eq "result pages: [0-9]+ read, 4 not public, 2 not read" out.txt

ds --json run show 1
cp out.txt show.json
# step Q: the search step's JSON.
search_step() {
	sqlite3 :memory: "SELECT value FROM json_each(readfile('show.json'),
		'\$.steps') WHERE json_extract(value, '\$.connector') =
		'searxng'"
}
search_step > step.json
check "a page not read makes the search step inconclusive" \
	grep -q '"outcome":"inconclusive"' step.json
check "its detail says how many pages were read and why one was not" \
	grep -Eq '"detail":"[0-9] of 8 result pages read, 4 pages not public, 2 NOT READ \(' \
	step.json
for p in 3 4 5 6; do
	check "p$p.html is listed as not public with its address" \
		grep -q "\"not_public\":\\[[^]]*http://site.example/p$p.html" \
		step.json
done
check "the 500 page is listed as not read" \
	grep -Eq '"url":"http://site.example/p2.html","outcome":"failed","status":500' \
	step.json
check "the page over the body limit is listed as not read" \
	grep -q '"url":"http://site.example/p7.html","outcome":"failed"' \
	step.json
check "the not-public pages are kept as evidence, with their status" \
	test "$(q "SELECT group_concat(http_status) FROM (SELECT http_status
		FROM evidence WHERE outcome = 'not-public' ORDER BY
		http_status)")" = "200,401,403,999"

ds --json findings list
cp out.txt findings.json
check "the page read makes a finding" \
	test "$(q "SELECT count(*) FROM finding")" -ge 1
for f in $(sqlite3 :memory: "SELECT json_extract(value, '\$.id') FROM
	   json_each(readfile('findings.json'))"); do
	ds --json findings show "$f"
	cat out.txt >> shown.json
done
check "p1's page is a finding" grep -q 'site.example/p1.html' shown.json
check "the snippet of the page not read made no finding" \
	sh -c '! grep -q "site.example/p2.html" shown.json'
check "no not-public page is a finding" \
	sh -c '! grep -Eq "site.example/p[3-6].html" shown.json'
check "her thread (it shows her username) is a finding" \
	grep -q 'forum.example/threads/9-staff-do' shown.json
check "someone else's thread linked from her page is not" \
	sh -c '! grep -q "forum.example/threads/10-quiz" shown.json'
check "her member page repeating her thread's words is no finding of its own" \
	sh -c '! grep -q "\"url\": \"http://forum.example/members/jane_s\"" \
		shown.json'
member=$(sqlite3 :memory: "SELECT json_extract(value, '\$.id') FROM
	json_each(readfile('show.json'), '\$.steps') WHERE
	json_extract(value, '\$.query') = 'http://forum.example/members/jane_s'")
check "the member page and her thread are kept as the step's evidence" \
	test "$(q "SELECT count(*) FROM evidence WHERE step_id = '$member'")" = 2
check "the step counts one finding, the thread's" \
	test "$(q "SELECT findings FROM step WHERE id = '$member'")" = 1
check "a member page saying more than its thread keeps its finding" \
	grep -q '"url": "http://board.example/u/jane_s"' shown.json
check "and the thread it repeats is a finding too" \
	grep -q '"url": "http://board.example/t/1"' shown.json
check "the blog post found by two steps is one finding" \
	test "$(grep -c 'jane.example/blog/post.html' shown.json)" = 1
post=$(q "SELECT f.identity FROM finding f JOIN finding_step s ON
	s.finding_id = f.id GROUP BY f.id HAVING count(*) = 2")
check "... at the declared blog's identity, whichever step stored first" \
	test "$post" = confirmed

expect_out "the candidate's report shows the gaps" \
	"Gaps: 1 step\(s\) inconclusive; 2 result page\(s\) could not be read.*4 page\(s\) not public" \
	report --candidate 1 --format md

# ---- an answer that settles nothing ------------------------------------------

conf empty.example
ds vacancy add --ref V2 --post Teacher --school "Oak Primary" \
	--interview-date 2026-12-10
ds candidate add --vacancy V2 --name "Ann Lee" --location York \
	--status shortlisted
ds notice add --candidate 2 --date 2026-11-01 --channel email
ds consent add --candidate 2 --date 2026-11-02
ds vacancy declare V2 --not-on-panel
ds run --vacancy V2
check "no results with unresponsive engines: inconclusive, not nothing found" \
	grep -q "searxng: inconclusive: no results, and some of the search engines did not answer" \
	out.txt

# ---- a page saved by hand is judged like a fetched one -----------------------

manual=$(q "SELECT id FROM step WHERE connector = 'manual' AND
	candidate_id = 1")
cat > saved.html <<'EOF'
<html><head><title>jane.smith.leeds on Instagram</title></head><body>
<p>Jane Smith, Leeds. Teacher at Acme Academy.</p>
<p>Got so drunk last night I punched a man outside the pub.</p>
</body></html>
EOF
before=$(q "SELECT count(*) FROM finding WHERE candidate_id = 1")
expect_out "the saved page is imported, with its findings for the DSL" \
	"finding.* for the DSL" evidence import --step "$manual" saved.html
check "the imported page made a finding" \
	test "$(q "SELECT count(*) FROM finding WHERE candidate_id = 1")" \
	-gt "$before"
check "the finding is linked to the manual step" \
	test "$(q "SELECT count(*) FROM finding_step WHERE step_id =
		$manual")" -ge 1
check "the manual step counts it" \
	test "$(q "SELECT findings FROM step WHERE id = $manual")" -ge 1
expect_out "the DSL sees it, at a declared profile's identity" \
	"confirmed" findings list --candidate 1 --status open
check "a page read whole says nothing of a cut" \
	eval '! q "SELECT detail FROM step WHERE id = $manual" | grep -q CUT'
# A saved page nested past the parser's depth: judged, and noted as cut.
{
	printf '<html><body><p>Jane Smith, Leeds.</p>'
	i=0
	while [ $i -lt 300 ]; do printf '<div>'; i=$((i + 1)); done
	printf 'buried words</body></html>\n'
} > deep.html
expect_out "a saved page cut at the parser's depth limit says so" \
	"cut at the parser's depth limit" \
	evidence import --step "$manual" deep.html
check "and its step's detail carries the note" \
	eval 'q "SELECT detail FROM step WHERE id = $manual" |
		grep -q "1 page CUT at the parser.s depth limit"'
expect_out "the trail verifies" "audit trail OK" audit verify
finish
