// The Sharing section: choose contacts, see what is shared with them (search by name, sort by
// clicking the column headers, More), share documents with them with an optional message,
// and stop sharing one document for one contact (it stays in the matter).
import { t } from '../texts.js';
import { html, useState, useMemo } from '../../../vendor/preact-htm.js';
import { normalizeSharesQuery, toggleSort, shareKey, rowsForChosen, contactFilterFor, cleanSearch } from '../staff-query.js';
import { shareableContacts } from '../sections.js';
import { usePagedList } from '../../common/hooks/use-paged-list.js';
import { useSearchText } from '../../common/hooks/use-search-text.js';
import { ContactChooser } from './contact-chooser.js';
import { ShareForm } from './share-form.js';
import { SharesTable, COLUMNS } from './shares-table.js';

/** How a sort is read out: "Sorted by name, A to Z." */
function sortedText(column, order) {
  const label = COLUMNS.find((c) => c.sort === column)?.label;
  const direction = column === 'name' ? (order === 'asc' ? t('a-to-z') : t('z-to-a')) : order === 'asc' ? t('oldest-first') : t('newest-first');
  return t('sorted-by', { column: (label ? t(label) : column).toLowerCase(), direction });
}

/**
 * @param {{api: any, matter: any, contacts: any[] | null, documents: any[] | null, contactsError: string, documentsError: string,
 *   reloadContacts: () => Promise<void>, reloadDocuments: () => Promise<void>, announce: Function}} props
 */
export function SharingSection({ api, matter, contacts, documents, contactsError, documentsError, reloadContacts, reloadDocuments, announce }) {
  const [chosen, setChosen] = useState(/** @type {string[]} */ ([]));
  const [query, setQuery] = useState(() => normalizeSharesQuery({ sort: 'name' }));
  const [rowErrors, setRowErrors] = useState(/** @type {Record<string, string>} */ ({}));
  const [stopping, setStopping] = useState('');
  const byId = useMemo(() => new Map((contacts ?? []).map((c) => [c.contactId, c])), [contacts]);
  const filter = contactFilterFor(chosen);
  const list = usePagedList(
    (cursor) => api.listShares(matter.matterId, { ...query, contactId: filter }, { cursor }),
    [api, matter.matterId, filter, query.q, query.sort, query.order],
    { what: t('what-shared-documents'), keyOf: shareKey },
  );
  const search = useSearchText(query.q, (q) => (q === query.q ? list.reload() : setQuery((current) => ({ ...current, q }))), cleanSearch);

  function sortBy(column) {
    const next = toggleSort(query, column);
    setQuery((current) => ({ ...current, ...next }));
    announce(sortedText(column, next.order));
  }

  function toggleContact(contactId, on) {
    setChosen((current) => (on ? [...current.filter((c) => c !== contactId), contactId] : current.filter((c) => c !== contactId)));
  }

  async function stop(row) {
    const key = shareKey(row);
    setStopping(key);
    setRowErrors((e) => ({ ...e, [key]: '' }));
    try {
      await api.stopSharing(matter.matterId, row.documentId, row.contactId);
      list.setItems((items) => items.filter((r) => shareKey(r) !== key));
      announce(t('share-stopped', { name: row.fileName, contact: row.contactName || row.contactId }), 'success');
      reloadContacts();
    } catch (e) {
      if (e?.status !== 401) setRowErrors((errs) => ({ ...errs, [key]: e?.message ?? t('share-not-stopped') }));
    } finally {
      setStopping('');
    }
  }

  const scope = chosen.length === 0 ? t('all-contacts') : chosen.map((id) => byId.get(id)?.name || id).join(', ');
  return html`
    <div class="sharing">
      <${ContactChooser}
        contacts=${contacts}
        people=${shareableContacts(contacts ?? [])}
        chosen=${chosen}
        error=${contactsError}
        onRetry=${reloadContacts}
        onToggle=${toggleContact}
      />
      <${ShareForm}
        api=${api}
        matter=${matter}
        chosen=${chosen}
        byId=${byId}
        documents=${documents}
        documentsError=${documentsError}
        onRetryDocuments=${reloadDocuments}
        announce=${announce}
        onShared=${() => {
          list.reload();
          reloadContacts();
          reloadDocuments();
        }}
      />
      <${SharesTable}
        rows=${rowsForChosen(list.items, chosen)}
        list=${list}
        query=${query}
        scope=${scope}
        search=${search}
        byId=${byId}
        rowErrors=${rowErrors}
        stopping=${stopping}
        onSort=${sortBy}
        onStop=${stop}
      />
    </div>
  `;
}
