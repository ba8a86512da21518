// One staff change as the sections run it: the request, what it did in words (a sentence or
// a function of the answer), the list read again; a failure said in words (a 401 is the
// page's own to say). No DOM; tested in test/unit/staff-console.test.js.

import { t } from './texts.js';

/**
 * @param {() => Promise<any>} change
 * @param {string | ((answer: any) => string)} success
 * @param {{announce: Function, reload: () => Promise<void> | void}} options
 * @returns {Promise<boolean>} whether it worked
 */
export async function runChange(change, success, { announce, reload }) {
  try {
    const answer = await change();
    announce(typeof success === 'function' ? success(answer) : success, 'success');
    await reload();
    return true;
  } catch (e) {
    if (e?.status !== 401) announce(e?.message ?? t('did-not-work'), 'error');
    return false;
  }
}
