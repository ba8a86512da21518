// A conversation's logic: text as lines and links (never HTML), order, receipts, checks,
// request ids, the timeline with portal events, unread totals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  textLines,
  oldestFirst,
  isMine,
  receiptText,
  messageProblem,
  newRequestId,
  timeline,
  unreadTotal,
  conversationNote,
  MAX_MESSAGE_CHARS,
  conversationRows,
} from '../../src/common/conversation.js';

test('text keeps its line breaks and makes http(s) links, nothing else', () => {
  const lines = textLines('Hello,\nsee https://example.com/a?b=1. Or www.firm.example!\n<b>not bold</b> javascript:alert(1)');
  assert.equal(lines.length, 3);
  assert.deepEqual(lines[0], [{ kind: 'text', text: 'Hello,' }]);
  assert.deepEqual(lines[1], [
    { kind: 'text', text: 'see ' },
    { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
    { kind: 'text', text: '. Or ' },
    { kind: 'link', text: 'www.firm.example', href: 'https://www.firm.example' },
    { kind: 'text', text: '!' },
  ]);
  assert.deepEqual(lines[2], [{ kind: 'text', text: '<b>not bold</b> javascript:alert(1)' }]);
  assert.deepEqual(textLines(''), [[]]);
});

test('a thread shows oldest first; each side knows its own messages', () => {
  const page = [{ postedAt: '2026-12-03T10:00:02Z' }, { postedAt: '2026-12-03T10:00:01Z' }];
  assert.deepEqual(oldestFirst(page).map((m) => m.postedAt), ['2026-12-03T10:00:01Z', '2026-12-03T10:00:02Z']);
  assert.equal(isMine({ author: { kind: 'staff' } }, 'staff'), true);
  assert.equal(isMine({ author: { kind: 'staff' } }, 'contact'), false);
  assert.equal(isMine({ author: { kind: 'contact' } }, 'contact'), true);
});

test('receipts: not read yet, read today by time, read earlier with the date', () => {
  assert.equal(receiptText({ readAt: null }), 'Not read yet');
  const now = new Date('2026-12-03T16:00:00Z');
  const today = receiptText({ readAt: '2026-12-03T15:02:00Z' }, { now, locale: 'en-US' });
  assert.match(today, /^Read \d{1,2}:02\s?[AP]M$/);
  const earlier = receiptText({ readAt: '2026-11-03T15:02:00Z' }, { now, locale: 'en-US', timeZone: 'UTC' });
  assert.match(earlier, /^Read Nov 3, 2026/);
});

test('the composer refuses empty and oversize text before sending', () => {
  assert.equal(messageProblem('  \n '), 'Write a message first.');
  assert.equal(messageProblem('hi'), '');
  assert.equal(messageProblem('x'.repeat(MAX_MESSAGE_CHARS)), '');
  assert.match(messageProblem('x'.repeat(MAX_MESSAGE_CHARS + 1)), /at most 10,000 characters; this one has 10,001/);
});

test('request ids are 32 hex characters, fresh each time', () => {
  const a = newRequestId();
  assert.match(a, /^[0-9a-f]{32}$/);
  assert.notEqual(a, newRequestId());
  const fixed = { getRandomValues: (bytes) => bytes.fill(255) };
  assert.equal(newRequestId(fixed), 'f'.repeat(32));
});

test('the timeline interleaves portal events by time, leaving out message events', () => {
  const messages = [{ postedAt: '2026-12-03T10:00:00Z', text: 'a' }, { postedAt: '2026-12-03T12:00:00Z', text: 'b' }];
  const events = [
    { at: '2026-12-03T11:00:00Z', type: 'documentViewed' },
    { at: '2026-12-03T12:00:00Z', type: 'messagePosted' },
  ];
  assert.deepEqual(timeline(messages, events).map((e) => e.kind), ['message', 'event', 'message']);
  assert.equal(timeline(messages).length, 2);
});

test('unread totals and a conversation line', () => {
  assert.equal(unreadTotal([{ unread: 2 }, { unread: 0 }, { unread: -1 }, {}]), 2);
  assert.equal(conversationNote({ unread: 3 }), '3 unread');
  assert.equal(conversationNote({ unread: 0, lastMessageAt: null }), 'No messages yet');
  assert.match(conversationNote({ unread: 0, lastMessageAt: '2026-12-03T10:00:00Z' }), /^Last message /);
});

test('the console lists every contact with access and anyone with messages, newest first', () => {
  const contacts = [
    { contactId: 'a', name: 'Ann', status: 'active' },
    { contactId: 'b', name: 'Bob', status: 'invited' },
    { contactId: 'r', name: 'Rex', status: 'revoked' },
    { contactId: 'q', name: 'Quin', status: 'revoked' },
  ];
  const conversations = [
    { contactId: 'b', unread: 2, lastMessageAt: '2026-12-03T10:00:00Z', messageCount: 3 },
    { contactId: 'q', unread: 0, lastMessageAt: '2026-12-01T10:00:00Z', messageCount: 1 },
  ];
  const rows = conversationRows(contacts, conversations);
  assert.deepEqual(rows.map((r) => r.contactId), ['b', 'q', 'a']);
  assert.equal(rows[0].unread, 2);
  assert.equal(rows[1].live, false, 'a revoked contact keeps their history, read only');
  assert.equal(rows[2].messageCount, 0);
});
