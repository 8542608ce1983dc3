// Debian's Chromium driven by playwright-core (never `playwright install`: no downloads here).
// Playwright gives each launch a fresh, empty profile.
import { chromium } from 'playwright-core';
import { CHROMIUM } from './setup.mjs';

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
