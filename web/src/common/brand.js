// The firm's brand on the page: its accent colour (config.json `accent`, the emails' too) and
// its logo (`logo`, a path on the page's own site). No DOM; tested in test/unit/brand.test.js.

/** The page's own colour (styles.css `--brand`), kept when the firm's is missing or unreadable. */
export const DEFAULT_ACCENT = '#1f3a5f';
/** WCAG 2's minimum for text: white on the accent, and the accent on white. */
export const MIN_CONTRAST = 4.5;
export const DEFAULT_LOGO = '/brand/logo.png';

/** @param {string} hex `#rrggbb` or `#rgb` @returns {[number, number, number] | null} */
function channels(hex) {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const digits = m[1].length === 3 ? [...m[1]].map((d) => d + d).join('') : m[1];
  return [0, 2, 4].map((at) => parseInt(digits.slice(at, at + 2), 16));
}

/** WCAG 2's contrast ratio between a colour and white. */
export function contrastWithWhite(hex) {
  const rgb = channels(hex);
  if (!rgb) return 0;
  const linear = (/** @type {number} */ c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = rgb.map(linear);
  return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
}

/** `value` as `#rrggbb` when it is a colour white text can be read on, else null. */
export function readableAccent(value) {
  if (typeof value !== 'string') return null;
  const rgb = channels(value);
  if (!rgb || contrastWithWhite(value) < MIN_CONTRAST) return null;
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** The colour `by` of the way to black: hover and pressed states. */
export function darker(hex, by = 0.2) {
  const rgb = channels(hex) ?? [0, 0, 0];
  return `#${rgb.map((c) => Math.round(c * (1 - by)).toString(16).padStart(2, '0')).join('')}`;
}

/** A logo path on the page's own site (never another origin), else the default. */
export function logoPath(value) {
  if (typeof value !== 'string') return DEFAULT_LOGO;
  const path = value.trim();
  return /^\/[A-Za-z0-9][A-Za-z0-9._/-]*\.(png|jpe?g|gif|svg|webp)$/i.test(path) && !path.includes('..') ? path : DEFAULT_LOGO;
}

/** The CSS properties the page sets for a config's accent: the header, buttons and links. */
export function brandProperties(accent) {
  const colour = readableAccent(accent) ?? DEFAULT_ACCENT;
  return { '--brand': colour, '--accent': colour, '--accent-dark': darker(colour) };
}
