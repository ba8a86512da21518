// The local stack as the browser tests see it: the staff API (to set up matters, contacts,
// documents and shares), the mail the emulator captured, and unique ids. Started by
// scripts/browser-test.sh, which sets PORTAL_URL, STAFF_TOKEN and AWS_ENDPOINT_URL.

import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { until } from './waits.js';

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the browser tests with scripts/browser-test.sh`);
  }
  return value;
}

export const PORTAL_URL = required('PORTAL_URL').replace(/\/+$/, '');
const STAFF_TOKEN = required('STAFF_TOKEN');
const EMULATOR = required('AWS_ENDPOINT_URL').replace(/\/+$/, '');
/** Where presigned links point (path-style URLs on the emulator). */
export const BUCKET_ORIGIN = new URL(EMULATOR).origin;

/** A short suffix that keeps each test's matters, contacts and names apart. */
export function uid() {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** A contact nobody else uses: {contactId, email, name}. */
export function newContact(name = 'Jane Client') {
  const id = uid();
  const local = name.toLowerCase().replace(/[^a-z]+/g, '.').replace(/^\.|\.$/g, '') || 'client';
  return { contactId: `c-${id}`, email: `${local}.${id}@client.example`, name };
}

/** The SHA-256 of some bytes, base64, as the pages compute it and S3 checks it. */
export function sha256Of(bytes) {
  return createHash('sha256').update(bytes).digest('base64');
}

/** The bytes a presigned GET serves. */
export async function bytesAt(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  assert.equal(response.status, 200, `GET ${url}`);
  return Buffer.from(await response.arrayBuffer());
}

/** A day from the firm's today (the local stack's firm is in New York), as YYYY-MM-DD. */
export function firmDay(offset) {
  const at = new Date(Date.now() + offset * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(at);
}

/** Bytes that pass the service's check of a PDF's first bytes; `size` in all. */
export function pdfBytes(size, label = 'test') {
  const head = Buffer.from(`%PDF-1.7\n% ${label}\n`, 'latin1');
  return Buffer.concat([head, randomBytes(Math.max(0, size - head.length))]);
}

/**
 * A real PDF of `pages` pages (page N says "Page N of the letter"), written object by object
 * with a correct cross-reference table, for what the service must parse (stamped copies).
 */
export function letterPdf(pages) {
  const font = 3 + 2 * pages;
  const kids = Array.from({ length: pages }, (_, i) => `${3 + 2 * i} 0 R`).join(' ');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> >> >>`,
  ];
  for (let i = 0; i < pages; i += 1) {
    const text = `BT /F1 12 Tf 72 700 Td (Page ${i + 1} of the letter) Tj ET`;
    objects.push(`<< /Type /Page /Parent 2 0 R /Contents ${4 + 2 * i} 0 R >>`);
    objects.push(`<< /Length ${text.length} >>\nstream\n${text}\nendstream`);
  }
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>');
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) out += `${String(at).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * One call to the staff API through the dev server (same origin as the page).
 * @returns {Promise<any>} the parsed body (null when empty)
 */
async function staff(method, path, body, { ok = [200, 201, 204] } = {}) {
  const response = await fetch(`${PORTAL_URL}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${STAFF_TOKEN}`,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (!ok.includes(response.status)) {
    throw new Error(`staff ${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  return text ? JSON.parse(text) : null;
}

const firmOwner = { id: 'staff-browser-tests', email: 'ann.lawyer@firm.example', name: 'Ann Lawyer' };

/** Saves a new matter; returns {matterId, title}. */
export async function createMatter(title) {
  const matterId = `m-${uid()}`;
  await staff('PUT', `/matters/${matterId}`, { title, owner: firmOwner });
  return { matterId, title };
}

/** Grants a contact access to a matter (the first grant emails an invitation). */
export async function grantAccess(matterId, contact, { canDownload, language = undefined }) {
  return staff('PUT', `/matters/${matterId}/contacts/${contact.contactId}`, {
    email: contact.email,
    name: contact.name,
    canDownload,
    ...(language ? { language } : {}),
  });
}

/** Revokes a contact's access: their sessions end at once. */
export async function revokeAccess(matterId, contactId) {
  await staff('DELETE', `/matters/${matterId}/contacts/${contactId}`, undefined, { ok: [204] });
}

/**
 * Registers a firm document, PUTs its bytes to the presigned URL with the signed headers,
 * and waits until the S3 trigger has made it available.
 * @returns {Promise<{documentId: string, fileName: string, contentType: string, bytes: Buffer}>}
 */
export async function addDocument(matterId, { fileName, contentType, bytes }) {
  const intent = await staff('POST', `/matters/${matterId}/documents`, {
    fileName,
    contentType,
    size: bytes.length,
    checksumSha256: sha256Of(bytes),
  });
  const headers = Object.fromEntries(
    Object.entries(intent.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-length'),
  );
  const put = await fetch(intent.url, {
    method: intent.method || 'PUT',
    headers,
    body: bytes,
    signal: AbortSignal.timeout(30_000),
  });
  assert.ok(put.ok, `PUT of ${fileName} to the bucket answered ${put.status}`);
  await until(
    async () => {
      const page = await staff('GET', `/matters/${matterId}/documents`);
      const doc = (page.items ?? []).find((d) => d.documentId === intent.documentId);
      assert.notEqual(doc?.status, 'rejected', `${fileName} was rejected: ${doc?.rejectionReason}`);
      return doc?.status === 'available';
    },
    { timeout: 20_000, interval: 200, what: `${fileName} to become available` },
  );
  return { documentId: intent.documentId, fileName, contentType, bytes };
}

/** Shares documents of a matter with contacts (extra: {downloadLimit}, {message}). */
export async function share(matterId, documentIds, contactIds, extra = {}) {
  return staff('POST', `/matters/${matterId}/shares`, { documentIds, contactIds, ...extra });
}

/** A staff GET of the API (JSON), for reading what the service holds. */
export async function staffGet(path) {
  return staff('GET', path);
}

/** Every mail the emulator accepted, oldest first, read a page at a time. */
export async function allMail() {
  const newestFirst = [];
  for (;;) {
    const url = `${EMULATOR}/_local/mail?limit=200&offset=${newestFirst.length}`;
    const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
    if (!response.ok) return [];
    const { items = [] } = await response.json();
    if (items.length === 0) break;
    newestFirst.push(...items);
  }
  return newestFirst.reverse().map((m) => ({
    to: m.to ?? [],
    reaching: [...(m.to ?? []), ...(m.cc ?? []), ...(m.bcc ?? [])],
    subject: String(m.subject ?? ''),
    body: String(m.body ?? ''),
    html: String(m.html ?? ''),
  }));
}

/** The mail the emulator captured for an address (its To), oldest first. */
export async function mailTo(address) {
  return (await allMail()).filter((m) => m.to.includes(address));
}

const LINK = /(https?:\/\/\S+?#invite=[A-Za-z0-9_-]+)/;

/**
 * The portal link of the newest mail to `address` whose subject matches, once at least
 * `count` such mails have arrived.
 */
export async function linkFromMail(address, { subject = /invited you/, count = 1 } = {}) {
  const mails = await until(
    async () => {
      const matching = (await mailTo(address).catch(() => [])).filter((m) => subject.test(m.subject));
      return matching.length >= count ? matching : null;
    },
    { timeout: 20_000, interval: 200, what: `mail to ${address} matching ${subject}` },
  );
  const newest = mails[mails.length - 1];
  const match = LINK.exec(newest.body);
  assert.ok(match, `the mail "${newest.subject}" has a portal link:\n${newest.body}`);
  return match[1];
}

/** Takes a view or download link as the contact, from outside the page: the status. */
export async function takeLink(documentId, disposition, sessionToken) {
  const response = await fetch(`${PORTAL_URL}/portal/documents/${documentId}/links`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sessionToken}`, accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify({ disposition }),
    signal: AbortSignal.timeout(15_000),
  });
  await response.text();
  return response.status;
}

/** A portal API call with a contact's session token, from outside the page. */
export async function portalCall(method, path, sessionToken) {
  const response = await fetch(`${PORTAL_URL}${path}`, {
    method,
    headers: { authorization: `Bearer ${sessionToken}`, accept: 'application/json' },
    signal: AbortSignal.timeout(15_000),
  });
  return response.status;
}
