# fakeweb: the fake web server that the tests, the demo and the benchmarks
# use instead of the real web serves files by Host and path, plays each
# misbehaviour its sidecar asks for, logs what it was sent and stops
# cleanly.  Under the valgrind run the server itself runs under valgrind.
. "$DS_TOP/tests/cmd/lib.sh"

FW="$DS_TOP/build/fakeweb"
LOAD="$DS_TOP/build/fakeweb_load"
PORT='' TLS_PORT='' FW_PID='' FW2_PID=''
trap 'kill $FW_PID $FW2_PID 2>/dev/null' EXIT

if [ ! -x "$FW" ]; then
	RC=1 OUT='' ERR=''
	fail "fakeweb is built at $FW (make build/fakeweb)"
	finish
fi

# get ARGS...: the curl command line, always to the fake server only.
get() {
	curl -sS --noproxy '*' --max-time 20 -A fakeweb-test \
		--connect-to "::127.0.0.1:$PORT" "$@"
}
code() { get -o /dev/null -w '%{http_code}' "$@" 2>/dev/null; }
ms() { echo $(($(date +%s%N) / 1000000)); }

# wait_file FILE: until the server has written its port file (10 s).
wait_file() {
	n=0
	while [ ! -s "$1" ] && [ $n -lt 200 ]; do
		sleep 0.05
		n=$((n + 1))
	done
	[ -s "$1" ]
}

s=root/site.example
mkdir -p $s/dir root/other.example
printf '<p>hello</p>\n' > $s/hello.html
printf '<p>index</p>\n' > $s/dir/index.html
printf 'secret\n' > root/secret.txt
printf '<p>other</p>\n' > root/other.example/hello.html
printf '<p>now fine</p>\n' > $s/limited.html
printf 'status: 429\nheader: Retry-After: 1\ncount: 2\n' > $s/limited.html.meta
printf 'mode: redirect\nstatus: 301\nlocation: %s\n' \
	http://site.example/hello.html > $s/moved.meta
printf 'mode: redirect-loop\n' > $s/loop.meta
printf 'slow\n' > $s/slow.txt
printf 'latency-ms: 150-200\n' > $s/slow.txt.meta
printf '<p>{q_html}</p>\n' > $s/search.tmpl
printf '{"q": "{q}"}\n' > $s/api.json.tmpl
printf 'cp1252\n' > $s/w.html
printf 'content-type: text/html; charset=windows-1252\n' > $s/w.html.meta
printf '0123456789' > $s/drip.txt
printf 'mode: drip\ndrip-ms: 30\n' > $s/drip.txt.meta
head -c 40000 /dev/zero | tr '\0' 'x' > $s/reset.txt
printf 'mode: reset\n' > $s/reset.txt.meta
printf 'half\n' > $s/half.txt
printf 'mode: half\n' > $s/half.txt.meta
printf 'mode: huge\nsize: 50000000\n' > $s/huge.meta
head -c 10000000 /dev/zero | gzip -9 > $s/bomb.html
printf 'mode: gzip-bomb\n' > $s/bomb.html.meta

tls=""
if command -v openssl >/dev/null 2>&1 &&
   openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 \
	-keyout key.pem -out cert.pem >/dev/null 2>&1; then
	tls="--tls-cert cert.pem --tls-key key.pem --tls-port 0"
else
	skip "the TLS checks" "no openssl command to make a certificate (apt-get install openssl)"
fi

# shellcheck disable=SC2086
$DS_VG "$FW" --port 0 --root root --port-file port --log log.txt $tls \
	> fw.out 2> fw.err &
FW_PID=$!
if ! wait_file port; then
	RC=1 OUT=$(cat fw.out) ERR=$(cat fw.err)
	fail "fakeweb starts and writes its port file"
	finish
fi
PORT=$(sed -n 1p port)
TLS_PORT=$(sed -n 2p port)
check "it says where it listens" grep -q "^listening 127.0.0.1:$PORT\$" fw.out
# Every listening socket of ours is on 127.0.0.1.
loopback_only() {
	ss -Hltn | awk '{print $4}' | grep -E ":($PORT|${TLS_PORT:-$PORT})\$" \
		> listen.txt
	[ -s listen.txt ] && ! grep -qv '^127\.0\.0\.1:' listen.txt
}
if command -v ss >/dev/null 2>&1; then
	check "it listens on loopback only" loopback_only
else
	skip "it listens on loopback only" "no ss command (apt-get install iproute2)"
fi

check "a file is served with 200" \
	test "$(get http://site.example/hello.html)" = "<p>hello</p>"
check "the Host header picks the folder" \
	test "$(get http://other.example/hello.html)" = "<p>other</p>"
check "a folder serves its index.html" \
	test "$(get http://site.example/dir/)" = "<p>index</p>"
check "a missing file is 404" test "$(code http://site.example/nope)" = 404
check "an unknown host is 404" test "$(code http://none.example/)" = 404
check "a sidecar is not served" \
	test "$(code http://site.example/limited.html.meta)" = 404
check "HTML is utf-8 by default" \
	test "$(get -o /dev/null -w '%{content_type}' \
		http://site.example/hello.html)" = "text/html; charset=utf-8"
check "the sidecar's content type wins" \
	test "$(get -o /dev/null -w '%{content_type}' \
		http://site.example/w.html)" = "text/html; charset=windows-1252"

codes=$(get -D h429.txt -o /dev/null -w '%{http_code}' \
	http://site.example/limited.html)
codes="$codes $(code http://site.example/limited.html)"
codes="$codes $(code http://site.example/limited.html)"
codes="$codes $(code http://site.example/limited.html)"
check "count: 429 twice, then 200" test "$codes" = "429 429 200 200"
check "the 429 carries Retry-After" grep -qi '^Retry-After: 1' h429.txt
code http://site.example/_fakeweb/reset >/dev/null
check "the hit counters can be reset" \
	test "$(code http://site.example/limited.html)" = 429

check "a redirect is 301" test "$(code http://site.example/moved)" = 301
check "the redirect names its Location" \
	test "$(get -o /dev/null -w '%{redirect_url}' \
		http://site.example/moved)" = "http://site.example/hello.html"
check "a redirect loop counts in the query" \
	test "$(get -o /dev/null -w '%{redirect_url}' \
		'http://site.example/loop?n=4')" = \
	"http://site.example/loop?n=5"
get -L --max-redirs 5 -o /dev/null http://site.example/loop 2>/dev/null
RC=$?
check "a client following the loop gives up (curl 47)" test "$RC" = 47

t0=$(ms)
get -o /dev/null http://site.example/slow.txt
t1=$(ms)
check "latency-ms 150-200 is not instant ($((t1 - t0)) ms)" \
	test $((t1 - t0)) -ge 100

check "the query is echoed HTML-escaped" \
	test "$(get 'http://site.example/search?q=%3Cb%3E+%26+%22x%22')" = \
	"<p>&lt;b&gt; &amp; &quot;x&quot;</p>"
check "the query is echoed JSON-escaped" \
	test "$(get 'http://site.example/api.json?x=1&q=a%22b%5Cc%0A')" = \
	'{"q": "a\"b\\c\n"}'
check "../ is refused" \
	test "$(code --path-as-is http://site.example/../secret.txt)" = 403
check "an encoded ../ is refused" \
	test "$(code --path-as-is \
		'http://site.example/dir/%2e%2e/%2E%2E/secret.txt')" = 403

check "keep-alive: two requests, one connection" \
	test "$(get -o /dev/null -o /dev/null -w '%{num_connects}' \
		http://site.example/hello.html http://site.example/dir/)" = 10
t0=$(ms)
body=$(get http://site.example/drip.txt)
t1=$(ms)
check "drip sends the whole body, slowly ($((t1 - t0)) ms)" \
	test "$body" = 0123456789 -a $((t1 - t0)) -ge 250
get -o /dev/null http://site.example/reset.txt 2>/dev/null
RC=$?
check "reset ends in a connection reset (curl 56)" test "$RC" = 56
get -o /dev/null http://site.example/half.txt 2>/dev/null
RC=$?
check "half ends short of its Content-Length (curl 18)" test "$RC" = 18
check "huge declares its size" \
	test "$(get -o /dev/null -w '%{size_download}' \
		http://site.example/huge)" = 50000000
get -o /dev/null --max-filesize 1000000 http://site.example/huge 2>/dev/null
RC=$?
check "huge trips a size limit (curl 63)" test "$RC" = 63
get -D hbomb.txt -o bomb.gz http://site.example/bomb.html
check "gzip-bomb says Content-Encoding: gzip" \
	grep -qi '^Content-Encoding: gzip' hbomb.txt
check "gzip-bomb sends the file's bytes as they are" cmp -s bomb.gz $s/bomb.html

if [ -n "$tls" ]; then
	curl -sS --noproxy '*' --max-time 20 -o /dev/null \
		--connect-to "::127.0.0.1:$TLS_PORT" \
		https://site.example/hello.html 2>/dev/null
	RC=$?
	check "a self-signed certificate is refused (curl 60)" test "$RC" = 60
	check "TLS serves the same root" \
		test "$(curl -sS -k --noproxy '*' --max-time 20 \
			--connect-to "::127.0.0.1:$TLS_PORT" \
			https://site.example/hello.html)" = "<p>hello</p>"
fi

check "the log has the request as sent" \
	grep -qx 'GET site.example /hello.html fakeweb-test' log.txt
check "the log keeps the raw query" \
	grep -qx 'GET site.example /search?q=%3Cb%3E+%26+%22x%22 fakeweb-test' \
	log.txt
check "the log names the other host" \
	grep -qx 'GET other.example /hello.html fakeweb-test' log.txt

# A second server with a latency for every response: 200 requests at once
# must take about one delay, not 200 of them.
$DS_VG "$FW" --port 0 --root root --port-file port2 --latency-ms 150-200 \
	> fw2.out 2> fw2.err &
FW2_PID=$!
wait_file port2
P1=$PORT
PORT=$(cat port2)
t0=$(ms)
get -o /dev/null http://site.example/hello.html
t1=$(ms)
check "--latency-ms 150-200 is not instant ($((t1 - t0)) ms)" \
	test $((t1 - t0)) -ge 100
if [ -x "$LOAD" ]; then
	t0=$(ms)
	"$LOAD" --port "$PORT" --host site.example --path /hello.html \
		--requests 200 --connections 200 --timeout-s 30 > load.txt
	RC=$?
	t1=$(ms)
	check "200 delayed requests at once take one delay ($((t1 - t0)) ms)" \
		test "$RC" = 0 -a $((t1 - t0)) -lt 5000
	"$LOAD" --port "$P1" --host site.example --path /hello.html \
		--requests 2000 --connections 20 > load.txt
	RC=$?
	check "2000 keep-alive requests over 20 connections" \
		grep -q '2000 requests (2000 2xx, 0 other, 0 errors)' load.txt
else
	echo "# $LOAD is not built: the load checks are left out"
fi

# stopped NAME PID OUTFILE ERRFILE: the server exits 0 on SIGTERM (99 is
# valgrind's finding); else its output goes with the failure.
stopped() {
	wait "$2"
	RC=$?
	if [ "$RC" = 0 ]; then
		pass "$1"
	else
		# shellcheck disable=SC2034 # read by fail
		OUT=$(cat "$3") ERR=$(cat "$4")
		fail "$1"
	fi
}
kill -TERM "$FW_PID" "$FW2_PID"
stopped "SIGTERM stops it cleanly" "$FW_PID" fw.out fw.err
stopped "SIGTERM stops the second one cleanly" "$FW2_PID" fw2.out fw2.err
check "it counts what it served" grep -q 'stopped after [0-9]* requests' fw.err
finish
