// Setting up a matter by its id (the id in the firm's practice system): its title, owner and
// who is notified. Saved only by Save.
import { t } from '../texts.js';
import { html, useState, useEffect } from '../../../vendor/preact-htm.js';
import { newDraft, changedFields, toMatterInput } from '../settings.js';
import { ID_PATTERN } from '../staff-query.js';
import { routeHash } from '../routes.js';
import { SettingsForm, validateDraft, peopleChoices } from './settings-form.js';
import { useKnownMatters } from '../hooks/use-known-matters.js';

/**
 * @param {{api: any, me: any, initialId: string, announce: Function, navigate: (hash: string) => void, setDirty: (f: string[]) => void}} props
 */
export function NewMatterView({ api, me, initialId, announce, navigate, setDirty }) {
  const [matterId, setMatterId] = useState(initialId);
  const [draft, setDraft] = useState(() => newDraft(me));
  const [added, setAdded] = useState(/** @type {any[]} */ ([]));
  const [errors, setErrors] = useState(/** @type {any} */ ({}));
  const [idError, setIdError] = useState('');
  const [exists, setExists] = useState('');
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState('');
  const { matters, status: peopleStatus } = useKnownMatters(api);
  const people = peopleChoices({ matters, me, added, draft });
  const blank = newDraft(me);

  const dirtyFields = [...(matterId.trim() ? [t('field-matter-id')] : []), ...changedFields(draft, blank)];
  useEffect(() => {
    setDirty(dirtyFields);
  }, [dirtyFields.join(',')]);
  useEffect(() => () => setDirty([]), []);

  async function save() {
    const id = matterId.trim();
    const problems = validateDraft(draft);
    const badId = ID_PATTERN.test(id) ? '' : t('matter-bad-id');
    setErrors(problems);
    setIdError(badId);
    setExists('');
    setSaveError('');
    if (badId || Object.keys(problems).length) {
      document.getElementById(badId ? 'new-matter-id' : problems.title ? 'matter-title' : 'matter-owner')?.focus();
      return;
    }
    setSaving(true);
    try {
      // Setting up never overwrites a matter that already has settings.
      const existing = await api.getMatter(id).catch((e) => {
        if (e?.status === 404) return null;
        throw e;
      });
      if (existing) {
        setExists(id);
        return;
      }
      await api.saveMatter(id, toMatterInput(draft));
      setDirty([]);
      announce(t('matter-set-up', { title: draft.title.trim() }), 'success');
      navigate(routeHash({ view: 'matter', matterId: id, section: 'access' }));
    } catch (e) {
      if (e?.status !== 401) setSaveError(t('matter-not-saved', { reason: e?.message ?? '' }).trim());
    } finally {
      setSaving(false);
    }
  }

  const idField = html`<div class="field">
      <label for="new-matter-id">${t('matter-id-label')}</label>
      <input
        id="new-matter-id"
        type="text"
        maxlength="64"
        autocomplete="off"
        spellcheck=${false}
        value=${matterId}
        onInput=${(e) => {
          setMatterId(e.currentTarget.value);
          setExists('');
        }}
        aria-invalid=${idError ? 'true' : 'false'}
        aria-describedby=${idError ? 'new-matter-id-error' : 'new-matter-id-hint'}
      />
      <p id="new-matter-id-hint" class="hint">${t('matter-id-hint')}</p>
      ${idError ? html`<p id="new-matter-id-error" class="field-error">${idError}</p>` : null}
      ${exists
        ? html`<p class="message warning" id="new-matter-exists" role="alert">
            ${t('matter-exists', { id: exists })} <a href=${routeHash({ view: 'matter', matterId: exists, section: 'settings' })}>${t('open-its-settings')}</a> ${t('to-change-them')}
          </p>`
        : null}
    </div>`;

  return html`
    <section class="console-section panel narrow" aria-labelledby="main-heading">
      <h1 id="main-heading" tabindex="-1">${t('nav-new')}</h1>
      <p class="lede">${t('new-matter-lede')}</p>
      <${SettingsForm}
        before=${idField}
        draft=${draft}
        saved=${blank}
        isNew=${true}
        extraChanges=${matterId.trim() ? [t('field-matter-id')] : []}
        onChange=${setDraft}
        people=${people}
        peopleStatus=${peopleStatus}
        onAddPerson=${(p) => setAdded((list) => [...list, p])}
        onSave=${save}
        onDiscard=${() => setDraft(newDraft(me))}
        saving=${saving}
        saveError=${saveError}
        fieldErrors=${errors}
        saveLabel=${t('save')}
      />
    </section>
  `;
}
