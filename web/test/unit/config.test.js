import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig, loadConfig, pageTitle, DEFAULT_ALLOWED_CONTENT_TYPES, DEFAULT_MAX_UPLOAD_BYTES } from '../../src/common/config.js';

test('a full config is kept', () => {
  const c = parseConfig({
    firmName: ' Smith & Jones LLP ',
    firmLanguage: 'es',
    accent: '#7A1F5C',
    logo: '/brand/firm.png',
    apiBase: 'https://api.example.com/',
    maxUploadBytes: 5_000_000,
    allowedContentTypes: ['Application/PDF', 'text/plain; charset=utf-8', 'text/plain'],
  });
  assert.deepEqual(c, {
    firmName: 'Smith & Jones LLP',
    firmLanguage: 'es',
    accent: '#7a1f5c',
    logo: '/brand/firm.png',
    apiBase: 'https://api.example.com',
    maxUploadBytes: 5_000_000,
    allowedContentTypes: ['application/pdf', 'text/plain'],
  });
});

test('missing or bad fields take the defaults', () => {
  const c = parseConfig({ maxUploadBytes: -3, allowedContentTypes: 'pdf' });
  assert.equal(c.firmName, '');
  assert.equal(c.apiBase, '');
  assert.equal(c.maxUploadBytes, DEFAULT_MAX_UPLOAD_BYTES);
  assert.deepEqual(c.allowedContentTypes, DEFAULT_ALLOWED_CONTENT_TYPES);
  assert.deepEqual(parseConfig(null).allowedContentTypes, DEFAULT_ALLOWED_CONTENT_TYPES);
});

test('loading: ok, HTTP error, network error', async () => {
  const ok = await loadConfig(async (url) => {
    assert.equal(url, '/config.json');
    return new Response(JSON.stringify({ firmName: 'Firm', apiBase: '', maxUploadBytes: 10, allowedContentTypes: ['image/png'] }));
  });
  assert.equal(ok.firmName, 'Firm');
  await assert.rejects(loadConfig(async () => new Response('nope', { status: 404 })), /not available right now \(404\)/);
  await assert.rejects(loadConfig(async () => new Response('{not json')), /not set up correctly/);
  await assert.rejects(
    loadConfig(async () => {
      throw new TypeError('Failed to fetch');
    }),
    /can't be reached/,
  );
});

test('the title names the firm', () => {
  assert.equal(pageTitle({ firmName: 'Smith & Jones LLP' }), 'Client portal — Smith & Jones LLP');
  assert.equal(pageTitle(null), 'Client portal');
});
