# faults: a full disk, and a run against a hostile web.
#
# Full disk: the case file on a small tmpfs (root only: without the right
# to mount, those checks are skipped and say so).  Filled up, a write is
# refused with one error line saying the disk is full, exit 74, and the
# case file is exactly as it was; then with the free space stepped from 4
# to 256 KiB, so the write runs out part of the way through, every attempt
# either succeeds whole or fails that way; once space is freed the trail
# verifies and no data key is left without its candidate.  (A locked case
# file is t_input.sh's.)
#
# Hostile web: a run whose pages are 100 000 nested elements, a megabyte
# attribute, invalid UTF-8, a gzip bomb, a 1 GiB body, a redirect to a
# loopback port nobody allowed and a body dripped past the time-out, and
# whose search answer is JSON nested 100 000 deep.  The run finishes,
# each step has its outcome, the trap port is never reached, and the run's
# peak memory stays under 200 MB.  The deep page and one with 1.6 MB of
# text (past the parser's 1 MiB) are judged on what was read, and their
# steps, the run's summary, the evidence and the report say they were cut.  Loopback only: fakeweb, with
# connect_to for the made-up names.
. "$DS_TOP/tests/cmd/lib.sh"

unset http_proxy https_proxy HTTPS_PROXY ALL_PROXY all_proxy
export no_proxy='*'
FW="$(dirname "$DS_BIN")/fakeweb"
FW_PID='' TRAP_PID='' MOUNTED=''
cleanup() {
	kill $FW_PID $TRAP_PID 2>/dev/null
	[ -n "$MOUNTED" ] && umount "$MOUNTED" 2>/dev/null
}
trap cleanup EXIT

# ---- a full disk ------------------------------------------------------------

mkdir disk
if [ "$(id -u)" = 0 ] &&
   mount -t tmpfs -o size=2m,mode=0700 duesearch-test disk 2>/dev/null; then
	MOUNTED=$PWD/disk
fi

if [ -z "$MOUNTED" ]; then
	skip "the disk-full checks" "cannot mount a small tmpfs (they need root and the right to mount)"
else
	export DUESEARCH_DB="$PWD/disk/duesearch.db"
	DB=$DUESEARCH_DB
	dump() { sqlite3 -cmd '.timeout 5000' "$DB" .dump; }
	same() { dump | cmp -s - snap-disk.sql; }
	free_kb() { df -Pk disk | awk 'NR == 2 { print $4 }'; }
	# fill KB: leave about KB kilobytes free.
	fill() {
		n=$(($(free_kb) - $1))
		[ "$n" -gt 0 ] && dd if=/dev/zero of=disk/fill bs=1024 \
			count="$n" 2>/dev/null
		true
	}
	setup_case
	check "the case file is on the small disk" test -s "$DB"

	dump > snap-disk.sql
	dd if=/dev/zero of=disk/fill bs=4096 2>/dev/null
	check "the disk is full" test "$(free_kb)" -lt 8
	expect_fail "a write to a full disk says so, naming the file" 74 \
		"the disk holding '$PWD/disk/duesearch.db(\\.keys)?' is full" \
		candidate add --vacancy V1 --name "Omar Khan" --location York
	rm -f disk/fill
	check "the refused write changed nothing" same
	expect_out "the trail verifies once space is freed" "audit trail OK" \
		audit verify

	# The free space stepped up: the write runs out at every stage.
	ok=0 bad=0 odd=0
	for kb in 4 8 16 24 32 36 40 44 48 56 64 96 128 256; do
		dump > snap-disk.sql
		fill "$kb"
		ds candidate add --vacancy V1 --name "Ann Lee $kb" \
			--location Hull
		rm -f disk/fill
		lines=$(grep -c 'duesearch: error:' err.txt)
		if [ "$RC" = 0 ]; then
			ok=$((ok + 1))
		elif [ "$RC" = 74 ] && [ "$lines" = 1 ] &&
		     grep -q "is full: free space and try again" err.txt &&
		     same; then
			bad=$((bad + 1))
		else
			odd=$((odd + 1))
			echo "  with $kb KiB free: exit $RC, $(cat err.txt)"
		fi
	done
	check "with little space every write failed cleanly or succeeded" \
		test "$odd" = 0
	check "some writes ran out of space ($bad)" test "$bad" -ge 3
	check "and with more space they succeeded ($ok)" test "$ok" -ge 3
	expect_out "the trail verifies after them" "audit trail OK" \
		audit verify
	check "the case file is whole" \
		test "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok
	check "the key file is whole" \
		test "$(sqlite3 "$DB.keys" 'PRAGMA integrity_check')" = ok
	# A data key left by a write that ran out of space goes with the
	# next candidate, who gets its id.
	expect_ok "the next write succeeds" candidate add --vacancy V1 \
		--name "Last One" --location Hull
	check "every data key belongs to a candidate, and back" \
		test "$(sqlite3 "$DB.keys" 'SELECT candidate_id FROM dek
			ORDER BY 1')" = "$(sqlite3 "$DB" 'SELECT id FROM
			candidate ORDER BY 1')"
	unset DUESEARCH_DB
	umount disk && MOUNTED=''
	check "the small disk is unmounted" test -z "$MOUNTED"
fi

# ---- a hostile web ----------------------------------------------------------

if [ ! -x "$FW" ]; then
	RC=1 OUT='' ERR=''
	fail "fakeweb is built at $FW"
	finish
fi

# start DIR PORTFILE LOG: a fakeweb on a free loopback port; its pid in
# $PID, its port in $PORT.
start() {
	"$FW" --port 0 --root "$1" --port-file "$2" --log "$3" \
		> "$2.out" 2> "$2.err" &
	PID=$!
	n=0
	while [ ! -s "$2" ] && [ $n -lt 200 ]; do sleep 0.05; n=$((n + 1)); done
	PORT=$(cat "$2" 2>/dev/null)
}

# The trap: a server nothing may reach (a redirect points at it).
mkdir trap
start trap trap.port trap.log
TRAP_PID=$PID TRAP=$PORT

h=root/hostile.example
mkdir -p $h root/search.example
{
	printf '<html><head><title>Deep</title></head><body>'
	yes '<div>' | head -n 100000 | tr -d '\n'
	printf 'Jane Smith of Leeds'
	yes '</div>' | head -n 100000 | tr -d '\n'
	printf '</body></html>\n'
} > $h/deep.html
{
	printf '<html><body><p title="'
	head -c 1048576 /dev/zero | tr '\0' a
	printf '">Jane Smith of Leeds</p></body></html>\n'
} > $h/attr.html
printf '<html><head><meta charset="utf-8"><title>\377\376 bad \303\050'\
'</title></head><body><p>Jane \355\240\200 Smith \364\220\200\200 \300\257'\
' of Leeds \342\202</p></body></html>\n' > $h/badutf8.html
head -c 67108864 /dev/zero | gzip -9 > $h/bomb.html.gz
printf 'mode: gzip-bomb\n' > $h/bomb.html.gz.meta
printf '<html><body>x</body></html>\n' > $h/huge.html
printf 'mode: huge\n' > $h/huge.html.meta
printf '<html><body>%0200d</body></html>\n' 0 > $h/drip.html
printf 'mode: drip\n' > $h/drip.html.meta
printf '<html><body>moved</body></html>\n' > $h/private.html
printf 'mode: redirect\nlocation: http://127.0.0.1:%s/secret\n' "$TRAP" \
	> $h/private.html.meta
printf '<html><head><title>Prize</title></head><body><p>Jane Smith of Leeds'\
' won a prize.</p></body></html>\n' > $h/ok.html
{
	printf '<html><head><title>Long</title></head><body>'
	printf '<p>Jane Smith of Leeds</p>'
	yes '<p>a line of the minutes of the parish council</p>' |
		head -n 40000 | tr -d '\n'
	printf '<p>the last line</p></body></html>\n'
} > $h/long.html
{
	printf '{"query": "x", "results": '
	yes '[' | head -n 100000 | tr -d '\n'
	yes ']' | head -n 100000 | tr -d '\n'
	printf '}\n'
} > root/search.example/search.tmpl
printf 'content-type: application/json\n' > root/search.example/search.meta

start root fw.port fw.log
FW_PID=$PID
if [ -z "$PORT" ] || [ -z "$TRAP" ]; then
	RC=1 OUT=$(cat fw.port.out trap.port.out) ERR=$(cat fw.port.err)
	fail "the fake servers start"
	finish
fi

# One request at a time: a page parsed slowly (under valgrind) must not
# eat into another request's time-out.
cat > duesearch.conf <<EOF
[fetch]
allow = 127.0.0.1:$PORT
connect_to = hostile.example:80:127.0.0.1:$PORT
connect_to = search.example:80:127.0.0.1:$PORT
host_rate = 0
max_total = 1
connect_timeout_ms = 2000
total_timeout_ms = 5000
max_retries = 0
backoff_ms = 50
[plan]
step = profile auto {handle}
step = web searxng "{name}"
[connector searxng]
base_url = http://search.example/
EOF

setup_case
PAGES="deep attr badutf8 bomb huge drip private ok long"
for p in $PAGES; do
	x=html
	[ "$p" = bomb ] && x=html.gz
	ds handle add --candidate 1 --platform url \
		--handle "http://hostile.example/$p.$x"
done
check "the hostile pages are declared" \
	test "$(sqlite3 duesearch.db 'SELECT count(*) FROM handle')" = 9

# The run, its peak memory measured outside valgrind.
if [ -n "$DS_VG" ]; then
	expect_ok "the run against the hostile web finishes" run --vacancy V1
else
	RC=0
	# Under AddressSanitizer, freed memory waits in its quarantine (up
	# to 256 MB) to catch a use after free: that is the sanitizer's
	# memory, not the run's, so it is not kept for this measure.
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0 \
		/usr/bin/time -f %M -o mem.txt "$DS_BIN" run --vacancy V1 \
		> out.txt 2> err.txt || RC=$?
	OUT=$(cat out.txt) ERR=$(cat err.txt)
	if [ "$RC" = 0 ]; then
		pass "the run against the hostile web finishes"
	else
		fail "the run against the hostile web finishes"
	fi
	KB=$(tail -n 1 mem.txt)
	check "its peak memory stays under 200 MB (${KB:-?} KB)" \
		test "${KB:-999999999}" -lt 204800
fi

cp out.txt run.txt
ds --json run show 1
cp out.txt show.json
# outcome TARGET-PART: the outcome of the step whose target has it.
outcome() {
	sqlite3 :memory: "SELECT json_extract(value, '\$.outcome') || ' ' ||
		ifnull(json_extract(value, '\$.detail'), '') FROM
		json_each(readfile('show.json'), '\$.steps') WHERE
		json_extract(value, '\$.query') LIKE '%$1%'"
}
check "run show: the run is done, nothing pending" \
	test "$(grep -c '"status": "done"' show.json)" = 11
check "100 000 nested elements: parsed, ok" \
	eval 'outcome deep.html | grep -q "^ok"'
check "and its step says the page was cut at the parser's depth limit" \
	eval 'outcome deep.html | grep -q "1 page CUT at the parser.s depth limit"'
check "1.6 MB of text: parsed, ok, cut at the parser's size limit" \
	eval 'outcome long.html | grep -q "^ok 1 page CUT at the parser.s size limit"'
check "a page that was not cut says nothing of it" \
	eval '! outcome ok.html | grep -q CUT'
check "the run's summary counts the cut pages" \
	grep -q "^2 pages cut at the parser's size and depth limits" run.txt
check "the cut pages are kept as evidence, as cut" \
	test "$(sqlite3 duesearch.db "SELECT count(*) FROM evidence WHERE
		outcome = 'cut'")" = 2
check "run show lists them" \
	test "$(grep -c '"cut": \[$' show.json)" -ge 2
check "a megabyte attribute: parsed, ok" \
	eval 'outcome attr.html | grep -q "^ok"'
check "invalid UTF-8: parsed, ok" \
	eval 'outcome badutf8.html | grep -q "^ok"'
check "the control page: ok" eval 'outcome ok.html | grep -q "^ok"'
check "a gzip bomb: inconclusive, over the body limit" \
	eval 'outcome bomb.html | grep -q "^inconclusive .*larger than"'
check "a 1 GiB body: inconclusive, over the body limit" \
	eval 'outcome huge.html | grep -q "^inconclusive .*larger than"'
check "a body dripped past the time-out: inconclusive" \
	eval 'outcome drip.html | grep -q "^inconclusive timed-out"'
check "a redirect to a port nobody allowed: inconclusive, refused" \
	eval 'outcome private.html | grep -q "^inconclusive .*127.0.0.1"'
check "the trap port was never reached" test ! -s trap.log
check "JSON nested 100 000 deep: inconclusive, malformed" \
	eval 'outcome Jane | grep -q "^inconclusive .*malformed"'
check "the pages that parsed are kept as evidence" \
	test "$(sqlite3 duesearch.db "SELECT count(*) FROM evidence WHERE
		outcome = 'ok'")" -ge 3
expect_ok "the candidate report" report --candidate 1 --format md -o r.md
check "its step table shows the cut" \
	grep -q "depth limit (judged on what was read)" r.md
check "and its gaps count the cut pages" \
	grep -q "2 result page(s) cut at the parser's size or depth limit" r.md
expect_out "the trail verifies after the run" "audit trail OK" audit verify
finish
