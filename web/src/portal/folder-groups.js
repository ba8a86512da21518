// A matter's documents grouped by folder for the portal's list: folders by name, then the
// documents in no folder; each group keeps the list's own order. No DOM; tested in
// test/unit/folder-groups.test.js.

/**
 * @template {{folderId?: string | null, folderName?: string | null}} T
 * @param {T[]} items
 * @returns {{folderId: string | null, folderName: string, items: T[]}[]}
 */
export function groupByFolder(items) {
  /** @type {Map<string, {folderId: string | null, folderName: string, items: T[]}>} */
  const groups = new Map();
  const loose = { folderId: null, folderName: '', items: /** @type {T[]} */ ([]) };
  for (const item of items) {
    const id = typeof item?.folderId === 'string' && item.folderId ? item.folderId : null;
    if (!id) {
      loose.items.push(item);
      continue;
    }
    if (!groups.has(id)) groups.set(id, { folderId: id, folderName: String(item.folderName ?? ''), items: [] });
    groups.get(id)?.items.push(item);
  }
  const named = [...groups.values()].sort((a, b) => a.folderName.localeCompare(b.folderName, undefined, { sensitivity: 'base' }));
  return loose.items.length ? [...named, loose] : named;
}

/** Whether a list is worth grouping: one matter's documents, some of them in folders. */
export function shouldGroup(matterId, items) {
  return Boolean(matterId) && items.some((d) => typeof d?.folderId === 'string' && d.folderId);
}
