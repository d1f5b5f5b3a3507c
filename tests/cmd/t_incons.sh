# incons: the application's claims set against pages about the candidate.
#
# Against a fake SearXNG (tests/fakeweb on loopback) whose results are:
# a staff list of the claimed employer that lists the candidate under a
# lower role than the one claimed (an inconsistency); a newsletter of the
# claimed earlier employer that says goodbye long before the claimed end
# (a hidden gap); a staff list of the claimed employer that agrees with
# the claim in other words (nothing); and a namesake in another town at
# another school with a lower role (nothing).  The finding shows the
# claim and the page side by side.
. "$DS_TOP/tests/cmd/lib.sh"

fakeweb_need
trap 'kill $FW_PID 2>/dev/null' EXIT


s=root/search.example
mkdir -p $s root/site.example
cat > $s/search.tmpl <<'EOF'
{"query": "{q_json}", "results": [
 {"url": "http://site.example/staff.html", "title": "Our staff",
  "content": "staff", "engine": "fake"},
 {"url": "http://site.example/leavers.html", "title": "Newsletter",
  "content": "news", "engine": "fake"},
 {"url": "http://site.example/agree.html", "title": "Our team",
  "content": "team", "engine": "fake"},
 {"url": "http://site.example/namesake.html", "title": "Staff",
  "content": "staff", "engine": "fake"}]}
EOF
printf 'content-type: application/json\n' > $s/search.meta
cat > root/site.example/staff.html <<'EOF'
<html><head><title>Staff list 2025-26 | Brindle Park Academy, Leeds</title>
</head><body><h1>Brindle Park Academy, Leeds</h1><h2>Staff list 2025-26</h2>
<h3>Teachers</h3><ul><li>Mr Owen Hale, Teacher of Geography</li></ul>
<h3>Exams and admin</h3><ul><li>Mrs Jane Smith, Exams Officer</li>
<li>Mr Ian Rudd, Receptionist</li></ul></body></html>
EOF
cat > root/site.example/leavers.html <<'EOF'
<html><head><title>Spring newsletter, April 2018 | Castlegate School</title>
</head><body><h1>Castlegate School, Leeds</h1><h2>Staff news</h2>
<p>At Easter we said goodbye to two colleagues:</p>
<ul><li>Mrs Jane Smith (History)</li><li>Mr Paul Tate (Music)</li></ul>
</body></html>
EOF
cat > root/site.example/agree.html <<'EOF'
<html><head><title>Meet the team | Brindle Park School, Leeds</title>
</head><body><h1>Meet the team</h1><p>Updated October 2024.</p>
<ul><li>Mrs Jane Smith, history teacher (since September 2019)</li>
<li>Mr Owen Hale, Teacher of Geography</li></ul></body></html>
EOF
cat > root/site.example/namesake.html <<'EOF'
<html><head><title>Staff | Harrow Vale Primary, Truro</title></head><body>
<h1>Harrow Vale Primary, Truro</h1><h3>Lunchtime supervisors</h3>
<ul><li>Mrs Jane Smith</li></ul></body></html>
EOF

fakeweb_start

fakeweb_conf 'web searxng "{name}"'
cat >> duesearch.conf <<EOF
[fetch]
backoff_ms = 20
robots = no
EOF

setup_case
ds claim add --candidate 1 --kind employment \
	--organisation "Brindle Park Academy" --role "Teacher of History" \
	--from 2019-09 --to current
ds claim add --candidate 1 --kind employment \
	--organisation "Castlegate School" --role "Teacher of History" \
	--from 2014-09 --to 2019-08
check "the claims are recorded" \
	test "$(q "SELECT count(*) FROM claim")" = 2

ds run --vacancy V1
check "the run ends" test "$RC" -le 2

ds --json findings list
cp out.txt findings.json
: > shown.json
for f in $(sqlite3 :memory: "SELECT json_extract(value, '\$.id') FROM
	   json_each(readfile('findings.json'))"); do
	ds --json findings show "$f"
	# One line a finding: address, categories, explanation.
	sqlite3 :memory: "SELECT json_extract(readfile('out.txt'), '\$.url')
		|| ' ' || json_extract(readfile('out.txt'), '\$.categories')
		|| ' ' || replace(json_extract(readfile('out.txt'),
		'\$.explanation'), char(10), ' ')" >> shown.json
done
# staff.html: a lower role at the claimed employer, in the claimed period.
check "the staff list with a lower role is an inconsistency finding" \
	grep -q 'site.example/staff.html.*inconsistency' shown.json
check "its explanation shows the claim" \
	grep -q 'Application: Teacher of History, Brindle Park Academy, 2019-09 to present' \
	shown.json
check "and the page beside it" \
	grep -q "Page: 'Mrs Jane Smith, Exams Officer' | the page gives" \
	shown.json
# leavers.html: the post claimed until 2019-08 ended at Easter 2018.
check "leaving long before the claimed end is an inconsistency finding" \
	grep -q 'site.example/leavers.html.*inconsistency' shown.json
check "its explanation names the gap" \
	grep -q 'leaving in 2018-04, the application says 2019-08' shown.json
check "the page that agrees in other words makes no finding" \
	test "$(grep -c 'site.example/agree.html' shown.json)" = 0
check "the namesake's page makes no finding" \
	test "$(grep -c 'site.example/namesake.html' shown.json)" = 0
expect_out "the trail verifies" "audit trail OK" audit verify
finish
