# init: creates the case file and key file (0600), refuses to overwrite,
# and every other command refuses a missing database.
. "$DS_TOP/tests/cmd/lib.sh"

expect_fail "no database yet" 66 "run 'duesearch init' first" vacancy list
expect_fail "init needs an organisation" 64 "--org NAME" init \
	--lawful-basis public-task --scope-reason x
expect_fail "init refuses a bad lawful basis" 65 "lawful basis" init \
	--org T --lawful-basis consent --scope-reason x
check "failed init left no files" test ! -e duesearch.db -a ! -e duesearch.db.keys
expect_out "init creates the case file" "created duesearch.db" init \
	--org "Test Trust" --lawful-basis public-task --scope-reason "KCSIE"
check "database is mode 0600" test "$(stat -c %a duesearch.db)" = 600
check "key file is mode 0600" test "$(stat -c %a duesearch.db.keys)" = 600
expect_fail "init refuses to overwrite" 65 "already exists" init \
	--org X --lawful-basis public-task --scope-reason y
expect_out "org show" "^lawful_basis: +public-task$" org show
expect_out "consent required by default" "^consent_required: +yes$" org show
expect_out "the initialiser is admin" "admin" actor list
chmod 644 duesearch.db
expect_fail "a world-readable database is refused" 77 "chmod 600" org show
chmod 600 duesearch.db
# The key file is checked on its open descriptor: mode, owner, no link.
chmod 640 duesearch.db.keys
expect_fail "a key file readable by others is a configuration error (78)" 78 "chmod 600" org show
chmod 600 duesearch.db.keys
mv duesearch.db.keys real.keys
ln -s real.keys duesearch.db.keys
expect_fail "a key file that is a symbolic link is refused" 78 "symbolic link" org show
rm duesearch.db.keys
mv real.keys duesearch.db.keys
if [ "$(id -u)" = 0 ]; then
	chown 65534 duesearch.db.keys
	expect_fail "a key file of another user is refused" 78 "belongs to user 65534" org show
	chown 0 duesearch.db.keys
else
	skip "a key file of another user is refused" "needs root to chown the file"
fi
expect_out "the key file works again" "^lawful_basis: +public-task$" org show
expect_out "--json output" '"lawful_basis": "public-task"' --json org show
expect_out "--version" "duesearch [0-9]" --version
expect_out "--help lists the nouns" "gate" --help
expect_out "verb help lists options" "--interview-date" vacancy add --help
expect_fail "unknown noun" 64 "unknown command" frobnicate
expect_fail "unknown verb" 64 "unknown verb" vacancy frob
expect_fail "unknown option" 64 "unknown option '--frob'" vacancy list --frob
finish
