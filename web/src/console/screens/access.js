// The Access section: every contact with their address, Download switch, documents shared,
// status and access end date, granted, last seen and last opened document; give access (with
// an optional end date), change the switch, the address or the end date, resend the
// invitation, revoke (confirmed). The portal link to give clients.
import { t } from '../texts.js';
import { html, useState } from '../../../vendor/preact-htm.js';
import { grantMessage, revokeConfirmText, accessSummary, hasNoAccess } from '../sections.js';
import { ConfirmDialog } from './confirm.js';
import { AccessRow } from './access-row.js';
import { GrantForm } from './grant-form.js';
import { PortalLink } from './portal-link.js';

/**
 * @param {{api: any, config: any, matter: any, contacts: any[] | null, error: string, reload: () => Promise<void>, announce: Function}} props
 */
export function AccessSection({ api, config, matter, contacts, error, reload, announce }) {
  const [rowErrors, setRowErrors] = useState(/** @type {Record<string, string>} */ ({}));
  const [busy, setBusy] = useState(/** @type {Record<string, string>} */ ({}));
  const [editing, setEditing] = useState(/** @type {string | null} */ (null));
  const [editingEnd, setEditingEnd] = useState(/** @type {string | null} */ (null));
  const [revoking, setRevoking] = useState(/** @type {any} */ (null));
  const [revokeError, setRevokeError] = useState('');

  const setRowError = (id, text) => setRowErrors((e) => ({ ...e, [id]: text }));
  const setRowBusy = (id, what) => setBusy((b) => ({ ...b, [id]: what }));

  async function update(contact, patch, what) {
    setRowError(contact.contactId, '');
    setRowBusy(contact.contactId, what);
    // The end date is sent when it changes, kept when there is one, cleared when an expired
    // contact is given access again, and left out otherwise.
    const expiresAt =
      'expiresAt' in patch
        ? patch.expiresAt
        : contact.status === 'expired'
          ? null
          : contact.expiresAt
            ? contact.expiresAt
            : undefined;
    try {
      const outcome = await api.grant(matter.matterId, contact.contactId, {
        email: patch.email ?? contact.email,
        name: contact.name,
        canDownload: patch.canDownload ?? contact.canDownload,
        expiresAt,
      });
      announce(
        grantMessage(
          { ...outcome, name: outcome?.name ?? contact.name, expiresAt: outcome?.expiresAt !== undefined ? outcome.expiresAt : (expiresAt ?? null) },
          hasNoAccess(contact.status) ? null : contact,
        ),
        'success',
      );
      await reload();
      return true;
    } catch (e) {
      if (e?.status !== 401) setRowError(contact.contactId, e?.message ?? t('did-not-work'));
      return false;
    } finally {
      setRowBusy(contact.contactId, '');
    }
  }

  async function resend(contact) {
    setRowError(contact.contactId, '');
    setRowBusy(contact.contactId, 'resend');
    try {
      await api.resendInvitation(matter.matterId, contact.contactId);
      announce(t('invitation-resent', { email: contact.email }), 'success');
      await reload();
    } catch (e) {
      if (e?.status !== 401) setRowError(contact.contactId, e?.message ?? t('invitation-not-sent'));
    } finally {
      setRowBusy(contact.contactId, '');
    }
  }

  async function confirmRevoke() {
    const contact = revoking;
    if (!contact) return;
    setRevokeError('');
    setRowBusy(contact.contactId, 'revoke');
    try {
      await api.revoke(matter.matterId, contact.contactId);
      setRevoking(null);
      announce(t('access-revoked-done', { who: contact.name || contact.email }), 'success');
      await reload();
    } catch (e) {
      if (e?.status !== 401) setRevokeError(e?.message ?? t('revoke-failed'));
      else setRevoking(null);
    } finally {
      setRowBusy(contact.contactId, '');
    }
  }

  const list = contacts ?? [];
  return html`
    <div class="access">
      <section class="panel" aria-labelledby="access-heading">
        <h2 id="access-heading">${t('section-access')}</h2>
        <${PortalLink} url=${config.portalUrl} announce=${announce} />
        <p class="list-summary" id="access-summary">${contacts === null ? (error ? '' : t('loading-contacts')) : accessSummary(list)}</p>
        ${error
          ? html`<div class="message error" role="alert"><p>${error}</p><button type="button" class="button" onClick=${reload}>${t('try-again')}</button></div>`
          : null}
        ${list.length
          ? html`<table class="data-table access-table" id="access-table" aria-label=${t('contacts-with-access')}>
              <thead>
                <tr>
                  <th scope="col">${t('col-contact')}</th>
                  <th scope="col">${t('col-download')}</th>
                  <th scope="col" class="num">${t('col-shared')}</th>
                  <th scope="col">${t('col-status')}</th>
                  <th scope="col">${t('col-granted')}</th>
                  <th scope="col">${t('col-last-seen')}</th>
                  <th scope="col">${t('col-last-opened')}</th>
                  <th scope="col"><span class="visually-hidden">${t('col-actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                ${list.map(
                  (c) => html`<${AccessRow}
                    key=${c.contactId}
                    contact=${c}
                    busy=${busy[c.contactId] ?? ''}
                    error=${rowErrors[c.contactId] ?? ''}
                    editing=${editing === c.contactId}
                    onEdit=${() => setEditing(c.contactId)}
                    onCloseEdit=${() => setEditing(null)}
                    editingEnd=${editingEnd === c.contactId}
                    onEditEnd=${() => setEditingEnd(c.contactId)}
                    onCloseEditEnd=${() => setEditingEnd(null)}
                    onUpdate=${update}
                    onResend=${resend}
                    resendSeconds=${config.inviteResendSeconds}
                    onRevoke=${() => {
                      setRevokeError('');
                      setRevoking(c);
                    }}
                  />`,
                )}
              </tbody>
            </table>`
          : null}
      </section>
      <${GrantForm} api=${api} matter=${matter} contacts=${list} firmLanguage=${config.firmLanguage} reload=${reload} announce=${announce} />
      <${ConfirmDialog}
        id="revoke-dialog"
        open=${!!revoking}
        title=${revoking ? t('revoke-title', { who: revoking.name || revoking.email }) : ''}
        text=${revoking ? revokeConfirmText(revoking) : ''}
        confirmLabel=${t('revoke-access')}
        tone="danger"
        busy=${revoking ? busy[revoking.contactId] === 'revoke' : false}
        error=${revokeError}
        onConfirm=${confirmRevoke}
        onCancel=${() => setRevoking(null)}
      />
    </div>
  `;
}
