// Uses the review page of `planlint serve` in headless Chromium as a reviewer would:
//
//   node tests/browser/serve.mjs <page url> <document.docx> <outdir> <indicator rows>
//
// - opens the page and waits for the parent picker to fill;
// - chooses a picture named .txt, and checks that a clear message is shown and the check
//   button stays off (<outdir>/serve-error.png);
// - chooses the document (setInputFiles) and checks that the parent proposed from its
//   basis is preselected (screenshot <outdir>/serve-chosen.png);
// - presses the check button, waits for the verdict, and reads the report in its frame:
//   its verdict and its indicator table, which must have the rows planlint computed
//   (screenshots <outdir>/serve-result.png, the whole page, and serve-first-screen.png);
// - downloads the report and the imported plan file and checks what they hold;
// - switches to English once and waits for the English verdict and report
//   (<outdir>/serve-english.png);
// - every request is recorded, and any that leaves the server's origin fails the test
//   (and is aborted).
//
// Chromium is Debian's /usr/bin/chromium, driven by playwright-core (which downloads no
// browser). Prints one JSON line with what it found; exits 1 on any failure.

import assert from 'node:assert/strict';
import { launch } from './launch.mjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [pageUrl, documentPath, outdir, expectedRows] = process.argv.slice(2);
if (!pageUrl || !documentPath || !outdir || expectedRows === undefined) {
  console.error('usage: node serve.mjs <page url> <document.docx> <outdir> <indicator rows>');
  process.exit(2);
}
const origin = new URL(pageUrl).origin;

const browser = await launch({
  seconds: 150,
  acceptDownloads: true,
  // The page then jumps to the result instead of scrolling smoothly, so that the
  // screenshots do not catch it mid-way.
  reducedMotion: 'reduce',
});
const { context } = browser;

let result;
try {
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  // Only the server itself, and the page's own in-memory documents, are let through.
  const local = (url) =>
    url.startsWith(`${origin}/`) || url.startsWith('blob:') || url.startsWith('data:') || url.startsWith('about:');
  await context.route('**/*', (route) => {
    if (local(route.request().url())) return route.continue();
    return route.abort('blockedbyclient');
  });

  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  const consoleLines = [];
  page.on('console', (message) => consoleLines.push(message.text()));
  await page.goto(pageUrl, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelectorAll('#parent option').length > 1);
  const title = await page.title();

  // A wrong file first: a picture named .txt gets a clear message, and nothing to check.
  await page.setInputFiles('#file', {
    name: 'scan.txt',
    mimeType: 'text/plain',
    buffer: Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64)]),
  });
  await page.waitForSelector('#file-error:not([hidden])');
  const wrongFile = (await page.textContent('#file-error')).trim();
  const wrongFileButton = await page.$eval('#check', (b) => b.disabled);
  await page.screenshot({ path: join(outdir, 'serve-error.png') });

  // Step 1: the document. The parent its basis names is proposed and selected.
  await page.setInputFiles('#file', documentPath);
  await page.waitForFunction(() => !document.querySelector('#check').disabled);
  const errorGone = await page.$eval('#file-error', (e) => e.hidden);
  const proposed = await page.$eval('#parent', (s) => s.value);
  const hint = await page.$eval('#parent-hint', (p) => p.textContent);
  const inspect = await page.$eval('#inspect', (d) => d.textContent);
  await page.screenshot({ path: join(outdir, 'serve-chosen.png') });

  // Step 2: pick it (as a reviewer confirming the proposal would), then check.
  await page.selectOption('#parent', proposed);
  await page.click('#check');
  await page.waitForSelector('#verdict-word', { timeout: 60_000 });
  await page.waitForFunction(() => {
    const frame = document.querySelector('#report');
    return frame.contentDocument && frame.contentDocument.querySelector('#verdict .word');
  });
  const verdict = (await page.textContent('#verdict-word')).trim();
  const report = page.frameLocator('#report');
  const reportVerdict = (await report.locator('#verdict .word').first().textContent()).trim();
  const why = await report.locator('#verdict .incomplete').allTextContents();
  const rows = await report.locator('table.indicators > tbody > tr.indicator').count();
  const firstRow = (await report.locator('table.indicators > tbody > tr.indicator').first().textContent()).trim();
  const frameScripts = await page.$eval('#report', (f) => f.contentDocument.scripts.length);
  const problems = await page.$eval('#problems', (d) => (d.hidden ? 0 : d.querySelectorAll('li').length));
  await page.screenshot({ path: join(outdir, 'serve-first-screen.png') });
  await page.screenshot({ path: join(outdir, 'serve-result.png'), fullPage: true });

  // The downloads: the report as one HTML file, and the imported plan file.
  const [reportDownload] = await Promise.all([page.waitForEvent('download'), page.click('#download-report')]);
  const reportFile = join(outdir, 'serve-download-report.html');
  await reportDownload.saveAs(reportFile);
  const reportText = readFileSync(reportFile, 'utf8');
  const [planDownload] = await Promise.all([page.waitForEvent('download'), page.click('#download-plan')]);
  const planFile = join(outdir, 'serve-download.plan.yaml');
  await planDownload.saveAs(planFile);
  const planText = readFileSync(planFile, 'utf8');

  // Print: the report's frame is printed (headless Chromium has no dialog; the call must
  // not fail, and the page must go on answering).
  await page.click('#print');
  const afterPrint = await page.evaluate(() => document.querySelector('#verdict-word').textContent);

  // English: the labels at once, then the report asked again in English.
  await page.click('#lang');
  await page.waitForFunction(() => {
    const frame = document.querySelector('#report');
    const doc = frame.contentDocument;
    return doc && doc.documentElement && doc.documentElement.lang === 'en' && doc.querySelector('#verdict .word');
  }, null, { timeout: 60_000 });
  const verdictEn = (await page.textContent('#verdict-word')).trim();
  const reportVerdictEn = (await report.locator('#verdict .word').first().textContent()).trim();
  const buttonEn = (await page.textContent('#check')).trim();
  await page.screenshot({ path: join(outdir, 'serve-english.png'), fullPage: true });

  // Step 3: a draft that names no plan it implements, checked with no parent: nothing is
  // compared, so the verdict is "Undetermined" (无法判定) and says why — never a pass.
  await page.setInputFiles('#file', {
    name: 'draft.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('草原旗卫生健康事业发展规划\n\n第一章 发展基础\n\n2020年，全旗人均预期寿命达到77岁。\n'),
  });
  await page.waitForFunction(() => !document.querySelector('#check').disabled);
  await page.selectOption('#parent', '');
  await page.click('#check');
  await page.waitForFunction(() => {
    const frame = document.querySelector('#report');
    const doc = frame.contentDocument;
    return doc && doc.querySelector('#verdict .word') && doc.title.includes('草原旗');
  }, null, { timeout: 60_000 });
  const undetermined = (await page.textContent('#verdict-word')).trim();
  const undeterminedReport = (await report.locator('#verdict .word').first().textContent()).trim();
  const undeterminedWhy = (await report.locator('#verdict .incomplete').first().textContent()).trim();
  await page.screenshot({ path: join(outdir, 'serve-undetermined.png'), fullPage: true });

  const offsite = requests.filter((u) => !local(u));
  result = {
    title,
    wrongFile,
    proposed,
    hint,
    inspect,
    verdict,
    reportVerdict,
    why: why.join(' ').trim(),
    rows,
    firstRow,
    problems,
    afterPrint,
    console: consoleLines,
    verdictEn,
    reportVerdictEn,
    buttonEn,
    undetermined,
    undeterminedReport,
    undeterminedWhy,
    reportName: reportDownload.suggestedFilename(),
    planName: planDownload.suggestedFilename(),
    requests: requests.length,
    offsite,
    errors,
  };
  console.log(JSON.stringify(result));

  assert.deepEqual(offsite, [], 'the page made requests beyond its server');
  assert.deepEqual(errors, [], 'the page threw');
  assert.ok(!consoleLines.some((l) => /Ignored call to 'print\(\)'|Content Security Policy/.test(l)),
    'printing was blocked, or the page broke its own content policy');
  assert.ok(wrongFile.includes('PNG'), 'no clear message for a picture named .txt');
  assert.ok(wrongFileButton, 'a file that cannot be read can still be checked');
  assert.ok(errorGone, 'the message about the wrong file stays after a good one');
  assert.ok(proposed, 'no parent preselected');
  assert.ok(inspect.length > 0, 'nothing shown after choosing the file');
  assert.equal(rows, Number(expectedRows), 'indicator rows differ from what planlint computed');
  assert.equal(frameScripts, 0, 'the report frame holds scripts');
  assert.ok(reportText.startsWith('<!DOCTYPE html>'), 'the downloaded report is not the HTML report');
  assert.ok(planText.includes(`parent: "${proposed}"`), 'the downloaded plan file names another parent');
  assert.ok(verdictEn.startsWith('Verdict:'), 'the English switch did not relabel the verdict');
  assert.equal(buttonEn, 'Review', 'the English switch did not relabel the button');
  assert.equal(undeterminedReport, 'Undetermined', 'a plan compared with nothing was given a verdict');
  assert.ok(/parent/i.test(undeterminedWhy), 'the undetermined verdict does not say the parent is missing');
} catch (err) {
  console.error(err?.message ?? err);
  process.exitCode = 1;
} finally {
  await browser.close();
}
