// playwright.config.ts: the app and databrain-mock start in a global setup, each on a free port.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.pw.ts',
  globalSetup: './global-setup.ts',
  // The tests share one running mock: one at a time, each from a reset.
  workers: 1,
  reporter: [['list'], ['json', { outputFile: '../../../test-results/playwright.json' }]],
  outputDir: '../../../test-results/playwright',
  use: {
    browserName: 'chromium',
    // Debian's headless Chromium (apt-get install chromium-headless-shell); no browser is downloaded.
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] || '/usr/bin/chromium-headless-shell',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
  },
});
