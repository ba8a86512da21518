// Sharing chosen documents with the chosen contacts: an optional message and an optional
// download limit per contact and document.
import { t } from '../texts.js';
import { html, useState, useEffect } from '../../../vendor/preact-htm.js';
import { formatSize, listInWords } from '../../common/format.js';
import { shareMessage, shareableDocuments } from '../sections.js';
import { parseDownloadLimit, MAX_DOWNLOAD_LIMIT } from '../receipts.js';
import { UploadIcon } from './upload-icon.js';

const MAX_MESSAGE_CHARS = 10000;

/**
 * @param {{api: any, matter: any, chosen: string[], byId: Map<string, any>, documents: any[] | null,
 *   documentsError?: string, onRetryDocuments?: () => void, announce: Function, onShared: () => void}} props
 */
export function ShareForm({ api, matter, chosen, byId, documents, documentsError = '', onRetryDocuments, announce, onShared }) {
  const [picked, setPicked] = useState(/** @type {string[]} */ ([]));
  const [message, setMessage] = useState('');
  const [limitText, setLimitText] = useState('');
  const [limitError, setLimitError] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const available = shareableDocuments(documents ?? []);
  const waiting = (documents ?? []).filter((d) => d.status === 'pending').length;

  // A document that is no longer available is no longer picked.
  useEffect(() => {
    setPicked((current) => current.filter((id) => available.some((d) => d.documentId === id)));
  }, [documents]);

  async function submit(event) {
    event.preventDefault();
    setError('');
    if (!chosen.length) {
      setError(t('choose-a-contact'));
      document.getElementById('contact-chooser')?.querySelector('input')?.focus();
      return;
    }
    if (!picked.length) {
      setError(t('choose-a-document'));
      document.getElementById('share-documents')?.querySelector('input')?.focus();
      return;
    }
    // A number input holds '' for text it cannot read: that is not "no limit".
    const unreadable = /** @type {HTMLInputElement | null} */ (document.getElementById('share-download-limit'))?.validity?.badInput;
    const limit = parseDownloadLimit(unreadable ? 'x' : limitText);
    setLimitError(limit.error);
    if (limit.error) {
      document.getElementById('share-download-limit')?.focus();
      return;
    }
    setBusy(true);
    try {
      const outcome = await api.share(matter.matterId, { documentIds: picked, contactIds: chosen, message, downloadLimit: limit.value });
      announce(shareMessage(outcome, byId), 'success');
      setPicked([]);
      setMessage('');
      setLimitText('');
      onShared();
    } catch (e) {
      if (e?.status !== 401) setError(t('nothing-shared', { reason: e?.message ?? '' }).trim());
    } finally {
      setBusy(false);
    }
  }

  const names = chosen.map((id) => byId.get(id)?.name || id);
  return html`
    <section class="panel" aria-labelledby="share-heading">
      <h2 id="share-heading">${t('share-heading')}</h2>
      <form id="share-form" class="share-form" onSubmit=${submit} noValidate>
        ${documentsError
          ? html`<div class="message error" role="alert"><p>${documentsError}</p><button type="button" class="button" onClick=${onRetryDocuments}>${t('try-again')}</button></div>`
          : null}
        ${documents === null
          ? documentsError
            ? null
            : html`<p class="loading">${t('loading-documents')}</p>`
          : available.length === 0
            ? html`<p>${t('no-document-to-share')}</p>`
            : html`<fieldset id="share-documents">
                <legend>${t('documents-to-share')}</legend>
                <ul class="check-list">
                  ${available.map(
                    (d) => html`<li key=${d.documentId}>
                      <input
                        type="checkbox"
                        id=${`pick-${d.documentId}`}
                        checked=${picked.includes(d.documentId)}
                        onChange=${(e) =>
                          setPicked((current) =>
                            e.currentTarget.checked ? [...current, d.documentId] : current.filter((id) => id !== d.documentId),
                          )}
                      />
                      <label for=${`pick-${d.documentId}`}>
                        ${d.origin === 'portal' ? html`<${UploadIcon} />` : null}${d.fileName}
                        <span class="subtle">${formatSize(d.size)}</span>
                      </label>
                    </li>`,
                  )}
                </ul>
                ${waiting ? html`<p class="hint">${t('still-uploading', { count: waiting })}</p>` : null}
              </fieldset>`}
        <div class="field">
          <label for="share-message">${t('share-message')}</label>
          <textarea id="share-message" rows="3" maxlength=${MAX_MESSAGE_CHARS} value=${message} onInput=${(e) => setMessage(e.currentTarget.value)}></textarea>
          <p class="hint">${t('share-message-hint')}</p>
        </div>
        <div class="field limit-field">
          <label for="share-download-limit">${t('download-limit')}</label>
          <input
            id="share-download-limit"
            type="number"
            inputmode="numeric"
            min="1"
            max=${MAX_DOWNLOAD_LIMIT}
            step="1"
            value=${limitText}
            onInput=${(e) => setLimitText(e.currentTarget.value)}
            aria-invalid=${limitError ? 'true' : 'false'}
            aria-describedby=${limitError ? 'share-download-limit-error share-download-limit-hint' : 'share-download-limit-hint'}
          />
          <p class="hint" id="share-download-limit-hint">${t('download-limit-hint', { max: String(MAX_DOWNLOAD_LIMIT) })}</p>
          ${limitError ? html`<p class="field-error" id="share-download-limit-error">${limitError}</p>` : null}
        </div>
        ${error ? html`<p class="message error" id="share-error" role="alert">${error}</p>` : null}
        <div class="button-row">
          <button type="submit" id="share-submit" class="button primary" disabled=${busy} aria-busy=${busy ? 'true' : 'false'}>
            ${t('share')}${picked.length ? t('share-docs', { count: picked.length }) : ''}${names.length ? t('share-with', { names: names.length > 2 ? t('contacts-count', { count: names.length }) : listInWords(names) }) : ''}
          </button>
        </div>
      </form>
    </section>
  `;
}
