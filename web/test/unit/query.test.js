import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  documentsPath,
  mattersPath,
  normalizeListQuery,
  defaultOrder,
  SORT_CHOICES,
  parseSortChoice,
  sortChoiceValue,
  sameListQuery,
  appendUnique,
  latestOnly,
  listSummary,
  emptyListText,
  matterTitleOf,
} from '../../src/common/query.js';

const params = (path) => Object.fromEntries(new URL(path, 'http://x').searchParams);

test('the default list is newest activity first', () => {
  const path = documentsPath({});
  assert.ok(path.startsWith('/portal/documents?'));
  assert.deepEqual(params(path), { sort: 'activity', order: 'desc', limit: '50' });
});

test('filter, search, sort, order, limit and cursor', () => {
  const path = documentsPath(
    { matterId: 'm-1', q: '  lease & deed ', sort: 'name', order: 'desc' },
    { cursor: 'abc+/=', limit: 20 },
  );
  assert.deepEqual(params(path), {
    matterId: 'm-1',
    q: 'lease & deed',
    sort: 'name',
    order: 'desc',
    limit: '20',
    cursor: 'abc+/=',
  });
  // Encoded, not raw: '&' and '+' survive the trip.
  assert.match(path, /q=lease\+%26\+deed/);
  assert.match(path, /cursor=abc%2B%2F%3D/);
});

test('empty values are left out; unknown sorts and orders fall back', () => {
  assert.deepEqual(params(documentsPath({ matterId: '', q: '   ', sort: 'size', order: 'sideways' })), {
    sort: 'activity',
    order: 'desc',
    limit: '50',
  });
  assert.deepEqual(params(documentsPath({ sort: 'name' })), { sort: 'name', order: 'asc', limit: '50' });
  assert.deepEqual(params(documentsPath({ sort: 'created' }, { limit: 500 })), {
    sort: 'created',
    order: 'desc',
    limit: '200',
  });
  assert.equal(defaultOrder('name'), 'asc');
  assert.equal(defaultOrder('activity'), 'desc');
  assert.equal(defaultOrder('created'), 'desc');
});

test('a search is cut to 200 characters', () => {
  const q = normalizeListQuery({ q: 'x'.repeat(250) }).q;
  assert.equal(q.length, 200);
});

test('the Sort control offers every sort in both orders', () => {
  const pairs = SORT_CHOICES.map((c) => `${c.sort}-${c.order}`);
  for (const sort of ['activity', 'name', 'created']) {
    for (const order of ['asc', 'desc']) assert.ok(pairs.includes(`${sort}-${order}`), `${sort} ${order}`);
  }
  assert.equal(SORT_CHOICES[0].value, 'activity-desc');
  assert.equal(new Set(SORT_CHOICES.map((c) => c.value)).size, SORT_CHOICES.length);
  assert.deepEqual(parseSortChoice('name-desc'), { sort: 'name', order: 'desc' });
  assert.deepEqual(parseSortChoice('bogus'), { sort: 'activity', order: 'desc' });
  assert.equal(sortChoiceValue({ sort: 'created', order: 'asc' }), 'created-asc');
  assert.equal(sortChoiceValue({ sort: 'name' }), 'name-asc');
  assert.equal(sortChoiceValue({}), 'activity-desc');
});

test('matters paths', () => {
  assert.equal(mattersPath(), '/portal/matters');
  assert.equal(mattersPath({ cursor: 'a b' }), '/portal/matters?cursor=a+b');
});

test('same list query', () => {
  assert.ok(sameListQuery({ q: ' a ' }, { q: 'a', sort: 'activity', order: 'desc' }));
  assert.ok(!sameListQuery({ q: 'a' }, { q: 'b' }));
  assert.ok(!sameListQuery({ sort: 'name' }, { sort: 'name', order: 'desc' }));
});

test('pages append without repeats', () => {
  const shown = [{ documentId: 'a' }, { documentId: 'b' }];
  const next = appendUnique(shown, [{ documentId: 'b' }, { documentId: 'c' }]);
  assert.deepEqual(next.map((d) => d.documentId), ['a', 'b', 'c']);
  assert.equal(shown.length, 2, 'the shown list is not changed');
  assert.deepEqual(appendUnique(shown, []).map((d) => d.documentId), ['a', 'b']);
});

test('only the latest answer counts', () => {
  const t = latestOnly();
  const first = t.next();
  const second = t.next();
  assert.ok(!t.isLatest(first));
  assert.ok(t.isLatest(second));
});

test('summaries and empty lists', () => {
  assert.equal(listSummary({ count: 1, hasMore: false }), '1 document');
  assert.equal(
    listSummary({ count: 3, hasMore: true, q: 'lease', matterTitle: 'Smith v Jones' }),
    '3 documents matching “lease” in Smith v Jones so far; more are available',
  );
  // A searched page may be empty and still have more: the text says to go on.
  assert.match(emptyListText({ hasMore: true, q: 'x' }), /More/);
  assert.equal(emptyListText({ hasMore: false, q: 'x' }), 'No documents match “x”.');
  assert.match(emptyListText({ hasMore: false, matterId: 'm' }), /this matter/);
  assert.match(emptyListText({ hasMore: false }), /Nothing has been shared/);
});

test('a document shows its matter title', () => {
  const byId = new Map([['m-1', { title: 'Smith v Jones' }]]);
  assert.equal(matterTitleOf({ matterId: 'm-1', matterTitle: 'Own title' }, byId), 'Own title');
  assert.equal(matterTitleOf({ matterId: 'm-1' }, byId), 'Smith v Jones');
  assert.equal(matterTitleOf({ matterId: 'm-2' }, byId), 'm-2');
});
