// The Upload button of both faces: off until a chosen file can be sent, and saying so.
import { html } from '../../../vendor/preact-htm.js';
import { t } from '../texts.js';

/** @param {{id: string, ready: number, onStart: () => void}} props ready: files that can be sent */
export function UploadStart({ id, ready, onStart }) {
  const hintId = `${id}-hint`;
  const waiting = ready === 0;
  return html`
    <button type="button" id=${id} class="button primary" disabled=${waiting} aria-describedby=${waiting ? hintId : undefined} onClick=${onStart}>
      ${t('upload')}
    </button>
    ${waiting ? html`<span class="hint" id=${hintId}>${t('choose-files-first')}</span>` : null}
  `;
}
