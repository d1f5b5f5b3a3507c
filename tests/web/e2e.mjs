// Browser test of duesearch's web interface: headless Debian Chromium
// driven by playwright-core.  Logs in as each role, walks a candidate from
// case to report, reviews findings, keeps the DPO's subject access
// register and the organisation's opt-out (with the search it refuses),
// takes screenshots of each page, and checks the
// security promises: CSRF refused, wrong role refused, a hostile excerpt
// inert, a cookie stolen before log-out refused after it.
// Usage: BASE=http://127.0.0.1:PORT OUT=dir node e2e.mjs
// Prints "ok - ..." / "not ok - ..." lines for tests/cmd/t_web.sh.
import { check, launch, result } from './lib.mjs';

const base = process.env.BASE;
const out = process.env.OUT || '.';
const pw = 'correct horse battery';


const browser = await launch();

async function login(name) {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const page = await ctx.newPage();
	page.on('dialog', async (d) => { window_alerts++; await d.dismiss(); });
	await page.goto(`${base}/login`);
	await page.fill('input[name=name]', name);
	await page.fill('input[name=password]', pw);
	await page.click('button:has-text("Log in")');
	await page.waitForLoadState('load');
	return { ctx, page };
}
let window_alerts = 0;

try {
	// A wrong password is refused.
	{
		const ctx = await browser.newContext();
		const page = await ctx.newPage();
		await page.goto(`${base}/login`);
		await page.fill('input[name=name]', 'amira');
		await page.fill('input[name=password]', 'not the password');
		const resp = await Promise.all([
			page.waitForNavigation(),
			page.click('button:has-text("Log in")'),
		]).then((r) => r[0]);
		check('a wrong password is refused', resp.status() === 401 &&
		      (await page.content()).includes('wrong name or password'));
		await ctx.close();
	}

	// The recruiter: the vacancy, a case, the search, a manual step.
	const rec = await login('amira');
	check('the recruiter logs in and sees the vacancies',
	      (await rec.page.textContent('h1')) === 'Vacancies' &&
	      (await rec.page.content()).includes('OAK-2026-07'));
	await rec.page.screenshot({ path: `${out}/01-vacancies.png`, fullPage: true });
	await rec.page.click('a:has-text("OAK-2026-07")');
	check('the vacancy lists its candidates',
	      (await rec.page.content()).includes('Jane Example'));
	await rec.page.click('a:has-text("1")');
	const caseText = await rec.page.textContent('main');
	check("the case shows anchors, notice, consent and the gate",
	      caseText.includes('Leeds') && caseText.includes('Notice given') &&
	      caseText.includes('A search of this candidate may run'));
	await rec.page.screenshot({ path: `${out}/02-case.png`, fullPage: true });
	await rec.page.goto(`${base}/vacancy?ref=OAK-2026-07`);
	await rec.page.click('a:has-text("Search this vacancy")');
	const who = await rec.page.textContent('main');
	check('before a search the page says who would be searched',
	      who.includes('Jane Example') && who.includes('Sam Placeholder') &&
	      who.includes('2 candidates will be searched'), who.slice(0, 300));
	await rec.page.screenshot({ path: `${out}/03a-run-confirm.png`, fullPage: true });
	await rec.page.click('button:has-text("Start the search")');
	for (let i = 0; i < 60; i++) {
		if ((await rec.page.textContent('h1')).includes('finished')) break;
		await rec.page.waitForTimeout(500);
		await rec.page.reload();
	}
	const prog = await rec.page.textContent('main');
	check('the search runs and its progress is shown live',
	      prog.includes('finished') && /\d+\/\d+: candidate/.test(prog), prog.slice(0, 300));
	await rec.page.screenshot({ path: `${out}/03-search.png`, fullPage: true });
	await rec.page.goto(`${base}/candidate?id=2`);
	const manual = await rec.page.textContent('main');
	check('the manual-capture checklist is shown', manual.includes('Manual step') &&
	      manual.includes('instagram'));
	await rec.page.screenshot({ path: `${out}/04-manual.png`, fullPage: true });
	await rec.page.click('button:has-text("Not public: nothing to import")');
	const settled = await rec.page.textContent('main');
	check('a manual step is settled, and the page says so',
	      settled.includes('0 manual steps open') &&
	      settled.includes('The manual step was settled.'), settled.slice(0, 300));

	// Wrong role: the recruiter may not see the DSL's queue.
	const r403 = await rec.page.goto(`${base}/review`);
	check('a wrong role is refused on the server', r403.status() === 403);

	// CSRF: a post without the form's token is refused.
	const forged = await rec.ctx.request.post(`${base}/vacancy/add`, {
		form: { ref: 'FORGED-1', post: 'x', school: 'y' },
		maxRedirects: 0,
	});
	check('a post without the CSRF token is refused', forged.status() === 403);
	const wrongTok = await rec.ctx.request.post(`${base}/vacancy/add`, {
		form: { ref: 'FORGED-2', post: 'x', school: 'y', csrf: 'a'.repeat(64) },
		maxRedirects: 0,
	});
	check('a post with a wrong CSRF token is refused', wrongTok.status() === 403);

	// The DSL: the review queue, a hostile excerpt, decisions.
	const dsl = await login('dev');
	await dsl.page.goto(`${base}/review`);
	const queue = await dsl.page.content();
	check('the DSL sees the review queue with excerpts and evidence hashes',
	      queue.includes('Finding') && queue.includes('evidence SHA-256'));
	const pwned = await dsl.page.evaluate(() => window.__pwned === 1);
	const injected = await dsl.page.$$eval('.excerpt img, .excerpt script', (n) => n.length);
	check('a hostile excerpt is shown as text, inert',
	      queue.includes('&lt;img') && !pwned && injected === 0 && window_alerts === 0);
	await dsl.page.screenshot({ path: `${out}/05-review.png`, fullPage: true });
	let guard = 0;
	while (await dsl.page.$('button[value=confirm]') && guard++ < 10) {
		const form = dsl.page.locator('form:has(button[value=confirm])').first();
		await form.locator('textarea[name=reason]').fill('About the candidate and relevant: put it to her');
		const box = form.locator('input[name=identity_confirmed]');
		if (await box.count()) await box.check();
		await form.locator('button[value=confirm]').click();
		await dsl.page.waitForLoadState('load');
	}
	await dsl.page.goto(`${base}/review?candidate=1`);
	let responses = 0;
	while (await dsl.page.$('button:has-text("Record the response")') && responses < 10) {
		const form = dsl.page.locator('form:has(button:has-text("Record the response"))').first();
		await form.locator('textarea[name=text]').fill('Explained at interview');
		await form.locator('select[name=outcome]').selectOption('resolved');
		await form.locator('button').click();
		await dsl.page.waitForLoadState('load');
		await dsl.page.goto(`${base}/review?candidate=1`);
		responses++;
	}
	check('the DSL confirms findings and records the responses', responses > 0);

	// Decided findings stay reachable; a change needs a reason.
	await dsl.page.goto(`${base}/review?candidate=1`);
	const decided = await dsl.page.textContent('main');
	check('decided findings stay reachable with the decisions made',
	      decided.includes('Decisions made') && decided.includes('dev (DSL) decided confirm') &&
	      /found by the search/.test(decided) && /(GMT|BST)/.test(decided), decided.slice(0, 300));
	await dsl.page.screenshot({ path: `${out}/05b-decided.png`, fullPage: true });

	// The recruiter closes the case and prints the report.
	await rec.page.goto(`${base}/candidate?id=1`);
	await rec.page.click('button:has-text("Close the case")');
	check('the case closes', rec.page.url().includes('/candidate?id=1') &&
	      !(await rec.page.content()).includes('class="err"'));
	const rep = await rec.page.goto(`${base}/report?candidate=1`);
	const repText = await rec.page.textContent('body');
	check('the report opens for printing', rep.status() === 200 &&
	      repText.includes('Online search record') && repText.includes('SHA-256'));
	await rec.page.screenshot({ path: `${out}/06-report.png`, fullPage: true });

	// The DPO's dashboard.
	const dpo = await login('priya');
	await dpo.page.goto(`${base}/dpo?verify=1`);
	const dash = await dpo.page.textContent('main');
	check('the DPO sees retention, holds, the consent audit and a verified trail',
	      dash.includes('Retention') && dash.includes('Legal holds') &&
	      dash.includes('Consent audit') && dash.includes('The audit trail verifies'));
	await dpo.page.screenshot({ path: `${out}/07-dpo.png`, fullPage: true });
	check('the DPO dashboard names candidates, not numbers',
	      dash.includes('Jane Example (OAK-2026-07)') || dash.includes('Jane Example'));
	// The subject access register: record a request, its due date, the
	// copy as PDF, fulfilment; all from the DPO's page.
	await dpo.page.goto(`${base}/dpo`);
	await dpo.page.click('a:has-text("Subject access requests")');
	await dpo.page.selectOption('form[action="/sar/log"] select[name=candidate]', '1');
	await dpo.page.click('button:has-text("Record the request")');
	await dpo.page.waitForLoadState('load');
	const reg = await dpo.page.textContent('main');
	check('a subject access request is recorded in the browser, with its due date',
	      reg.includes('The request was recorded') && reg.includes('Jane Example (OAK-2026-07)') &&
	      /open: due in \d+ days/.test(reg), reg.slice(0, 300));
	await dpo.page.screenshot({ path: `${out}/07b-sar-register.png`, fullPage: true });
	const [dl] = await Promise.all([
		dpo.page.waitForEvent('download'),
		dpo.page.click('#request-1 a:has-text("PDF")'),
	]);
	const pdfPath = `${out}/subject-access-1.pdf`;
	await dl.saveAs(pdfPath);
	const { readFileSync } = await import('node:fs');
	check('the subject access copy downloads as a PDF',
	      readFileSync(pdfPath).subarray(0, 5).toString() === '%PDF-');
	await dpo.page.goto(`${base}/subject-access`);
	await dpo.page.click('#request-1 button:has-text("Mark fulfilled")');
	await dpo.page.waitForLoadState('load');
	check('the request is marked fulfilled', (await dpo.page.textContent('main')).includes('fulfilled'));

	// The organisation's opt-out: confirmed, visible to the recruiter's
	// search with the page that undoes it, and undone.
	await dpo.page.goto(`${base}/optout`);
	await dpo.page.fill('textarea[name=reason]', 'The governors decided to pause online checks');
	await dpo.page.check('input[name=confirm]');
	await dpo.page.click('button:has-text("Opt out")');
	await dpo.page.waitForLoadState('load');
	const opted = await dpo.page.textContent('main');
	check('the DPO opts the organisation out, and the page says who and when',
	      opted.includes('not to carry out online searches') && opted.includes('Priya Shah (DPO) opted out') &&
	      /(GMT|BST)/.test(opted), opted.slice(0, 300));
	await dpo.page.screenshot({ path: `${out}/07c-optout.png`, fullPage: true });
	await rec.page.goto(`${base}/run?vacancy=OAK-2026-07`);
	const refused = await rec.page.textContent('main');
	const fixLink = await rec.page.$('a[href="/optout"]');
	check('a search is refused while opted out, with the reason and the page that undoes it',
	      refused.includes('decided not to carry out online searches') && fixLink !== null, refused.slice(0, 300));
	await rec.page.screenshot({ path: `${out}/07d-run-opted-out.png`, fullPage: true });
	await dpo.page.check('input[name=confirm]');
	await dpo.page.click('button:has-text("Opt in")');
	await dpo.page.waitForLoadState('load');
	check('and opts in again', (await dpo.page.textContent('main')).includes('The organisation searches again'));

	await dpo.page.goto(`${base}/audit`);
	check('the audit log opens for the DPO', (await dpo.page.textContent('h1')) === 'Audit log');
	check('the audit log shows people by name and role',
	      (await dpo.page.textContent('main')).includes('Priya Shah (DPO)'));
	let dpoCli = '';
	for (const u of ['/dpo', '/subject-access', '/optout', '/audit', '/purge']) {
		await dpo.page.goto(`${base}${u}`);
		if (/duesearch [a-z]/.test(await dpo.page.textContent('main'))) dpoCli += ` ${u}`;
	}
	check("no DPO page names a command to type", dpoCli === '', dpoCli);
	await dpo.page.goto(`${base}/audit`);
	await dpo.page.screenshot({ path: `${out}/08-audit.png`, fullPage: true });
	await dpo.page.goto(`${base}/purge`);
	await dpo.page.screenshot({ path: `${out}/09-purge.png`, fullPage: true });
	check('the purge asks first', (await dpo.page.textContent('main')).includes('nothing would be purged') ||
	      (await dpo.page.$('input[name=confirm]')) !== null);

	// The administrator's people page, and no page names a command.
	await rec.page.goto(`${base}/people`);
	const people = await rec.page.textContent('main');
	check('the administrator manages people in the browser',
	      people.includes('dev') && people.includes('Set the password') && people.includes('Add a person'));
	await rec.page.screenshot({ path: `${out}/10-people.png`, fullPage: true });
	let cli = '';
	for (const u of ['/', '/vacancy?ref=OAK-2026-07', '/candidate?id=1', '/candidate?id=2',
			 '/run?vacancy=OAK-2026-07', '/plan?vacancy=OAK-2026-07', '/people']) {
		await rec.page.goto(`${base}${u}`);
		if (/duesearch [a-z]/.test(await rec.page.textContent('main'))) cli += ` ${u}`;
	}
	check('no page names a command to type', cli === '', cli);

	// A cookie taken before log-out is refused after it.
	const cookies = await rec.ctx.cookies();
	await rec.page.goto(`${base}/`);
	await rec.page.click('button:has-text("Log out")');
	const thief = await browser.newContext();
	await thief.addCookies(cookies);
	const tp = await thief.newPage();
	await tp.goto(`${base}/`);
	check('a cookie stolen before log-out is refused after it',
	      tp.url().endsWith('/login'));
	const flags = cookies.find((c) => c.name === 'ds_session');
	check('the session cookie is HttpOnly and SameSite=Strict',
	      flags && flags.httpOnly && flags.sameSite === 'Strict');
	await thief.close();
} catch (e) {
	result.failed++;
	console.log(`not ok - the browser walk-through: ${e.message.split('\n')[0]}`);
} finally {
	await browser.close();
}
process.exit(result.failed ? 1 : 0);
