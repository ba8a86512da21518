// A document's versions, behind a disclosure: each one's number, who added it and when, its
// size and SHA-256, and Open (any version's own bytes); "Upload new version" picks the next
// one and sends it at once through the one upload pipeline. Contacts see only the current one.
import { t } from '../texts.js';
import { html, useState, useRef, useMemo } from '../../../vendor/preact-htm.js';
import { latestOnly } from '../../common/query.js';
import { formatSize } from '../../common/format.js';
import { shortChecksum } from '../../common/checksum.js';
import { acceptAttribute } from '../../common/upload-rules.js';
import { useAttachmentUpload } from '../../common/hooks/use-attachment-upload.js';
import { When } from '../../common/screens/when.js';
import { versionUploadAdapter } from '../staff-api.js';

/** @param {{api: any, config: any, matterId: string, doc: any, announce: Function, onChanged: () => void}} props */
export function VersionsDisclosure({ api, config, matterId, doc, announce, onChanged }) {
  const [versions, setVersions] = useState(/** @type {any[] | null} */ (null));
  const [error, setError] = useState('');
  const tickets = useRef(latestOnly());
  const uploads = useMemo(() => versionUploadAdapter(api, doc.documentId), [api, doc.documentId]);
  const next = useAttachmentUpload({ api: uploads, config, matterId });
  const inputId = `version-file-${doc.documentId}`;

  async function load() {
    const ticket = tickets.current.next();
    setError('');
    try {
      const items = await api.listVersions(matterId, doc.documentId);
      if (tickets.current.isLatest(ticket)) setVersions(items);
    } catch (e) {
      if (tickets.current.isLatest(ticket) && e?.status !== 401) setError(t('versions-failed', { reason: e?.message ?? '' }).trim());
    }
  }

  async function open(number) {
    try {
      const link = await api.versionLink(matterId, doc.documentId, number, 'view');
      window.open(link.url, '_blank', 'noopener');
    } catch (e) {
      if (e?.status !== 401) announce(t('version-not-opened', { number: String(number), reason: e?.message ?? '' }).trim(), 'error');
    }
  }

  /** A file picked is checked and, when it can be sent, uploaded at once. */
  async function send(picked) {
    next.choose(picked);
    if (!picked) return;
    const documentId = await next.upload(picked);
    if (documentId) {
      announce(t('version-uploaded', { name: doc.fileName }), 'success');
      next.choose(null);
      await load();
      onChanged();
    }
  }

  return html`<details class="versions" data-versions-for=${doc.documentId} onToggle=${(e) => e.currentTarget.open && load()}>
    <summary>${t('versions-summary', { count: String(doc.version ?? 1) })}<span class="visually-hidden">${t('of-name', { name: doc.fileName })}</span></summary>
    <div class="versions-body" aria-live="polite">
      ${error ? html`<p class="field-error" role="alert">${error}</p>` : null}
      ${versions === null && !error ? html`<p class="subtle">${t('loading')}</p>` : null}
      ${versions?.length
        ? html`<ol class="versions-list" aria-label=${t('versions-of', { name: doc.fileName })}>
            ${versions.map(
              (v) => html`<li key=${v.number} data-version=${v.number}>
                <span class="version-number">${t('version-n', { number: String(v.number) })}${v.current ? t('current') : ''}</span>
                <span class="subtle">${v.uploadedBy?.name || v.uploadedBy?.email}, <${When} at=${v.uploadedAt} />, ${formatSize(v.size)}</span>
                ${v.sha256 ? html`<span class="checksum">SHA-256 <code title=${v.sha256}>${shortChecksum(v.sha256)}</code></span>` : null}
                <button type="button" class="button quiet" onClick=${() => open(v.number)}>${t('open')}<span class="visually-hidden">${t('version-hidden', { number: String(v.number) })}</span></button>
              </li>`,
            )}
          </ol>`
        : null}
      <div class="version-upload">
        <input
          id=${inputId}
          class="file-input"
          type="file"
          accept=${acceptAttribute([doc.contentType])}
          disabled=${next.uploading}
          onChange=${(e) => {
            const picked = e.currentTarget.files?.[0] ?? null;
            e.currentTarget.value = '';
            send(picked);
          }}
        />
        <label for=${inputId} class="button secondary" aria-busy=${next.uploading ? 'true' : 'false'}>${t('upload-new-version')}</label>
        ${next.refusal ? html`<p class="field-error" role="alert">${next.refusal}</p>` : null}
        ${next.state?.message && next.state.phase !== 'attached' ? html`<p class="subtle">${next.state.message}</p>` : null}
      </div>
    </div>
  </details>`;
}
