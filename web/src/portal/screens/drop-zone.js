// Where files are chosen or dropped: a file input with its label as a button, and the area
// around it taking dropped files. A file dropped elsewhere on the page must not replace it.
import { html, useState, useEffect } from '../../../vendor/preact-htm.js';
import { t } from '../texts.js';

const carriesFiles = (event) => !!event.dataTransfer && [...event.dataTransfer.types].includes('Files');

/**
 * @param {{inputRef: any, accept: string, describedBy: string, onFiles: (files: FileList | null | undefined) => void}} props
 */
export function DropZone({ inputRef, accept, describedBy, onFiles }) {
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    const stop = (event) => {
      if (carriesFiles(event)) event.preventDefault();
    };
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  const onDragOver = (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDragLeave = (event) => {
    if (event.currentTarget.contains(event.relatedTarget)) return;
    setDragging(false);
  };
  const onDrop = (event) => {
    event.preventDefault();
    setDragging(false);
    onFiles(event.dataTransfer?.files);
  };
  const onPick = (event) => {
    onFiles(event.currentTarget.files);
    // Picking the same file again must fire change again.
    event.currentTarget.value = '';
  };

  return html`
    <div
      class=${`dropzone${dragging ? ' dragging' : ''}`}
      onDragOver=${onDragOver}
      onDragEnter=${onDragOver}
      onDragLeave=${onDragLeave}
      onDrop=${onDrop}
    >
      <input ref=${inputRef} id="upload-files" class="file-input" type="file" multiple accept=${accept} onChange=${onPick} aria-describedby=${describedBy} />
      <label for="upload-files" class="dropzone-label button">${t('choose-files')}</label>
      <p class="dropzone-hint">${t('drop-here')}</p>
    </div>
  `;
}
