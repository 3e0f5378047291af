// The report page in a real browser (Debian's Chromium through playwright-core): the demo's failed-then-resumed run
// opens with no console error and no request, shows where the line stopped; findings filter from the keyboard;
// hostile text stays text; long test lists stay virtual; axe-core finds no accessibility violation.
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, CHROMIUM, browserAvailable, launchBrowser, openReport } from '../../helpers/browser.js';
import { spawnCli } from '../../helpers/cli.js';
import { HOSTILE, writeSyntheticRun } from '../../helpers/report-fixture.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const onCi = process.env.CI === 'true';
const canRun = browserAvailable();
if (!canRun && !onCi) console.warn(`report browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);

describe('report page in Chromium', () => {
  it.runIf(onCi && !canRun)('has a browser to run in on CI', () => {
    throw new Error(`no Chromium at ${CHROMIUM}: .ci/run installs it with apt-get install -y chromium`);
  });
});

describe.runIf(canRun)('report page in Chromium', () => {
  let browser: Browser;
  let ws: string;
  let out: string;
  let failed: string;
  let resumed: string;

  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=demo@andon.dev', '-c', 'user.name=Andon Demo', ...args], { cwd: ws, stdio: 'ignore' });
  const andon = (...args: string[]) => spawnCli(args, ws).done;
  const newestRun = async () => (JSON.parse((await andon('runs', '--json')).stdout) as { serial: string }[])[0]!.serial;
  const report = async (serial: string, root?: string): Promise<string> => {
    const file = path.join(out, `${serial}.html`);
    const r = await spawnCli(['report', serial, '--out', file, ...(root ? ['--store', root] : [])], root ?? ws).done;
    expect(r.stderr).toContain(`report of ${serial}`);
    expect(r.code).toBe(0);
    return file;
  };

  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'andon-report-pages-'));
    ws = mkdtempSync(path.join(tmpdir(), 'andon-report-demo-'));
    cpSync(path.join(repoRoot, 'examples/demo/repo'), ws, { recursive: true });
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(ws, 'node_modules'), 'dir');
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'demo shop');
    // The demo's first run stops at the failing unit stage; a change that does not fix it, then a resume from unit.
    expect((await andon('run', '--quiet')).code).toBe(1);
    appendFileSync(path.join(ws, 'src/cart.ts'), '// the boundary is still wrong\n');
    git('commit', '-qam', 'note the boundary');
    failed = await newestRun();
    expect((await andon('run', '--quiet', '--resume', failed, '--from', 'unit')).code).toBe(1);
    resumed = await newestRun();
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    for (const d of [ws, out]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('opens the failed-then-resumed demo run offline: the failing stage, the failing test and the parent serial are shown', async () => {
    const file = await report(resumed);
    const { page, problems, requests } = await openReport(browser, file);
    expect(problems).toEqual([]);
    expect(requests).toEqual([`file://${file}`]);
    await expect(page.locator('#parent').innerText()).resolves.toContain(failed);
    const stop = page.locator('#stopped-at');
    expect(await stop.isVisible()).toBe(true);
    expect(await stop.innerText()).toMatch(/^The line stopped at stage unit \(failed\)/);
    // A stage that ran again says why: its baseline moved with the base commit, or which input changed.
    await page.locator('#stage-spec summary').click();
    expect(await page.locator('#stage-spec').innerText()).toContain('the baseline changed');
    await page.locator('#stage-conventions summary').click();
    expect(await page.locator('#stage-conventions .inputs').innerText()).toMatch(/src\/cart\.ts modified/);

    await page.locator('#nav-tests').click();
    const first = page.locator('#view-tests .vlist-row').first();
    expect(await first.isVisible()).toBe(true);
    expect(await first.innerText()).toMatch(/new failure\s+cart > REQ-2 gives 10% off an order of exactly 100\.00/);
    expect(await page.locator('#t-detail').innerText()).toContain('expected 10000 to be 9000');
    await page.locator('#nav-trace').click();
    expect(await page.locator('#view-trace tr.r-failing').innerText()).toMatch(/REQ-2[\s\S]*failing[\s\S]*failed cart > REQ-2 gives 10% off/);
    await page.locator('#nav-factory').click();
    expect(await page.locator('#fpy').innerText()).toMatch(/\d+%/);
    await page.waitForSelector('#view-factory canvas');
    expect(problems).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('filters findings from the keyboard', async () => {
    const root = mkdtempSync(path.join(out, 'store-'));
    await writeSyntheticRun(root, { serial: '20261120T100000000Z-aaaaaa', findings: 8 });
    const { page, problems } = await openReport(browser, await report('20261120T100000000Z-aaaaaa', root), 'findings');
    const status = page.locator('#f-status');
    expect(await status.innerText()).toBe('8 of 8 findings shown');
    await page.keyboard.press('/');
    expect(await page.evaluate('document.activeElement?.id')).toBe('f-rule');
    await page.keyboard.type('eqeqeq');
    expect(await status.innerText()).toBe('2 of 8 findings shown');
    await page.keyboard.press('Tab');
    await page.keyboard.type('mod5');
    expect(await status.innerText()).toBe('1 of 8 findings shown');
    expect(await page.locator('#f-detail').innerText()).toContain('src/mod5.ts:6:3');
    // Clear the file filter, move into the list and walk it with the arrow keys.
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Tab');
    expect(await page.evaluate("document.activeElement?.getAttribute('role')")).toBe('listbox');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#view-findings .vlist-row[aria-selected="true"]').innerText()).toContain('src/mod5.ts:6');
    // The level from its select, by keyboard alone.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate('document.activeElement?.id')).toBe('f-level');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#f-level').inputValue()).toBe('error');
    expect(await status.innerText()).toBe('3 of 8 findings shown');
    expect(problems).toEqual([]);
  });

  it('shows hostile text in findings, tests, reasons and logs as text, and runs none of it', async () => {
    const root = mkdtempSync(path.join(out, 'store-'));
    await writeSyntheticRun(root, { serial: '20261120T100000000Z-bbbbbb', hostile: true });
    const { page, problems, requests } = await openReport(browser, await report('20261120T100000000Z-bbbbbb', root));
    expect(await page.locator('#stage-lint .reason').innerText()).toContain(HOSTILE);
    expect(await page.locator('#stage-lint pre.log').innerText()).toContain(HOSTILE);
    await page.locator('#nav-findings').click();
    expect(await page.locator('#f-detail pre.message').innerText()).toBe(HOSTILE);
    await page.locator('#nav-tests').click();
    await page.locator('#t-search').fill('renders');
    expect(await page.locator('#view-tests .vlist-row').first().innerText()).toContain(HOSTILE);
    expect(await page.evaluate('window.__andonPwned')).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(problems).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('keeps a long test list virtual: a few dozen rows in the DOM, the last test reached by keyboard', async () => {
    const root = mkdtempSync(path.join(out, 'store-'));
    await writeSyntheticRun(root, { serial: '20261120T100000000Z-cccccc', tests: 20_000 });
    const { page, problems } = await openReport(browser, await report('20261120T100000000Z-cccccc', root), 'tests');
    expect(await page.locator('#t-status').innerText()).toBe('20000 of 20000 tests shown');
    expect(await page.locator('#view-tests .vlist-row').count()).toBeLessThan(100);
    await page.locator('#view-tests .vlist').focus();
    await page.keyboard.press('End');
    const active = page.locator('#view-tests .vlist-row[aria-selected="true"]');
    expect(await active.isVisible()).toBe(true);
    expect(await active.getAttribute('aria-posinset')).toBe('20000');
    await page.locator('#t-search').fill('number 19999 ');
    expect(await page.locator('#t-status').innerText()).toBe('1 of 20000 tests shown');
    expect(problems).toEqual([]);
  });

  it('passes axe-core on every page of the report', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const file = await report(resumed);
    for (const view of ['run', 'findings', 'tests', 'trace', 'factory']) {
      const { page, problems } = await openReport(browser, file, view);
      // Evaluated through the DevTools protocol: the page's CSP (rightly) refuses any injected <script>.
      await page.evaluate(axeSource);
      // Page code as a string: it runs in the page, where axe and the DOM are.
      const violations = await page.evaluate(
        "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => JSON.stringify(n.target)).join(', ')))",
      );
      expect({ view, violations }).toEqual({ view, violations: [] });
      expect(problems).toEqual([]);
      await page.close();
    }
  });
});
