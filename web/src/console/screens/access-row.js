// One contact of the Access section: name and address, the Download switch, documents
// shared, status and access end, granted, last seen, last opened; Change address, Set or
// Change end date, Resend invitation, Revoke (or Give access again).
import { t } from '../texts.js';
import { html } from '../../../vendor/preact-htm.js';
import { accessStatusLabel, ACCESS_STATUS, hasNoAccess, invitationState } from '../sections.js';
import { lastOpenedText, accessEndText, emailChoiceText } from '../receipts.js';
import { When } from '../../common/screens/when.js';
import { Address } from '../../common/screens/address.js';
import { AddressForm, EndDateForm } from './access-forms.js';
import { ResendInvitation } from './resend-invitation.js';

export function AccessRow({ contact: c, busy, error, editing, onEdit, onCloseEdit, editingEnd, onEditEnd, onCloseEditEnd, onUpdate, onResend, onRevoke, resendSeconds }) {
  const revoked = hasNoAccess(c.status);
  const endText = accessEndText(c);
  const nameId = `contact-name-${c.contactId}`;
  const who = c.name || c.email;

  return html`
    <tr data-contact-id=${c.contactId} data-status=${c.status} class=${revoked ? 'revoked' : ''}>
      <td data-label=${t('col-contact')}>
        <span class="contact-name" id=${nameId}>${c.name}</span>
        <${Address} className="contact-email" address=${c.email} />
        ${editing
          ? html`<${AddressForm} contact=${c} who=${who} busy=${busy === 'address'} onUpdate=${onUpdate} onClose=${onCloseEdit} />`
          : null}
        ${editingEnd
          ? html`<${EndDateForm} contact=${c} who=${who} busy=${busy === 'end'} onUpdate=${onUpdate} onClose=${onCloseEditEnd} />`
          : null}
        ${error ? html`<p class="field-error row-error" role="alert">${error}</p>` : null}
      </td>
      <td data-label=${t('col-download')}>
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            class="download-switch"
            checked=${c.canDownload}
            disabled=${revoked || busy !== ''}
            aria-describedby=${nameId}
            onChange=${(e) => onUpdate(c, { canDownload: e.currentTarget.checked }, 'download')}
          />
          <span class="switch-text">${c.canDownload ? t('allowed') : t('view-only')}</span>
          <span class="visually-hidden">${t('download-for', { who })}</span>
        </label>
      </td>
      <td data-label=${t('col-shared')} class="num shared-count">${c.sharedCount}</td>
      <td data-label=${t('col-status')}>
        <span class=${`status status-${c.status}`} title=${ACCESS_STATUS[c.status] ? t(ACCESS_STATUS[c.status].hint) : ''}>${accessStatusLabel(c.status)}</span>
        ${endText ? html`<span class="access-end">${endText}</span>` : null}
        ${c.status === 'invited'
          ? html`<span class="invitation-sent">${invitationText(c)}</span>`
          : null}
        ${emailChoiceText(c) ? html`<span class="email-choice">${emailChoiceText(c)}</span>` : null}
      </td>
      <td data-label=${t('col-granted')}><${When} at=${c.grantedAt} /></td>
      <td data-label=${t('col-last-seen')} class="last-seen"><${When} at=${c.lastSeenAt} relative empty=${html`<span class="subtle">${t('not-yet')}</span>`} /></td>
      <td data-label=${t('col-last-opened')}>
        <span class=${`last-opened${c.lastOpened ? '' : ' nothing-opened'}`}>${lastOpenedText(c)}</span>
        ${c.lastOpened ? html`<span class="last-opened-when"><${When} at=${c.lastOpened.at} relative /></span>` : null}
      </td>
      <td data-label=${t('col-actions')} class="row-actions">
        ${revoked
          ? html`<button type="button" class="button secondary" aria-describedby=${nameId} disabled=${busy !== ''} onClick=${() => onUpdate(c, {}, 'regrant')}>${t('give-access-again')}</button>`
          : html`
              <button type="button" class="button quiet" aria-describedby=${nameId} disabled=${busy !== '' || editing} onClick=${onEdit}>${t('change-address')}</button>
              <button type="button" class="button quiet end-date-button" aria-describedby=${nameId} disabled=${busy !== '' || editingEnd} onClick=${onEditEnd}>${c.expiresAt ? t('change-end') : t('set-end')}</button>
              ${c.status === 'invited'
                ? html`<${ResendInvitation} contact=${c} nameId=${nameId} busy=${busy} seconds=${resendSeconds} onResend=${onResend} />`
                : null}
              <button type="button" class="button quiet danger-text" aria-describedby=${nameId} disabled=${busy !== ''} onClick=${onRevoke}>${t('revoke')}</button>
            `}
      </td>
    </tr>
  `;
}

/** Where the contact's invitation stands, in words. */
function invitationText(c) {
  const { state, at } = invitationState(c);
  if (state === 'queued') return t('invitation-on-way');
  if (state === 'sent') return html`${t('invited-at')} <${When} at=${at} relative />`;
  return t('no-invitation');
}
