# taxonomy test: one text a line in, each line's categories and why out;
# an organisation's own taxonomy file can be tried; a bad one is refused.
. "$DS_TOP/tests/cmd/lib.sh"

printf '%s\n' \
	'He stabbed a man outside the pub' \
	'What a lovely day at the beach' \
	'Travellers are a plague on this town' \
	'Traveller families have lived here for generations' \
	'' \
	'Had a go at the new recipe, a stab at sourdough' > in.txt

ds taxonomy test < in.txt
check "a header, then one answer a line, empty lines too" \
	[ "$(wc -l < out.txt)" = 7 ]
check "the header names the columns" grep -Eq '^line +categories +why$' out.txt
check "a violent sentence is violence, with its term" \
	grep -Eq '^1 +violence +violence: terms stabbed$' out.txt
check "an ordinary sentence is nothing" grep -Eq '^2 +- +-$' out.txt
check "an attack on a group is hate, with the group" \
	grep -Eq '^3 +hate +hate: terms plague, travellers' out.txt
check "a neutral mention of a group is nothing" grep -Eq '^4 +- +-$' out.txt
check "an empty line is nothing" grep -Eq '^5 +- +-$' out.txt
check "an innocent use of a word is nothing" grep -Eq '^6 +- +-$' out.txt

ds --json taxonomy test < in.txt
check "--json: one object a line" [ "$(wc -l < out.txt)" = 6 ]
check "--json: the category, its terms and weight" \
	grep -q '^{"line": *3, *"categories": *\[{"category": *"hate", *"terms": *"plague, travellers", *"weight": *[23][,}]' out.txt
check "--json: nothing is an empty list" \
	grep -q '^{"line": *2, *"categories": *\[\]}$' out.txt

# The model's score and features show when it took part.
printf 'you stupid fucking idiot\n' > abuse.txt
expect_out "the model's score and strongest features" \
	'abuse: terms .*; model [01]\.[0-9][0-9]: [^ ]' taxonomy test < abuse.txt

# British wording, and the innocent sentences beside it.
cat > uk.txt <<'TXT'
Gave my Y9s my personal mobile so they can message me over the holidays
was on the gear all weekend and straight into school on monday
Year 9 absolutely smashed their exams, so proud of them
Our Y8 trip was brilliant, don't tell them I said so
Lost the lot on the accas and the wife doesn't know
Touch my car again and I'll put him through the window
TXT
ds taxonomy test < uk.txt
check "pupils as Y9s beside a private number" grep -Eq '^1 +children  ' out.txt
check "'on the gear' is drugs" grep -Eq '^2 +substances  ' out.txt
check "a class that smashed its exams is nothing" grep -Eq '^3 +- +-$' out.txt
check "a playful 'don't tell them' is nothing" grep -Eq '^4 +- +-$' out.txt
check "losses hidden from a spouse are gambling" grep -Eq '^5 +substances  ' out.txt
check "a threat to put someone through a window" grep -Eq '^6 +violence  ' out.txt

# Violence towards a pupil is also conduct involving children; the same
# verbs about a ball or a headline are not.
cat > pupil.txt <<'TXT'
I punched a pupil and I would do it again
He hit a pupil in the corridor
My son kicked a ball at the park
She hit the headlines for her pupils' results
TXT
ds taxonomy test < pupil.txt
check "a punched pupil: violence and children" grep -Eq '^1 +violence, children  ' out.txt
check "a pupil hit: children" grep -Eq '^2 +([a-z]+, )*children  ' out.txt
check "a ball kicked by a son is nothing" grep -Eq '^3 +- +-$' out.txt
check "a headline hit is nothing" grep -Eq '^4 +- +-$' out.txt

# A slur written as two words is still a slur; an idiom that holds one of
# its letters' sequences is not.
cat > slur.txt <<'TXT'
The people round there are all white trash
All these towel heads think they own the place
Members of that church are sub-human
Their defence showed a chink in the armour
There was a chink of light in the curtains
TXT
ds taxonomy test < slur.txt
check "'white trash' alone is hate" grep -Eq '^1 +hate' out.txt
check "'towel heads' in two words is hate" grep -Eq '^2 +hate' out.txt
check "'sub-human' with a hyphen is hate" grep -Eq '^3 +hate' out.txt
check "a chink in the armour is nothing" grep -Eq '^4 +- +-$' out.txt
check "a chink of light is nothing" grep -Eq '^5 +- +-$' out.txt

# A place of worship stands for its faith beside an attack; alone it is
# nothing.  British wording for secrecy with children and for running
# down a school's leaders.
cat > more.txt <<'TXT'
First its a mosque then the whole street. They breed like rabbits.
The new mosque opened its doors to the whole street on Saturday.
under 18s welcome just dont tell ur mam
Our SLT couldn't organise a p*ss-up in a brewery.
TXT
ds taxonomy test < more.txt
check "an attack beside a mosque is hate" grep -Eq '^1 +hate  ' out.txt
check "a mosque opening is nothing" grep -Eq '^2 +- +-$' out.txt
check "'dont tell ur mam' to under-18s is children" \
	grep -Eq '^3 +children  ' out.txt
check "leaders run down in public is misconduct" \
	grep -Eq '^4 +misconduct  ' out.txt

# Secrecy and unregistered overnight care are children; a parent's own
# child's sleepover is nothing.
cat > kids.txt <<'TXT'
He told her she doesn't need to tell her mum what they chat about.
Sleepover club at mine. Not Ofsted registered, just a mum who loves kids.
My son had a sleepover at his friend's house on Friday.
TXT
ds taxonomy test < kids.txt
check "secrecy from a child's mother is children" \
	grep -Eq '^1 +children  ' out.txt
check "unregistered care of kids is children" grep -Eq '^2 +children  ' out.txt
check "a son's sleepover at a friend's is nothing" grep -Eq '^3 +- +-$' out.txt

# A child's weight mocked as banter; women sent back to make the tea;
# children taught to hurt when the referee is not looking.
cat > club.txt <<'TXT'
Their keeper couldn't stop a pie, tell her mam to ease off the chippy.
Watching womens rugby is a joke. Get back in the clubhouse and do the teas.
Teaching the U12s to leave a bit on a lad when the ref's not looking.
Can you do the teas this Saturday? The girls are playing at home.
TXT
ds taxonomy test < club.txt
check "fat-mocking as banter is abuse" grep -Eq '^1 +abuse  ' out.txt
check "women sent to make the tea is hate" grep -Eq '^2 +hate  ' out.txt
check "foul play taught to children is children" \
	grep -Eq '^3 +children  ' out.txt
check "a rota for the teas is nothing" grep -Eq '^4 +- +-$' out.txt
printf 'The coach bought alcohol for players and allowed them to drink it.\n' \
	> tour.txt
ds taxonomy test < tour.txt
check "alcohol bought for players to drink is children" \
	grep -Eq '^1 +children  ' out.txt

# Holding a child down, punishing one until sick, hiding it from parents;
# a threat of injury; a faked absence; gambling losses; and the accidents
# and sitting that are nothing.
cat > hold.txt <<'TXT'
had to sit on little Kai from Y2 again today, some kids just need a firm hand
We give the hyper ones a gummy with lunch. Parents don't need to know.
Whoever keyed my van, you won't be walking right for a month
pulled a sickie and told work my nan died
Stabbed myself with a knitting needle again
Had to sit on the bench for the whole match with the kids
TXT
ds taxonomy test < hold.txt
check "a child held down is children" grep -Eq '^1 +children  ' out.txt
check "kept from parents is children" grep -Eq '^2 +children  ' out.txt
check "a threat of injury is violence" grep -Eq '^3 +violence  ' out.txt
check "a faked sick day is misconduct" grep -Eq '^4 +misconduct  ' out.txt
check "stabbing oneself with a needle is nothing" grep -Eq '^5 +- +-$' out.txt
check "sitting on the bench with kids is nothing" grep -Eq '^6 +- +-$' out.txt

# Threats to family, weapons, deportation, workplace safety, bullying a
# colleague out, a group called paedophiles; and their innocent neighbours.
cat > more2.txt <<'TXT'
Know where his old man parks an all, next time it won't just be words
I know where his keys are, they're on the hook
Send the lot back and start with the ones on benefits
Propping the fire exit open again and switched the CCTV off
The fire exit is kept clear and the CCTV is checked daily
Operation Make Her Jack It In starts Monday
Tr*nnies in girls sport, half of them are nonces in a dress
new toy, proper zombie knife, anyone starts on me they're getting it
TXT
ds taxonomy test < more2.txt
check "a threat to a referee's father is violence" grep -Eq '^1 +violence  ' out.txt
check "where his keys are is nothing" grep -Eq '^2 +- +-$' out.txt
check "'send the lot back' is hate" grep -Eq '^3 +hate  ' out.txt
check "a fire exit propped, CCTV off is misconduct" \
	grep -Eq '^4 +misconduct  ' out.txt
check "a fire exit kept clear is nothing" grep -Eq '^5 +- +-$' out.txt
check "bullying a colleague out is abuse" grep -Eq '^6 +abuse  ' out.txt
check "trans women called paedophiles is hate" grep -Eq '^7 +hate  ' out.txt
check "a zombie knife for anyone who starts is violence" \
	grep -Eq '^8 +violence  ' out.txt

# Breaking fingers, a child by the scruff, wine before gate duty, test
# answers altered, a pupil's social-care file posted; and the
# neighbours that are nothing.
cat > more3.txt <<'TXT'
When I get my hands on that lad I'll snap his fingers one by one
A firm grip on the scruff of the neck settles a kicking six-year-old
Two large Pinot Grigios in the car at lunch then straight out on gate duty
Altered pupils' answers on test scripts after the end of the test
Y1 lad, dad inside, mum using again according to his social worker
I snapped a fingernail on the gate and had a large coffee
RESOLVED: to revoke the premises licence after underage sales
His driving licence was revoked on medical grounds
TXT
ds taxonomy test < more3.txt
check "breaking a lad's fingers is violence" grep -Eq '^1 +violence  ' out.txt
check "a child held by the scruff is children" grep -Eq '^2 +children  ' out.txt
check "wine before gate duty is drugs and alcohol" \
	grep -Eq '^3 +substances  ' out.txt
check "altered test answers is misconduct" grep -Eq '^4 +misconduct  ' out.txt
check "a pupil's social-care file posted is misconduct" \
	grep -Eq '^5 +misconduct  ' out.txt
check "a snapped fingernail and a coffee are nothing" \
	grep -Eq '^6 +- +-$' out.txt
check "a pub's licence revoked for underage sales is alcohol" \
	grep -Eq '^7 +substances  ' out.txt
check "a driving licence revoked on medical grounds is nothing" \
	grep -Eq '^8 +- +-$' out.txt

# Slang families from a seventh test town's misses (the wording here is
# this file's own), each beside an innocent neighbour that stays nothing.
cat > more4.txt <<'TXT'
Staff do went off once the deputy got the bag out, hoovering it off the cistern till 4
Snow at last ❄️ sledging on the common with the kids
Cutting for the show: clen and a T3 stack, DM me for my guy's details
Steroids prescribed for my asthma flare-up, feeling rough
The panel found he placed bets on matches, including two on his own team to lose
He placed bets on the Grand National for the office sweepstake
Keep that bender parade away from the kids, nobody wants it rammed down their throats
Went on a bender after the wedding, never again
More mosques than pubs round here now, time we got our country back
Another dinghy full, send them straight back, we're full and they're not like us
Took the kids sailing in a dinghy and sent them straight back to shore for lunch
Met the new swim coach at the gala, wouldn't mind a private lesson if you catch my drift 😏🍆
Half the spin class waddling out after ten minutes, someone call Greenpeace
Ducks waddling across the lane outside school this morning
Sanction: a twelve-month suspension from coaching and a safeguarding course
One-to-one sessions at my house, parents don't need to hang about, I'll drop them home after
Parents don't need to stay for the whole session, we will text when we finish
I know which pub you drink in, say it again on Saturday
Sad single mums with nowt better to do than moan, jog on love
New trainee is a right little madam, made her cry in the office today
My little madam of a daughter refused her tea again
Y8s and Y9s play w me online after 9, no snitching to ur parents
Another dinghy on the beach this morning. Lovely. Turn them round, we're full and sick of paying for their hotels
Travellers came to the fair today. Nice weather. A plague of wasps by the teacups though
TXT
ds taxonomy test < more4.txt
check "cocaine at a staff party is drugs" grep -Eq '^1 +substances  ' out.txt
check "a snowflake in winter is nothing" grep -Eq '^2 +- +-$' out.txt
check "fat-burning drugs and a dealer are drugs" \
	grep -Eq '^3 +substances  ' out.txt
check "prescribed steroids are nothing" grep -Eq '^4 +- +-$' out.txt
check "bets against one's own team are gambling" \
	grep -Eq '^5 +substances' out.txt
check "a sweepstake bet is nothing" grep -Eq '^6 +- +-$' out.txt
check "'bender' as a slur beside a trope is hate" grep -Eq '^7 +hate  ' out.txt
check "a drinking bender alone is nothing" grep -Eq '^8 +- +-$' out.txt
check "'more mosques than pubs' and 'our country back' is hate" \
	grep -Eq '^9 +hate  ' out.txt
check "'send them straight back' of small boats is hate" \
	grep -Eq '^10 +hate  ' out.txt
check "a sailing dinghy is nothing" grep -Eq '^11 +- +-$' out.txt
check "'if you catch my drift' with a leer is sexual" \
	grep -Eq '^12 +sexual  ' out.txt
check "fat-mocking a class is abuse" grep -Eq '^13 +abuse  ' out.txt
check "ducks waddling are nothing" grep -Eq '^14 +- +-$' out.txt
check "a coaching suspension as a sanction is misconduct" \
	grep -Eq '^15 +misconduct  ' out.txt
check "children alone at a coach's home, lifts home, is children" \
	grep -Eq '^16 +children  ' out.txt
check "parents free to leave a session is nothing" \
	grep -Eq '^17 +- +-$' out.txt
check "knowing which pub someone drinks in is a threat" \
	grep -Eq '^18 +violence  ' out.txt
check "a parent told to jog on is abuse" grep -Eq '^19 +abuse  ' out.txt
check "a trainee made to cry is abuse" grep -Eq '^20 +abuse  ' out.txt
check "a daughter called a little madam is nothing" \
	grep -Eq '^21 +- +-$' out.txt
check "pupils gaming with a teacher in secret is children" \
	grep -Eq '^22 +children  ' out.txt
check "a one-word 'Lovely.' keeps the boats beside what follows" \
	grep -Eq '^23 +hate  ' out.txt
check "a two-word sentence still parts a group from a later word" \
	grep -Eq '^24 +- +-$' out.txt

# An eighth town's misses, in this file's own words, beside innocent
# neighbours.
cat > more5.txt <<'TXT'
Grassed me up to the police? I know where your nan lives and I know what car you drive
I know where your keys are, they're on the hook by the door
Park on my drive again and I'll put your windows in, and you with it
Our new windscreen went in today and the car feels brand new
Made a WhatsApp group for the U12s, easier than going through their mums
The WhatsApp group for the PTA quiz is up, message me to join
Had a cheeky bump of charlie at the christening
Worked the night shift till 6am then slept all day
The head said the matter was referred to the LADO after the restraint
New supply teacher in Y4, wouldn't kick him out of bed
TXT
ds taxonomy test < more5.txt
check "knowing a relative's whereabouts and a car is a threat" \
	grep -Eq '^1 +violence  ' out.txt
check "knowing where the keys are is nothing" grep -Eq '^2 +- +-$' out.txt
check "windows put in, and the person with them, is violence" \
	grep -Eq '^3 +violence  ' out.txt
check "a new windscreen is nothing" grep -Eq '^4 +- +-$' out.txt
check "a private group with children, past parents, is children" \
	grep -Eq '^5 +children  ' out.txt
check "a parents' quiz group is nothing" grep -Eq '^6 +- +-$' out.txt
check "a bump of charlie is drugs" grep -Eq '^7 +substances  ' out.txt
check "a night shift till 6am is nothing" grep -Eq '^8 +- +-$' out.txt
check "a referral to the LADO is children" grep -Eq '^9 +children  ' out.txt
check "'wouldn't kick him out of bed' of a colleague is sexual" \
	grep -Eq '^10 +sexual  ' out.txt

cat > more6.txt <<'TXT'
That lad from the close, feral little scrote, I've got their address if anyone fancies a visit
Harbourmaster: please don't post addresses, it has been reported
Didn't bother with buoyancy aids for the little ones, takes ages to fit them
All the little ones wore buoyancy aids and helmets, brilliant day on the water
Took the Yr 8s off the quay at midnight, no helmets, don't tell the centre
Hot tub with the kids after a long walk, bliss
Parents' evening done. Some families shouldn't be allowed to breed
Dogs with poor hip scores should not be allowed to breed, says the kennel club
Few lines and a bottle of rum, still can't feel my face
Bagged three hundred liberty caps on the cliff, magic mushrooms tea tonight
Smith, 29, admitted careless driving and was given six penalty points
He kicked 12 penalty points in the cup final
Mr Mabe struck a parent of a junior competitor in the face
She struck a chord with the pupils at assembly
TXT
ds taxonomy test < more6.txt
check "a child's family insulted and their address offered is abuse" \
	grep -Eq '^1 +abuse  ' out.txt
check "a request not to post addresses is nothing" \
	grep -Eq '^2 +- +-$' out.txt
check "young children taken out without buoyancy aids is children" \
	grep -Eq '^3 +children  ' out.txt
check "young children wearing buoyancy aids is nothing" \
	grep -Eq '^4 +- +-$' out.txt
check "pupils taken jumping without helmets, hidden, is children" \
	grep -Eq '^5 +children  ' out.txt
check "a hot tub with one's own kids is nothing" grep -Eq '^6 +- +-$' out.txt
check "pupils' families sneered at after parents' evening is misconduct" \
	grep -Eq '^7 +misconduct  ' out.txt
check "dog breeding advice is nothing" grep -Eq '^8 +- +-$' out.txt
check "lines and a bottle of rum is drugs and alcohol" \
	grep -Eq '^9 +substances  ' out.txt
check "magic mushrooms by a local name are drugs" \
	grep -Eq '^10 +substances  ' out.txt
check "an offence admitted and penalty points are criminal" \
	grep -Eq '^11 +criminal  ' out.txt
check "points kicked in rugby are nothing" grep -Eq '^12 +- +-$' out.txt
check "striking a parent is violence" grep -Eq '^13 +violence  ' out.txt
check "striking a chord is nothing" grep -Eq '^14 +- +-$' out.txt

cat > more7.txt <<'TXT'
Guess who just came in for an STI check? Only the vicar, my lips are sealed
Guess who came in for a cuppa today! Our old head, lovely to see her
Lost again. Bunch of soft poofs, the lot of them
The magic trick: poof, and it was gone
Three bottles of prosecco down and just started marking the Y4 tests 🥴
Two bottles of prosecco for the raffle 🍾
Gave the lads a can of Carling each in the changing room, don't tell their mams
Gave the lads a can of paint each to do the fence
TXT
ds taxonomy test < more7.txt
check "a patient's visit told in public is misconduct" \
	grep -Eq '^1 +misconduct  ' out.txt
check "a visitor for a cuppa is nothing" grep -Eq '^2 +- +-$' out.txt
check "'poofs' of a team is hate" grep -Eq '^3 +hate  ' out.txt
check "a magician's 'poof' is nothing" grep -Eq '^4 +- +-$' out.txt
check "marking drunk is substances" grep -Eq '^5 +substances  ' out.txt
check "prosecco for a raffle is nothing" grep -Eq '^6 +- +-$' out.txt
check "beer for a junior team, kept from parents, is children" \
	grep -Eq '^7 +children  ' out.txt
check "a can of paint each is nothing" grep -Eq '^8 +- +-$' out.txt

cat > more8.txt <<'TXT'
Staff do ended at 5am, still steaming, Y7 swimming at 9
The soup is still steaming hot, lovely
Cheeky zoot before the late shift and the babies were angels
Said she looked fit in her dress, asked if she wanted to come back to mine, she has gone to HR
Friends came back to mine for a curry after the quiz
I know you're from Daneford, I'll find where you live and cave your skull in
A tap on the leg never hurt anyone, I've done it at work when no one's looking, don't tell Ofsted
Told the nurse he had a headache so she rang his mum
Our worst biter, I bit him back. Just so he knew how it feels. Don't tell my manager
Ref was an absolute bender, minced about in his pink boots. Should be a rule against his sort
The panel found his conduct amounted to unacceptable professional conduct
He told Pupil A to keep our chats between us
TXT
ds taxonomy test < more8.txt
check "still drunk before a lesson is substances" \
	grep -Eq '^1 +substances  ' out.txt
check "hot soup is nothing" grep -Eq '^2 +- +-$' out.txt
check "cannabis before a shift is substances" \
	grep -Eq '^3 +substances  ' out.txt
check "advances to a colleague, now with HR, is abuse" \
	grep -Eq '^4 +abuse  ' out.txt
check "friends back for a curry is nothing" grep -Eq '^5 +- +-$' out.txt
check "finding where someone lives to hurt them is violence" \
	grep -Eq '^6 +violence  ' out.txt
check "hitting children unobserved, hidden from Ofsted, is children" \
	grep -Eq '^7 +children  ' out.txt
check "a nurse told of a headache is nothing" grep -Eq '^8 +- +-$' out.txt
check "biting a toddler back is children" grep -Eq '^9 +children  ' out.txt
check "'his sort' of a referee called a slur is hate" \
	grep -Eq '^10 +hate  ' out.txt
check "a regulator's finding of unacceptable conduct is misconduct" \
	grep -Eq '^11 +misconduct  ' out.txt
check "secret chats with a pupil are children" \
	grep -Eq '^12 +children  ' out.txt

cat > more9.txt <<'TXT'
Gave my mobile number to a Year 11 who's struggling at home. She messages me every night now.
Please give my mobile number to the plumber, thanks
Took my Year 10 sopranos out for limoncello after lights-out. Don't tell the Bursar
Lights out at 10 for the Year 10 residential, phones handed in
Keep slagging off my choir and I'll send your wife the screenshots. Tick tock.
Londonistan is coming to the Vale, mark my words
She altered the recorded marks of four pupils
TXT
ds taxonomy test < more9.txt
check "a pupil given a personal number, messaging nightly, is children" \
	grep -Eq '^1 +children  ' out.txt
check "a number given to a plumber is nothing" grep -Eq '^2 +- +-$' out.txt
check "drink for pupils after lights out is children" \
	grep -Eq '^3 +children  ' out.txt
check "lights out on a residential is nothing" grep -Eq '^4 +- +-$' out.txt
check "a threat to send a spouse screenshots is abuse" \
	grep -Eq '^5 +abuse  ' out.txt
check "'Londonistan' is hate" grep -Eq '^6 +hate  ' out.txt
check "pupils' marks altered is misconduct" \
	grep -Eq '^7 +misconduct  ' out.txt
# A group's name is not an attack on it: the model's judgement beside a
# group's name, with no term of hate, must hold without the name.
cat > named.txt <<'TXT'
Queer Eye is my comfort watch on a Sunday
I'm queer and I teach, get over it
Just waiting for them to bring back Queer as Folk
fucking queers everywhere, makes me sick
Bernstine is a Jew fag.
TXT
ds taxonomy test < named.txt
check "a programme's name with 'queer' in it is nothing" \
	grep -Eq '^1 +- +-$' out.txt
check "a teacher saying she is queer is nothing" grep -Eq '^2 +- +-$' out.txt
check "a drama's title is nothing" grep -Eq '^3 +- +-$' out.txt
check "sworn disgust at a group is still hate" grep -Eq '^4 +hate' out.txt
check "a slur beside a group is still hate" grep -Eq '^5 +hate' out.txt
# A hostile word counts as hate only aimed at a group ("aimed"): a group
# joined to it by filler words, with no comma between.
cat > aimed.txt <<'TXT'
The way Travellers are treated by the council is disgusting
Refugees are fleeing a plague of violence at home
I hate Mondays, the gay bar on the corner closes early
Gay people were treated like animals in the 1950s
Travellers are nothing but scum
I can't stand the gays, they're disgusting
Travellers, thieving scum the lot of them
I hate Mondays. Gay bar on the corner closes early
TXT
ds taxonomy test < aimed.txt
check "disgust at how a group is treated is nothing" grep -Eq '^1 +- +-$' out.txt
check "a plague the refugees flee is nothing" grep -Eq '^2 +- +-$' out.txt
check "hating Mondays beside a gay bar is nothing" grep -Eq '^3 +- +-$' out.txt
check "a group treated like animals is nothing" grep -Eq '^4 +- +-$' out.txt
check "a group called scum is hate" grep -Eq '^5 +hate  ' out.txt
check "a group one cannot stand is hate" grep -Eq '^6 +hate  ' out.txt
check "a group called scum after a comma is hate" grep -Eq '^7 +hate  ' out.txt
check "a hatred that ends its sentence is not the next one's" \
	grep -Eq '^8 +- +-$' out.txt
# An organisation's own file can say which of its words need an aim.
printf '[pets]\nthreshold = 2\nterms = cruel\naimed = hate\ntargets = cats\n' \
	> aimed.ini
printf 'I hate cats\nI hate Mondays, cats are fine\ncruel to cats\n' |
	ds taxonomy test --taxonomy aimed.ini
check "its aimed word beside its target makes the category" \
	grep -Eq '^1 +pets  ' out.txt
check "its aimed word aimed elsewhere does not" grep -Eq '^2 +- +-$' out.txt
check "its other terms need no aim" grep -Eq '^3 +pets  ' out.txt
printf 'Quick spliff on the slipway before the juniors turn up\nSwing night, I wore my zoot suit\n' |
	ds taxonomy test
check "a spliff is drugs alone" grep -Eq '^1 +substances  ' out.txt
check "a zoot suit is nothing" grep -Eq '^2 +- +-$' out.txt
cat > insults.txt <<'TXT'
Still can't believe she called me a liar in front of everyone, lying slag
That referee is a useless prick
Walked the dog past the old slag heaps at Grimethorpe
Everyone's slagging off the new timetable
Talk on slut shaming and consent for Year 11
TXT
ds taxonomy test < insults.txt
check "a woman called a slag is abuse" grep -Eq '^1 +abuse  ' out.txt
check "a useless prick is abuse" grep -Eq '^2 +abuse  ' out.txt
check "a slag heap is nothing" grep -Eq '^3 +- +-$' out.txt
check "slagging off a timetable is nothing" grep -Eq '^4 +- +-$' out.txt
check "a talk on slut shaming is nothing" grep -Eq '^5 +- +-$' out.txt
cat > sheds.txt <<'TXT'
Travellers back on the rec by school AGAIN. Lock your sheds everyone, we all know what they're like. Thieving lot.
The council are a thieving lot, parking fines up again
Lock your sheds, there have been break-ins on Mill Lane
TXT
ds taxonomy test < sheds.txt
check "Travellers told of by locking sheds and 'what they're like' is hate" \
	grep -Eq '^1 +hate  ' out.txt
check "a council called a thieving lot is nothing" grep -Eq '^2 +- +-$' out.txt
check "advice to lock sheds is nothing" grep -Eq '^3 +- +-$' out.txt
cat > snap.txt <<'TXT'
One of the Y11 lads walked me to my car after detention and asked for my snap. Gave it him obvs
Follow my insta for more bakes and cake pics!
TXT
ds taxonomy test < snap.txt
check "a pupil given her Snapchat is children" grep -Eq '^1 +children  ' out.txt
check "an Instagram for bakes is nothing" grep -Eq '^2 +- +-$' out.txt
cat > fold.txt <<'TXT'
Chasing it back Saturday with a nine-fold, come on
Sales rose five-fold after the advert ran
A Year 3 boy was shut in a storage cupboard for an hour by the teacher
The spare keys are locked in the cupboard in the office
Fill a dinghy with the lot of them and point it back at Calais
We drove back to Calais for the ferry home
TXT
ds taxonomy test < fold.txt
check "chasing losses on a nine-fold is gambling" \
	grep -Eq '^1 +substances  ' out.txt
check "sales rising five-fold are nothing" grep -Eq '^2 +- +-$' out.txt
check "a boy shut in a cupboard is children" grep -Eq '^3 +children  ' out.txt
check "keys locked in a cupboard are nothing" grep -Eq '^4 +- +-$' out.txt
check "a dinghy pointed back at Calais is hate" grep -Eq '^5 +hate  ' out.txt
check "driving back to Calais is nothing" grep -Eq '^6 +- +-$' out.txt
printf 'Two camps start shouting at each other about children every autumn\nThe teacher shouted at the children until they cried\n' |
	ds taxonomy test
check "camps shouting at each other about children is nothing" \
	grep -Eq '^1 +- +-$' out.txt
check "a teacher shouting at children is children" \
	grep -Eq '^2 +children  ' out.txt
cat > families.txt <<'TXT'
Ref should send him back to the jungle, useless
Time to take our towns back from the invaders
Take our streets back, reclaim the night march this Saturday
Four slashed tyres and a brick through the windscreen, that's what he'll get
Took the Reception class foraging by the river. Parents weren't told, obviously
We'll update parents after the trip, no need to worry
Three children had been left unsupervised in the garden
The sourdough was left unsupervised and overflowed
Another whinging little brat in my group today
Our new cat is a little brat, climbing everything
TXT
ds taxonomy test < families.txt
check "a player told to go back to the jungle is hate" \
	grep -Eq '^1 +hate  ' out.txt
check "towns taken back from invaders is hate" grep -Eq '^2 +hate  ' out.txt
check "a reclaim-the-night march is nothing" grep -Eq '^3 +- +-$' out.txt
check "a brick through a windscreen is violence" \
	grep -Eq '^4 +violence  ' out.txt
check "a class taken out with parents not told is children" \
	grep -Eq '^5 +children  ' out.txt
check "parents updated after a trip is nothing" grep -Eq '^6 +- +-$' out.txt
check "children left unsupervised is children" grep -Eq '^7 +children  ' out.txt
check "sourdough left unsupervised is nothing" grep -Eq '^8 +- +-$' out.txt
check "a whinging little brat is abuse" grep -Eq '^9 +abuse  ' out.txt
check "a cat that is a little brat is nothing" grep -Eq '^10 +- +-$' out.txt
cat > classes.txt <<'TXT'
told 10B they can add me on snap if they're stuck on homework
told the 10k runners they can add me on snap
Marking 10X2 mocks, what a bunch of idiots
Well done to 9R, 94.8% attendance this half term
TXT
ds taxonomy test < classes.txt
check "a class's code beside a private channel is children" \
	grep -Eq '^1 +children +children: terms .*<class>' out.txt
check "a 10k run is no class" grep -Eq '^2 +- +-$' out.txt
check "a class's code beside an insult is misconduct" \
	grep -Eq '^3 +misconduct  .*<class>' out.txt
check "a class's code alone is nothing" grep -Eq '^4 +- +-$' out.txt
printf '[pets]\nthreshold = 2\nterms = kicked\ntargets = <class>\n' \
	> classes.ini
printf 'He kicked 8C\nHe kicked 8c\n' > kicked.txt
ds taxonomy test --taxonomy classes.ini < kicked.txt
check "--taxonomy: <class> is a class's code as written" \
	grep -Eq '^1 +pets  ' out.txt
check "--taxonomy: a code in small letters is no class" \
	grep -Eq '^2 +- +-$' out.txt
cat > gaps.txt <<'TXT'
I know which community centre you do your Thursday surgery at
I know which one you mean
Pupil A was told to delete this chat, you know it's just between us
Delete the group chat, it's full of spam
Year 9 gobbed off so I put him on the floor and kept him there till he cried
Put the bags on the floor by the door
Filmed one of the new Year 7s crying at rugby trials
This film made me cry
TXT
ds taxonomy test < gaps.txt
check "knowing which centre someone is at is violence" \
	grep -Eq '^1 +violence +violence: terms i know which \.\.\. you' out.txt
check "knowing which one is meant is nothing" grep -Eq '^2 +- +-$' out.txt
check "a pupil told to delete a chat is children" \
	grep -Eq '^3 +children  ' out.txt
check "deleting a spam chat is nothing" grep -Eq '^4 +- +-$' out.txt
check "a pupil held on the floor till he cried is children" \
	grep -Eq '^5 +children  ' out.txt
check "bags on the floor are nothing" grep -Eq '^6 +- +-$' out.txt
check "filming a pupil crying is abuse" grep -Eq '^7 +abuse  ' out.txt
check "a film that made one cry is nothing" grep -Eq '^8 +- +-$' out.txt
cat > idioms.txt <<'TXT'
Mine's gone quiet and I need a q for the weekend
Drove the minibus to the away game probably still over the limit from last night
Over the limit on my credit card again
Keep checking your DMs, I've got screenshots and I've got time
Last year I bumped every practical mark up a band before the moderator came
Getting the shopping sorted for the weekend
He was found to have 79 microgrammes of alcohol in 100ml of breath
TXT
ds taxonomy test < idioms.txt
check "asking for a quarter is substances" grep -Eq '^1 +substances  ' out.txt
check "driving still over the limit is substances" \
	grep -Eq '^2 +substances  ' out.txt
check "a credit card over the limit is nothing" grep -Eq '^3 +- +-$' out.txt
check "screenshots held over someone is abuse" grep -Eq '^4 +abuse  ' out.txt
check "marks bumped up before moderation is misconduct" \
	grep -Eq '^5 +misconduct  ' out.txt
check "shopping sorted for the weekend is nothing" \
	grep -Eq '^6 +- +-$' out.txt
check "alcohol in breath is criminal" grep -Eq '^7 +criminal  ' out.txt
cat > gambling.txt <<'TXT'
Down £2,400 on the month. Sold the old guitar to cover the card.
Dipped into the float at work again to chase Saturday's losses
Lifetime stakes: £148,320 · Sessions after midnight: 512
Down to the shops this month for a new coat
TXT
ds taxonomy test < gambling.txt
check "a month's losses and a card covered is gambling" \
	grep -Eq '^1 +substances  ' out.txt
check "chasing a day's losses is gambling" grep -Eq '^2 +substances  ' out.txt
check "a gambling account's stakes are gambling" \
	grep -Eq '^3 +substances  ' out.txt
check "down to the shops this month is nothing" grep -Eq '^4 +- +-$' out.txt
printf 'Ket and confetti, zero regrets\nanyone need sorting for the weekend dm me\nDM me for the recipe\nKettle is on\n' |
	ds taxonomy test
check "ket alone is a drug" grep -Eq '^1 +substances  ' out.txt
check "offering to sort people out by DM is substances" \
	grep -Eq '^2 +substances  ' out.txt
check "a recipe by DM is nothing" grep -Eq '^3 +- +-$' out.txt
check "a kettle is no ket" grep -Eq '^4 +- +-$' out.txt
cat > regulator.txt <<'TXT'
The regulator has cancelled this registration.
I cancelled my gym registration
A child aged two was found alone in the rear garden, out of sight and hearing of any adult
The dog was found alone in the park
She made belittling remarks to a trainee umpire, imitating the umpire's stammer
TXT
ds taxonomy test < regulator.txt
check "a registration cancelled by a regulator is misconduct" \
	grep -Eq '^1 +misconduct  ' out.txt
check "a gym registration cancelled is nothing" grep -Eq '^2 +- +-$' out.txt
check "a child found alone out of sight is children" \
	grep -Eq '^3 +children  ' out.txt
check "a dog found alone is nothing" grep -Eq '^4 +- +-$' out.txt
check "mocking a stammer is abuse" grep -Eq '^5 +abuse  ' out.txt
cat > juniors.txt <<'TXT'
Had to hold one lad down on the carpet by his wrists till he stopped kicking
Parents raised concerns about private messages sent to junior sailors
Hold the line down for a second
The juniors won the league
TXT
ds taxonomy test < juniors.txt
check "a lad held down is children" grep -Eq '^1 +children  ' out.txt
check "private messages to juniors are children" \
	grep -Eq '^2 +children  ' out.txt
check "a line held down is nothing" grep -Eq '^3 +- +-$' out.txt
check "juniors winning is nothing" grep -Eq '^4 +- +-$' out.txt
cat > disclose.txt <<'TXT'
Half my year 8s have a dad on a tag, what chance do they have
Her mum is on the game and everyone at the gate knows it
That girl in my form is pregnant at 14, no surprise given the family
The defendant, 34, was fitted with an electronic tag and a curfew
My wife is pregnant at last, the family are thrilled
Year 9 lad scored a worldie and that wiped the smile off his face
TXT
ds taxonomy test < disclose.txt
check "a pupil's family on a tag, told in public, is misconduct" \
	grep -Eq '^1 +(substances, )?misconduct  ' out.txt
check "a mum on the game, told in public, is misconduct" \
	grep -Eq '^2 +misconduct  ' out.txt
check "a pupil's pregnancy, told in public, is misconduct" \
	grep -Eq '^3 +misconduct  ' out.txt
check "a defendant's tag is not misconduct" grep -Eq '^4 +-' out.txt
check "pregnant at last is nothing" grep -Eq '^5 +- +-$' out.txt
check "a smile wiped off a face is nothing" grep -Eq '^6 +- +-$' out.txt
cat > pupils.txt <<'TXT'
Some of the year 10 girls are very developed for their age, just saying
A few of my students are proper grown up now, if they weren't pupils...
Filmed the year 8 scrap on my phone, absolute carnage, posting it later
Developed for her age group, this reading scheme suits year 2
Year 9 watched the fight scenes of Macbeth on video and loved it
TXT
ds taxonomy test < pupils.txt
check "pupils' bodies remarked on are children" \
	grep -Eq '^1 +children  ' out.txt
check "pupils wanted but for being pupils is children" \
	grep -Eq '^2 +children  ' out.txt
check "a pupils' fight filmed is children" grep -Eq '^3 +children  ' out.txt
check "a scheme for an age group is nothing" grep -Eq '^4 +- +-$' out.txt
check "a fight scene on video is nothing" grep -Eq '^5 +- +-$' out.txt
cat > stakes.txt <<'TXT'
Stuck the whole raffle takings on an accumulator, fingers crossed
Dipped into the charity tin to put a tenner on the horses
The school fund paid for the coach, thanks to the charity tin at the fete
Put a tenner on the tombola for the PTA
One more comment from that dad and I will swing for him
The kids love the swing for her birthday
TXT
ds taxonomy test < stakes.txt
check "a raffle's takings staked are gambling" \
	grep -Eq '^1 +substances  ' out.txt
check "a charity tin's money bet is gambling" \
	grep -Eq '^2 +substances  ' out.txt
check "a school fund and a charity tin are nothing" \
	grep -Eq '^3 +- +-$' out.txt
check "a tenner on the tombola is nothing" grep -Eq '^4 +- +-$' out.txt
check "swinging for a parent is a threat" grep -Eq '^5 +violence  ' out.txt
check "a swing for a birthday is nothing" grep -Eq '^6 +- +-$' out.txt
cat > harass.txt <<'TXT'
Posted her address in the village group so everyone knows who she is
Kept messaging her from different numbers after she blocked me
I've screenshotted everything she said and I'm sending it to her husband
He made a fake account for the dog, it has more followers than me
Name and shame the school that won our quiz, well played
TXT
ds taxonomy test < harass.txt
check "an address posted is harassment" grep -Eq '^1 +abuse  ' out.txt
check "messaging past a block is harassment" grep -Eq '^2 +abuse  ' out.txt
check "screenshots sent to a husband are harassment" \
	grep -Eq '^3 +abuse  ' out.txt
check "a dog's account is nothing" grep -Eq '^4 +- +-$' out.txt
check "naming a quiz's winner is nothing" grep -Eq '^5 +- +-$' out.txt
cat > threats2.txt <<'TXT'
Going to pay that ref a visit with a cricket bat after the game
He'll get a slap off me if he scratches my car again
Touch my bike again and see what happens to your tyres
Half a gram gone before midnight, school run tomorrow lol
Absolutely pissed as a fart on a school night, lesson plans can wait
The Zionist lobby controls the press and every politician
Pay your granny a visit with a cake
Tyres need changing before the school trip
Half a gram of saffron goes a long way in this paella
Put the drinks on the deck, we're eating outside
TXT
ds taxonomy test < threats2.txt
check "a visit with a bat is a threat" grep -Eq '^1 +violence  ' out.txt
check "a slap off me is a threat" grep -Eq '^2 +violence  ' out.txt
check "what happens to your tyres is a threat" \
	grep -Eq '^3 +violence  ' out.txt
check "half a gram is drugs" grep -Eq '^4 +substances  ' out.txt
check "drunk on a school night is alcohol" grep -Eq '^5 +substances  ' out.txt
check "a lobby said to control the press is hate" \
	grep -Eq '^6 +hate  ' out.txt
check "a visit with a cake is nothing" grep -Eq '^7 +- +-$' out.txt
check "tyres to change are nothing" grep -Eq '^8 +- +-$' out.txt
check "half a gram of saffron is nothing" grep -Eq '^9 +- +-$' out.txt
check "drinks on the deck are nothing" grep -Eq '^10 +- +-$' out.txt
cat > knives.txt <<'TXT'
Most young people who carry a knife say they do it because they are scared
Youth clubs did more to prevent stabbings than any new scheme
He was carrying a knife outside the school gates
TXT
ds taxonomy test < knives.txt
check "why young people carry knives is nothing" grep -Eq '^1 +- +-$' out.txt
check "preventing stabbings is nothing" grep -Eq '^2 +- +-$' out.txt
check "carrying a knife is violence" grep -Eq '^3 +violence  ' out.txt
cat > misc3.txt <<'TXT'
Give it a week and I'll make her life so miserable she'll quit
Some of those year 12 girls do not look 16, just saying
A tap on each hand with a ruler, the way my nan did it, and year 4 soon listened
Three glasses of wine at lunch then parents evening, wish me luck
Kept the old pupil files on a memory stick at home, just in case
Stop LGBT indoctrination in our primary schools
Those Roma families do not value education, it is cultural
My grandmother's strict teacher stories make us laugh
The memory stick with the photos of the fete is in the office
Roleplay games at the library every Saturday for the kids
These days parents do not value education enough, says the report
TXT
ds taxonomy test < misc3.txt
check "a colleague's life made miserable is abuse" \
	grep -Eq '^1 +abuse  ' out.txt
check "pupils said not to look their age are children" \
	grep -Eq '^2 +children  ' out.txt
check "a class's hands tapped with a ruler is children" \
	grep -Eq '^3 +children  ' out.txt
check "wine at lunch before parents' evening is alcohol" \
	grep -Eq '^4 +substances  ' out.txt
check "pupils' files kept on a memory stick is misconduct" \
	grep -Eq '^5 +misconduct  ' out.txt
check "LGBT indoctrination is hate" grep -Eq '^6 +hate  ' out.txt
check "a group said not to value education is hate" \
	grep -Eq '^7 +hate  ' out.txt
check "a strict teacher remembered is nothing" grep -Eq '^8 +- +-$' out.txt
check "a memory stick of the fete is nothing" grep -Eq '^9 +- +-$' out.txt
check "roleplay games are nothing" grep -Eq '^10 +- +-$' out.txt
check "parents in general and education is nothing" \
	grep -Eq '^11 +- +-$' out.txt
cat > ground.txt <<'TXT'
He shouted that he would drag the driver out and put him in the ground
We put the bulbs in the ground in October
The council will drag him out of retirement for the gala
TXT
ds taxonomy test < ground.txt
check "putting someone in the ground is a threat" \
	grep -Eq '^1 +violence  ' out.txt
check "bulbs in the ground are nothing" grep -Eq '^2 +- +-$' out.txt
check "dragged out of retirement is nothing" grep -Eq '^3 +- +-$' out.txt
cat > belong.txt <<'TXT'
He told the Muslim children they would all be happier back where they belong
The Muslim children put the hymn books back where they belong
Put the books back where they belong after reading
TXT
ds taxonomy test < belong.txt
check "a group told it is happier back where it belongs is hate" \
	grep -Eq '^1 +hate  ' out.txt
check "books put back where they belong are nothing" \
	grep -Eq '^2 +- +-$' out.txt
check "books put back alone are nothing" grep -Eq '^3 +- +-$' out.txt
cat > door.txt <<'TXT'
She placed Pupil A in a store room and held the door shut while Pupil A was distressed
The caretaker held the door shut against the wind while the kids went in
TXT
ds taxonomy test < door.txt
check "a pupil shut in a room is children" grep -Eq '^1 +children  ' out.txt
check "a door held against the wind is nothing" grep -Eq '^2 +- +-$' out.txt
cat > rent.txt <<'TXT'
Fourth month running I've put the rent on the Saturday acca
Put the rent on the card this month, payday is late
TXT
ds taxonomy test < rent.txt
check "the rent staked on an acca is gambling" \
	grep -Eq '^1 +substances  ' out.txt
check "the rent on a card is nothing" grep -Eq '^2 +- +-$' out.txt
cat > simile.txt <<'TXT'
Lake was murderous this morning, like being stabbed with a thousand tiny needles
Winter skills: how to bury a deadman anchor and how to self-arrest
A six-week course led by a mum whose son was stabbed in the town
She was arrested at the scene
TXT
ds taxonomy test < simile.txt
check "cold water like being stabbed is nothing" grep -Eq '^1 +- +-$' out.txt
check "a climber's self-arrest is nothing" grep -Eq '^2 +- +-$' out.txt
check "a mum whose son was stabbed is nothing" grep -Eq '^3 +- +-$' out.txt
check "an arrest is criminal" grep -Eq '^4 +criminal  ' out.txt
cat > straw.txt <<'TXT'
If I see that ref in the pub he'll be drinking his tea through a straw for a month
Put the lot of them back in the dinghies they came in and sink the dinghies
Smoothies through a straw for the little ones
TXT
ds taxonomy test < straw.txt
check "tea through a straw is a threat" grep -Eq '^1 +violence  ' out.txt
check "sinking the dinghies is a threat" grep -Eq '^2 +violence' out.txt
check "smoothies through a straw are nothing" grep -Eq '^3 +- +-$' out.txt
cat > fam8.txt <<'TXT'
If he touches my kids again ah'll bray him that hard he'll not get up
The donkeys bray at dawn on the farm
Word of the week: BRAY, to hit hard. "Ah'll bray thi!" is what your grandad said when he was cross
bit of sniff in the toilets and we were flying till 4am
Got a bit of a sniff, staying home today
Funny how it's always the same tribe running the banks AND the media
Graduates running the banks' IT systems are paid well
Big lad in my class kicked off. Had him pinned on the beanbag till he calmed down. Didn't bother logging it
Had him pinned at the back of the scrum all game
Honestly half this catchment shouldn't be allowed to breed
Half this catchment walk to school, brilliant
Training day for the autistic ones. Snowflake nonsense
Training day on quiet rooms for autistic pupils: brilliant
One of my students told me today she's pregnant. Social services won't even ring me back
My sister told me she's pregnant! Auntie again
ex's new bird does nails. everyone go and leave her a one star review
Please go and leave her a five star review, she deserves it
TXT
ds taxonomy test < fam8.txt
check "dialect 'bray' is a threat" grep -Eq '^1 +violence' out.txt
check "donkeys that bray are nothing" grep -Eq '^2 +- +-$' out.txt
check "a dialect word taught is nothing" grep -Eq '^3 +- +-$' out.txt
check "a bit of sniff is cocaine" grep -Eq '^4 +substances' out.txt
check "a bit of a sniff is a cold" grep -Eq '^5 +- +-$' out.txt
check "the same tribe running the banks and the media is a trope" grep -Eq '^6 +hate' out.txt
check "graduates running the banks are nothing" grep -Eq '^7 +- +-$' out.txt
check "a pupil pinned down and not logged is conduct with children" grep -Eq '^8 +children' out.txt
check "pinned in a scrum is nothing" grep -Eq '^9 +- +-$' out.txt
check "a catchment that should not breed is misconduct" grep -Eq '^10 +misconduct' out.txt
check "a catchment that walks is nothing" grep -Eq '^11 +- +-$' out.txt
check "the autistic ones and snowflake nonsense is misconduct" grep -Eq '^12 +misconduct' out.txt
check "training on autistic pupils is nothing" grep -Eq '^13 +- +-$' out.txt
check "a pupil's disclosure posted is misconduct" grep -Eq '^14 +misconduct' out.txt
check "a sister's news is nothing" grep -Eq '^15 +- +-$' out.txt
check "a one-star pile-on is abuse" grep -Eq '^16 +abuse' out.txt
check "a five-star review is nothing" grep -Eq '^17 +- +-$' out.txt
cat > fam8b.txt <<'TXT'
Took 3 of the Y11 lads from school up the crag after last lesson, head doesn't need to know
Y11 lads smashed the fell race, head says well done
I don't tell school about these weekends with two of my lads and I'd rather the head didn't find out
A few of my Year 10 girls asked to swim with me. It's not a school thing so no risk assessments
A few of my Year 10 girls swam the tarn on the school trip, risk assessments all signed off
Bothy night with the Y10 lads, couple of tinnies each, what happens on the fell stays on the fell
Bothy night with the Y10 lads, couple of flasks of tea each, back by nine
Evening duty with my girl E (Y9), we message every night til she falls asleep
Y9 parents: reminders go out by message every Friday
TXT
ds taxonomy test < fam8b.txt
check "a crag climb the head need not know of is conduct with children" grep -Eq '^1 +children' out.txt
check "a fell race the head praises is nothing" grep -Eq '^2 +- +-$' out.txt
check "weekends hidden from school are conduct with children" grep -Eq '^3 +children' out.txt
check "a swim that is not a school thing, with no risk assessments, is conduct with children" grep -Eq '^4 +children' out.txt
check "a school trip with its risk assessments is nothing" grep -Eq '^5 +- +-$' out.txt
check "tinnies each with Y10 is conduct with children" grep -Eq '^6 +children' out.txt
check "flasks of tea each are nothing" grep -Eq '^7 +- +-$' out.txt
check "messaging a Y9 every night is conduct with children" grep -Eq '^8 +children' out.txt
check "a weekly message to Y9 parents is nothing" grep -Eq '^9 +- +-$' out.txt
cat > fam8c.txt <<'TXT'
Once you let one lot in they breed like rabbits and then it's the whole village.
Our two rabbits had eleven babies, they really do multiply fast
The committee found that he bought cider and a bottle of vodka for junior members aged 14 and 15 and told them to keep it hidden.
He bought cider for the harvest supper and the juniors made the bunting.
She altered the date on her written record of the disclosure.
The date on the record was 11 March.
We put them through a beasting in the beck till one of them threw up. Your lad needs toughening up if I'm honest.
Pre-season in the beck till one of them threw up, proper old school, the first team loved it
PE teacher Jo Smith bought rounds of drinks for the pupils on the last night of the tour.
Jo bought rounds of drinks for the staff after the pupils went to bed.
TXT
ds taxonomy test < fam8c.txt
check "breeding like rabbits is hate" grep -Eq '^1 +hate' out.txt
check "rabbits multiplying are nothing" grep -Eq '^2 +- +-$' out.txt
check "cider for junior members is conduct with children" grep -Eq '^3 +children' out.txt
check "cider for a harvest supper is nothing" grep -Eq '^4 +- +-$' out.txt
check "a record's date altered is misconduct" grep -Eq '^5 +misconduct' out.txt
check "a record's date is nothing" grep -Eq '^6 +- +-$' out.txt
check "a beasting till one threw up is conduct with children" grep -Eq '^7 +children' out.txt
check "an adult pre-season till one threw up is nothing" grep -Eq '^8 +- +-$' out.txt
check "rounds of drinks for the pupils are conduct with children" grep -Eq '^9 +children' out.txt
check "rounds for the staff are nothing" grep -Eq '^10 +- +-$' out.txt
cat > fam8d.txt <<'TXT'
ex keeps going on about respect. put her pics from when we were together in the lads' chat.
Found some photos of us from Paris, miss those days
Found his profile. His missus works in the Co-op on Market St. Might pop in for a word
His missus works in the Co-op, lovely woman
Training day for the autistic ones. Honestly, just let them scream it out in the corridor, they'll learn.
On a bad day we let them scream it out in the sensory room, it helps
TXT
ds taxonomy test < fam8d.txt
check "an ex's pictures shared are sexual content" grep -Eq '^1 +sexual' out.txt
check "old holiday photos are nothing" grep -Eq '^2 +- +-$' out.txt
check "a referee's wife's work found is abuse" grep -Eq '^3 +abuse' out.txt
check "a wife's work praised is nothing" grep -Eq '^4 +- +-$' out.txt
check "autistic pupils left to scream is misconduct" grep -Eq '^5 +misconduct' out.txt
check "a sensory room is nothing" grep -Eq '^6 +- +-$' out.txt
cat > fam8e.txt <<'TXT'
Jo Bloggs, 32, of Mill Lane, Stainhurst, admitted fraud by abuse of position.
The club admitted fraud was a risk to its funds.
She admitted stealing pupils' dinner money.
He admitted stealing the show at the panto.
TXT
ds taxonomy test < fam8e.txt
check "fraud by abuse of position is criminal" grep -Eq '^1 +criminal' out.txt
check "a risk of fraud admitted is nothing" grep -Eq '^2 +- +-$' out.txt
check "stealing admitted is criminal" grep -Eq '^3 +criminal' out.txt
check "stealing the show is nothing" grep -Eq '^4 +- +-$' out.txt
cat > fam8f.txt <<'TXT'
Funny how every war and every crash, the same few banking families come out richer. Rothschilds then, Rothschilds now.
We visited Waddesdon Manor, the Rothschild house, and the gardens were lovely.
Every war, every bank crash: follow the money and it's always the same few families. Rothschild, Soros, but we're not allowed to notice.
Kid at club (8) told me his dad takes the belt to him. Told him to keep it between me and him for now.
Told my sister the surprise party plans, keep it between me and her for now please
Year 5 trip to the coast, Pimm's in my flask, 34 kids
Picnic in the park, tea in my flask, lovely day
Fourth scratchcard run of the day. Club petty cash tin will cover me till payday
Bought a scratchcard for Mum's birthday card
I'll fill in the assessment grids tonight from memory. Nobody checks, nobody ever checks
I'll fill in the quiz answers from memory, nobody checks the pub quiz sheets anyway
TXT
ds taxonomy test < fam8f.txt
check "banking families behind every war is a trope" grep -Eq '^1 +hate' out.txt
check "a visit to the Rothschild house is nothing" grep -Eq '^2 +- +-$' out.txt
check "follow the money to the same few families is a trope" grep -Eq '^3 +hate' out.txt
check "a child's disclosure kept secret is conduct with children" grep -Eq '^4 +children' out.txt
check "a surprise party kept secret is nothing" grep -Eq '^5 +- +-$' out.txt
check "Pimm's in the flask on a trip is alcohol" grep -Eq '^6 +substances' out.txt
check "tea in a flask is nothing" grep -Eq '^7 +- +-$' out.txt
check "scratchcards on the club's petty cash are gambling" grep -Eq '^8 +substances' out.txt
check "a birthday scratchcard is nothing" grep -Eq '^9 +- +-$' out.txt
check "assessment records filled in from memory are misconduct" grep -Eq '^10 +misconduct' out.txt
check "quiz answers from memory are nothing" grep -Eq '^11 +- +-$' out.txt
cat > fam8g.txt <<'TXT'
the polish mums at nursery cant even say thank you in english. theyre all Kacper to me, go home honestly
Polish mums' group meets at the library on Tuesdays, all welcome
9 babies who won't sleep so we just tuck the blanket over their heads till they give up
Tucked a blanket over her knees by the fire
weekend was a blur 💊 pink stuff and no sleep since friday. still buzzing for monday's 7am open
The Pink Stuff got the oven spotless
In my private lessons: a sharp tap on the knuckles with the bow when the fingers wander. The children know where they stand.
The regulator gave the bank a rap on the knuckles over fees
If he comes across once more he'll find out what Dad's shotgun is for
Clay shoot on Saturday, Dad's shotgun is for sale if anyone wants it
Controversial maybe, but we've seen off two ECTs at my place this year
We've seen off two storms this winter at the school
Left a little present scratched into the bonnet, HOMEWRECKER in capitals
The initials scratched into the old desk lid are from 1952
TXT
ds taxonomy test < fam8g.txt
check "Polish mums told to go home is hate" grep -Eq '^1 +hate' out.txt
check "a Polish mums' group is nothing" grep -Eq '^2 +- +-$' out.txt
check "blankets over babies' heads are conduct with children" grep -Eq '^3 +children' out.txt
check "a blanket over her knees is nothing" grep -Eq '^4 +- +-$' out.txt
check "pink stuff and pills are drugs" grep -Eq '^5 +substances' out.txt
check "The Pink Stuff cleaner is nothing" grep -Eq '^6 +- +-$' out.txt
check "a tap on a child's knuckles is conduct with children" grep -Eq '^7 +children' out.txt
check "a bank's rap on the knuckles is nothing" grep -Eq '^8 +- +-$' out.txt
check "what Dad's shotgun is for is a threat" grep -Eq '^9 +violence' out.txt
check "a shotgun for sale is nothing" grep -Eq '^10 +- +-$' out.txt
check "two ECTs seen off is bullying" grep -Eq '^11 +abuse' out.txt
check "two storms seen off are nothing" grep -Eq '^12 +- +-$' out.txt
check "a word scratched into a bonnet is harassment" grep -Eq '^13 +abuse' out.txt
check "initials scratched into a desk are nothing" grep -Eq '^14 +- +-$' out.txt
cat > fam8h.txt <<'TXT'
Into role play, the naughtier the schoolgirl the better. I've got the uniform ready
Donated my old school uniform to the PTA swap shop
The whole U11 squad is invited to a sleepover at Ted's house, a 15-rated horror film, no parents needed!
Sleepover at Nana's house for my two this weekend
Filmed the lads' dorm at 2am then air-horned them awake. Year 6 2025 you were legends
Filmed the school play for the parents, Year 6 you were legends
my mate did six of my assignments for £20 a pop, best money I ever spent
my mate helped me revise for six of my exams
TXT
ds taxonomy test < fam8h.txt
check "schoolgirl role play is sexual content" grep -Eq '^1 +sexual' out.txt
check "an old school uniform donated is nothing" grep -Eq '^2 +- +-$' out.txt
check "a squad's sleepover with no parents is conduct with children" grep -Eq '^3 +children' out.txt
check "a sleepover at Nana's is nothing" grep -Eq '^4 +- +-$' out.txt
check "filming the children's dorm at night is conduct with children" grep -Eq '^5 +children' out.txt
check "filming the school play is nothing" grep -Eq '^6 +- +-$' out.txt
check "assignments bought for a qualification are misconduct" grep -Eq '^7 +misconduct' out.txt
check "help to revise is nothing" grep -Eq '^8 +- +-$' out.txt
cat > fam8i.txt <<'TXT'
The criers get one warning, then a flick of the schooling whip on the back of the legs. Never leaves a mark and they stop snivelling pretty quick.
A flick of the whip on the pony's shoulder if he naps at the gate
She lives on Fernbank Drive in Aireford, number 14, if anyone wants to tell her what they think of her
She lives on Fernbank Drive now, if anyone wants to send a card
TXT
ds taxonomy test < fam8i.txt
check "a whip on children's legs is conduct with children" grep -Eq '^1 +children' out.txt
check "a whip on a pony's shoulder is nothing" grep -Eq '^2 +- +-$' out.txt
check "a former manager's address given out is abuse" grep -Eq '^3 +abuse' out.txt
check "an address for cards is nothing" grep -Eq '^4 +- +-$' out.txt
cat > fam8j.txt <<'TXT'
If I find out who grassed, you're going through the window of Greggs
You're going through the window of opportunity before it closes
TXT
ds taxonomy test < fam8j.txt
check "going through the window of a shop is a threat" grep -Eq '^1 +violence' out.txt
check "a window of opportunity is nothing" grep -Eq '^2 +- +-$' out.txt
cat > fam9a.txt <<'TXT'
Burn it down before the first coach turns up
We burnt the toast down to a crisp
Got a load of diazepam left over from my back op, 20 for a tenner, DM me
I've been on diazepam since my back op, it helps me sleep
Mock results are up on the wall of shame, bottom five in red. Public humiliation works
The museum's wall of fame is up in the hall
Into younger girls 17+ is fine by me, legal is legal
Into younger sci-fi these days, the old stuff drags
No just means try harder lads
Just try harder next time lads
The panel found that she breached the code. Sanction: suspension from all coaching
TXT
ds taxonomy test < fam9a.txt
check "burning a place down is violence" grep -Eq '^1 +violence' out.txt
check "burnt toast is nothing" grep -Eq '^2 +- +-$' out.txt
check "prescription pills sold are substances" grep -Eq '^3 +substances' out.txt
check "prescription pills taken are nothing" grep -Eq '^4 +- +-$' out.txt
check "pupils shamed on a wall is misconduct" grep -Eq '^5 +misconduct' out.txt
check "a wall of fame is nothing" grep -Eq '^6 +- +-$' out.txt
check "a taste for girls under 18 is children" grep -Eq '^7 +children' out.txt
check "younger books are nothing" grep -Eq '^8 +- +-$' out.txt
check "no as try harder is hate" grep -Eq '^9 +hate' out.txt
check "trying harder is nothing" grep -Eq '^10 +- +-$' out.txt
check "a code breached and a sanction is misconduct" \
	grep -Eq '^11 +misconduct' out.txt
printf 'I grab them by the blazer and walk them to the door\nI grab the pan by the handle and walk it to the table\n' |
	ds taxonomy test
check "a pupil grabbed by the blazer is violence" grep -Eq '^1 +violence' out.txt
check "a pan grabbed by the handle is nothing" grep -Eq '^2 +- +-$' out.txt
cat > fam9b.txt <<'TXT'
When short staffed on nights we lock the lads' bedroom doors from the outside
Locked myself out again, had to get the lads to climb in the window
Three of the 15 year olds came to the festival, their mums think they were at a sleepover
Three of the 15 year olds came to the festival, their mums drove them
Ref today was a joke. If I see him in the car park he's getting sparked
The bonfire was sparked by a firework, the kids loved it
TXT
ds taxonomy test < fam9b.txt
check "children locked in their rooms is children" grep -Eq '^1 +children' out.txt
check "locked out is nothing" grep -Eq '^2 +- +-$' out.txt
check "children taken behind their parents' backs is children" \
	grep -Eq '^3 +children' out.txt
check "children driven by their mums is nothing" grep -Eq '^4 +- +-$' out.txt
check "getting sparked is violence" grep -Eq '^5 +violence' out.txt
check "a bonfire sparked is nothing" grep -Eq '^6 +- +-$' out.txt
# beside words: a boundary crossed, counted only beside a child (or, for
# misconduct, their class or the head); each beside its innocent neighbour.
cat > fam10.txt <<'TXT'
Gave the Year 10 girl a lift home in my car after netball, nobody knows
Gave the Year 10 netball team a lift to the match in the school minibus
Had the lad from 9C by the collar against the lockers
Had my coat on the collar hook and the car at the lockers
Year 6 fancy dress day, the kids looked amazing
Told the Year 9 girl to keep it between us
We kept it between us and told nobody
Still hungover, taught my class with sunglasses on
Weeded the school garden with the eco club at school
Smoked weed before school again
Whoever the lad is who keyed my car on Quarry Row, you know who you are
TXT
ds taxonomy test < fam10.txt
check "a pupil driven home in my car is children" \
	grep -Eq '^1 +children +children: terms .*my car.*year 10' out.txt
check "a team's minibus is nothing" grep -Eq '^2 +- +-$' out.txt
check "a pupil held by the collar is children" grep -Eq '^3 +children' out.txt
check "a collar hook is nothing" grep -Eq '^4 +- +-$' out.txt
check "fancy dress is nothing" grep -Eq '^5 +- +-$' out.txt
check "a secret kept with a pupil is children" grep -Eq '^6 +children' out.txt
check "a secret with no child is nothing" grep -Eq '^7 +- +-$' out.txt
check "teaching their class hungover is misconduct" \
	grep -Eq '^8 +misconduct' out.txt
check "weeding the school garden is nothing" grep -Eq '^9 +- +-$' out.txt
check "weed before school is drugs" grep -Eq '^10 +substances' out.txt
check "a lad who keyed my car is no child in my car" \
	grep -Eq '^11 +- +-$' out.txt
# British words for a fight and for harassment, each beside its innocent
# neighbour.
cat > fam10b.txt <<'TXT'
Threw a punch at the ref when he gave the penalty
Threw a ball at the ref's whistle to start the game
Took the old boiler to the scrap yard
Got into a scrap with two lads outside the chippy
Knocked him out of the quiz in round one
Knocked him out cold outside the Red Lion
Sports day ended with a black eye from a rounders ball
I strangle every houseplant I own
Found out where she lives and posted her address in the group
Set up a fake account to follow her and spread rumours about her
We turned up at her house with a cake for her birthday
The pile on the desk is getting taller
TXT
ds taxonomy test < fam10b.txt
check "a punch thrown at the ref is violence" grep -Eq '^1 +violence' out.txt
check "a ball thrown is nothing" grep -Eq '^2 +- +-$' out.txt
check "a scrap yard is nothing" grep -Eq '^3 +- +-$' out.txt
check "a scrap with two lads is violence" grep -Eq '^4 +violence' out.txt
check "knocked out of a quiz is nothing" grep -Eq '^5 +- +-$' out.txt
check "knocked out cold is violence" grep -Eq '^6 +violence' out.txt
check "a black eye from a ball is nothing" grep -Eq '^7 +- +-$' out.txt
check "strangling houseplants is nothing" grep -Eq '^8 +- +-$' out.txt
check "posting someone's address is abuse" grep -Eq '^9 +abuse' out.txt
check "a fake account and rumours are abuse" grep -Eq '^10 +abuse' out.txt
check "a birthday visit is nothing" grep -Eq '^11 +- +-$' out.txt
check "a pile of papers is nothing" grep -Eq '^12 +- +-$' out.txt
# An insult to a child's face is conduct with children and abuse; said
# about them to others it is also misconduct.
cat > face.txt <<'TXT'
Other mums say he grabbed my son by the arm and shouted "you little sh*t, sit down"
Two mums said the TA screamed at him in class and called him a "little sh!t"
My year 9s are little shits and their parents are no better
TXT
ds taxonomy test < face.txt
check "an insult shouted at a child is children and abuse" \
	grep -Eq '^1 +children, abuse +' out.txt
check "an insult called to a child's face is children and abuse" \
	grep -Eq '^2 +children, abuse +' out.txt
check "pupils called little shits to others is misconduct" \
	grep -Eq '^3 +[a-z, ]*misconduct +' out.txt
# Idioms beside a class: criticism torn to shreds, odds worked out in
# a maths lesson; each beside the conduct it is not.
cat > idiom.txt <<'TXT'
Year 8 ripped my board handwriting to shreds today. Deserved.
Shredded the Year 9 safeguarding notes before the inspection
Y10 worked out the odds on a two-dice race. Nobody placed a bet.
Put a tenner on the horses with my Year 10s at the bookies
TXT
ds taxonomy test < idiom.txt
check "handwriting torn to shreds by a class is nothing" \
	grep -Eq '^1 +- +-$' out.txt
check "safeguarding notes shredded is misconduct" \
	grep -Eq '^2 +misconduct' out.txt
check "odds worked out in a lesson are nothing" grep -Eq '^3 +- +-$' out.txt
check "a bet at the bookies with Year 10 is gambling" \
	grep -Eq '^4 +[a-z, ]*substances' out.txt
# Threats, hate, gambling and drink at work in ordinary British words,
# each beside an innocent neighbour.
cat > fam11.txt <<'TXT'
Next time it will not be a note, he'll be needing new kneecaps
My nan is having both knees replaced next month
She wants to be careful walking back to her car after the next match
Be careful walking back to your car, the car park lights are out
Lock up your lawnmowers and count your kids, the travelling community are in town
Lock up your bikes at the station, the racks are by the entrance
They're putting a mosque on the old Co-op site. Not in my town.
They're putting a Lidl on the old Co-op site. Not in my town, surely?
That ref is one of the rainbow brigade. People like that shouldn't be let near a club.
Forty quid on the acca. Rent can wait
Survival kit: vodka in the water bottle, two periods to go
Lad in my Y10 set says his dad's back inside again. Explains a lot about that family.
He sent Pupil A more than 200 messages over the summer
He sent the parents more than 200 messages about the trip
He hurled a full pint glass at the head table
He threw a glass of water at the fire to put it out
She begged me not to tell anyone so I haven't yet
He admitted possession of Class A and Class B drugs at the festival
The class B test results are in, well done Year 10
She was almost three times the legal limit when the car left the road
He hauled him out of his seat by the scruff of his jumper in Year 4
Year 4 got out of their seats to dance at the disco
She'll be picking her teeth up off the pavement if she parks there again
I made sure every parent on the Year 9 WhatsApp knows she is a liar
Added three of my Year 9s on WhatsApp so they can message me late at night
TXT
ds taxonomy test < fam11.txt
check "new kneecaps threatened is violence" grep -Eq '^1 +violence' out.txt
check "knees replaced is nothing" grep -Eq '^2 +- +-$' out.txt
check "careful walking back, said of her, is violence" \
	grep -Eq '^3 +violence' out.txt
check "careful walking back, as advice, is nothing" grep -Eq '^4 +- +-$' out.txt
check "Travellers said to steal is hate" grep -Eq '^5 +hate' out.txt
check "bikes locked up is nothing" grep -Eq '^6 +- +-$' out.txt
check "a mosque not in my town is hate" grep -Eq '^7 +hate' out.txt
check "a supermarket not in my town is nothing" grep -Eq '^8 +- +-$' out.txt
check "the rainbow brigade kept away is hate" grep -Eq '^9 +hate' out.txt
check "an acca over the rent is gambling" grep -Eq '^10 +substances' out.txt
check "vodka in a water bottle at school is drink" \
	grep -Eq '^11 +substances' out.txt
check "a pupil's father in prison told is misconduct" \
	grep -Eq '^12 +misconduct' out.txt
check "hundreds of messages to a pupil is children" \
	grep -Eq '^13 +children' out.txt
check "hundreds of messages to parents is nothing" \
	grep -Eq '^14 +- +-$' out.txt
check "a pint glass hurled at people is violence" \
	grep -Eq '^15 +violence' out.txt
check "water thrown at a fire is nothing" grep -Eq '^16 +- +-$' out.txt
check "a child's disclosure kept secret is misconduct" \
	grep -Eq '^17 +misconduct' out.txt
check "class A and B drugs possessed are drugs" \
	grep -Eq '^18 +substances' out.txt
check "a class's B test results are nothing" grep -Eq '^19 +- +-$' out.txt
check "three times the legal limit is drink" \
	grep -Eq '^20 +substances' out.txt
check "a child hauled out of his seat by the scruff is children" \
	grep -Eq '^21 +children' out.txt
check "children out of their seats to dance is nothing" \
	grep -Eq '^22 +- +-$' out.txt
check "teeth picked up off the pavement is violence" \
	grep -Eq '^23 +violence' out.txt
check "the parents' class WhatsApp is no child's" \
	grep -Eq '^24 +- +-$' out.txt
check "pupils added on WhatsApp late at night is children" \
	grep -Eq '^25 +children' out.txt
# Dishonesty at work, drink smelt on staff, threats and boundaries in
# ordinary British words, each beside an innocent neighbour.
cat > fam12.txt <<'TXT'
Turned up to parents' evening reeking of booze again
The hall was reeking of fresh paint after the holidays
He threatened to batter the lad's dad in the car park
He threatened to resign if the car park was not fixed
Is the window open? I'll shut it for you
Shut your mouth or I'll shut it for you
The library's new till takes contactless payments
She was let go after her hand in the till was spotted on camera
He has been fiddling his travel expenses for years
We are fiddling with the expenses spreadsheet until it balances
She has kept a good relationship with a former pupil who now teaches here
He started a relationship with a former pupil weeks after she left
Hang your coats on the pegs and the bags in the cupboard, Year 3
She kept the Year 3 boy in a cupboard for the whole of golden time
He invited three of the Year 11 girls back to his flat after prom
Year 11 walked back to the coach after prom
Wiped the smile off his face when the final whistle went
Completely off his face by nine o'clock at the christening
Deputy head suspended pending an investigation by the trust
Pupils learnt about suspension bridges in Year 5 science
She bought vodka for the 15-year-olds at the bus station
She bought vodka for the staff party
TXT
ds taxonomy test < fam12.txt
check "reeking of booze at parents' evening is drink" \
	grep -Eq '^1 +substances' out.txt
check "a hall reeking of paint is nothing" \
	grep -Eq '^2 +- +-$' out.txt
check "threatened to batter a dad is violence" \
	grep -Eq '^3 +violence' out.txt
check "threatened to resign is nothing" \
	grep -Eq '^4 +- +-$' out.txt
check "a window shut for you is nothing" \
	grep -Eq '^5 +- +-$' out.txt
check "'or I'll shut it for you' is violence" \
	grep -Eq '^6 +violence' out.txt
check "a library's new till is nothing" \
	grep -Eq '^7 +- +-$' out.txt
check "a hand in the till is misconduct" \
	grep -Eq '^8 +misconduct' out.txt
check "fiddling his expenses is misconduct" \
	grep -Eq '^9 +misconduct' out.txt
check "fiddling with an expenses spreadsheet is nothing" \
	grep -Eq '^10 +- +-$' out.txt
check "a good relationship with a former pupil is nothing" \
	grep -Eq '^11 +- +-$' out.txt
check "a relationship with a former pupil is children" \
	grep -Eq '^12 +children' out.txt
check "bags in the cupboard is nothing" \
	grep -Eq '^13 +- +-$' out.txt
check "a child kept in a cupboard is children" \
	grep -Eq '^14 +children' out.txt
check "Year 11 girls invited back to his flat is children" \
	grep -Eq '^15 +children' out.txt
check "Year 11 walked back to the coach is nothing" \
	grep -Eq '^16 +- +-$' out.txt
check "the smile off his face is nothing" \
	grep -Eq '^17 +- +-$' out.txt
check "off his face at a christening is drink" \
	grep -Eq '^18 +substances' out.txt
check "suspended pending an investigation is misconduct" \
	grep -Eq '^19 +misconduct' out.txt
check "suspension bridges are nothing" \
	grep -Eq '^20 +- +-$' out.txt
check "vodka bought for 15-year-olds is children" \
	grep -Eq '^21 +children' out.txt
check "vodka bought for the staff party is nothing" \
	grep -Eq '^22 +- +-$' out.txt
# A shove, a threat, a doxxing, the small-boats and banking tropes,
# a dating profile's come-on, each beside an innocent neighbour.
cat > fam13.txt <<'TXT'
He pushed the linesman to the ground after the final whistle
He pushed the buggy to the top of the hill
Two faced cow, everyone knows what she did
Two faced clock on the town hall is being repaired
That lot at the hotel want burning out
That old shed wants knocking down
Pack em back in the dinghies and point them at France
The sailing club keeps its dinghies on the reservoir
Walk down the market and you won't hear a word of English
Year 9 could not say a word of French by Easter
We know which pub yow drink in, there'll be a few of us waiting
We know which pub does the best Sunday roast
Lad in 9C kicked off again, mom's a smackhead and dad's doing six years
Lad in 9C scored twice, his dad was cheering all match
Look up who owns the central banks and tell me I'm wrong
Look up who won the county cup in 1992
Here for NSA fun, send pics first
The NSA leaks were covered in Year 12 politics
She lives on Brook Road, drives a red Fiesta. Make sure everyone knows her face, share share share
Everyone knows her face at the Saturday market
Next time I'll be waiting with the steering lock
The car was fitted with a steering lock
Faggots, chips and mushy peas for tea
Invited a few of the boys back to his flat after training, no parents needed
A few of the boys from work came back to the flat after the match
One of my students brings me a date at 6pm in Ramadan
He was dating a Year 12 student
Any of my hub lot on here add me 🤫 dm for snap
Just don't tell the hub lot but the trip is booked
This LGBT stuff is grooming, plain and simple
The dog groomers on the high street are booked up
TXT
ds taxonomy test < fam13.txt
check "a date brought by a student is nothing" grep -Eq '^26 +- +-$' out.txt
check "dating a Year 12 student is children" grep -Eq '^27 +children' out.txt
check "a youth worker's 'add me' to his hub lot is children" \
	grep -Eq '^28 +children' out.txt
check "the hub lot told of a trip is nothing" grep -Eq '^29 +- +-$' out.txt
check "'LGBT stuff is grooming' is hate" grep -Eq '^30 +hate' out.txt
check "dog groomers are nothing" grep -Eq '^31 +- +-$' out.txt
check "a linesman pushed to the ground is violence" \
	grep -Eq '^1 +violence' out.txt
check "a buggy pushed up a hill is nothing" \
	grep -Eq '^2 +- +-$' out.txt
check "'two faced cow' is abuse" \
	grep -Eq '^3 +abuse' out.txt
check "a two-faced clock is nothing" \
	grep -Eq '^4 +- +-$' out.txt
check "people who 'want burning out' is violence" \
	grep -Eq '^5 +violence' out.txt
check "a shed that wants knocking down is nothing" \
	grep -Eq '^6 +- +-$' out.txt
check "back in the dinghies is hate" \
	grep -Eq '^7 +hate' out.txt
check "a sailing club's dinghies are nothing" \
	grep -Eq '^8 +- +-$' out.txt
check "'won't hear a word of English' is hate" \
	grep -Eq '^9 +hate' out.txt
check "no word of French by Easter is nothing" \
	grep -Eq '^10 +- +-$' out.txt
check "'we know which pub yow drink in' is violence" \
	grep -Eq '^11 +violence' out.txt
check "which pub does the best roast is nothing" \
	grep -Eq '^12 +- +-$' out.txt
check "a pupil's parents' drugs and prison told is misconduct" \
	grep -Eq '^13 +misconduct' out.txt
check "a pupil's dad cheering is nothing" \
	grep -Eq '^14 +- +-$' out.txt
check "'who owns the central banks' is hate" \
	grep -Eq '^15 +hate' out.txt
check "who won the county cup is nothing" \
	grep -Eq '^16 +- +-$' out.txt
check "'NSA fun, send pics first' is sexual" \
	grep -Eq '^17 +sexual' out.txt
check "the NSA leaks in a politics lesson are nothing" \
	grep -Eq '^18 +- +-$' out.txt
check "her street, her car and 'everyone knows her face' is abuse" \
	grep -Eq '^19 +abuse' out.txt
check "a face known at the market is nothing" \
	grep -Eq '^20 +- +-$' out.txt
check "waiting with the steering lock is violence" \
	grep -Eq '^21 +violence' out.txt
check "a car's steering lock is nothing" \
	grep -Eq '^22 +- +-$' out.txt
check "faggots, chips and mushy peas are nothing" \
	grep -Eq '^23 +- +-$' out.txt
check "boys invited back to his flat with no parents is children" \
	grep -Eq '^24 +children' out.txt
check "workmates back to the flat after a match is nothing" \
	grep -Eq '^25 +- +-$' out.txt
# First-person posts: drink at work, a wage gambled, a car to key, an
# agenda, a pupil leered at, a sickie, an exam's answers; each beside
# an innocent neighbour.
cat > fam14.txt <<'TXT'
Taught period 1 on two hours sleep and half a bottle of voddy
Taught period 1 on two hours sleep, the baby was up all night
Put my whole wage on the Villa to win, we go again
Put my whole heart into the nativity this year
Someone key that prick's car for me
Someone find the key for that car, it's blocking the gate
The gays are ruining everything with their agenda
The council are ruining everything with their agenda
Year 13 leavers photo, if I were 20 years younger
Year 13 leavers photo, where did the years go
Followed a few of my sixth formers back on insta, they're a laugh
Followed the Year 6 trail back to the car park
Fittest mum at the school gate today, would
Spent the night in the cells after the leaving do
Took a sickie to go to Ibiza, nobody will know
Took a sick day with flu, back on Monday
Found the answers to the SATs paper in the office, my lot will smash it
Went through the answers to the SATs practice paper with Year 6
TXT
ds taxonomy test < fam14.txt
check "period 1 on half a bottle of voddy is drink" \
	grep -Eq '^1 +substances' out.txt
check "period 1 after a night up with the baby is nothing" \
	grep -Eq '^2 +- +-$' out.txt
check "a whole wage on a match is gambling" \
	grep -Eq '^3 +substances' out.txt
check "a whole heart put into the nativity is nothing" \
	grep -Eq '^4 +- +-$' out.txt
check "a car to be keyed is violence" \
	grep -Eq '^5 +violence' out.txt
check "a car's key is nothing" \
	grep -Eq '^6 +- +-$' out.txt
check "'the gays ... with their agenda' is hate" \
	grep -Eq '^7 +hate' out.txt
check "the council's agenda is nothing" \
	grep -Eq '^8 +- +-$' out.txt
check "'if I were 20 years younger' of Year 13 is children" \
	grep -Eq '^9 +children' out.txt
check "a Year 13 photo and the years gone is nothing" \
	grep -Eq '^10 +- +-$' out.txt
check "sixth formers followed back on insta is children" \
	grep -Eq '^11 +children' out.txt
check "a Year 6 trail followed back is nothing" \
	grep -Eq '^12 +- +-$' out.txt
check "the fittest mum at the gate is sexual" \
	grep -Eq '^13 +sexual' out.txt
check "a night in the cells is criminal" \
	grep -Eq '^14 +criminal' out.txt
check "a sickie for Ibiza is misconduct" \
	grep -Eq '^15 +misconduct' out.txt
check "a sick day with flu is nothing" \
	grep -Eq '^16 +- +-$' out.txt
check "the SATs answers found in the office is misconduct" \
	grep -Eq '^17 +misconduct' out.txt
check "going through practice answers with Year 6 is nothing" \
	grep -Eq '^18 +- +-$' out.txt
# Harassment, stalking, threats to share, humiliating a child, a drink
# or a vape shared with pupils, a come-on; each beside an innocent
# neighbour.
cat > fam15.txt <<'TXT'
Keep messaging her till she answers, she can't ignore me forever
Keep messaging the group till everyone has answered the rota
Drove past her house again last night, lights were on
Drove past her house on the way to the match
Wait till they see the videos I've got of her
Wait till they see the photos from sports day
Hope your kids get taken off you, you don't deserve them
Hope your kids get taken to the panto this year
Nobody in that office can stand you, everyone laughs at you
Do everyone a favour and leave the car park by the back gate
Made him stand in the corridor for the whole lesson, Year 7 need to learn
Year 7 will stand in the corridor for the fire drill
Let the Year 10s have a sip of my prosecco on the trip
Year 10 had a sip of water and carried on running
Caught a Year 9 vaping and let him off if he gave me one
Wearing nothing but a smile 😉 link in bio
Wearing nothing but wellies in the mud at Glastonbury
Screenshots saved, she's about to have a very bad week
Screenshots saved for the insurance claim
TXT
ds taxonomy test < fam15.txt
check "messaging her till she answers is abuse" \
	grep -Eq '^1 +[a-z, ]*abuse' out.txt
check "messaging a group about a rota is nothing" \
	grep -Eq '^2 +- +-$' out.txt
check "driving past her house again at night is abuse" \
	grep -Eq '^3 +[a-z, ]*abuse' out.txt
check "driving past her house to a match is nothing" \
	grep -Eq '^4 +- +-$' out.txt
check "'wait till they see the videos I've got of her' is abuse" \
	grep -Eq '^5 +[a-z, ]*abuse' out.txt
check "sports day photos to see are nothing" \
	grep -Eq '^6 +- +-$' out.txt
check "'hope your kids get taken off you' is abuse" \
	grep -Eq '^7 +[a-z, ]*abuse' out.txt
check "kids taken to the panto are nothing" \
	grep -Eq '^8 +- +-$' out.txt
check "'nobody can stand you' is abuse" \
	grep -Eq '^9 +[a-z, ]*abuse' out.txt
check "leaving by the back gate is nothing" \
	grep -Eq '^10 +- +-$' out.txt
check "a Year 7 made to stand in the corridor is children" \
	grep -Eq '^11 +[a-z, ]*children' out.txt
check "Year 7 in the corridor for a fire drill is nothing" \
	grep -Eq '^12 +- +-$' out.txt
check "Year 10 given a sip of prosecco is children" \
	grep -Eq '^13 +[a-z, ]*children' out.txt
check "Year 10's sip of water is nothing" \
	grep -Eq '^14 +- +-$' out.txt
check "a Year 9 let off for a vape is children" \
	grep -Eq '^15 +[a-z, ]*children' out.txt
check "'nothing but a smile, link in bio' is sexual" \
	grep -Eq '^16 +[a-z, ]*sexual' out.txt
check "nothing but wellies is nothing" \
	grep -Eq '^17 +- +-$' out.txt
check "'screenshots saved, a very bad week' is abuse" \
	grep -Eq '^18 +[a-z, ]*abuse' out.txt
check "screenshots for an insurance claim are nothing" \
	grep -Eq '^19 +- +-$' out.txt
# A teacher's Snapchat streak with a pupil and the secrecy around it;
# each beside an innocent neighbour.
cat > fam16.txt <<'TXT'
She's got a Snapchat streak going with one of her teachers
She's got a Snapchat streak going with her cousin in Leeds
Messages like "you're my fave, don't tell the others" and "message me whenever, I'm always up late"
Don't tell the others but the trip is to Alton Towers
Year 10 said he told her not to mention it to anyone
She's 14 today, happy birthday
Spicy margs on a school night, don't tell the Head
Hammered on a school night again
TXT
ds taxonomy test < fam16.txt
check "a cocktail on a school night is nothing" \
	grep -Eq '^7 +- +-$' out.txt
check "hammered on a school night is drink" \
	grep -Eq '^8 +substances' out.txt
check "a Snapchat streak with one of her teachers is children" \
	grep -Eq '^1 +[a-z, ]*children' out.txt
check "a Snapchat streak with a cousin is nothing" \
	grep -Eq '^2 +- +-$' out.txt
check "'don't tell the others', 'message me whenever' is children" \
	grep -Eq '^3 +[a-z, ]*children' out.txt
check "a trip kept from the others is nothing" \
	grep -Eq '^4 +- +-$' out.txt
check "a pupil told not to mention it to anyone is children" \
	grep -Eq '^5 +[a-z, ]*children' out.txt
check "a fourteenth birthday is nothing" \
	grep -Eq '^6 +- +-$' out.txt
printf '[v]\nthreshold = 1\nterms = saw ... fall\n' > gap.ini
printf 'I saw him fall\nI saw one two three four five six fall\nI saw one two three four five six seven fall\nI saw it. Fall came\n' > gap.txt
ds taxonomy test --taxonomy gap.ini < gap.txt
check "--taxonomy: ... stands for a word" grep -Eq '^1 +v  ' out.txt
check "--taxonomy: ... stands for up to six words" grep -Eq '^2 +v  ' out.txt
check "--taxonomy: ... stands for no more than six words" \
	grep -Eq '^3 +- +-$' out.txt
check "--taxonomy: ... stays inside a sentence" grep -Eq '^4 +- +-$' out.txt
printf '[v]\nthreshold = 1\nterms = a ... b ... c ... d\n' > gap3.ini
expect_fail "a term with three gaps is refused with its line" 78 \
	"gap3.ini:3: a term of terms holds more than 2 '...'" \
	taxonomy test --taxonomy gap3.ini < gap.txt
printf 'Boxercise with Year 8: we punched pads for an hour\nHe punched the lad for an hour\n' |
	ds taxonomy test
check "punching pads is nothing" grep -Eq '^1 +- +-$' out.txt
check "punching a lad is violence" grep -Eq '^2 +violence  ' out.txt
printf 'The juniors punched well above their weight on the night\n' |
	ds taxonomy test
check "punching above one's weight is nothing" grep -Eq '^1 +- +-$' out.txt

# An organisation's own file: its own words, its own categories.
cat > mine.ini <<'INI'
[pets]
title = Cruelty to animals
severity = high
threshold = 2
terms = kicked, starved
targets = dog, cat
INI
printf 'He kicked the dog\nHe kicked the ball\nThe dog starved\n' > pets.txt
ds taxonomy test --taxonomy mine.ini < pets.txt
check "--taxonomy: a term beside a target" grep -Eq '^1 +pets  ' out.txt
check "--taxonomy: a term alone is short of the threshold" \
	grep -Eq '^2 +- +-$' out.txt
check "--taxonomy: stems match other forms" grep -Eq '^3 +pets  ' out.txt

printf '[pets]\nthreshold = 0\nterms = kicked\n' > bad.ini
expect_fail "a bad taxonomy is refused with its line" 78 \
	"bad.ini:2: threshold is a number from 1 to 100" \
	taxonomy test --taxonomy bad.ini < pets.txt
printf '[pets]\nthreshold = 1\nterms = kicked\n[cues]\nsmiles = x\n' > badcue.ini
expect_fail "an unknown key of [cues] is refused with its line" 78 \
	"badcue.ini:5: .cues. has no key 'smiles' .use laughter, .*, contests." \
	taxonomy test --taxonomy badcue.ini < pets.txt
printf '[pets]\nthreshold = 1\nterms = kicked\n[cues]\nthreat_harm = batter, +\n' \
	> badcue2.ini
expect_fail "a [cues] entry without words is refused with its line" 78 \
	"badcue2.ini:5: .cues. threat_harm: an entry without words .*: write the words" \
	taxonomy test --taxonomy badcue2.ini < pets.txt
expect_fail "a missing taxonomy file" 78 "cannot read the taxonomy 'nope.ini'" \
	taxonomy test --taxonomy nope.ini < pets.txt
expect_fail "no arguments" 64 "takes no arguments" taxonomy test extra \
	< pets.txt
expect_out "help names the verb" "taxonomy test" taxonomy test --help

# As a run judges, the configured site list's adult sites are sexual
# terms, by their names.
printf 'One of the staff has a VelvetRoomX page\nJules (@jules) | AfterDark Fans\nLate Night Chats with the team\n' > adult.txt
ds taxonomy test < adult.txt
check "an unknown site's name is nothing" grep -Eq '^1 +- +-$' out.txt
cat > sites.json <<'JSON'
{"sites": [
 {"name": "AfterDark Fans", "uri_check": "http://adf.example/{account}",
  "e_code": 200, "e_string": "fans", "m_code": 404, "m_string": "",
  "cat": "xx NSFW xx"},
 {"name": "Late Night", "uri_check": "http://late.example/{account}",
  "e_code": 200, "e_string": "late", "m_code": 404, "m_string": "",
  "cat": "xx NSFW xx"},
 {"name": "VelvetRoomX", "uri_check": "http://velvet.example/{account}",
  "e_code": 200, "e_string": "profile", "m_code": 404, "m_string": "",
  "cat": "xx NSFW xx"}
]}
JSON
printf '[connector profiles]\nsite_list = %s/sites.json\n' "$PWD" \
	> duesearch.conf
ds taxonomy test < adult.txt
check "an adult site of the configured list is sexual content" \
	grep -Eq '^1 +sexual +sexual: terms VelvetRoomX$' out.txt
check "an adult site's name of two words, one brand-shaped, is sexual" \
	grep -Eq '^2 +sexual +sexual: terms AfterDark Fans$' out.txt
check "an adult site's name of ordinary words is not a term" \
	grep -Eq '^3 +- +-$' out.txt
rm duesearch.conf
finish
