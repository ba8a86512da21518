// A message's one new file: chosen, checked against the config at once, and, when the
// message is sent, uploaded through the one upload pipeline (presigned PUT, then the
// service's checks) before the message names it. Both faces use it with their own upload API.
import { useState, useRef, useEffect } from '../../../vendor/preact-htm.js';
import { checkFile } from '../upload-rules.js';
import { createUploadJob } from '../uploader.js';
import { DONE_PHASES } from '../upload-queue.js';

/**
 * @param {{api: {requestUpload: Function, uploadStatus: Function}, config: any, matterId: string}} options
 */
export function useAttachmentUpload({ api, config, matterId }) {
  const [file, setFile] = useState(/** @type {File | null} */ (null));
  const [state, setState] = useState(/** @type {any} */ (null));
  const [refusal, setRefusal] = useState('');
  const job = useRef(/** @type {any} */ (null));
  useEffect(() => () => job.current?.dispose(), []);

  /** A file picked (or none): refused at once when the portal would refuse it. */
  function choose(picked) {
    setState(null);
    if (!picked) {
      setFile(null);
      setRefusal('');
      return;
    }
    const check = checkFile(picked, config);
    setRefusal(check.ok ? '' : check.message);
    setFile(check.ok ? picked : null);
  }

  /** Uploads the chosen file (or `picked`, chosen at the same moment): its document id once
   *  accepted, '' when there is none, or null when it was not accepted (`state.message` says
   *  why). */
  async function upload(picked = file) {
    if (!picked) return '';
    const check = checkFile(picked, config);
    if (!check.ok) return null;
    job.current = createUploadJob({
      file: picked,
      matterId,
      contentType: check.contentType,
      api,
      config,
      createXhr: () => new XMLHttpRequest(),
      onChange: setState,
    });
    const final = await job.current.start();
    return final.phase === 'attached' ? final.documentId : null;
  }

  // Between Send and the service's verdict: the message waits for it.
  const uploading = Boolean(state) && !DONE_PHASES.has(state.phase);
  return { file, state, refusal, uploading, choose, upload };
}
