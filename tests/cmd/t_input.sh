# input: every class of bad input gets one error line naming the fix, the
# documented exit code, and leaves the case file exactly as it was.
. "$DS_TOP/tests/cmd/lib.sh"

# bad NAME CODE PATTERN ARGS...: expect_fail, then the database unchanged
# since the snapshot.
bad() {
	name=$1
	expect_fail "$@"
	check "$name: nothing changed" unchanged
}

# The candidate ids that have a data key in the key file.
deks() { sqlite3 duesearch.db.keys 'SELECT candidate_id FROM dek ORDER BY 1'; }

setup_case
ds handle add --candidate 1 --platform x --handle @JaneS
check "the setup handle is recorded" grep -q '^handle added$' out.txt
mkdir adir
printf 'consent form\n' > form.txt
snapshot
DEKS=$(deks)

# Dates.
bad "an impossible date" 65 \
	"bad notice date '2025-02-30': use a real date as YYYY-MM-DD" \
	notice add --candidate 1 --date 2025-02-30 --channel email
bad "a date not in YYYY-MM-DD" 65 "bad notice date '26-1-1': use YYYY-MM-DD" \
	notice add --candidate 1 --date 26-1-1 --channel email
bad "an empty date" 65 "bad consent date '': use YYYY-MM-DD" \
	consent add --candidate 1 --date ""
bad "a year out of range" 65 "use a year from 1900 to 2999" \
	vacancy add --ref V2 --post X --school Y --interview-date 1899-12-31

# Unknown and malformed ids and references.
bad "an unknown candidate id" 66 \
	"unknown candidate 99: see 'duesearch candidate list'" \
	notice add --candidate 99 --date 2026-11-01 --channel email
bad "an unknown vacancy reference" 66 \
	"unknown vacancy 'NOPE': see 'duesearch vacancy list'" \
	candidate add --vacancy NOPE --name "Sam Jones"
bad "an unknown anchor id" 66 "unknown anchor 99: see 'duesearch candidate show'" \
	anchor remove 99
bad "a non-numeric id" 64 \
	"bad candidate id 'abc': use the number shown by 'duesearch candidate list'" \
	candidate status abc shortlisted
bad "an id with trailing junk" 64 "bad candidate id '1x'" \
	handle add --candidate 1x --platform x --handle sam
bad "a negative id" 64 "bad handle id '-3'" handle remove -3
bad "a missing option" 64 "a notice needs --date DATE and --channel CHANNEL" \
	notice add --candidate 1

# Duplicates.
bad "a duplicate vacancy reference" 65 \
	"vacancy 'V1' already exists: use another reference" \
	vacancy add --ref V1 --post X --school Y
bad "a duplicate handle" 65 \
	"candidate 1 already has that x handle: see 'duesearch handle list --candidate 1'" \
	handle add --candidate 1 --platform x --handle janes
bad "a duplicate handle after normalisation (case, @)" 65 \
	"already has that x handle" handle add --candidate 1 --platform x \
	--handle @JANES
bad "a duplicate anchor" 65 \
	"candidate 1 already has that location: see 'duesearch candidate show 1'" \
	anchor add --candidate 1 --kind location --value Leeds
bad "a duplicate anchor after folding case and spaces" 65 \
	"already has that location" anchor add --candidate 1 --kind location \
	--value "  LEEDS "
bad "a second legal name" 65 \
	"already has a legal name: remove that anchor first" \
	anchor add --candidate 1 --kind legal-name --value "Janet Smith"

# Handles that try to smuggle a path, a host or a credential.
bad "an x handle with a slash" 65 \
	"bad x handle 'a/b': use 1-15 letters, digits or '_'" \
	handle add --candidate 1 --platform x --handle a/b
bad "an x handle climbing a path" 65 "bad x handle '../admin'" \
	handle add --candidate 1 --platform x --handle ../admin
bad "a mastodon handle with a path" 65 \
	"bad mastodon handle 'u@evil.com/x': use user@server" \
	handle add --candidate 1 --platform mastodon --handle u@evil.com/x
bad "a url with a user and password" 65 \
	"bad url 'http://user:pw@h.org/': remove the user name and password" \
	handle add --candidate 1 --url http://user:pw@h.org/
bad "a url on an IP address" 65 \
	"bad url 'http://127.0.0.1/': use a host name, not an IP address" \
	handle add --candidate 1 --url http://127.0.0.1/
bad "a url on localhost" 65 "use a public host name, not localhost" \
	handle add --candidate 1 --url http://localhost/
bad "a url that is not http" 65 \
	"bad url 'javascript:alert\(1\)': use an address starting with http" \
	handle add --candidate 1 --url "javascript:alert(1)"
bad "an unknown platform" 65 \
	"unknown platform 'nosuchsite': the closest are " \
	handle add --candidate 1 --platform nosuchsite --handle jane

# Evidence files.
bad "a missing evidence file" 74 \
	"cannot read file 'nofile.pdf': No such file or directory: check the path" \
	notice add --candidate 1 --date 2026-11-01 --channel email \
	--evidence nofile.pdf
bad "a directory as evidence" 74 \
	"cannot read file 'adir': it is a directory: name a file" \
	consent add --candidate 1 --date 2026-11-02 --evidence adir

# Text.
bad "a name with a newline" 65 \
	"legal-name has a control character: type it on one line" \
	candidate add --vacancy V1 --name "$(printf 'Jane\nSmith')"
check "a refused candidate leaves no data key behind" test "$(deks)" = "$DEKS"
bad "a name with a terminal escape" 65 "legal-name has a control character" \
	candidate add --vacancy V1 --name "$(printf 'Jane\033[2JSmith')"
bad "a location with a control character" 65 \
	"location has a control character" candidate add --vacancy V1 \
	--name "Sam Jones" --location "$(printf 'Leeds\001')"
bad "a name that is too long" 65 \
	"legal-name is too long \(201 bytes\): use at most 200" \
	candidate add --vacancy V1 --name "$(printf '%0201d' 0 | tr 0 a)"
bad "a name that is not UTF-8" 65 \
	"legal-name is not valid UTF-8: save it as UTF-8 text" \
	candidate add --vacancy V1 --name "$(printf 'Jos\351')"
bad "a name of spaces only" 65 "legal-name is only spaces: type a value" \
	candidate add --vacancy V1 --name "   "
check "refused candidates leave no data keys behind" test "$(deks)" = "$DEKS"

# Unknown names from fixed lists.
bad "an unknown status" 65 \
	"unknown status 'hired': use one of applied, shortlisted" \
	candidate status 1 hired
bad "an unknown status on add" 65 "unknown status 'hired'" \
	candidate add --vacancy V1 --name "Sam Jones" --status hired
bad "an unknown notice channel" 65 \
	"unknown notice channel 'fax': use one of email" \
	notice add --candidate 1 --date 2026-11-01 --channel fax
bad "an unknown anchor kind" 65 "unknown anchor kind 'shoe-size': use one of" \
	anchor add --candidate 1 --kind shoe-size --value 9

# Files: database, key file, configuration.
expect_fail "a missing database" 66 \
	"cannot open 'none.db': no such database: run 'duesearch init' first" \
	--db none.db vacancy list
check "a missing database is not created" test ! -e none.db
ds --db other.db init --org "Other Trust" --lawful-basis public-task \
	--scope-reason x
check "a second case file is made" test -f other.db.keys
bad "another case file's key file" 78 \
	"key file 'other.db.keys' does not belong to database 'duesearch.db': pass --keys" \
	--keys other.db.keys vacancy add --ref V2 --post X --school Y
cp duesearch.db.keys forged.keys
sqlite3 forged.keys "UPDATE org_key SET audit_key = randomblob(32)"
bad "a key file with the right organisation but another key" 78 \
	"key file 'forged.keys' does not belong to database 'duesearch.db'" \
	--keys forged.keys vacancy add --ref V2 --post X --school Y
bad "a missing key file" 78 \
	"cannot open key file 'nokeys': No such file or directory: pass --keys" \
	--keys nokeys vacancy add --ref V2 --post X --school Y
printf '[nope]\nx=1\n' > bad.conf
bad "a bad configuration line" 78 \
	"bad.conf:2: unknown key 'x' in section \[nope\]: fix that line" \
	--config bad.conf vacancy add --ref V2 --post X --school Y
bad "a missing configuration file" 78 \
	"cannot read configuration 'missing.conf': No such file or directory: check --config" \
	--config missing.conf vacancy add --ref V2 --post X --school Y

# Issue 16, defect 16: input the checks above let through.
esc=$(printf '\033')
bel=$(printf '\007')
bad "an id with a terminal escape" 64 "bad candidate id '1\?\[2J'" \
	candidate status "$(printf '1\033[2J')" shortlisted
check "the id's escape is not echoed" sh -c "! grep -q '$esc' err.txt"
printf '[fetch]\nma\007x = 1\n' > bel.conf
bad "a configuration key with a bell" 78 "unknown key 'ma\?x'" \
	--config bel.conf vacancy list
check "the key's bell is not echoed" sh -c "! grep -q '$bel' err.txt"
for a in not-an-ip 127.0.0.1:99999 127.0.0.0/8 127.0.0.1:0 \
	 '127.0.0.1:80x' '[::1]' localhost:80; do
	printf '[fetch]\nallow = %s\n' "$a" > allow.conf
	bad "allow = $a is refused" 78 "allow.conf:2: bad allow" \
		--config allow.conf vacancy list
done
printf '[fetch]\nallow = [::1]:8080\nallow = 127.0.0.1\n' > allow.conf
expect_ok "allow = [::1]:8080 and a bare address are accepted" \
	--config allow.conf vacancy list
printf '[fetch]\nuser_agent = a\000b\n' > nul.conf
bad "a NUL byte in a configuration value" 78 "nul.conf:2: a NUL byte" \
	--config nul.conf vacancy list
printf '[fetch]\nmax_total = 4\nmax_total = 8\n' > dup.conf
bad "a key given twice" 78 "dup.conf:3: 'max_total' is given twice in \[fetch\]" \
	--config dup.conf vacancy list
for t in garbage 'a.example:80:127.0.0.1' 'a.example:80:127.0.0.1:99999' \
	 'a b:80:127.0.0.1:80' ':80:evil/x:80'; do
	printf '[fetch]\nconnect_to = %s\n' "$t" > ct.conf
	bad "connect_to = $t is refused" 78 "ct.conf:2: bad connect_to" \
		--config ct.conf vacancy list
done
printf '[fetch]\nconnect_to = ::127.0.0.1:8080\nconnect_to = a.example:443:[::1]:8443\n' > ct.conf
expect_ok "well-formed connect_to lines are accepted" \
	--config ct.conf vacancy list
printf '[fetch]\nca_file = no-such-ca.pem\n' > ca.conf
bad "a missing ca_file" 78 "ca_file 'no-such-ca.pem' is not a readable file" \
	--config ca.conf vacancy list
ds notice add --candidate 1 --date 2026-11-01 --channel email \
	--evidence /dev/zero &
ev=$!
i=0
while [ $i -lt 100 ] && kill -0 $ev 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
if kill -0 $ev 2>/dev/null; then kill $ev; fi
wait $ev
check "evidence /dev/zero is refused at once, not read for ever" \
	sh -c "test $i -lt 100 && grep -q \"cannot read file '/dev/zero': it is not a regular file\" err.txt"
check "evidence /dev/zero changed nothing" unchanged
mkfifo ev.fifo
# Bounded: a build that opens the FIFO for reading would wait for ever.
DS_VG="timeout 60 $DS_VG"
bad "a FIFO as evidence" 74 "it is not a regular file" \
	consent add --candidate 1 --date 2026-11-02 --evidence ev.fifo
DS_VG=${DS_VG#timeout 60 }
bad "a name with a bidi override" 65 "legal-name has an invisible character" \
	candidate add --vacancy V1 --name "$(printf 'Jane \342\200\256htimS')"
bad "a name with a zero-width space" 65 "legal-name has an invisible character" \
	candidate add --vacancy V1 --name "$(printf 'Jane\342\200\213Smith')"
bad "a location with a bidi isolate" 65 "location has an invisible character" \
	candidate add --vacancy V1 --name "Sam Jones" \
	--location "$(printf 'Leeds\342\201\246')"

# A database another process holds a write lock on: the lock is held
# until this script releases it, so the test does not depend on timing.
mkfifo lock.fifo
sqlite3 duesearch.db < lock.fifo > lock.out 2>&1 &
locker=$!
exec 3> lock.fifo
printf '.timeout 5000\nBEGIN IMMEDIATE;\n' >&3
i=0
while [ $i -lt 100 ] &&
      sqlite3 duesearch.db 'BEGIN IMMEDIATE; ROLLBACK;' 2>/dev/null; do
	sleep 0.1
	i=$((i + 1))
done
check "the other process holds the lock" test $i -lt 100
expect_fail "a write to a locked database" 75 \
	"is locked by another process: try again when it has finished" \
	vacancy add --ref V2 --post X --school Y
expect_out "a read of a locked database still works" "^1 +V1 " vacancy list
printf 'ROLLBACK;\n' >&3
exec 3>&-
wait $locker
check "the locked write changed nothing" unchanged
expect_ok "the write succeeds once the lock is gone" \
	vacancy add --ref V2 --post X --school Y

# What is valid must not be refused.
long=$(printf '%0200d' 0 | tr 0 a)
expect_out "a name of exactly 200 bytes is accepted" "candidate 2 added" \
	candidate add --vacancy V1 --name "$long"
expect_out "a name in UTF-8 is accepted" "candidate 3 added" \
	candidate add --vacancy V1 --name "Zoë Ñúñez-O'Brien"
expect_out "a name in UTF-8 reads back intact" "^  [0-9]+ +legal-name +Zoë Ñúñez-O'Brien$" \
	candidate show 3
# The SCR lines list appointees only.
ds candidate add --vacancy V1 --name " =HYPERLINK(\"http://x.example\")" \
	--status appointed
expect_ok "scr lines with a formula after a space" report --vacancy V1 --scr \
	-o scr.csv
check "a cell starting ' =' gets the formula guard" \
	grep -q "\"' =HYPERLINK(\"\"http" scr.csv
finish
