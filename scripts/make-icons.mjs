// Renders build/icon.svg (the one source drawing) to every size the installers need, with the same
// Chromium the tests use, and packs them for each platform. Run after changing the drawing:
//   node scripts/make-icons.mjs
// Writes build/icons/<n>x<n>.png (the Linux set, AppImage and deb), build/icon.png (512, the fallback),
// build/icon.ico (Windows: 16–256) and build/icon.icns (macOS: 16–1024, with the @2x variants).
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { writeIcns, writeIco } from './icons/containers.mjs';

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

const svg = await readFile('build/icon.svg', 'utf8');
const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/google-chrome'].find(
  (p) => p && existsSync(p),
);
const browser = await chromium.launch({
  ...(executablePath ? { executablePath } : {}),
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage();
await mkdir('build/icons', { recursive: true });
const pngs = new Map();
for (const size of LINUX_SIZES) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
  );
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  pngs.set(size, png);
  await writeFile(`build/icons/${size}x${size}.png`, png);
  if (size === 512) await writeFile('build/icon.png', png);
}
await browser.close();
await writeFile('build/icon.ico', writeIco(ICO_SIZES.map((size) => pngs.get(size))));
await writeFile('build/icon.icns', writeIcns(pngs));
console.log(`Wrote build/icons/{${LINUX_SIZES.join(',')}}.png, build/icon.png, build/icon.ico and build/icon.icns`);
