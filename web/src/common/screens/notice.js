// The one status region: what just happened, read out by screen readers (aria-live) and shown.
import { html } from '../../../vendor/preact-htm.js';
import { t } from '../texts.js';

/**
 * @param {{notice: {key: number, text: string, tone: 'info'|'success'|'error', link?: {href: string, label: string} | null} | null, onDismiss: () => void}} props
 */
export function Notice({ notice, onDismiss }) {
  return html`
    <div class=${`notice-area${notice ? ` has-notice tone-${notice.tone}` : ''}`}>
      <div id="status" class="notice" role="status" aria-live="polite" aria-atomic="true">
        ${notice
          ? html`<p key=${notice.key} class="notice-text" data-tone=${notice.tone}>
              ${notice.tone === 'error' ? html`<span class="visually-hidden">${t('notice-error')}</span>` : null}
              ${notice.text}
              ${notice.link
                ? html` <a href=${notice.link.href} target="_blank" rel="noopener noreferrer">${notice.link.label}</a>`
                : null}
            </p>`
          : null}
      </div>
      ${notice
        ? html`<button type="button" class="button quiet dismiss" onClick=${onDismiss}>${t('dismiss')}</button>`
        : null}
    </div>
  `;
}
