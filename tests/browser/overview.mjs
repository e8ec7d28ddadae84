// Opens planlint's overview page in headless Chromium, with no network and a fresh profile,
// and uses it as a reviewer would:
//
//   node tests/browser/overview.mjs <overview.html> <outdir>
//
// - every request is recorded; any that is not file:// or data: fails the test, and the
//   page must hold no script;
// - the verdict filter: choosing 不通过 leaves only the failing plans shown;
// - the parent filter: choosing a parent leaves only its plans and its matrix shown;
// - the sorts: by errors, the first row shown has the most errors;
// - screenshots of the screen (<outdir>/overview.png) and of the print view
//   (<outdir>/overview-print.png), and the page printed on A3 landscape (<outdir>/overview.pdf).
//
// Prints one JSON line with what it found; exits 1 on any failure.

import assert from 'node:assert/strict';
import { launch } from './launch.mjs';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [htmlPath, outdir] = process.argv.slice(2);
if (!htmlPath || !outdir) {
  console.error('usage: node overview.mjs <overview.html> <outdir>');
  process.exit(2);
}

const browser = await launch({ seconds: 120, offline: true, viewport: { width: 1500, height: 1000 } });
const { context } = browser;

// The plan rows shown, in the order they are laid out on the screen.
const shown = () =>
  Array.from(document.querySelectorAll('table.plans tbody tr.plan'))
    .filter((tr) => getComputedStyle(tr).display !== 'none')
    .map((tr) => ({
      top: tr.getBoundingClientRect().top,
      outcome: tr.dataset.outcome,
      error: Number(tr.dataset.error),
      group: tr.className,
    }))
    .sort((a, b) => a.top - b.top);

try {
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const url = pathToFileURL(resolve(htmlPath)).href;
  await page.goto(url, { waitUntil: 'load' });

  const all = await page.evaluate(shown);
  const scripts = await page.evaluate(() => document.scripts.length);
  await page.screenshot({ path: join(outdir, 'overview.png'), fullPage: true });

  // The verdict filter.
  await page.check('#v-fails');
  const fails = await page.evaluate(shown);
  assert.ok(fails.length > 0, 'no failing plan shown');
  assert.ok(fails.every((r) => r.outcome === 'fails'), 'the verdict filter shows other verdicts');
  const matrixFails = await page.evaluate(() =>
    Array.from(document.querySelectorAll('tr.member'))
      .filter((tr) => getComputedStyle(tr).display !== 'none')
      .every((tr) => tr.dataset.outcome === 'fails'));
  assert.ok(matrixFails, 'the matrix shows plans of other verdicts');
  await page.check('#v-all');

  // The parent filter: the second parent in the list.
  const option = await page.evaluate(() => document.querySelectorAll('#parent option')[2].value);
  await page.selectOption('#parent', option);
  const byParent = await page.evaluate(shown);
  const groups = await page.evaluate(() =>
    Array.from(document.querySelectorAll('details.group'))
      .filter((d) => getComputedStyle(d).display !== 'none').length);
  assert.ok(byParent.length > 0 && byParent.length < all.length, 'the parent filter shows nothing or everything');
  assert.ok(byParent.every((r) => r.group.split(' ').includes(option)), 'the parent filter shows other plans');
  assert.equal(groups, 1, 'the parent filter leaves other matrices');
  await page.selectOption('#parent', '');

  // Sorting by errors puts the plan with the most errors first.
  await page.check('#s-errors');
  const sorted = await page.evaluate(shown);
  const most = Math.max(...all.map((r) => r.error));
  assert.equal(sorted[0].error, most, 'sorting by errors does not put the most errors first');
  assert.ok(most > 0, 'no plan has an error: the sort is not tested');
  await page.check('#s-default');

  // Print: the print view as a picture, and the PDF on A3 landscape (the page's own @page).
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: join(outdir, 'overview-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  const pdfPath = join(outdir, 'overview.pdf');
  await page.pdf({ path: pdfPath, printBackground: true, preferCSSPageSize: true });
  const pdf = readFileSync(pdfPath);

  console.log(JSON.stringify({ rows: all.length, fails: fails.length, byParent: byParent.length, groups, scripts, requests: requests.length }));
  const offsite = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'));
  assert.deepEqual(offsite, [], 'the page made requests that are not file:// or data:');
  assert.equal(scripts, 0, 'the overview contains scripts');
  assert.ok(pdf.length > 1000 && pdf.subarray(0, 5).toString() === '%PDF-', 'the PDF is empty or not a PDF');
} catch (err) {
  console.error(err?.message ?? err);
  process.exitCode = 1;
} finally {
  await browser.close();
}
