/**
 * The portfolio's phase bars stay visible when empty: the track's outline is a token whose contrast against the
 * page surface is at least 3:1 (WCAG 1.4.11, non-text contrast) in the light and the dark theme, and so is the
 * fallback colour used where no token is injected.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const css = fs.readFileSync(path.join(ROOT, 'static/project-page/src/portfolio.css'), 'utf8');
const tokens = fs.readFileSync(path.join(ROOT, 'src/local/site/browser/tokens.css'), 'utf8');

/** WCAG 2 relative luminance of an opaque #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

function themeToken(mode: 'light' | 'dark', name: string): string {
  const block = tokens.match(new RegExp(`html\\[data-color-mode='${mode}'\\] \\{([^}]*)\\}`))?.[1] ?? '';
  const value = block.match(new RegExp(`--${name}:\\s*(#[0-9a-f]{6})\\b`, 'i'))?.[1];
  if (!value) throw new Error(`no opaque --${name} in the ${mode} tokens`);
  return value;
}

it('outlines the phase bar track with the bold border token (and a fallback of the same contrast)', () => {
  const rule = css.match(/\.phase-bar \{([^}]*)\}/)?.[1] ?? '';
  const border = rule.match(/border:\s*1px solid var\(--(ds-border-bold),\s*(#[0-9a-f]{6})\)/i);
  expect(border).not.toBeNull();
  expect(contrast(border![2], '#ffffff')).toBeGreaterThanOrEqual(3);
  for (const mode of ['light', 'dark'] as const) {
    const ratio = contrast(themeToken(mode, border![1]), themeToken(mode, 'ds-surface'));
    expect(ratio).toBeGreaterThanOrEqual(3);
  }
  // The formula itself: black on white is 21:1, a colour on itself 1:1.
  expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  expect(contrast('#758195', '#758195')).toBe(1);
});
