// Opens report pages in Debian's Chromium through playwright-core, with a fresh profile and nothing that talks to the
// network, and records what a page logs, throws and requests.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

export const CHROMIUM = process.env.ANDON_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Whether browser tests can run; on CI (CI=true) a missing browser is a failure, not a reason to skip. */
export function browserAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(path.join(tmpdir(), 'andon-chromium-'));
  // A persistent context is how Playwright takes a --user-data-dir: a fresh one per launch.
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true, viewport: { width: 1280, height: 900 } });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface OpenedPage {
  page: Page;
  /** Console messages of type error or warning, and uncaught exceptions. */
  problems: string[];
  /** Every request the page made, the page itself included. */
  requests: string[];
}

/** Opens a report file and waits until its script has drawn the first page. */
export async function openReport(browser: Browser, file: string, hash = ''): Promise<OpenedPage> {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`file://${file}${hash ? `#${hash}` : ''}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  return { page, problems, requests };
}
