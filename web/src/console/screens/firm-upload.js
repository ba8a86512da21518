// Firm uploads: several files chosen at once, each checked before any request, then sent
// with progress and Cancel (Upload waits for a file that can be sent); the documents list
// follows each one.
import { html, useMemo } from '../../../vendor/preact-htm.js';
import { acceptAttribute } from '../../common/upload-rules.js';
import { formatSize, plural, describeKinds } from '../../common/format.js';
import { useUploadQueue } from '../../common/hooks/use-upload-queue.js';
import { UploadItem } from '../../common/screens/upload-item.js';
import { UploadStart } from '../../common/screens/upload-start.js';
import { firmUploadAdapter } from '../staff-api.js';

/** The console's own words for the end of a firm upload. */
function firmStatusText(state) {
  if (state.phase === 'attached') return 'Uploaded. Available in the matter.';
  if (state.phase === 'unconfirmed') return 'Sent. It shows as available once its checks finish.';
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
        announce(`“${entry.file.name}” was uploaded and is available in the matter.`, 'success');
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
      announce('Choose the files to upload first.', 'error');
      document.getElementById('firm-upload-files')?.focus();
      return;
    }
    announce(`Uploading ${plural(count, 'file')} to ${matter.title}.`);
  }

  const kinds = describeKinds(config.allowedContentTypes);
  return html`
    <section class="panel firm-upload" aria-labelledby="firm-upload-heading">
      <h2 id="firm-upload-heading">Upload firm documents</h2>
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
        <label for="firm-upload-files" class="button secondary">Choose files</label>
        <${UploadStart} id="firm-upload-start" ready=${queue.ready().length} onStart=${startAll} />
        ${queue.anyFinished ? html`<button type="button" class="button quiet" onClick=${queue.clearFinished}>Clear finished</button>` : null}
      </div>
      <p id="firm-upload-rules" class="hint">${kinds ? `${kinds}; ` : ''}up to ${formatSize(config.maxUploadBytes)} each. Uploaded documents are not shared until you share them.</p>
      ${queue.entries.length
        ? html`<ul class="upload-list" id="firm-upload-list" aria-label="Files to upload">
            ${queue.entries.map((e) => html`<${UploadItem} key=${e.key} entry=${e} statusText=${firmStatusText} onCancel=${queue.cancel} />`)}
          </ul>`
        : null}
    </section>
  `;
}
