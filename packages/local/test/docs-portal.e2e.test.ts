/**
 * The docs portal in a real browser: Debian's Chromium driven by playwright-core (no browser
 * download) against the platform as `pnpm start` runs it. It loads, lists every service's
 * operations (catalog's v1 and v2), and a "Try it out" call reaches the platform and succeeds.
 */
import type { Browser, Page } from 'playwright-core';
import type { RunningPlatform } from '../src/launcher';
import { startPlatform } from '../src/launcher';
import { describeWithBrowser, launchChromium } from './browser';

jest.setTimeout(180_000);

describeWithBrowser('the docs portal browser test')('the docs portal at /docs', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`${platform.url}/docs`);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  /** Picks one API document in Swagger UI's definition selector and waits for its operations. */
  const show = async (name: string) => {
    await page.locator('.download-url-wrapper select').selectOption({ label: name });
    await page.locator('.information-container .title').filter({ hasText: 'Emporium' }).first().waitFor();
    await page.locator('.opblock').first().waitFor();
  };

  const paths = async () => page.locator('.opblock .opblock-summary-path').allInnerTexts();

  it('loads Swagger UI with every service and version to choose from', async () => {
    expect(await page.title()).toBe('Emporium API docs');
    const options = await page.locator('.download-url-wrapper select option').allInnerTexts();
    expect(options).toEqual(expect.arrayContaining(['catalog v1', 'catalog v2', 'developers v1', 'orders v1', 'users v1']));
  });

  it.each([
    ['catalog v1', 'Emporium Catalog API', ['/products', '/products/{id}', '/reservations', '/reservations/{id}/release', '/openapi.json']],
    [
      'catalog v2',
      'Emporium Catalog API',
      ['/products', '/products/{id}', '/products/{id}/stock', '/reservations', '/reservations/{id}/release', '/openapi.json'],
    ],
    ['users v1', 'Emporium Users API', ['/', '/sessions', '/me', '/{id}', '/.well-known/jwks.json', '/service-tokens']],
    ['orders v1', 'Emporium Orders API', ['/', '/{id}', '/{id}/cancel', '/{id}/status']],
    ['developers v1', 'Emporium Developers API', ['/apps', '/apps/{id}', '/apps/{id}/key/rotate', '/apps/{id}/key', '/apps/{id}/usage']],
  ])('lists the operations of %s', async (name, title, expected) => {
    await show(name);
    await page.locator('.information-container .title').filter({ hasText: title }).waitFor();
    const shown = (await paths()).map((text) => text.replace(/\u200b/g, '').trim());
    expect(shown).toEqual(expect.arrayContaining(expected));
  });

  it.each([
    ['catalog v1', true],
    ['catalog v2', false],
  ])('runs "Try it out" against the platform: %s GET /products answers 200 with products (deprecation headers shown: %s)', async (name, deprecated) => {
    await page.goto(`${platform.url}/docs`); // a fresh page: no operation left open (deep links)
    await show(name);
    const operation = page.locator('#operations-Products-listProducts');
    await operation.locator('.opblock-summary').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    await operation.getByRole('button', { name: 'Execute' }).click();
    const status = operation.locator('.live-responses-table .response .response-col_status');
    await status.waitFor();
    expect((await status.innerText()).trim()).toBe('200');
    const answer = await operation.locator('.live-responses-table .response .response-col_description').innerText();
    expect(answer).toContain('"items"');
    expect(answer.includes('deprecation: @')).toBe(deprecated);
    expect(answer.includes('rel="successor-version"')).toBe(deprecated);
  });
});
