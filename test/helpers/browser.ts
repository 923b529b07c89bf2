// Headless Chromium from Debian (chromium-headless-shell or chromium) driven by
// playwright-core: no browser is downloaded. Tests skip with a reason when
// neither is installed (.ci/run installs chromium-headless-shell).

import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './ref.js';

export const CHROMIUM = ['/usr/bin/chromium-headless-shell', '/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium'].find((p) => existsSync(p));

/** where screenshots go: $TSNUT_ARTIFACTS or <repo>/test-artifacts */
export function artifactDir(): string {
  const d = process.env.TSNUT_ARTIFACTS ?? join(REPO, 'test-artifacts');
  mkdirSync(d, { recursive: true });
  return d;
}

export async function launch() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}
