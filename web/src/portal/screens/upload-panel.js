// Uploading into one of my matters: pick or drop several files, each checked against the
// config before any request; Upload waits for a file that can be sent; then per file a
// progress bar, Cancel, and the outcome.
import { html, useState, useEffect, useRef } from '../../../vendor/preact-htm.js';
import { acceptAttribute } from '../../common/upload-rules.js';
import { describeKinds, formatSize } from '../../common/format.js';
import { useUploadQueue } from '../../common/hooks/use-upload-queue.js';
import { UploadItem } from '../../common/screens/upload-item.js';
import { UploadStart } from '../../common/screens/upload-start.js';
import { DropZone } from './drop-zone.js';
import { t } from '../texts.js';

/**
 * @param {{api: any, config: import('../../common/config.js').PortalConfig, matters: any[] | null, preferredMatterId: string, announce: Function, onAttached: () => void}} props
 */
export function UploadPanel({ api, config, matters, preferredMatterId, announce, onAttached }) {
  const [target, setTarget] = useState('');
  const [targetError, setTargetError] = useState('');
  const fileInput = useRef(/** @type {HTMLInputElement | null} */ (null));
  const targetSelect = useRef(/** @type {HTMLSelectElement | null} */ (null));
  const list = matters ?? [];
  const titleOf = (id) => list.find((m) => m.matterId === id)?.title || id;
  const queue = useUploadQueue({
    api,
    config,
    onAnnounce: announce,
    onState: (_entry, state) => {
      if (state.phase === 'attached' || state.phase === 'unconfirmed') onAttached();
      if (state.phase === 'attached') announce(state.message, 'success');
      else if (state.phase === 'rejected' || state.phase === 'failed') announce(state.message, 'error');
      else if (state.phase === 'unconfirmed') announce(state.message, 'info');
    },
  });

  // Default matter: the one the list is filtered to, else the only one.
  useEffect(() => {
    if (preferredMatterId && list.some((m) => m.matterId === preferredMatterId)) setTarget(preferredMatterId);
    else if (!target && list.length === 1) setTarget(list[0].matterId);
  }, [preferredMatterId, matters]);

  function startAll() {
    const count = queue.ready().length;
    if (count === 0) {
      announce(t('choose-files-first'), 'error');
      fileInput.current?.focus();
      return;
    }
    if (!target || !list.some((m) => m.matterId === target)) {
      setTargetError(t('choose-matter'));
      announce(t('choose-matter'), 'error');
      targetSelect.current?.focus();
      return;
    }
    setTargetError('');
    queue.start(target);
    announce(t('uploading-to', { count, matter: titleOf(target) }));
  }

  const kinds = describeKinds(config.allowedContentTypes);
  const chooser = html`
    <div class="field">
      <label for="upload-matter">${t('upload-to-label')}</label>
      <select
        id="upload-matter"
        ref=${targetSelect}
        value=${target}
        onChange=${(e) => {
          setTarget(e.currentTarget.value);
          setTargetError('');
        }}
        aria-invalid=${targetError ? 'true' : 'false'}
        aria-describedby=${targetError ? 'upload-matter-error' : undefined}
      >
        <option value="">${t('choose-a-matter')}</option>
        ${list.map((m) => html`<option key=${m.matterId} value=${m.matterId}>${m.title || m.matterId}</option>`)}
      </select>
      ${targetError ? html`<p id="upload-matter-error" class="field-error">${targetError}</p>` : null}
    </div>
    <${DropZone} inputRef=${fileInput} accept=${acceptAttribute(config.allowedContentTypes)} describedBy="upload-rules" onFiles=${queue.add} />
    <p id="upload-rules" class="hint">${kinds ? t('upload-rules-kinds', { kinds, max: formatSize(config.maxUploadBytes) }) : t('upload-rules', { max: formatSize(config.maxUploadBytes) })}</p>
    <div class="upload-buttons">
      <${UploadStart} id="upload-start" ready=${queue.ready().length} onStart=${startAll} />
      ${queue.anyFinished
        ? html`<button type="button" class="button quiet" id="upload-clear" onClick=${queue.clearFinished}>${t('clear-finished')}</button>`
        : null}
    </div>
  `;

  return html`
    <section class="panel upload" id="upload-section" aria-labelledby="upload-heading">
      <h2 id="upload-heading">${t('upload-documents')}</h2>
      ${matters === null
        ? html`<p class="loading" aria-busy="true">${t('loading-matters')}</p>`
        : list.length === 0
          ? html`<p>${t('no-matter-to-upload')}</p>`
          : chooser}
      ${queue.entries.length
        ? html`<ul class="upload-list" id="upload-list" aria-label=${t('files-to-upload')}>
            ${queue.entries.map(
              (entry) => html`<${UploadItem}
                key=${entry.key}
                entry=${entry}
                matterTitle=${entry.matterId ? titleOf(entry.matterId) : ''}
                onCancel=${queue.cancel}
                onRemove=${queue.remove}
              />`,
            )}
          </ul>`
        : null}
    </section>
  `;
}
