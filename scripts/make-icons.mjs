// Renders build/icon.svg (the one source drawing) to the PNG sizes installers need, with the same
// Chromium the tests use. Run after changing the drawing: node scripts/make-icons.mjs
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];
const svg = await readFile('build/icon.svg', 'utf8');
const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));
const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await mkdir('build/icons', { recursive: true });
for (const size of SIZES) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  await writeFile(`build/icons/${size}x${size}.png`, png);
  if (size === 512) await writeFile('build/icon.png', png);
}
await browser.close();
console.log(`Wrote build/icon.png and build/icons/{${SIZES.join(',')}}.png`);
