import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contrastWithWhite, readableAccent, darker, logoPath, brandProperties, DEFAULT_ACCENT, DEFAULT_LOGO } from '../../src/common/brand.js';
import { parseConfig } from '../../src/common/config.js';

test('an accent is kept only when white text reaches 4.5:1 on it, as the functions require', () => {
  assert.equal(Math.round(contrastWithWhite('#000000') * 100) / 100, 21);
  assert.equal(contrastWithWhite('#ffffff'), 1);
  assert.equal(readableAccent('#767676'), '#767676', '4.54:1');
  assert.equal(readableAccent('#777777'), null, '4.48:1');
  assert.equal(readableAccent('#036'), '#003366');
  assert.equal(readableAccent(' #7A1F5C '), '#7a1f5c');
  for (const bad of ['', 'red', '#ffcc00', '#12345', 42, null]) assert.equal(readableAccent(bad), null, String(bad));
  assert.equal(parseConfig({ accent: '#ffcc00' }).accent, DEFAULT_ACCENT, 'an unreadable accent is refused');
});

test('the page sets the header, buttons and links from the accent, a darker shade for hover', () => {
  assert.equal(darker('#ffffff', 0.2), '#cccccc');
  assert.deepEqual(brandProperties('#7a1f5c'), { '--brand': '#7a1f5c', '--accent': '#7a1f5c', '--accent-dark': '#62194a' });
  assert.equal(brandProperties('#ffcc00')['--brand'], DEFAULT_ACCENT);
});

test('the logo is a path on the page’s own site', () => {
  assert.equal(logoPath('/brand/firm.png'), '/brand/firm.png');
  for (const bad of ['https://evil.example/x.png', '//evil.example/x.png', '/../x.png', 'brand/x.png', '/x.exe', 'javascript:alert(1)', null]) {
    assert.equal(logoPath(bad), DEFAULT_LOGO, String(bad));
  }
});
