// Opens planlint's HTML review report in headless Chromium, as a reviewer's browser would,
// with no network and a fresh profile, and checks what a reviewer sees:
//
//   node tests/browser/report.mjs <report.html> <outdir> <indicator rows>
//
// - every request the page makes is recorded, and any that is not file:// or data: fails
//   the test (the report must be self-contained: no CDN, no font server, no script);
// - the DOM: the verdict is shown, the indicator table has exactly one row per indicator
//   the plan must carry (the count planlint computed, given as the third argument), and at
//   least one bullet chart is rendered with a non-zero size;
// - a full-page screenshot (<outdir>/report.png) and the first screen (<outdir>/first-screen.png);
// - printed to PDF on A4 (<outdir>/report.pdf), which must be a non-empty PDF.
//
// Chromium is Debian's /usr/bin/chromium, driven by playwright-core (which downloads no
// browser of its own). Prints one JSON line with what it found; exits 1 on any failure.

import assert from 'node:assert/strict';
import { launch } from './launch.mjs';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [htmlPath, outdir, expectedRows] = process.argv.slice(2);
if (!htmlPath || !outdir || expectedRows === undefined) {
  console.error('usage: node report.mjs <report.html> <outdir> <indicator rows>');
  process.exit(2);
}

const browser = await launch({ seconds: 120, offline: true });
const { context } = browser;

let result;
try {
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  // Nothing leaves the machine even if the page asked: anything but a local file or inline
  // data is aborted (and still recorded above, which fails the test).
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    return route.abort('blockedbyclient');
  });

  const page = context.pages()[0] ?? (await context.newPage());
  const url = pathToFileURL(resolve(htmlPath)).href;
  await page.goto(url, { waitUntil: 'load' });

  const dom = await page.evaluate(() => {
    const charts = Array.from(document.querySelectorAll('table.indicators svg.chart'));
    return {
      title: document.title,
      verdict: document.querySelector('#verdict .word')?.textContent?.trim() ?? '',
      sentence: document.querySelector('#verdict .sentence')?.textContent?.trim() ?? '',
      rows: document.querySelectorAll('table.indicators > tbody > tr.indicator').length,
      charts: charts.length,
      drawn: charts.filter((svg) => {
        const box = svg.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && svg.querySelector('polygon.plan') !== null;
      }).length,
      scripts: document.scripts.length,
    };
  });

  await page.screenshot({ path: join(outdir, 'first-screen.png') });
  await page.screenshot({ path: join(outdir, 'report.png'), fullPage: true });
  const pdfPath = join(outdir, 'report.pdf');
  await page.pdf({ path: pdfPath, format: 'A4', printBackground: true, preferCSSPageSize: true });
  const pdf = readFileSync(pdfPath);

  result = { ...dom, requests, pdfBytes: statSync(pdfPath).size };
  console.log(JSON.stringify(result));

  const offsite = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'));
  assert.deepEqual(offsite, [], 'the page made requests that are not file:// or data:');
  assert.ok(requests.includes(url), 'the report itself was not requested');
  assert.ok(dom.verdict.length > 0, 'no verdict shown');
  assert.ok(dom.sentence.length > 0, 'no verdict sentence shown');
  assert.equal(dom.rows, Number(expectedRows), 'indicator rows differ from the indicators planlint computed');
  assert.ok(dom.drawn >= 1, 'no chart rendered with a size');
  assert.equal(dom.scripts, 0, 'the report contains scripts');
  assert.ok(pdf.length > 1000 && pdf.subarray(0, 5).toString() === '%PDF-', 'the PDF is empty or not a PDF');
} catch (err) {
  console.error(err?.message ?? err);
  process.exitCode = 1;
} finally {
  await browser.close();
}
