// One file in an upload list: name and size, where it goes, a progress bar while it is sent,
// what became of it, and Cancel or Remove.
import { html } from '../../../vendor/preact-htm.js';
import { CANCELLABLE_PHASES, PROGRESS_PHASES, isFinished, uploadStatusText, uploadPercent } from '../upload-queue.js';
import { formatSize } from '../format.js';
import { shortChecksum } from '../checksum.js';
import { t } from '../texts.js';

/**
 * @param {{entry: any, matterTitle?: string, statusText?: (state: any) => string | null,
 *   onCancel: (entry: any) => void, onRemove?: (entry: any) => void}} props
 *   statusText: a face's own words for a phase (null: the common words)
 */
export function UploadItem({ entry, matterTitle = '', statusText = () => null, onCancel, onRemove }) {
  const { key, file, state, started } = entry;
  const nameId = `upload-name-${key}`;
  const progressId = `upload-progress-${key}`;
  const percent = uploadPercent(state);
  const cancellable = started && CANCELLABLE_PHASES.has(state.phase);
  const removable = onRemove && (!started || isFinished(entry));
  const tone = ['invalid', 'failed', 'rejected'].includes(state.phase) ? 'error' : state.phase === 'attached' ? 'success' : 'info';
  const text = statusText(state) ?? uploadStatusText(state, { started, formatSize });
  return html`
    <li class=${`upload-item tone-${tone}`} data-upload-key=${key} data-phase=${state.phase}>
      <p class="upload-head">
        <span id=${nameId} class="upload-name">${file.name}</span>
        <span class="upload-size">${formatSize(file.size)}</span>
      </p>
      ${matterTitle ? html`<p class="upload-matter">${t('upload-to', { matter: matterTitle })}</p>` : null}
      ${started && PROGRESS_PHASES.has(state.phase)
        ? html`<div class="progress-row">
            <label for=${progressId} class="visually-hidden">${t('upload-progress-of', { name: file.name })}</label>
            <progress id=${progressId} max="100" value=${percent}>${percent}%</progress>
            <span class="progress-value" aria-hidden="true">${percent}%</span>
          </div>`
        : null}
      <p class="upload-status">${text}</p>
      ${state.phase === 'attached' && state.sha256
        ? html`<p class="checksum upload-checksum">SHA-256 <code title=${state.sha256}>${shortChecksum(state.sha256)}</code></p>`
        : null}
      <div class="upload-actions">
        ${cancellable
          ? html`<button type="button" class="button secondary" aria-describedby=${nameId} onClick=${() => onCancel(entry)}>${t('cancel')}</button>`
          : null}
        ${removable && !cancellable
          ? html`<button type="button" class="button quiet" aria-describedby=${nameId} onClick=${() => onRemove(entry)}>${t('remove')}</button>`
          : null}
      </div>
    </li>
  `;
}
