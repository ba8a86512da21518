// The Access section: every contact with their address, Download switch, documents shared,
// status and access end date, granted, last seen and last opened document; give access (with
// an optional end date), change the switch, the address or the end date, resend the
// invitation, revoke (confirmed). The portal link to give clients.
import { html, useState, useRef } from '../../../vendor/preact-htm.js';
import { formatDateTime } from '../../format.js';
import {
  accessStatusLabel,
  ACCESS_STATUS,
  validateGrant,
  grantMessage,
  revokeConfirmText,
  accessSummary,
  hasNoAccess,
} from '../sections.js';
import { lastOpenedText, accessEndText, parseAccessEnd, dateInputFromExpiresAt, todayInput } from '../receipts.js';
import { looksLikeEmail } from '../../auth-state.js';
import { ConfirmDialog } from './confirm.js';

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
        outcome?.invitationSent === false ? 'error' : 'success',
      );
      await reload();
      return true;
    } catch (e) {
      if (e?.status !== 401) setRowError(contact.contactId, e?.message ?? 'That did not work. Try again.');
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
      announce(`A new invitation was emailed to ${contact.email}; the previous link no longer works.`, 'success');
    } catch (e) {
      if (e?.status !== 401) setRowError(contact.contactId, e?.message ?? 'The invitation was not sent. Try again.');
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
      announce(`${contact.name || contact.email} no longer has access to this matter.`, 'success');
      await reload();
    } catch (e) {
      if (e?.status !== 401) setRevokeError(e?.message ?? 'Access was not revoked. Try again.');
      else setRevoking(null);
    } finally {
      setRowBusy(contact.contactId, '');
    }
  }

  const list = contacts ?? [];
  return html`
    <div class="access">
      <section class="panel" aria-labelledby="access-heading">
        <h2 id="access-heading">Access</h2>
        <${PortalLink} url=${config.portalUrl} announce=${announce} />
        <p class="list-summary" id="access-summary">${contacts === null ? 'Loading contacts…' : accessSummary(list)}</p>
        ${error
          ? html`<div class="message error" role="alert"><p>${error}</p><button type="button" class="button" onClick=${reload}>Try again</button></div>`
          : null}
        ${list.length
          ? html`<table class="data-table access-table" id="access-table" aria-label="Contacts with access">
              <thead>
                <tr>
                  <th scope="col">Contact</th>
                  <th scope="col">Download</th>
                  <th scope="col" class="num">Shared</th>
                  <th scope="col">Status</th>
                  <th scope="col">Granted</th>
                  <th scope="col">Last seen</th>
                  <th scope="col">Last opened</th>
                  <th scope="col"><span class="visually-hidden">Actions</span></th>
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
      <${GrantForm} api=${api} matter=${matter} contacts=${list} reload=${reload} announce=${announce} />
      <${ConfirmDialog}
        id="revoke-dialog"
        open=${!!revoking}
        title=${revoking ? `Revoke ${revoking.name || revoking.email}’s access?` : ''}
        text=${revoking ? revokeConfirmText(revoking) : ''}
        confirmLabel="Revoke access"
        tone="danger"
        busy=${revoking ? busy[revoking.contactId] === 'revoke' : false}
        error=${revokeError}
        onConfirm=${confirmRevoke}
        onCancel=${() => setRevoking(null)}
      />
    </div>
  `;
}

function PortalLink({ url, announce }) {
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      announce('The portal link was copied.', 'success');
    } catch {
      document.getElementById('portal-link')?.select();
      announce('Select the link and copy it (the browser did not allow copying).', 'info');
    }
  }
  return html`<div class="portal-link">
    <label for="portal-link">Portal link to give clients</label>
    <div class="input-with-button">
      <input id="portal-link" type="text" readonly value=${url} onFocus=${(e) => e.currentTarget.select()} />
      <button type="button" class="button secondary" id="portal-link-copy" onClick=${copy}>Copy link</button>
    </div>
    <p class="hint">Clients sign in there with the address you give them access under; each invitation link works once, for one hour.</p>
  </div>`;
}

function AccessRow({ contact: c, busy, error, editing, onEdit, onCloseEdit, editingEnd, onEditEnd, onCloseEditEnd, onUpdate, onResend, onRevoke }) {
  const [email, setEmail] = useState(c.email);
  const [emailError, setEmailError] = useState('');
  const [endDay, setEndDay] = useState(() => dateInputFromExpiresAt(c.expiresAt));
  const [endError, setEndError] = useState('');
  const input = useRef(/** @type {HTMLInputElement | null} */ (null));
  const endInput = useRef(/** @type {HTMLInputElement | null} */ (null));
  const revoked = hasNoAccess(c.status);
  const endText = accessEndText(c);
  const nameId = `contact-name-${c.contactId}`;
  const who = c.name || c.email;

  async function saveAddress(event) {
    event.preventDefault();
    const next = email.trim();
    if (!looksLikeEmail(next)) {
      setEmailError('Enter an address like name@example.com.');
      input.current?.focus();
      return;
    }
    if (next === c.email) {
      setEmailError('That is the current address.');
      return;
    }
    setEmailError('');
    if (await onUpdate(c, { email: next }, 'address')) onCloseEdit();
  }

  async function saveEnd(event) {
    event.preventDefault();
    const end = parseAccessEnd(endDay);
    if (end.error || !end.value) {
      setEndError(end.error || 'Choose the last day of access, or use Remove end date.');
      endInput.current?.focus();
      return;
    }
    setEndError('');
    if (await onUpdate(c, { expiresAt: end.value }, 'end')) onCloseEditEnd();
  }

  async function removeEnd() {
    setEndError('');
    if (await onUpdate(c, { expiresAt: null }, 'end')) {
      setEndDay('');
      onCloseEditEnd();
    }
  }

  function openEnd() {
    setEndDay(dateInputFromExpiresAt(c.expiresAt));
    setEndError('');
    onEditEnd();
  }

  return html`
    <tr data-contact-id=${c.contactId} data-status=${c.status} class=${revoked ? 'revoked' : ''}>
      <td data-label="Contact">
        <span class="contact-name" id=${nameId}>${c.name}</span>
        <span class="contact-email">${c.email}</span>
        ${editing
          ? html`<form class="inline-form" onSubmit=${saveAddress} noValidate>
              <label for=${`email-${c.contactId}`}>New address for ${who}</label>
              <input
                id=${`email-${c.contactId}`}
                ref=${input}
                type="email"
                value=${email}
                onInput=${(e) => setEmail(e.currentTarget.value)}
                aria-invalid=${emailError ? 'true' : 'false'}
                aria-describedby=${`email-hint-${c.contactId}`}
              />
              <p class="hint" id=${`email-hint-${c.contactId}`}>A new invitation goes to the new address; the old one stops working at once.</p>
              ${emailError ? html`<p class="field-error">${emailError}</p>` : null}
              <div class="button-row">
                <button type="submit" class="button primary" disabled=${busy === 'address'}>Save address</button>
                <button type="button" class="button quiet" onClick=${() => { setEmail(c.email); setEmailError(''); onCloseEdit(); }}>Cancel</button>
              </div>
            </form>`
          : null}
        ${editingEnd
          ? html`<form class="inline-form end-form" onSubmit=${saveEnd} noValidate>
              <label for=${`expires-${c.contactId}`}>Last day of access for ${who}</label>
              <input
                id=${`expires-${c.contactId}`}
                ref=${endInput}
                type="date"
                min=${todayInput()}
                value=${endDay}
                onInput=${(e) => setEndDay(e.currentTarget.value)}
                aria-invalid=${endError ? 'true' : 'false'}
                aria-describedby=${`expires-hint-${c.contactId}`}
              />
              <p class="hint" id=${`expires-hint-${c.contactId}`}>Access stops at the end of that day; the contact is signed out then.</p>
              ${endError ? html`<p class="field-error">${endError}</p>` : null}
              <div class="button-row">
                <button type="submit" class="button primary" disabled=${busy === 'end'}>Save end date</button>
                ${c.expiresAt ? html`<button type="button" class="button secondary" disabled=${busy === 'end'} onClick=${removeEnd}>Remove end date</button>` : null}
                <button type="button" class="button quiet" onClick=${() => { setEndError(''); onCloseEditEnd(); }}>Cancel</button>
              </div>
            </form>`
          : null}
        ${error ? html`<p class="field-error row-error" role="alert">${error}</p>` : null}
      </td>
      <td data-label="Download">
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
          <span class="switch-text">${c.canDownload ? 'Allowed' : 'View only'}</span>
          <span class="visually-hidden"> Download for ${who}</span>
        </label>
      </td>
      <td data-label="Shared" class="num shared-count">${c.sharedCount}</td>
      <td data-label="Status">
        <span class=${`status status-${c.status}`} title=${ACCESS_STATUS[c.status]?.hint ?? ''}>${accessStatusLabel(c.status)}</span>
        ${endText ? html`<span class="access-end">${endText}</span>` : null}
      </td>
      <td data-label="Granted">${formatDateTime(c.grantedAt)}</td>
      <td data-label="Last seen" class="last-seen">${c.lastSeenAt ? formatDateTime(c.lastSeenAt) : html`<span class="subtle">Not yet</span>`}</td>
      <td data-label="Last opened"><span class=${`last-opened${c.lastOpened ? '' : ' nothing-opened'}`}>${lastOpenedText(c)}</span></td>
      <td data-label="Actions" class="row-actions">
        ${revoked
          ? html`<button type="button" class="button secondary" aria-describedby=${nameId} disabled=${busy !== ''} onClick=${() => onUpdate(c, {}, 'regrant')}>Give access again</button>`
          : html`
              <button type="button" class="button quiet" aria-describedby=${nameId} disabled=${busy !== '' || editing} onClick=${() => { setEmail(c.email); setEmailError(''); onEdit(); }}>Change address</button>
              <button type="button" class="button quiet end-date-button" aria-describedby=${nameId} disabled=${busy !== '' || editingEnd} onClick=${openEnd}>${c.expiresAt ? 'Change end date' : 'Set end date'}</button>
              <button type="button" class="button quiet" aria-describedby=${nameId} disabled=${busy !== ''} onClick=${() => onResend(c)} aria-busy=${busy === 'resend' ? 'true' : 'false'}>Resend invitation</button>
              <button type="button" class="button quiet danger-text" aria-describedby=${nameId} disabled=${busy !== ''} onClick=${onRevoke}>Revoke</button>
            `}
      </td>
    </tr>
  `;
}

function GrantForm({ api, matter, contacts, reload, announce }) {
  const [form, setForm] = useState({ contactId: '', name: '', email: '', canDownload: true, endDay: '' });
  const [errors, setErrors] = useState(/** @type {any} */ ({}));
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState('');

  async function submit(event) {
    event.preventDefault();
    const problems = validateGrant(form);
    const end = parseAccessEnd(form.endDay);
    if (end.error) problems.endDay = end.error;
    setErrors(problems);
    setSaveError('');
    const first = ['contactId', 'name', 'email', 'endDay'].find((k) => problems[k]);
    if (first) {
      document.getElementById({ contactId: 'grant-id', name: 'grant-name', email: 'grant-email', endDay: 'grant-expires' }[first])?.focus();
      return;
    }
    const contactId = form.contactId.trim();
    const existing = contacts.find((c) => c.contactId === contactId) ?? null;
    setSaving(true);
    try {
      const outcome = await api.grant(matter.matterId, contactId, {
        email: form.email.trim(),
        name: form.name.trim(),
        canDownload: form.canDownload,
        // Only a chosen date is sent: an existing contact's end date stays otherwise.
        expiresAt: end.value ?? undefined,
      });
      announce(
        grantMessage({ ...outcome, name: outcome?.name ?? form.name.trim() }, existing && !hasNoAccess(existing.status) ? existing : null),
        outcome?.invitationSent === false ? 'error' : 'success',
      );
      setForm({ contactId: '', name: '', email: '', canDownload: true, endDay: '' });
      await reload();
    } catch (e) {
      if (e?.status !== 401) setSaveError(`Access was not given. ${e?.message ?? ''}`.trim());
    } finally {
      setSaving(false);
    }
  }

  const field = (key, id, label, type, hint = '', extra = {}) => html`<div class="field">
    <label for=${id}>${label}</label>
    <input
      ...${extra}
      id=${id}
      type=${type}
      value=${form[key]}
      autocomplete="off"
      onInput=${(e) => setForm({ ...form, [key]: e.currentTarget.value })}
      aria-invalid=${errors[key] ? 'true' : 'false'}
      aria-describedby=${errors[key] ? `${id}-error` : hint ? `${id}-hint` : undefined}
    />
    ${hint ? html`<p class="hint" id=${`${id}-hint`}>${hint}</p>` : null}
    ${errors[key] ? html`<p class="field-error" id=${`${id}-error`}>${errors[key]}</p>` : null}
  </div>`;

  return html`
    <section class="panel" aria-labelledby="grant-heading">
      <h2 id="grant-heading">Give a contact access</h2>
      <form class="grant-form" id="grant-form" onSubmit=${submit} noValidate>
        <div class="field-row">
          ${field('contactId', 'grant-id', 'Contact id', 'text', 'The contact’s id in your practice system.')}
          ${field('name', 'grant-name', 'Contact name', 'text')}
          ${field('email', 'grant-email', 'Sign-in address', 'email', 'The only address they can sign in with.')}
          ${field('endDay', 'grant-expires', 'Access ends (optional)', 'date', 'The last day of access; empty for no end date.', { min: todayInput() })}
        </div>
        <div class="checkbox-field">
          <input
            id="grant-download"
            type="checkbox"
            checked=${form.canDownload}
            onChange=${(e) => setForm({ ...form, canDownload: e.currentTarget.checked })}
          />
          <label for="grant-download">Can download (otherwise view only)</label>
        </div>
        ${saveError ? html`<p class="message error" id="grant-error" role="alert">${saveError}</p>` : null}
        <button type="submit" class="button primary" id="grant-submit" disabled=${saving} aria-busy=${saving ? 'true' : 'false'}>
          ${saving ? 'Giving access…' : 'Give access and send invitation'}
        </button>
      </form>
    </section>
  `;
}
