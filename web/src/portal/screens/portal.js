// Signed in: my documents across my matters, uploading into a matter, and my matters.
import { html, useState, useEffect, useCallback } from '../../../vendor/preact-htm.js';
import { DocumentList } from './documents.js';
import { UploadPanel } from './upload-panel.js';
import { MatterList } from './matters.js';

/**
 * @param {{api: any, config: import('../../common/config.js').PortalConfig, contact: {name: string, email: string}, announce: Function}} props
 */
export function Portal({ api, config, contact, announce }) {
  const [matters, setMatters] = useState(/** @type {any[] | null} */ (null));
  const [mattersError, setMattersError] = useState('');
  const [refreshKey, setRefreshKey] = useState(0);
  const [filterMatterId, setFilterMatterId] = useState('');

  const loadMatters = useCallback(() => {
    setMattersError('');
    api
      .listMatters()
      .then((items) => setMatters(items.filter((m) => m && typeof m.matterId === 'string')))
      .catch((error) => {
        if (error?.status === 401) return;
        setMatters([]);
        setMattersError(`Your matters could not be loaded. ${error?.message ?? ''}`.trim());
      });
  }, [api]);
  useEffect(loadMatters, [loadMatters]);

  const onAttached = useCallback(() => setRefreshKey((k) => k + 1), []);
  const firstName = (contact.name || '').trim().split(/\s+/)[0];

  return html`
    <div class="portal">
      <section class="documents-section" aria-labelledby="main-heading">
        <h1 id="main-heading" tabindex="-1">Your documents</h1>
        <p class="lede">
          ${firstName ? `Welcome, ${firstName}. ` : ''}Everything shared with you and everything you uploaded,
          across all your matters, newest first.
        </p>
        <a class="jump-link" href="#upload-section">Upload documents</a>
        <${DocumentList}
          api=${api}
          matters=${matters}
          announce=${announce}
          refreshKey=${refreshKey}
          onMatterChange=${setFilterMatterId}
        />
      </section>
      <aside class="side">
        <${UploadPanel}
          api=${api}
          config=${config}
          matters=${matters}
          preferredMatterId=${filterMatterId}
          announce=${announce}
          onAttached=${onAttached}
        />
        <${MatterList} matters=${matters} error=${mattersError} onRetry=${loadMatters} />
      </aside>
    </div>
  `;
}
