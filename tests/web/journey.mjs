// The whole job in the browser, from an empty case file to a purge, with no
// command typed after `duesearch serve` (issue 15): headless Debian
// Chromium driven by playwright-core.  The administrator sets up the
// organisation and people (a locked account unlocked), the recruiter adds
// a vacancy and a candidate with her anchors, claims and handles, records
// notice and consent with evidence files, reads the plan, declares the
// panel, runs the search and follows it, imports the page saved for a
// manual step; the DSL reviews, records the answers, the case is closed
// and its report printed; the DPO reads the ROPA and DPIA, places and
// releases a hold, exports the subject access copy, reads the audit log
// and purges after a confirmation.  One screenshot per page, j01-... in
// OUT.  The months a purge waits for are stood in for by one UPDATE of
// the decision date in DB (sqlite3), as tests/cmd/lib.sh's set_decided.
// Usage: BASE=http://127.0.0.1:PORT OUT=dir DB=path/duesearch.db \
//        SAVED=page.html NOTICE=notice.txt node journey.mjs
// Prints "ok - ..." / "not ok - ..." lines for tests/cmd/t_web.sh.
import { check, launch, result } from './lib.mjs';
import { execFileSync } from 'node:child_process';

const base = process.env.BASE;
const out = process.env.OUT || '.';
const pw = 'correct horse battery';
let shot = 0;


const browser = await launch();

async function snap(page, name) {
	shot++;
	const n = String(shot).padStart(2, '0');
	await page.screenshot({ path: `${out}/j${n}-${name}.png`, fullPage: true });
}

async function main(page) {
	return (await page.textContent('main')) || '';
}

// submit PAGE FORM FIELDS [BUTTON]: fill the fields of the form (a
// selector, or the action of the first form with it) and press its
// button (or the one named); the text of the page it ends on.
async function submit(page, form, fields = {}, button) {
	const sel = form.startsWith('form') ? form : `form[action="${form}"]`;
	const f = page.locator(sel).first();
	for (const [k, v] of Object.entries(fields)) {
		const el = f.locator(`[name="${k}"]`).first();
		const kind = await el.evaluate((e) => `${e.tagName}:${e.type || ''}`);
		if (kind.startsWith('SELECT')) await el.selectOption(v);
		else if (kind.endsWith(':checkbox')) await (v ? el.check() : el.uncheck());
		else if (kind.endsWith(':file')) await el.setInputFiles(v);
		else await el.fill(v);
	}
	const b = button ? f.locator(`button:has-text("${button}")`).first() :
		f.locator('button').first();
	await Promise.all([page.waitForNavigation(), b.click()]);
	return main(page);
}

async function login(name) {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const page = await ctx.newPage();
	await page.goto(`${base}/login`);
	await page.fill('input[name=name]', name);
	await page.fill('input[name=password]', pw);
	await Promise.all([page.waitForNavigation(),
			   page.click('button:has-text("Log in")')]);
	return { ctx, page };
}

const today = new Date().toISOString().slice(0, 10);

try {
	// ---- first set-up, from an empty case file ----
	const adm = { ctx: await browser.newContext({ viewport: { width: 1280, height: 900 } }) };
	adm.page = await adm.ctx.newPage();
	await adm.page.goto(`${base}/`);
	check('with no case file the browser is led to the set-up',
	      adm.page.url().endsWith('/setup'), adm.page.url());
	await snap(adm.page, 'setup');
	let t = await submit(adm.page, '/setup', {
		org: 'Oakfield Academy Trust', lawful_basis: 'public-task',
		scope: 'shortlisted', scope_reason: 'KCSIE: every shortlisted candidate',
		consent: true, name: 'ann', password: pw, recruiter: true,
	});
	check('the set-up creates the case file and the first administrator',
	      t.includes('The case file was created'), t);

	// ---- people, roles, passwords, a locked account ----
	t = await submit(adm.page, 'form[action="/actor/name"]:has(input[value="ann"])',
			 { display: 'Ann Cole' });
	t = await submit(adm.page, '/actor/add', { name: 'dora', display: 'Dora Lee',
		dsl: true, password: pw });
	t = await submit(adm.page, '/actor/add', { name: 'pat', display: 'Priya Shah',
		dpo: true, password: pw });
	check('the administrator adds the DSL and the DPO with their names',
	      t.includes('Dora Lee') && t.includes('Priya Shah') &&
	      t.includes('The person was added'), t);
	{
		const ctx = await browser.newContext();
		const p = await ctx.newPage();
		for (let i = 0; i < 5; i++) {
			await p.goto(`${base}/login`);
			await p.fill('input[name=name]', 'dora');
			await p.fill('input[name=password]', 'a wrong password!');
			await Promise.all([p.waitForNavigation(),
					   p.click('button:has-text("Log in")')]);
		}
		await ctx.close();
	}
	await adm.page.goto(`${base}/people`);
	t = await submit(adm.page, 'form[action="/actor/password"]:has(input[value="pat"])',
			 { password: pw });
	check('the administrator sets a password', t.includes('The password was set'), t);
	const unlock = 'form[action="/actor/unlock"]:has(input[value="dora"])';
	check('a locked account shows an Unlock button', await adm.page.locator(unlock).count() === 1);
	await snap(adm.page, 'people');
	t = await submit(adm.page, unlock);
	check('and the administrator unlocks it', adm.page.url().includes('/people') &&
	      !t.includes('class="err"') && await adm.page.locator(unlock).count() === 0, t);

	// ---- the vacancy and the candidate ----
	await adm.page.goto(`${base}/`);
	t = await submit(adm.page, '/vacancy/add', {
		ref: 'OAK-9', post: 'Class teacher', school: 'Oakfield Primary',
	});
	check('a vacancy is added', adm.page.url().includes('/vacancy?ref=OAK-9') &&
	      t.includes('The vacancy was added'), t);
	t = await submit(adm.page, '/candidate/add', {
		name: 'Jane Example', known_as: 'Janie Example', location: 'Leeds',
		employer: 'Elmwood Primary School', status: 'shortlisted',
	});
	check('a candidate is added with her anchors', t.includes('Jane Example') &&
	      t.includes('employer: Elmwood Primary School') && t.includes('known-as: Janie Example'), t);
	const cand = adm.page.url().split('#')[0].replace(/&done=.*/, '');
	t = await submit(adm.page, '/anchor', { kind: 'previous-name', value: 'Jane Sample' });
	t = await submit(adm.page, '/claim', { kind: 'employment', organisation: 'Elmwood Primary School',
		role: 'Class teacher', from: '2019-09', to: 'current' });
	check('an anchor and an application claim are added', t.includes('previous-name: Jane Sample') &&
	      /employment.*Class teacher/.test(t), t);
	t = await submit(adm.page, '/handle', { platform: 'mastodon', handle: '@jane@social.example.org' });
	t = await submit(adm.page, '/handle', { platform: 'instagram', handle: 'jane.example' });
	check('declared handles are added', t.includes('mastodon: jane@social.example.org') &&
	      t.includes('instagram'), t);
	t = await submit(adm.page, '/notice', { on: today, channel: 'email', file: process.env.NOTICE });
	check('the notice is recorded with its evidence file', t.includes('The notice was recorded'), t);
	t = await submit(adm.page, '/consent', { on: today, file: process.env.NOTICE });
	check('the consent is recorded', t.includes('consent') && !t.includes('No consent'), t);
	await snap(adm.page, 'case');

	// ---- the plan, the panel, the run ----
	await adm.page.goto(`${base}/plan?vacancy=OAK-9`);
	t = await main(adm.page);
	check('the plan is shown before the search', t.includes('Versions and deviations') &&
	      t.includes('searxng'), t);
	await snap(adm.page, 'plan');
	await adm.page.goto(`${base}/vacancy?ref=OAK-9`);
	t = await submit(adm.page, '/panel', {}, 'not on');
	check('the searcher declares they are not on the panel', t.includes('not on the panel'), t);
	await adm.page.goto(`${base}/run?vacancy=OAK-9`);
	t = await main(adm.page);
	check('the run page says who will be searched', t.includes('1 candidate will be searched'), t);
	await snap(adm.page, 'run');
	await submit(adm.page, '/run', {}, 'Start the search');
	for (let i = 0; i < 120; i++) {
		if ((await adm.page.textContent('h1')).includes('finished')) break;
		await adm.page.waitForTimeout(500);
		await adm.page.reload();
	}
	t = await main(adm.page);
	check('the search runs with live progress', t.includes('finished'), t);
	await snap(adm.page, 'progress');

	// ---- a deviation from the plan, with its reason ----
	await adm.page.goto(`${base}/plan?vacancy=OAK-9`);
	const steps = await adm.page.inputValue('form[action="/plan"] textarea[name=steps]');
	t = await submit(adm.page, '/plan', { steps: `${steps.trim()}\nnews searxng "{name}"`,
		reason: 'News added after the first search: the post is public-facing' });
	check('a changed plan is saved as a deviation with its reason',
	      t.includes('The plan was saved') && t.includes('deviation: News added after the first search'), t);

	// ---- the manual checklist: import the saved page ----
	await adm.page.goto(`${cand}#manual`);
	t = await submit(adm.page, 'form[action="/evidence"]', { file: process.env.SAVED }, 'Import');
	check('the saved page is imported for the manual step, and the page says what it found',
	      /The saved page was imported and the step marked done: \d+ new finding/.test(t), t);
	await snap(adm.page, 'manual');

	// ---- the DSL's review and the candidate's answers ----
	const dsl = await login('dora');
	await dsl.page.goto(`${base}/review`);
	t = await main(dsl.page);
	check('the DSL sees the candidate by name in the queue', t.includes('Jane Example'), t);
	await snap(dsl.page, 'review');
	let guard = 0;
	while (await dsl.page.$('button[value=confirm]') && guard++ < 10) {
		const form = dsl.page.locator('form:has(button[value=confirm])').first();
		await form.locator('textarea[name=reason]').fill('About her and relevant: put it to her');
		const box = form.locator('input[name=identity_confirmed]');
		if (await box.count()) await box.check();
		await Promise.all([dsl.page.waitForNavigation(), form.locator('button[value=confirm]').click()]);
	}
	check('the DSL confirms the findings', guard > 0);
	let answered = 0;
	await dsl.page.goto(`${base}/review?candidate=1`);
	while (await dsl.page.$('button:has-text("Record the response")') && answered < 10) {
		const form = dsl.page.locator('form:has(button:has-text("Record the response"))').first();
		await form.locator('textarea[name=text]').fill('Explained at interview: a misreport');
		await form.locator('select[name=outcome]').selectOption('resolved');
		await Promise.all([dsl.page.waitForNavigation(), form.locator('button').click()]);
		await dsl.page.goto(`${base}/review?candidate=1`);
		answered++;
	}
	check("and records the candidate's answers", answered > 0);
	await snap(dsl.page, 'decided');

	// ---- closing and the report ----
	await adm.page.goto(cand);
	t = await submit(adm.page, '/close');
	check('the case is closed, and the page says so', t.includes('The case was closed'), t);
	const rep = await adm.page.goto(`${base}/report?candidate=1`);
	t = await adm.page.textContent('body');
	check('the candidate report opens for printing', rep.status() === 200 &&
	      t.includes('Online search record') && t.includes('Ann Cole'), t);
	await snap(adm.page, 'report');
	await adm.page.goto(`${base}/vacancy?ref=OAK-9`);
	t = await submit(adm.page, '/decide', { on: today });
	check('the decision date is recorded', t.includes('The decision date was recorded'), t);

	// ---- the DPO ----
	const dpo = await login('pat');
	for (const [u, name, want] of [['/records?kind=ropa', 'ropa', 'processing'],
				       ['/records?kind=dpia', 'dpia', 'impact']]) {
		await dpo.page.goto(`${base}${u}`);
		t = (await dpo.page.textContent('body')).toLowerCase();
		check(`the ${name.toUpperCase()} opens in the browser`, t.includes(want), t);
		await snap(dpo.page, name);
	}
	await dpo.page.goto(`${base}/dpo`);
	t = await submit(dpo.page, '/hold', { candidate: '1', reason: 'Tribunal claim ET-12' });
	check('the DPO places a legal hold', t.includes('Tribunal claim ET-12') || t.includes('hold'), t);
	await snap(dpo.page, 'dpo');
	t = await submit(dpo.page, 'form[action="/hold/release"]');
	check('and releases it', t.includes('released'), t);
	await dpo.page.goto(`${base}/subject-access`);
	t = await submit(dpo.page, '/sar/log', { candidate: '1' });
	check('a subject access request is logged with its due date', /due in \d+ days/.test(t), t);
	const [dl] = await Promise.all([
		dpo.page.waitForEvent('download'),
		dpo.page.click('#request-1 a:has-text("HTML")'),
	]);
	check('the subject access copy downloads', (await dl.suggestedFilename()).startsWith('subject-access-1'));
	await snap(dpo.page, 'sar');
	await dpo.page.goto(`${base}/audit`);
	t = await main(dpo.page);
	check('the audit log reads by name and role, in UK time', t.includes('Ann Cole') &&
	      /(GMT|BST)/.test(t), t);
	await snap(dpo.page, 'audit');

	// Months later (the decision date moved back): the purge.
	execFileSync('sqlite3', [process.env.DB,
		"UPDATE vacancy SET decided = '2020-01-01' WHERE ref = 'OAK-9'"]);
	await dpo.page.goto(`${base}/purge`);
	t = await main(dpo.page);
	check('the purge page says what would go before anything goes',
	      t.includes('A purge now would') && t.includes('Jane Example'), t);
	await snap(dpo.page, 'purge');
	// The box is required in the form; without it (the attribute taken
	// off, as a hand-made request would) the server refuses too.
	await dpo.page.evaluate(() => document.querySelector(
		'form[action="/purge"] input[name=confirm]').removeAttribute('required'));
	t = await submit(dpo.page, '/purge', { confirm: false });
	check('a purge without its confirmation is refused, and nothing goes',
	      t.includes('a purge needs its confirmation') &&
	      execFileSync('sqlite3', [process.env.DB, 'SELECT count(*) FROM candidate']).toString().trim() === '1', t);
	await dpo.page.goto(`${base}/purge`);
	t = await submit(dpo.page, '/purge', { confirm: true });
	check('the purge is carried out once confirmed', t.includes('The purge was carried out'), t);
	await snap(dpo.page, 'purged');

	// No page of the journey named a command to type.
	let cli = '';
	for (const u of ['/', '/vacancy?ref=OAK-9', '/people', '/dpo', '/purge', '/audit',
			 '/subject-access', '/plan?vacancy=OAK-9']) {
		const pg = u === '/people' || u.startsWith('/vacancy') || u === '/' ||
			u.startsWith('/plan') ? adm.page : dpo.page;
		await pg.goto(`${base}${u}`);
		if (/duesearch [a-z]/.test(await main(pg))) cli += ` ${u}`;
	}
	check('no page of the journey names a command to type', cli === '', cli);
} catch (e) {
	result.failed++;
	console.log(`not ok - the journey in the browser: ${e.message.split('\n')[0]}`);
} finally {
	await browser.close();
}
process.exit(result.failed ? 1 : 0);
