// The matters list's table: title and id (a link to the matter), owner, contacts,
// documents, last activity.
import { t } from '../texts.js';
import { html } from '../../../vendor/preact-htm.js';
import { When } from '../../common/screens/when.js';
import { routeHash } from '../routes.js';

/** The list's counts may come as numbers or as lists. */
function countOf(value) {
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return String(value.length);
  return '';
}

/** @param {{matters: any[], busy: boolean}} props */
export function MattersTable({ matters, busy }) {
  return html`<table class="data-table matters-table" id="matters-table" aria-label=${t('nav-matters')} aria-busy=${busy ? 'true' : 'false'}>
    <thead>
      <tr>
        <th scope="col">${t('col-matter')}</th>
        <th scope="col">${t('col-owner')}</th>
        <th scope="col" class="num">${t('col-contacts')}</th>
        <th scope="col" class="num">${t('col-documents')}</th>
        <th scope="col">${t('col-last-activity')}</th>
      </tr>
    </thead>
    <tbody>
      ${matters.map(
        (m) => html`<tr key=${m.matterId} data-matter-id=${m.matterId}>
          <td data-label=${t('col-matter')}>
            <a class="matter-link" href=${routeHash({ view: 'matter', matterId: m.matterId, section: 'access' })}>${m.title || m.matterId}</a>
            <span class="subtle matter-id">${m.matterId}</span>
          </td>
          <td data-label=${t('col-owner')}>${m.owner?.name || m.owner?.email || ''}</td>
          <td data-label=${t('col-contacts')} class="num matter-contacts">${countOf(m.contacts)}</td>
          <td data-label=${t('col-documents')} class="num matter-documents">${countOf(m.documents)}</td>
          <td data-label=${t('col-last-activity')}><${When} at=${m.lastActivityAt} relative /></td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}
