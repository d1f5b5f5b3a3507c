// Shared by the browser tests (e2e.mjs, journey.mjs): TAP-like checks and
// Debian's Chromium, headless, driven by playwright-core.
import { chromium } from 'playwright-core';

export const result = { failed: 0 };

// check NAME COND [DETAIL]: an "ok - NAME" or "not ok - NAME: DETAIL" line.
export function check(name, cond, detail) {
	if (cond) {
		console.log(`ok - ${name}`);
	} else {
		result.failed++;
		console.log(`not ok - ${name}${detail ? ': ' + String(detail).slice(0, 300) : ''}`);
	}
}

// The browser, with nothing that reaches beyond loopback.
export function launch() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic',
		       '--no-first-run', '--disable-background-networking',
		       '--disable-component-update', '--disable-sync'],
	});
}
