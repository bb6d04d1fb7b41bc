import type { Locator, Page } from 'playwright-core';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Opens a react-aria Select by its label and picks an option. The select's button is named
 * "<current value> <label>", so it is found by a name that ends with the label.
 */
export async function chooseOption(page: Page, fieldLabel: string, option: string | RegExp, scope: Page | Locator = page): Promise<void> {
  await scope.getByRole('button', { name: new RegExp(`${escapeRegExp(fieldLabel)}$`) }).click();
  await page.getByRole('option', { name: option }).click();
}

/** Picks options of a multiple-choice select and closes it. */
export async function chooseOptions(page: Page, fieldLabel: string, options: Array<string | RegExp>): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`${escapeRegExp(fieldLabel)}$`) }).click();
  for (const option of options) await page.getByRole('option', { name: option }).click();
  await page.keyboard.press('Escape');
}

/** Types into a CPV picker (react-aria ComboBox) and picks the suggestion with that code. */
export async function chooseCpv(page: Page, fieldLabel: string, search: string, code: string): Promise<void> {
  const input = page.getByRole('combobox', { name: fieldLabel, exact: true });
  await input.fill(search);
  await page.getByRole('option', { name: new RegExp(`^${code}`) }).click();
}

/** The text of the elements that describe a control (aria-describedby): hints and errors. */
export function descriptionOf(locator: Locator): Promise<string> {
  return locator.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

/** What has focus: its role-ish tag and text, for keyboard tests. */
export function focused(page: Page): Promise<{ tag: string; text: string; label: string | null }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return { tag: element?.tagName.toLowerCase() ?? '', text: element?.textContent?.trim() ?? '', label: element?.getAttribute('aria-label') ?? null };
  });
}

/**
 * Waits on the page's state instead of a fixed sleep: nothing marked busy, no "Laddar…" status,
 * no CSS animation or transition still running, and two frames painted since (React has
 * committed what the last answer changed). Axe scans and assertions then see the final page.
 */
export async function waitForSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      !document.querySelector('[aria-busy="true"]') &&
      ![...document.querySelectorAll('[role=status]')].some((e) => /Laddar|Loading/.test(e.textContent ?? '')) &&
      document.getAnimations().every((a) => a.playState !== 'running'),
  );
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}
