// Writing a message: the text (line breaks kept), a count near the limit, the attachment
// the face offers (a slot), Send, and why a message was not sent.
import { html, useState } from '../../../vendor/preact-htm.js';
import { MAX_MESSAGE_CHARS } from '../conversation.js';
import { t } from '../texts.js';

/**
 * @param {{onSend: (text: string) => Promise<boolean>, sending: boolean, problem: string,
 *   label: string, children?: any}} props
 *   onSend: true when it was posted (the text is then cleared)
 */
export function Composer({ onSend, sending, problem, label, children }) {
  const [text, setText] = useState('');
  const length = [...text].length;

  async function submit(e) {
    e.preventDefault();
    if (await onSend(text)) setText('');
  }

  return html`<form class="composer" onSubmit=${submit} aria-busy=${sending ? 'true' : 'false'}>
    <label for="message-text">${label}</label>
    <textarea
      id="message-text"
      rows="4"
      value=${text}
      aria-describedby="message-count message-problem"
      onInput=${(e) => setText(e.currentTarget.value)}
    ></textarea>
    <p class="hint" id="message-count">
      ${length > MAX_MESSAGE_CHARS * 0.9 ? t('message-count', { length, max: MAX_MESSAGE_CHARS }) : ''}
    </p>
    ${children}
    ${problem ? html`<p class="message error" id="message-problem" role="alert">${problem}</p>` : null}
    <button type="submit" id="message-send" class="button primary" disabled=${sending}>${sending ? t('sending') : t('send')}</button>
  </form>`;
}
