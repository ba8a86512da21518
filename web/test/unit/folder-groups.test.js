// The portal's grouping of a matter's documents by folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupByFolder, shouldGroup } from '../../src/portal/folder-groups.js';

const doc = (documentId, folderId = null, folderName = null) => ({ documentId, folderId, folderName });

test('folders by name, ignoring case, then the documents in no folder, each in list order', () => {
  const groups = groupByFolder([doc('a'), doc('b', 'f2', 'zeta'), doc('c', 'f1', 'Alpha'), doc('d', 'f2', 'zeta'), doc('e')]);
  assert.deepEqual(
    groups.map((g) => [g.folderName, g.items.map((i) => i.documentId)]),
    [
      ['Alpha', ['c']],
      ['zeta', ['b', 'd']],
      ['', ['a', 'e']],
    ],
  );
  assert.equal(groups.at(-1)?.folderId, null);
});

test('no group for documents in no folder when there are none, and none at all for an empty list', () => {
  assert.deepEqual(groupByFolder([doc('a', 'f', 'F')]).map((g) => g.folderName), ['F']);
  assert.deepEqual(groupByFolder([]), []);
});

test('grouping is for one matter with folders only', () => {
  assert.equal(shouldGroup('m1', [doc('a', 'f', 'F')]), true);
  assert.equal(shouldGroup('', [doc('a', 'f', 'F')]), false, 'across matters: no grouping');
  assert.equal(shouldGroup('m1', [doc('a')]), false, 'no folders: no headings');
});
