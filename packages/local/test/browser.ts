/**
 * A real browser for the end-to-end tests of the platform's pages (the docs portal, the console):
 * Debian's Chromium driven by playwright-core, with no browser download. Where Chromium is missing
 * the tests that need it are skipped, saying so once (.ci/run installs it).
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** `describe` where Chromium is installed, `describe.skip` (with a warning naming the suite) where not. */
export const describeWithBrowser = (suite: string): jest.Describe => {
  if (existsSync(CHROMIUM)) return describe;
  console.warn(`Skipping ${suite}: ${CHROMIUM} is missing (apt-get install chromium; .ci/run does).`);
  return describe.skip;
};

/**
 * Headless, in a fresh profile of playwright's; no network but this machine's (the flags keep
 * Chromium from calling home, which a closed network refuses).
 */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
