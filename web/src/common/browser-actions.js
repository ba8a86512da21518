// Opening a document in a new tab and starting a download. The window is passed in, so these
// run in node against a fake (test/unit/browser-actions.test.js).

/**
 * Opens a blank tab now, inside the click, so no popup blocker stops it; its address is set
 * once the link is minted. Returns null when the browser refused the tab.
 * @param {Window} win
 * @param {string} waitingText shown in the blank tab meanwhile
 * @returns {Window | null}
 */
export function openBlankTab(win, waitingText) {
  let tab = null;
  try {
    tab = win.open('', '_blank');
  } catch {
    tab = null;
  }
  if (!tab) return null;
  try {
    // The document must not reach back into the portal page.
    tab.opener = null;
  } catch {
    // ignore
  }
  try {
    tab.document.title = waitingText;
    const p = tab.document.createElement('p');
    p.textContent = waitingText;
    p.style.font = '16px system-ui, sans-serif';
    p.style.margin = '2em';
    tab.document.body.append(p);
  } catch {
    // A blank tab we can't write to still works.
  }
  return tab;
}

/**
 * Sends the tab to the presigned URL (replacing the blank entry in its history).
 * @param {Window} tab
 * @param {string} url
 */
export function navigateTab(tab, url) {
  try {
    tab.location.replace(url);
  } catch {
    tab.location.href = url;
  }
}

/** @param {Window | null} tab */
export function closeTab(tab) {
  try {
    tab?.close();
  } catch {
    // ignore
  }
}

/**
 * Starts a download by following an anchor to the presigned URL (the URL's
 * Content-Disposition makes it a download; the page stays where it is).
 * @param {Document} doc
 * @param {string} url
 */
export function startDownload(doc, url) {
  clickHiddenLink(doc, { href: url, rel: 'noopener noreferrer' });
}

/**
 * Clicks a hidden anchor with these attributes, then removes it: how a page starts a download
 * without inline script.
 * @param {Document} doc
 * @param {{href: string, rel?: string, download?: string}} attributes
 */
function clickHiddenLink(doc, attributes) {
  const a = doc.createElement('a');
  Object.assign(a, attributes);
  a.hidden = true;
  doc.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
  }
}

/**
 * Only presigned links over https (or http for a local stack) are followed.
 * @param {unknown} url
 * @returns {url is string}
 */
export function isFollowableUrl(url) {
  if (typeof url !== 'string') return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Saves a Blob as a file: an object URL on a temporary `<a download>`, clicked, then removed;
 * the URL is let go a moment later (the download has started by then). No inline script and
 * no data: URL, so the strict CSP needs nothing more.
 * @param {Document} doc
 * @param {{createObjectURL: (b: Blob) => string, revokeObjectURL: (u: string) => void}} urls
 *   the page's `URL`
 * @param {Blob} blob
 * @param {string} fileName
 * @param {(fn: () => void, ms: number) => unknown} [later] setTimeout
 */
export function saveBlob(doc, urls, blob, fileName, later = setTimeout) {
  const url = urls.createObjectURL(blob);
  try {
    clickHiddenLink(doc, { href: url, download: fileName });
  } finally {
    later(() => urls.revokeObjectURL(url), 10_000);
  }
}
