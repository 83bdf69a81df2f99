// Draws the toolbar icon (a magnifying lens over two stacked news pages) as SVG and rasterises it
// to PNG at 16, 32, 48, 64, 96 and 128 px (every size the two stores and toolbars ask for) for light and dark toolbars, using headless /usr/bin/chromium
// screenshots (no image library needed). Run: `node icons/render-icons.mjs`. The PNGs are
// committed; this script is only rerun when the drawing changes.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const SIZES = [16, 32, 48, 64, 96, 128];

/**
 * Colours per toolbar theme. "on-light" is the dark glyph for light toolbars (Chrome's default and
 * Firefox's light theme); "on-dark" is the light glyph for dark toolbars.
 */
const THEMES = {
  'on-light': { page: '#ffffff', back: '#dbe3ee', ink: '#1f2a37', line: '#6b7a8c', lens: '#0b63c5', glass: '#d6e8ff' },
  'on-dark': { page: '#2b3440', back: '#46515f', ink: '#f1f5f9', line: '#aab6c4', lens: '#7cc0ff', glass: '#1c3a5c' },
};

/** One SVG on a 128-unit grid; small sizes drop the text lines that would only blur at 16 px. */
function svg(theme, size) {
  const c = THEMES[theme];
  const detailed = size >= 32;
  // Strokes get relatively thicker at small sizes so the glyph stays legible on a 16 px toolbar.
  const sw = size <= 16 ? 10 : size <= 32 ? 8 : 6;
  const lines = detailed
    ? [30, 42, 54, 66].map((y, i) => `<line x1="34" y1="${y}" x2="${i === 3 ? 58 : 76}" y2="${y}" stroke="${c.line}" stroke-width="${sw * 0.75}" stroke-linecap="round"/>`).join('')
    : `<line x1="34" y1="34" x2="70" y2="34" stroke="${c.line}" stroke-width="${sw}" stroke-linecap="round"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 128 128">
  <rect x="34" y="6" width="70" height="90" rx="8" fill="${c.back}" stroke="${c.ink}" stroke-width="${sw}"/>
  <rect x="18" y="16" width="70" height="92" rx="8" fill="${c.page}" stroke="${c.ink}" stroke-width="${sw}"/>
  <g transform="translate(-8 0)">${lines}</g>
  <line x1="96" y1="96" x2="120" y2="120" stroke="${c.ink}" stroke-width="${sw * 2.2}" stroke-linecap="round"/>
  <circle cx="78" cy="78" r="${detailed ? 28 : 30}" fill="${c.glass}" fill-opacity="0.92" stroke="${c.lens}" stroke-width="${sw * 1.5}"/>
  ${detailed ? `<path d="M62 70 a18 18 0 0 1 14 -12" fill="none" stroke="${c.page}" stroke-width="${sw * 0.8}" stroke-linecap="round" opacity="0.9"/>` : ''}
</svg>`;
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const theme of Object.keys(THEMES)) {
    await writeFile(join(HERE, `lens-${theme}.svg`), svg(theme, 128));
    for (const size of SIZES) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg(theme, size)}</body></html>`);
      const png = await page.locator('svg').screenshot({ omitBackground: true });
      const out = join(HERE, `lens-${theme}-${size}.png`);
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, png);
      console.log(`${out} (${png.length} bytes)`);
    }
  }
} finally {
  await browser.close();
}
