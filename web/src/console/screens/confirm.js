// A confirmation as a modal <dialog>: a question, what will happen, and two buttons. Escape or
// the cancel button closes it without doing anything.
import { t } from '../texts.js';
import { html, useEffect, useRef } from '../../../vendor/preact-htm.js';

/**
 * @param {{id: string, open: boolean, title: string, text: string, confirmLabel: string,
 *   cancelLabel?: string, tone?: 'danger' | 'normal', busy?: boolean, error?: string,
 *   onConfirm: () => void, onCancel: () => void}} props
 */
export function ConfirmDialog({ id, open, title, text, confirmLabel, cancelLabel = t('cancel'), tone = 'normal', busy = false, error = '', onConfirm, onCancel }) {
  const ref = useRef(/** @type {HTMLDialogElement | null} */ (null));
  const cancelButton = useRef(/** @type {HTMLButtonElement | null} */ (null));
  const opener = useRef(/** @type {Element | null} */ (null));

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
      // The safe choice has focus first.
      cancelButton.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    }
  }, [open]);

  return html`
    <dialog
      ref=${ref}
      id=${id}
      class=${`confirm-dialog tone-${tone}`}
      aria-labelledby=${`${id}-title`}
      aria-describedby=${`${id}-text`}
      onCancel=${(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id=${`${id}-title`}>${title}</h2>
      <p id=${`${id}-text`}>${text}</p>
      ${error ? html`<p class="message error" role="alert">${error}</p>` : null}
      <div class="dialog-buttons">
        <button type="button" ref=${cancelButton} class="button secondary" onClick=${onCancel} disabled=${busy}>${cancelLabel}</button>
        <button
          type="button"
          class=${`button ${tone === 'danger' ? 'danger' : 'primary'}`}
          onClick=${onConfirm}
          disabled=${busy}
          aria-busy=${busy ? 'true' : 'false'}
        >
          ${confirmLabel}
        </button>
      </div>
    </dialog>
  `;
}
