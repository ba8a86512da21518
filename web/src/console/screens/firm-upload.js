// Firm uploads: several files chosen at once, each checked before any request, then sent
// with progress and Cancel (Upload waits for a file that can be sent); the documents list
// follows each one.
import { t } from '../texts.js';
import { html, useMemo } from '../../../vendor/preact-htm.js';
import { acceptAttribute } from '../../common/upload-rules.js';
import { formatSize, describeKinds } from '../../common/format.js';
import { useUploadQueue } from '../../common/hooks/use-upload-queue.js';
import { UploadItem } from '../../common/screens/upload-item.js';
import { UploadStart } from '../../common/screens/upload-start.js';
import { firmUploadAdapter } from '../staff-api.js';

/** The console's own words for the end of a firm upload. */
function firmStatusText(state) {
  if (state.phase === 'attached') return t('firm-uploaded-status');
  if (state.phase === 'unconfirmed') return t('firm-unconfirmed-status');
  return null;
}

/** @param {{api: any, config: any, matter: any, announce: Function, onChanged: () => void}} props */
export function FirmUpload({ api, config, matter, announce, onChanged }) {
  const uploads = useMemo(() => firmUploadAdapter(api), [api]);
  const queue = useUploadQueue({
    api: uploads,
    config,
    onAnnounce: announce,
    onState: (entry, state) => {
      if (state.phase === 'uploading' && state.fraction === 0) onChanged();
      if (state.phase === 'attached') {
        announce(t('firm-uploaded', { name: entry.file.name }), 'success');
        onChanged();
      } else if (state.phase === 'rejected' || state.phase === 'failed') {
        announce(state.message, 'error');
        onChanged();
      }
    },
  });

  function onPick(event) {
    queue.add(event.currentTarget.files);
    event.currentTarget.value = '';
  }

  function startAll() {
    const count = queue.start(matter.matterId);
    if (!count) {
      announce(t('choose-files-first'), 'error');
      document.getElementById('firm-upload-files')?.focus();
      return;
    }
    announce(t('uploading-to', { count, matter: matter.title }));
  }

  const kinds = describeKinds(config.allowedContentTypes);
  return html`
    <section class="panel firm-upload" aria-labelledby="firm-upload-heading">
      <h2 id="firm-upload-heading">${t('firm-upload-heading')}</h2>
      <div class="upload-row">
        <input
          id="firm-upload-files"
          class="file-input"
          type="file"
          multiple
          accept=${acceptAttribute(config.allowedContentTypes)}
          onChange=${onPick}
          aria-describedby="firm-upload-rules"
        />
        <label for="firm-upload-files" class="button secondary">${t('choose-files')}</label>
        <${UploadStart} id="firm-upload-start" ready=${queue.ready().length} onStart=${startAll} />
        ${queue.anyFinished ? html`<button type="button" class="button quiet" onClick=${queue.clearFinished}>${t('clear-finished')}</button>` : null}
      </div>
      <p id="firm-upload-rules" class="hint">${kinds ? t('firm-upload-rules-kinds', { kinds, max: formatSize(config.maxUploadBytes) }) : t('firm-upload-rules', { max: formatSize(config.maxUploadBytes) })}</p>
      ${queue.entries.length
        ? html`<ul class="upload-list" id="firm-upload-list" aria-label=${t('files-to-upload')}>
            ${queue.entries.map((e) => html`<${UploadItem} key=${e.key} entry=${e} statusText=${firmStatusText} onCancel=${queue.cancel} />`)}
          </ul>`
        : null}
    </section>
  `;
}
