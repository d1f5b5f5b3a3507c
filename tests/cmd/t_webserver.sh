# The web server under attack (issue 16, defect 15), with curl and a few
# raw sockets against a loopback server: slow clients cannot lock others
# out; [web] host names the hosts a TLS server answers to; uploads in
# progress stay beside the case file and a crash's leftovers are swept;
# sessions are bounded per person and end on a password change; a flood
# of failed log-ins cannot lock out everyone.  Short limits come from the
# [web] keys, so the checks take seconds.
. "$DS_TOP/tests/cmd/lib.sh"

cat > duesearch.conf <<CONF
[web]
timeout = 2
connections = 32
connections_per_ip = 4
sessions = 6
sessions_per_person = 2
login_table = 8
host = duesearch.school.example, other.example:9
CONF
setup_case
ds actor add dev --role dsl
ds actor add priya --role dpo
ds actor add dora --role recruiter
for who in admin dev priya dora; do
	echo "correct horse battery" > pw.txt
	ds actor passwd $who < pw.txt
done

webpid=""
holdpid=""
trap 'kill $webpid $holdpid 2>/dev/null; wait 2>/dev/null' EXIT
start() {
	rm -f web.port
	$DS_VG "$DS_BIN" serve --listen 127.0.0.1:0 --port-file web.port \
		2> serve.err &
	webpid=$!
	for _ in $(seq 200); do [ -s web.port ] && break; sleep 0.05; done
	port=$(cat web.port 2>/dev/null)
	base="http://127.0.0.1:$port"
}
stop() {
	kill $webpid 2>/dev/null
	wait $webpid 2>/dev/null
	webpid=""
}
start
check "the server listens" test -n "$port"

code() { curl -s -m 10 -o body.html -w '%{http_code}' "$@"; }

# ---- (b) [web] host: the names a server behind TLS is reached by ----------
check "a [web] host name is accepted" test "$(code -H 'Host: duesearch.school.example' "$base/login")" = 200
check "in any case, with the port served" test "$(code -H "Host: DueSearch.School.Example:$port" "$base/login")" = 200
check "a name given with its own port matches with it" test "$(code -H 'Host: other.example:9' "$base/login")" = 200
check "and not with another port" test "$(code -H "Host: other.example:$port" "$base/login")" = 400
check "any other name is still refused" test "$(code -H 'Host: evil.example' "$base/login")" = 400
check "a named host's form needs a same-site Origin" test "$(code -H 'Host: duesearch.school.example' -H 'Origin: http://evil.example' -d 'name=admin&password=x' "$base/login")" = 400
printf '[web]\nhost = exa mple/x\n' > bad.conf
DUESEARCH_CONFIG=bad.conf ds vacancy list
check "a bad [web] host stops the command" sh -c "test $RC != 0 && grep -q 'bad host' err.txt"

# ---- (a) slow clients ------------------------------------------------------
# hold.py PORT N: N half-open requests from 127.0.0.2 (another address
# than curl's), held until the file 'release' exists; then prints how
# many the server had closed.
cat > hold.py <<'PY'
import os, socket, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
socks = []
for _ in range(n):
    s = socket.socket()
    s.settimeout(2)
    try:
        s.bind(("127.0.0.2", 0))
        s.connect(("127.0.0.1", port))
        s.sendall(b"GET /login HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" % port)
        socks.append(s)
    except OSError:
        pass
with open("held.tmp", "w") as f:
    f.write("%d\n" % len(socks))
os.rename("held.tmp", "held")
while not os.path.exists("release"):
    time.sleep(0.05)
closed = 0
for s in socks:
    s.settimeout(0.3)
    try:
        if s.recv(1) == b"":
            closed += 1
    except socket.timeout:
        pass
    except OSError:
        closed += 1
print(closed)
PY
hold() { # N: start holding N connections; waits until they are open
	rm -f held release closed.txt
	/usr/bin/python3 hold.py "$port" "$1" > closed.txt &
	holdpid=$!
	for _ in $(seq 200); do [ -s held ] && break; sleep 0.05; done
}
release() {
	touch release
	wait $holdpid 2>/dev/null
	holdpid=""
}
hold 70
check "70 half-open connections were opened" test "$(cat held)" = 70
check "with 70 half-open connections from one address, others are served" test "$(code -m 5 "$base/login")" = 200
sleep 4
release
check "the server closed every one of them (the per-address limit, then the time-out)" test "$(cat closed.txt)" = 70
hold 1
release
check "a connection within its time is left open" test "$(cat closed.txt)" = 0
hold 1
sleep 4
release
check "an idle connection is closed after [web] timeout" test "$(cat closed.txt)" = 1

# ---- (e) failed log-ins: a flood of names cannot lock everyone out ---------
# 45 scrypt checks: too slow under valgrind, which looks at memory only.
if [ -z "$DS_VG" ]; then
	i=0
	while [ $i -lt 9 ]; do
		for _ in 1 2 3 4 5; do
			curl -s -m 10 -o /dev/null -d "name=junk$i&password=wrong+guess+xx" "$base/login"
		done
		i=$((i + 1))
	done
	check "after 9 names x 5 failures (table of 8) a person still logs in" test "$(code -c jar -d 'name=admin&password=correct+horse+battery' "$base/login")" = 303
else
	skip "a flood of 45 failed log-ins" "too slow under valgrind"
fi
for _ in 1 2 3 4 5; do
	curl -s -m 10 -o /dev/null -d 'name=dora&password=wrong+guess+xx' "$base/login"
done
check "a person's own five failures still lock their name" test "$(code -d 'name=dora&password=correct+horse+battery' "$base/login")" = 429
check "and no one else's" test "$(code -d 'name=priya&password=correct+horse+battery' "$base/login")" = 303

# ---- (d) sessions ------------------------------------------------------------
stop
start
login() { # JAR NAME
	curl -s -m 20 -o /dev/null -c "$1" -d "name=$2&password=correct+horse+battery" "$base/login"
}
live() { # JAR: the session opens the pages
	test "$(curl -s -m 10 -o /dev/null -w '%{http_code}' -b "$1" "$base/")" = 200
}
login a1 admin
login a2 admin
live a1 && live a2
check "two sessions of one person" test $? = 0
login a3 admin
live a1
check "a third log-in ends that person's oldest session" test $? != 0
live a2 && live a3
check "and keeps their two newest" test $? = 0
i=0
while [ $i -lt 8 ]; do login d$i dev; i=$((i + 1)); done
live a2 && live a3
check "eight log-ins by another person end none of theirs" test $? = 0
live d7 && live d6
check "the other person keeps their two newest" test $? = 0
login p1 priya
login p2 priya
check "a full table (6) refuses a new log-in" test "$(code -d 'name=dora&password=correct+horse+battery' "$base/login")" = 503
live a2 && live a3 && live d7 && live p2
check "and logs no one out" test $? = 0

# A password change ends the person's other sessions.
csrf=$(curl -s -b a3 "$base/people" | sed -n 's/.*name="csrf" value="\([0-9a-f]\{64\}\)".*/\1/p' | head -n 1)
check "an administrator sets another's password" test "$(code -b a3 -d "csrf=$csrf&name=dev&password=another+long+passphrase" "$base/actor/password")" = 303
live d7
check "that person's sessions end" test $? != 0
live d6
check "every one of them" test $? != 0
check "an administrator sets their own password" test "$(code -b a3 -d "csrf=$csrf&name=admin&password=another+long+passphrase" "$base/actor/password")" = 303
live a3
check "their own session goes on" test $? = 0
live a2
check "their other session ends" test $? != 0
echo "a third long passphrase" > pw.txt
ds actor passwd priya < pw.txt
live p2
check "a password set with the CLI ends the web sessions too" test $? != 0
ds actor disable dora
check "a person disabled cannot log in" test "$(code -d 'name=dora&password=correct+horse+battery' "$base/login")" != 303

# ---- (c) uploads stay beside the case file; a crash's leftovers go ---------
check "the spool folder is beside the case file, 0700" test "$(stat -c %a duesearch.db.spool)" = 700
kill -KILL $webpid 2>/dev/null
wait $webpid 2>/dev/null
printf 'a page in clear\n' > duesearch.db.spool/upload-AbC123
mkdir duesearch.db.spool/sar-XyZ987
printf '{"name": "Jane Smith"}\n' > duesearch.db.spool/sar-XyZ987/subject-access.json
start
check "a new server sweeps what a crash left" sh -c "test -d duesearch.db.spool && test -z \"\$(ls -A duesearch.db.spool)\""
check "it serves" test "$(code "$base/login")" = 200
stop
check "a clean stop removes the folder" test ! -e duesearch.db.spool
check "the server stopped cleanly (no sanitizer report)" sh -c '! grep -qi "error\|leak\|sanitizer" serve.err'
mkdir -m 755 duesearch.db.spool
DUESEARCH_CONFIG=duesearch.conf ds serve --listen 127.0.0.1:0
check "a spool folder open to others is refused" sh -c "test $RC != 0 && grep -q '0700' err.txt"
rmdir duesearch.db.spool

finish
