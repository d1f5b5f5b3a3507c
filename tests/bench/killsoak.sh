#!/bin/sh
# killsoak.sh: kill -9 at random points of a run, then `run resume`.
#   tests/bench/killsoak.sh [BUILD_DIR [POINTS [SEED]]]   (make killsoak)
#
# Against the fake web (tests/fakeweb.c on loopback, every answer delayed
# 40 to 250 ms), one run of a vacancy with three candidates and five steps
# each (search, then the pages each search leads to) is made once without
# interruption: the reference.  Then, POINTS times (50), the same case file
# is copied afresh, the run started, killed with SIGKILL after a random
# delay between 0 and the reference's duration, and `run resume` carries it
# on (a run killed before it stored anything is started again instead).
# Each time the finished run must match the reference: the same steps and
# outcomes, none pending, each step finished exactly once in the audit
# trail, the evidence each step's event counted stored once, the same
# results and findings; and `audit verify` must pass.  A point that fails
# is printed with what differed; the last line counts them, and the exit
# status is 1 when any failed.  Not part of `make check` (it takes minutes).
set -u
bin=$(cd "${1:-build}" && pwd)
points=${2:-50}
seed=${3:-1}
DS_TOP=$(cd "$(dirname "$0")/../.." && pwd)
DS_BIN=$bin/duesearch
DS_VG=''
if [ ! -x "$DS_BIN" ]; then
	echo "killsoak: $DS_BIN is not built: run 'make all unit'" >&2
	exit 2
fi
# The command tests' helpers: q, fakeweb_need, fakeweb_start, fake_searxng,
# news_pages.
. "$DS_TOP/tests/cmd/lib.sh"
export DUESEARCH_BUSY_TIMEOUT_MS=5000
work=$(mktemp -d)
cd "$work" || exit 2
fakeweb_need
BG_PID=''
trap 'kill $FW_PID $BG_PID 2>/dev/null; rm -rf "$work"' EXIT

# The fake SearXNG: three results naming the query, whose pages the run
# follows; the pages name the candidates.
fake_searxng 3
news_pages 3 "Teaching prizes" "Jane Smith of Leeds, a teacher at Acme
Academy, won a prize.  So did Omar Khan of York and Ann Lee of Hull, who
teaches at Beta School.  Jane Smith was later convicted of fraud at Leeds
Crown Court."
fakeweb_start --latency-ms 40-250

# The case file every point starts from: nothing run yet.
mkdir base
cd base || exit 2
cat > duesearch.conf <<EOF
[fetch]
allow = 127.0.0.1:$PORT
connect_to = ::127.0.0.1:$PORT
host_rate = 0
max_total = 2
backoff_ms = 50
[plan]
step = web searxng "{name}"
step = web searxng "{name}" {location}
step = web searxng "{name}" "{employer}"
step = news searxng "{name}" {location}
step = web searxng "{name}" teacher
[connector searxng]
base_url = http://search.example/
EOF
set -- "Jane Smith:Leeds:Acme Academy" "Omar Khan:York:Gamma College" \
	"Ann Lee:Hull:Beta School"
{
	"$DS_BIN" init --org "Soak Trust" --lawful-basis public-task \
		--scope-reason "KCSIE: all shortlisted candidates" &&
	"$DS_BIN" actor role admin --role admin,recruiter,dsl,dpo &&
	"$DS_BIN" vacancy add --ref V1 --post Teacher --school "Oak Primary" \
		--interview-date 2026-12-10 &&
	"$DS_BIN" vacancy declare V1 --not-on-panel
} > setup.log 2>&1 || { cat setup.log >&2; exit 2; }
id=0
for c in "$@"; do
	id=$((id + 1))
	name=${c%%:*} rest=${c#*:}
	{
		"$DS_BIN" candidate add --vacancy V1 --name "$name" \
			--location "${rest%%:*}" --employer "${rest#*:}" \
			--status shortlisted &&
		"$DS_BIN" notice add --candidate $id --date 2026-11-01 \
			--channel email &&
		"$DS_BIN" consent add --candidate $id --date 2026-11-02
	} >> setup.log 2>&1 || { cat setup.log >&2; exit 2; }
done
cd .. || exit 2

now_ms() { date +%s%3N; }

# The state of a finished run, one line, to compare with the reference.
state() {
	r=$(q "SELECT max(id) FROM run")
	q "SELECT 'runs=' || (SELECT count(*) FROM run) ||
		' status=' || (SELECT status FROM run WHERE id = $r) ||
		' steps=' || (SELECT count(*) FROM step WHERE run_id = $r) ||
		' pending=' || (SELECT count(*) FROM step WHERE run_id = $r
			AND status = 'pending') ||
		' outcomes=' || (SELECT group_concat(o, ',') FROM (SELECT
			outcome || ':' || count(*) AS o FROM step WHERE
			run_id = $r GROUP BY outcome ORDER BY outcome)) ||
		' results=' || (SELECT total(results) FROM step WHERE
			run_id = $r) ||
		' findings=' || (SELECT count(*) FROM finding) ||
		' evidence=' || (SELECT count(*) FROM evidence)"
}
# Steps whose step.done audit rows are not exactly one.
doubled() {
	q "SELECT count(*) FROM step s WHERE (SELECT count(*) FROM audit a
		WHERE a.action = 'step.done' AND a.object_id = s.id) != 1"
}
# Steps whose stored evidence is not what their step.done event counted.
ev_mismatch() {
	q "SELECT count(*) FROM step s JOIN audit a ON a.action =
		'step.done' AND a.object_id = s.id WHERE
		(SELECT count(*) FROM evidence e WHERE e.step_id = s.id) !=
		CAST(substr(a.detail, instr(a.detail, 'evidence=') + 9) AS
		INTEGER)"
}
fresh() { rm -rf run && cp -r base run && cd run; }

# The reference: one run, not interrupted.
fresh || exit 2
t0=$(now_ms)
"$DS_BIN" run --vacancy V1 > run.out 2> run.err
rc=$?
ref_ms=$(($(now_ms) - t0))
ref=$(state)
if [ $rc != 0 ] || [ "$(doubled)" != 0 ] || [ "$(ev_mismatch)" != 0 ]; then
	echo "killsoak: the reference run failed (exit $rc): $(cat run.err)" >&2
	exit 2
fi
echo "reference: ${ref_ms} ms; $ref"
cd .. || exit 2

# The random points: POINTS delays in [0, ref_ms), from SEED.
delays=$(awk -v n="$points" -v max="$ref_ms" -v seed="$seed" \
	'BEGIN { srand(seed); for (i = 0; i < n; i++)
		printf "%d\n", int(rand() * max) }')
ok=0 bad=0 before=0 after=0 mid=0
i=0
for d in $delays; do
	i=$((i + 1))
	fresh || exit 2
	"$DS_BIN" run --vacancy V1 > run.out 2> run.err &
	BG_PID=$!
	sleep "$(awk -v d="$d" 'BEGIN { printf "%.3f", d / 1000 }')"
	if kill -9 $BG_PID 2>/dev/null; then killed=1; else killed=0; fi
	wait $BG_PID 2>/dev/null
	BG_PID=''
	runs=$(q "SELECT count(*) FROM run")
	done_at=$(q "SELECT count(*) FROM step WHERE status = 'done'")
	why=''
	if [ "$killed" = 0 ]; then
		after=$((after + 1)) point="after the end"
	elif [ "$runs" = 0 ]; then
		before=$((before + 1)) point="before the run began"
		"$DS_BIN" run --vacancy V1 > again.out 2> again.err ||
			why="the run started again failed: $(cat again.err)"
	else
		mid=$((mid + 1)) point="$done_at steps done"
		if [ "$(q "SELECT count(*) FROM run WHERE status =
			'running'")" = 1 ]; then
			"$DS_BIN" run resume > resume.out 2> resume.err ||
				why="run resume failed: $(cat resume.err)"
		fi
	fi
	got=$(state)
	[ "$got" = "$ref" ] || why="$why${why:+; }state $got"
	n=$(doubled)
	[ "$n" = 0 ] || why="$why${why:+; }$n steps not finished exactly once"
	n=$(ev_mismatch)
	[ "$n" = 0 ] || why="$why${why:+; }$n steps' evidence miscounted"
	"$DS_BIN" audit verify > verify.out 2>&1 &&
		grep -q "audit trail OK" verify.out ||
		why="$why${why:+; }audit verify: $(cat verify.out)"
	if [ -z "$why" ]; then
		ok=$((ok + 1))
		echo "point $i: kill at ${d} ms ($point): ok"
	else
		bad=$((bad + 1))
		echo "point $i: kill at ${d} ms ($point): FAILED: $why"
	fi
	cd .. || exit 2
done
echo "killsoak: $points points ($mid during the run, $before before it" \
	"began, $after after it ended): $ok passed, $bad failed"
[ "$bad" = 0 ]
