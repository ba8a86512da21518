import { test } from 'node:test';
import assert from 'node:assert/strict';
import { needsLines, sharedKindLabel } from '../../src/common/home.js';

test('what needs the contact: a line per kind, urgent when late, messages per matter', () => {
  const needs = {
    tasks: [{ status: 'overdue' }, { status: 'open' }],
    bills: [{ status: 'unpaid' }],
    conversations: [{ matterId: 'm2', matterTitle: 'Estate', unread: 1 }],
    documents: [{}, {}, {}],
    appointments: [{ title: 'Signing' }, { title: 'Later' }],
  };
  const lines = needsLines(needs, (a) => (a.title === 'Signing' ? 'Jan 5' : ''));
  assert.deepEqual(
    lines.map((l) => l.text),
    ['2 tasks to do, 1 overdue', '1 bill or request to pay', '1 unread message on Estate', '3 new or updated documents to look at', 'Next event: Signing, Jan 5'],
  );
  assert.deepEqual(lines.map((l) => l.urgent), [true, false, false, false, false]);
  assert.equal(lines[2].matterId, 'm2');
  assert.equal(lines[0].href, '#tasks-heading');
  assert.equal(needsLines({ ...needs, tasks: [], bills: [{ status: 'pastDue' }, { status: 'unpaid' }] })[0].text, '2 bills and requests to pay, 1 past due');
  assert.deepEqual(needsLines({ tasks: [], bills: [], conversations: [], documents: [], appointments: [] }), []);
  assert.deepEqual(needsLines(null), []);
});

test('shared items are named by kind', () => {
  assert.equal(sharedKindLabel('trustRequest'), 'Trust request');
  assert.equal(sharedKindLabel('appointment'), 'Event');
  assert.equal(sharedKindLabel('something new'), 'Item');
});
