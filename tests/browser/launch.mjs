// Debian's Chromium as the browser tests start it: headless, no sandbox (CI runs as root),
// no background networking (this machine's network is closed), a fresh empty profile, and
// a watchdog so that a hung browser cannot hang the test suite.
//
//   const browser = await launch({ seconds: 120, ...playwrightContextOptions });
//   try { … browser.context … } finally { await browser.close(); }

import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function launch({ seconds, ...options }) {
  const watchdog = setTimeout(() => {
    console.error(`timed out after ${seconds} s`);
    process.exit(1);
  }, seconds * 1000);
  const profile = mkdtempSync(join(tmpdir(), 'planlint-chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      clearTimeout(watchdog);
    },
  };
}
