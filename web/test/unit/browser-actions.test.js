import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openBlankTab, navigateTab, closeTab, startDownload, isFollowableUrl } from '../../src/common/browser-actions.js';

function fakeDocument() {
  const appended = [];
  const doc = {
    title: '',
    appended,
    clicked: [],
    createElement(tag) {
      const el = {
        tag,
        style: {},
        textContent: '',
        removed: false,
        click() {
          doc.clicked.push(el.href);
        },
        remove() {
          el.removed = true;
        },
      };
      return el;
    },
    body: {
      append(el) {
        appended.push(el);
      },
    },
  };
  return doc;
}

test('a blank tab opens inside the click and cannot reach back', () => {
  const tab = { opener: 'portal', document: fakeDocument(), closed: false };
  const opened = [];
  const win = { open: (...args) => (opened.push(args), tab) };
  assert.equal(openBlankTab(/** @type {any} */ (win), 'Opening a.pdf…'), tab);
  assert.deepEqual(opened, [['', '_blank']]);
  assert.equal(tab.opener, null);
  assert.equal(tab.document.title, 'Opening a.pdf…');
  assert.equal(tab.document.appended[0].textContent, 'Opening a.pdf…');
});

test('a blocked tab is null', () => {
  assert.equal(openBlankTab(/** @type {any} */ ({ open: () => null }), 'x'), null);
  assert.equal(
    openBlankTab(/** @type {any} */ ({ open: () => { throw new Error('blocked'); } }), 'x'),
    null,
  );
});

test('the tab goes to the link; on error it closes', () => {
  const replaced = [];
  const tab = { location: { replace: (u) => replaced.push(u) }, close() { this.closed = true; } };
  navigateTab(/** @type {any} */ (tab), 'https://bucket/x');
  assert.deepEqual(replaced, ['https://bucket/x']);
  closeTab(/** @type {any} */ (tab));
  assert.equal(tab.closed, true);
  closeTab(null);
});

test('a download follows an anchor to the presigned URL and cleans up', () => {
  const doc = fakeDocument();
  startDownload(/** @type {any} */ (doc), 'https://bucket/x?sig=1');
  assert.deepEqual(doc.clicked, ['https://bucket/x?sig=1']);
  assert.equal(doc.appended[0].tag, 'a');
  assert.equal(doc.appended[0].removed, true);
  assert.equal(doc.appended[0].rel, 'noopener noreferrer');
});

test('only http(s) links are followed', () => {
  assert.ok(isFollowableUrl('https://bucket.s3.amazonaws.com/x?X-Amz-Signature=1'));
  assert.ok(isFollowableUrl('http://127.0.0.1:9000/bucket/x'));
  assert.ok(!isFollowableUrl('javascript:alert(1)'));
  assert.ok(!isFollowableUrl('data:text/html,hi'));
  assert.ok(!isFollowableUrl('/relative'));
  assert.ok(!isFollowableUrl(undefined));
});
