// The console's logic without a DOM: list paths and sorting, routes, matter settings, the
// sections' texts and checks, the staff API client and the console's config.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  mattersListPath,
  sharesPath,
  normalizeSharesQuery,
  toggleSort,
  ariaSort,
  shareKey,
  rowsForChosen,
  contactFilterFor,
  contactsPath,
  documentPath,
  sharePath,
} from '../../src/console/staff-query.js';
import { appendUnique } from '../../src/common/query.js';
import { parseRoute, routeHash, leavesSettings } from '../../src/console/routes.js';
import {
  newDraft,
  draftFromMatter,
  changedFields,
  withOwner,
  withRecipient,
  validateDraft,
  personProblem,
  toMatterInput,
  peopleChoices,
  sameDraft,
} from '../../src/console/settings.js';
import {
  validateGrant,
  grantMessage,
  nextResendAt,
  invitationState,
  revokeConfirmText,
  deleteConfirmText,
  shareMessage,
  originLabel,
  accessSummary,
  shareableContacts,
  shareableDocuments,
} from '../../src/console/sections.js';
import { createStaffApi, firmUploadAdapter, uploadStatusOf, STAFF_MESSAGES } from '../../src/console/staff-api.js';
import { parseConsoleConfig, loadConsoleConfig, loadLocalToken } from '../../src/console/staff-config.js';

const ann = { id: 'ann', email: 'ann@firm.example', name: 'Ann Lawyer' };
const bob = { id: 'bob', email: 'bob@firm.example', name: 'Bob Partner' };

test('list paths: matters searched and paged, shares with contact, search, sort and order', () => {
  assert.equal(mattersListPath(), '/matters?limit=25');
  assert.equal(mattersListPath({ q: '  Smith  ', cursor: 'c1', limit: 10 }), '/matters?q=Smith&limit=10&cursor=c1');
  assert.equal(sharesPath('m 1', { contactId: 'c-1', q: 'lease', sort: 'created', order: 'asc' }, { cursor: 'x' }),
    '/matters/m%201/shares?contactId=c-1&q=lease&sort=created&order=asc&limit=50&cursor=x');
  assert.equal(sharesPath('m1', {}), '/matters/m1/shares?sort=name&order=asc&limit=50');
  assert.deepEqual(normalizeSharesQuery({ sort: 'bogus', order: 'up', contactId: 'bad id!' }), { contactId: '', q: '', sort: 'name', order: 'asc' });
  assert.equal(normalizeSharesQuery({ sort: 'activity' }).order, 'desc');
  assert.equal(contactsPath('m1'), '/matters/m1/contacts?limit=200');
  assert.equal(documentPath('m1', 'd/1'), '/matters/m1/documents/d%2F1');
  assert.equal(sharePath('m1', 'd1', 'c1'), '/matters/m1/shares/d1/c1');
});

test('clicking a column header: same column flips, another starts at its default', () => {
  assert.deepEqual(toggleSort({ sort: 'name', order: 'asc' }, 'name'), { sort: 'name', order: 'desc' });
  assert.deepEqual(toggleSort({ sort: 'name', order: 'desc' }, 'name'), { sort: 'name', order: 'asc' });
  assert.deepEqual(toggleSort({ sort: 'name', order: 'asc' }, 'created'), { sort: 'created', order: 'desc' });
  assert.deepEqual(toggleSort({ sort: 'created', order: 'desc' }, 'activity'), { sort: 'activity', order: 'desc' });
  assert.equal(ariaSort({ sort: 'name', order: 'asc' }, 'name'), 'ascending');
  assert.equal(ariaSort({ sort: 'name', order: 'desc' }, 'name'), 'descending');
  assert.equal(ariaSort({ sort: 'name', order: 'asc' }, 'created'), 'none');
});

test('pages append without repeats; chosen contacts filter the rows', () => {
  const a = { documentId: 'd1', contactId: 'c1' };
  const b = { documentId: 'd1', contactId: 'c2' };
  const c = { documentId: 'd2', contactId: 'c3' };
  assert.deepEqual(appendUnique([a], [a, b], shareKey), [a, b]);
  assert.deepEqual(rowsForChosen([a, b, c], []), [a, b, c]);
  assert.deepEqual(rowsForChosen([a, b, c], ['c1']), [a, b, c], 'one contact is filtered by the service');
  assert.deepEqual(rowsForChosen([a, b, c], ['c1', 'c3']), [a, c]);
  assert.equal(contactFilterFor(['c1']), 'c1');
  assert.equal(contactFilterFor(['c1', 'c2']), '');
  assert.equal(contactFilterFor([]), '');
});

test('routes: list, set up, a matter section; anything else is the list', () => {
  assert.deepEqual(parseRoute(''), { view: 'matters' });
  assert.deepEqual(parseRoute('#/'), { view: 'matters' });
  assert.deepEqual(parseRoute('#/new'), { view: 'new', matterId: '' });
  assert.deepEqual(parseRoute('#/new/m-1'), { view: 'new', matterId: 'm-1' });
  assert.deepEqual(parseRoute('#/matters/m-1/sharing'), { view: 'matter', matterId: 'm-1', section: 'sharing' });
  assert.deepEqual(parseRoute('#/matters/m-1'), { view: 'matter', matterId: 'm-1', section: 'access' });
  assert.deepEqual(parseRoute('#/matters/m-1/bogus'), { view: 'matter', matterId: 'm-1', section: 'access' });
  assert.deepEqual(parseRoute('#/matters/bad%20id/access'), { view: 'matters' });
  assert.deepEqual(parseRoute('#/matters/%E0%A4%A/access'), { view: 'matters' });
  for (const hash of ['#/', '#/new', '#/new/m1', '#/matters/m1/settings']) assert.equal(routeHash(parseRoute(hash)), hash);
});

test('leaving the settings: another section, matter or view leaves; staying on settings does not', () => {
  const settings = parseRoute('#/matters/m1/settings');
  assert.equal(leavesSettings(settings, parseRoute('#/matters/m1/access')), true);
  assert.equal(leavesSettings(settings, parseRoute('#/')), true);
  assert.equal(leavesSettings(settings, parseRoute('#/matters/m2/settings')), true);
  assert.equal(leavesSettings(settings, parseRoute('#/matters/m1/settings')), false);
  assert.equal(leavesSettings(parseRoute('#/matters/m1/access'), parseRoute('#/')), false);
  assert.equal(leavesSettings(parseRoute('#/new'), parseRoute('#/')), true);
});

test('a draft: new matters start with me as owner and recipient; saved ones default recipients to the owner', () => {
  assert.deepEqual(newDraft(ann), { title: '', owner: ann, notify: [ann] });
  assert.deepEqual(draftFromMatter({ title: 'T', owner: ann, notify: [] }), { title: 'T', owner: ann, notify: [ann] });
  assert.deepEqual(draftFromMatter({ title: 'T', owner: ann, notify: [bob, bob] }).notify, [bob]);
});

test('what changed, and recipients that follow the owner', () => {
  const saved = draftFromMatter({ title: 'Lease', owner: ann, notify: [ann] });
  assert.deepEqual(changedFields(saved, saved), []);
  assert.deepEqual(changedFields({ ...saved, title: ' Lease ' }, saved), [], 'spaces around the title do not count');
  const moved = withOwner(saved, bob);
  assert.deepEqual(moved.notify, [bob], 'the default recipient follows the owner');
  assert.deepEqual(changedFields({ ...moved, title: 'New' }, saved), ['title', 'owner', 'notification recipients']);
  const chosen = withRecipient(saved, bob, true);
  assert.deepEqual(withOwner(chosen, bob).notify, [ann, bob], 'a list chosen by hand stays');
  assert.deepEqual(withRecipient(chosen, ann, false).notify, [bob]);
  assert.equal(sameDraft(withRecipient(withRecipient(saved, bob, true), ann, false), withRecipient(draftFromMatter({ title: 'Lease', owner: ann, notify: [bob] }), bob, true)), true);
  assert.deepEqual(changedFields(newDraft(ann), null), ['owner', 'notification recipients']);
});

test('checks before Save, and the body of PUT /matters/{id}', () => {
  assert.deepEqual(validateDraft({ title: ' ', owner: null, notify: [] }), { title: 'Enter the matter’s title.', owner: 'Choose the matter’s owner.' });
  assert.match(validateDraft({ title: 'x'.repeat(201), owner: ann, notify: [] }).title, /at most 200/);
  assert.match(validateDraft({ title: 'T', owner: { id: 'bad id', email: 'a@b.co', name: 'A' }, notify: [] }).owner, /staff id/);
  assert.deepEqual(validateDraft({ title: 'T', owner: ann, notify: [ann] }), {});
  assert.equal(personProblem({ id: 'x', email: 'not-an-address', name: 'X' }), 'enter an email address, like name@firm.example.');
  assert.equal(personProblem({ id: 'x', email: 'x@firm.example', name: '' }), 'enter a name.');
  assert.deepEqual(toMatterInput({ title: ' Lease ', owner: ann, notify: [] }), { title: 'Lease', owner: ann, notify: [ann] });
  assert.deepEqual(toMatterInput({ title: 'Lease', owner: ann, notify: [bob] }).notify, [bob]);
});

test('people offered: me, those added, and owners and recipients of listed matters, one per id, by name', () => {
  const matters = [
    { owner: bob, notify: [bob, ann] },
    { owner: { id: 'cy', email: 'cy@firm.example', name: 'Cy Clerk' }, notify: [] },
  ];
  const me = { id: 'me', email: 'me@firm.example', name: 'Zed Me' };
  const added = [{ id: 'al', email: 'al@firm.example', name: 'Al Added' }];
  assert.deepEqual(
    peopleChoices({ matters, me, added }).map((p) => p.id),
    ['al', 'ann', 'bob', 'cy', 'me'],
  );
  assert.deepEqual(peopleChoices({ matters: [{ owner: { id: 'ann', email: 'other@x.y', name: 'Other' } }], me: ann }).length, 1, 'the first seen wins');
});

test('grant checks and what a grant said', () => {
  assert.deepEqual(Object.keys(validateGrant({ contactId: 'bad id', name: '', email: 'x' })).sort(), ['contactId', 'email', 'name']);
  assert.deepEqual(validateGrant({ contactId: 'c-1', name: 'Jane', email: 'jane@client.example' }), {});
  const base = { name: 'Jane', email: 'jane@client.example', canDownload: true, invitationSent: true };
  assert.match(grantMessage({ ...base, created: true }, null), /Jane was given access; an invitation is on its way to jane@client\.example\./);
  assert.match(grantMessage({ ...base, email: 'new@client.example' }, { email: 'jane@client.example', canDownload: true }), /a new invitation is on its way there/);
  assert.equal(grantMessage({ ...base, canDownload: false }, { email: base.email, canDownload: true }), 'Jane can now only view (no downloads).');
  assert.equal(grantMessage({ ...base }, { email: base.email, canDownload: false }), 'Jane can now view and download.');
  assert.equal(grantMessage({ ...base, expiresAt: '2026-12-01T23:59:59Z' }, { email: base.email, canDownload: true, expiresAt: null }), 'Jane’s access end date was saved.');
  assert.equal(grantMessage({ ...base, expiresAt: null }, { email: base.email, canDownload: true, expiresAt: '2026-12-01T23:59:59Z' }), 'Jane’s access no longer has an end date.');
  assert.equal(grantMessage({ ...base }, { email: base.email, canDownload: true, name: 'Janet' }), 'Jane’s name was saved.');
  assert.equal(
    grantMessage({ ...base }, { email: base.email, canDownload: true, name: base.name, status: 'invited' }),
    'Nothing changed for Jane, so no invitation was sent. To email it again, use Resend invitation.',
    'saving a grant again sends nothing, and says so',
  );
  assert.equal(grantMessage({ ...base }, { email: base.email, canDownload: true, name: base.name, status: 'active' }), 'Nothing changed for Jane; no email was sent.');
});

test('a resend waits for the interval after the last invitation', () => {
  const now = new Date('2026-12-03T10:05:00Z');
  const sentAt = (at) => ({ invitationSentAt: at });
  assert.equal(nextResendAt(sentAt('2026-12-03T10:00:00.000000Z'), 600, now)?.toISOString(), '2026-12-03T10:10:00.000Z');
  assert.equal(nextResendAt(sentAt('2026-12-03T09:50:00.000000Z'), 600, now), null);
  assert.equal(nextResendAt(sentAt(null), 600, now), null, 'never invited: at once');
  const asked = { invitationSentAt: '2026-12-03T09:50:00.000000Z', invitationRequestedAt: '2026-12-03T10:01:00.000000Z' };
  assert.equal(nextResendAt(asked, 600, now)?.toISOString(), '2026-12-03T10:11:00.000Z', 'one asked for and not sent yet counts');
});

test('an invitation is on its way, sent, or never sent', () => {
  assert.deepEqual(invitationState({}), { state: 'none', at: null });
  assert.deepEqual(invitationState({ invitationRequestedAt: '2026-12-03T10:00:00.000000Z', invitationSentAt: null }), { state: 'queued', at: '2026-12-03T10:00:00.000000Z' });
  assert.deepEqual(
    invitationState({ invitationRequestedAt: '2026-12-03T10:00:00.000000Z', invitationSentAt: '2026-12-03T10:00:02.000000Z' }),
    { state: 'sent', at: '2026-12-03T10:00:02.000000Z' },
  );
  assert.equal(invitationState({ invitationRequestedAt: '2026-12-03T10:05:00.000000Z', invitationSentAt: '2026-12-03T10:00:02.000000Z' }).state, 'queued', 'a resend not sent yet');
});

test('confirmations and share outcomes in words', () => {
  assert.match(revokeConfirmText({ name: 'Jane', email: 'j@x.y' }), /^Jane will be signed out of the portal at once/);
  assert.match(deleteConfirmText({ fileName: 'Will.pdf' }), /“Will\.pdf” will be deleted from the matter and disappear from every portal/);
  assert.match(deleteConfirmText({ fileName: 'Will.pdf' }, 2), /shared with 2 contacts now/);
  const byId = new Map([['c1', { name: 'Ada' }], ['c2', { name: 'Vic' }]]);
  assert.equal(
    shareMessage({ created: 3, contacts: [{ contactId: 'c1', newlyShared: 2 }, { contactId: 'c2', newlyShared: 1 }] }, byId),
    'Shared: 3 new shares. Ada and Vic will get an email about the new documents within a few minutes.',
  );
  assert.equal(
    shareMessage({ created: 1, contacts: [{ contactId: 'c1', newlyShared: 1 }, { contactId: 'c2', newlyShared: 0 }] }, byId),
    'Shared: 1 new share. Ada will get an email about it within a few minutes.',
  );
  assert.doesNotMatch(shareMessage({ created: 1, contacts: [{ contactId: 'c1', newlyShared: 1, emailed: false }] }, byId), /could not be sent/, 'emailed is no longer read');
  assert.match(shareMessage({ created: 0, contacts: [] }, byId), /^Nothing new was shared/);
  assert.equal(originLabel('portal'), 'Document (Portal)');
  assert.equal(originLabel('firm'), 'Document');
  assert.equal(accessSummary([{ status: 'active' }, { status: 'invited' }, { status: 'revoked' }]), '3 contacts: 1 active, 1 invited, 1 revoked');
  assert.equal(accessSummary([]), 'No contacts yet');
  assert.deepEqual(shareableContacts([{ status: 'revoked' }, { status: 'invited' }]), [{ status: 'invited' }]);
  assert.deepEqual(shareableContacts([{ status: 'expired' }, { status: 'active' }]), [{ status: 'active' }], 'an expired grant is no access');
  assert.equal(accessSummary([{ status: 'active' }, { status: 'expired' }]), '2 contacts: 1 active, 1 expired');
  assert.deepEqual(shareableDocuments([{ status: 'pending' }, { status: 'available' }]), [{ status: 'available' }]);
});

/** A fetch that answers from a list and records the requests. */
function fakeFetch(answers) {
  const calls = [];
  const fn = async (url, init) => {
    calls.push({ url, method: init?.method, headers: init?.headers, body: init?.body });
    const next = answers.shift();
    return new Response(next.body === undefined ? null : JSON.stringify(next.body), { status: next.status ?? 200 });
  };
  return { fn, calls };
}

test('the staff client: bearer token, routes, bodies, every page of a list', async () => {
  const { fn, calls } = fakeFetch([
    { body: { items: [{ contactId: 'c1' }], nextCursor: 'n1' } },
    { body: { items: [{ contactId: 'c2' }], nextCursor: null } },
    { status: 201, body: { contactId: 'c3', created: true } },
    { body: { created: 1, contacts: [] } },
    { status: 204 },
  ]);
  const api = createStaffApi({ fetch: fn, getToken: () => 'tok' });
  assert.deepEqual(await api.listContacts('m1'), [{ contactId: 'c1' }, { contactId: 'c2' }]);
  assert.equal(calls[1].url, '/matters/m1/contacts?limit=200&cursor=n1');
  await api.grant('m1', 'c3', { email: 'e@x.y', name: 'N', canDownload: false });
  assert.equal(calls[2].method, 'PUT');
  assert.deepEqual(JSON.parse(calls[2].body), { email: 'e@x.y', name: 'N', canDownload: false });
  await api.share('m1', { documentIds: ['d1'], contactIds: ['c1'], message: '  ' });
  assert.deepEqual(JSON.parse(calls[3].body), { documentIds: ['d1'], contactIds: ['c1'] }, 'an empty message is left out');
  assert.equal(await api.stopSharing('m1', 'd1', 'c1'), null);
  assert.equal(calls[4].method, 'DELETE');
  assert.equal(calls[4].url, '/matters/m1/shares/d1/c1');
  assert.ok(calls.every((c) => c.headers.Authorization === 'Bearer tok'));
});

test('the staff client: errors in staff words, the service’s 409 reason kept, 401 signs out', async () => {
  const unauthorized = [];
  const { fn } = fakeFetch([
    { status: 409, body: { error: { code: 'conflict', message: 'document is not available yet' } } },
    { status: 401, body: { error: { code: 'unauthorized', message: 'x' } } },
  ]);
  const api = createStaffApi({ fetch: fn, getToken: () => 'tok', onUnauthorized: (_e, token) => unauthorized.push(token) });
  await assert.rejects(api.share('m1', { documentIds: ['d'], contactIds: ['c'] }), { status: 409, message: 'Document is not available yet.' });
  await assert.rejects(api.listMatters(), { status: 401, message: STAFF_MESSAGES.unauthorized });
  assert.deepEqual(unauthorized, ['tok']);
});

test('a firm upload runs through the portal’s upload job: intent from POST documents, status from the list', async () => {
  const { fn, calls } = fakeFetch([
    { status: 201, body: { documentId: 'd9', url: 'https://bucket/x', method: 'PUT', headers: { 'content-type': 'application/pdf' } } },
    { body: { items: [{ documentId: 'd9', status: 'available' }], nextCursor: null } },
  ]);
  const adapter = firmUploadAdapter(createStaffApi({ fetch: fn, getToken: () => 't' }));
  const intent = await adapter.requestUpload('m1', { fileName: 'a.pdf', contentType: 'application/pdf', size: 3 });
  assert.equal(intent.uploadId, 'd9');
  assert.equal(calls[0].url, '/matters/m1/documents');
  assert.deepEqual(await adapter.uploadStatus('m1', 'd9'), { status: 'attached', documentId: 'd9' });
  assert.deepEqual(uploadStatusOf([{ documentId: 'd', status: 'rejected', rejectionReason: 'not a PDF' }], 'd'), { status: 'rejected', rejectionReason: 'not a PDF' });
  assert.deepEqual(uploadStatusOf([], 'd'), { status: 'pending' });
});

test('console config: staffAuth kept only when usable; the portal link defaults to this origin', async () => {
  const loc = { origin: 'https://portal.firm.example' };
  const c = parseConsoleConfig({ firmName: 'F', staffAuth: { domain: 'auth.firm.example', clientId: ' abc ' }, portalUrl: 'https://clients.firm.example/' }, loc);
  assert.deepEqual(c.staffAuth, { domain: 'https://auth.firm.example', clientId: 'abc', scope: 'openid email profile' });
  assert.equal(c.portalUrl, 'https://clients.firm.example/');
  assert.equal(c.firmName, 'F');
  assert.equal(c.inviteResendSeconds, 600, 'the functions\' default when config.json does not say');
  assert.equal(parseConsoleConfig({ inviteResendSeconds: 0 }, loc).inviteResendSeconds, 0);
  assert.equal(parseConsoleConfig({ inviteResendSeconds: 90.5 }, loc).inviteResendSeconds, 90);
  assert.equal(parseConsoleConfig({ inviteResendSeconds: -1 }, loc).inviteResendSeconds, 600);
  assert.equal(parseConsoleConfig({ inviteResendSeconds: '60' }, loc).inviteResendSeconds, 600);
  const d = parseConsoleConfig({ staffAuth: { domain: 'http://insecure', clientId: 'x' }, portalUrl: 'javascript:x' }, loc);
  assert.equal(d.staffAuth, null);
  assert.equal(d.portalUrl, 'https://portal.firm.example/');
  const loaded = await loadConsoleConfig(async () => new Response(JSON.stringify({ firmName: 'G', staffAuth: { domain: 'a.example', clientId: 'k' } })), loc);
  assert.equal(loaded.firmName, 'G');
  assert.equal(loaded.staffAuth.clientId, 'k');
  assert.equal(await loadLocalToken(async () => new Response('{"staffToken":"t0k"}')), 't0k');
  assert.equal(await loadLocalToken(async () => new Response('nope', { status: 404 })), null);
  assert.equal(await loadLocalToken(async () => { throw new TypeError('offline'); }), null);
});

test('versions, folders and zips: the paths and bodies the staff routes take', async () => {
  const { fn, calls } = fakeFetch([
    { status: 201, body: { documentId: 'd1', uploadId: 'u2', url: 'https://bucket/x', method: 'PUT', headers: {} } },
    { body: { items: [{ number: 2, current: true }] } },
    { body: { items: [{ folderId: 'f 1', name: 'Pleadings' }] } },
    { body: { folderId: 'f 1', name: 'Court filings' } },
    { body: { created: 2 } },
    { status: 204 },
    { body: { url: 'https://bucket/z', fileName: 'M.zip', entries: 2, size: 9 } },
    { body: { url: 'https://bucket/y', fileName: 'Court.zip', entries: 1, size: 4 } },
  ]);
  const api = createStaffApi({ fetch: fn, getToken: () => 'tok' });
  const file = { fileName: 'Will.pdf', contentType: 'application/pdf', size: 3, checksumSha256: 'c2hh', extra: 'x' };
  await api.registerVersion('m1', 'd1', file);
  assert.equal(calls[0].url, '/matters/m1/documents/d1/versions');
  assert.deepEqual(JSON.parse(calls[0].body), { fileName: 'Will.pdf', contentType: 'application/pdf', size: 3, checksumSha256: 'c2hh' }, 'only what an upload declares');
  assert.deepEqual(await api.listVersions('m1', 'd1'), [{ number: 2, current: true }]);
  assert.deepEqual(await api.listFolders('m1'), [{ folderId: 'f 1', name: 'Pleadings' }]);
  await api.renameFolder('m1', 'f 1', 'Court filings');
  assert.equal(calls[3].url, '/matters/m1/folders/f%201');
  assert.equal(calls[3].method, 'PUT');
  await api.shareFolder('m1', 'f 1', { contactIds: ['c1'], downloadLimit: 2 });
  assert.equal(calls[4].url, '/matters/m1/folders/f%201/shares');
  assert.deepEqual(JSON.parse(calls[4].body), { contactIds: ['c1'], downloadLimit: 2 });
  await api.stopFolderShare('m1', 'f 1', 'c1');
  assert.equal(calls[5].url, '/matters/m1/folders/f%201/shares/c1');
  assert.equal(calls[5].method, 'DELETE');
  assert.equal((await api.createZip('m1')).fileName, 'M.zip');
  assert.equal(calls[6].url, '/matters/m1/zips');
  assert.deepEqual(JSON.parse(calls[6].body), {}, 'the whole matter');
  await api.createZip('m1', 'f 1');
  assert.deepEqual(JSON.parse(calls[7].body), { folderId: 'f 1' });
});

test('bills: the paths and bodies the staff routes take, amounts in minor units', async () => {
  const { fn, calls } = fakeFetch([
    { body: { items: [{ billId: 'b 1' }], today: '2027-01-05' } },
    { status: 201, body: { billId: 'b 1', label: 'Bill 1042' } },
    { body: { billId: 'b 1', revision: 2 } },
    { body: { sent: 2 } },
    { body: { sent: 0 } },
  ]);
  const api = createStaffApi({ fetch: fn, getToken: () => 'tok' });
  assert.deepEqual(await api.listBills('m1'), { items: [{ billId: 'b 1' }], today: '2027-01-05' });
  assert.equal(calls[0].url, '/matters/m1/bills');
  await api.createBill('m1', { number: '1042', totalMinor: 125000 });
  assert.equal(calls[1].method, 'POST');
  assert.deepEqual(JSON.parse(calls[1].body), { number: '1042', totalMinor: 125000 });
  await api.editBill('m1', 'b 1', { revision: 1, balanceMinor: 0 });
  assert.equal(calls[2].url, '/matters/m1/bills/b%201');
  assert.equal(calls[2].method, 'PUT');
  await api.sendBills('m1', { billIds: ['b 1'], contactIds: ['c1', 'c2'], message: ' Please pay ' });
  assert.equal(calls[3].url, '/matters/m1/bill-sendings');
  assert.deepEqual(JSON.parse(calls[3].body), { billIds: ['b 1'], contactIds: ['c1', 'c2'], message: 'Please pay' });
  await api.sendBills('m1', { billIds: ['b 1'], contactIds: ['c1'] });
  assert.deepEqual(JSON.parse(calls[4].body), { billIds: ['b 1'], contactIds: ['c1'] }, 'no empty note');
});

test('calendar: the paths and bodies the staff routes take', async () => {
  const { fn, calls } = fakeFetch([
    { body: { items: [{ appointmentId: 'a 1' }] } },
    { status: 201, body: { appointmentId: 'a 1', sharedWith: [] } },
    { body: { appointmentId: 'a 1', sequence: 1 } },
    { status: 204 },
  ]);
  const api = createStaffApi({ fetch: fn, getToken: () => 'tok' });
  assert.deepEqual(await api.listAppointments('m1'), [{ appointmentId: 'a 1' }]);
  assert.equal(calls[0].url, '/matters/m1/appointments');
  await api.createAppointment('m1', { title: 'Signing', contactIds: ['c1'] });
  assert.deepEqual(JSON.parse(calls[1].body), { title: 'Signing', contactIds: ['c1'] });
  await api.changeAppointment('m1', 'a 1', { title: 'Signing', sequence: 0 });
  assert.equal(calls[2].url, '/matters/m1/appointments/a%201');
  assert.equal(calls[2].method, 'PUT');
  await api.cancelAppointment('m1', 'a 1');
  assert.equal(calls[3].method, 'DELETE');
});

test('tasks: the paths and bodies the staff routes take', async () => {
  const { fn, calls } = fakeFetch([{ body: { items: [{ taskId: 't 1' }], today: '2027-01-05' } }, { status: 201, body: { taskId: 't 1' } }, { status: 204 }]);
  const api = createStaffApi({ fetch: fn, getToken: () => 'tok' });
  assert.deepEqual(await api.listTasks('m 1'), [{ taskId: 't 1' }]);
  assert.equal(calls[0].url, '/matters/m%201/tasks');
  await api.giveTask('m1', { contactId: 'c1', title: 'Sign', dueOn: '2027-01-15' });
  assert.equal(calls[1].method, 'POST');
  assert.deepEqual(JSON.parse(calls[1].body), { contactId: 'c1', title: 'Sign', dueOn: '2027-01-15' });
  await api.withdrawTask('m1', 't 1');
  assert.equal(calls[2].url, '/matters/m1/tasks/t%201');
  assert.equal(calls[2].method, 'DELETE');
});

test('a section’s change says what it did, reads again, and says a failure in words', async () => {
  const { runChange } = await import('../../src/console/run-change.js');
  const said = [];
  let reloads = 0;
  const options = { announce: (text, kind) => said.push([kind, text]), reload: async () => { reloads += 1; } };
  assert.equal(await runChange(async () => ({ label: 'Bill 1' }), (a) => `${a.label} was created.`, options), true);
  assert.equal(await runChange(async () => { throw Object.assign(new Error('Nope.'), { status: 409 }); }, 'x', options), false);
  assert.equal(await runChange(async () => { throw Object.assign(new Error('Signed out'), { status: 401 }); }, 'x', options), false);
  assert.deepEqual(said, [['success', 'Bill 1 was created.'], ['error', 'Nope.']]);
  assert.equal(reloads, 1);
});
