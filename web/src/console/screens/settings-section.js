// The Settings section of a matter: title, owner and notification recipients, saved by Save.
import { t } from '../texts.js';
import { html, useState, useEffect } from '../../../vendor/preact-htm.js';
import { draftFromMatter, changedFields, toMatterInput } from '../settings.js';
import { SettingsForm, validateDraft, peopleChoices } from './settings-form.js';
import { useKnownMatters } from '../hooks/use-known-matters.js';

/**
 * @param {{api: any, me: any, matter: any, onSaved: (m: any) => void, announce: Function, setDirty: (f: string[]) => void}} props
 */
export function SettingsSection({ api, me, matter, onSaved, announce, setDirty }) {
  const [saved, setSaved] = useState(() => draftFromMatter(matter));
  const [draft, setDraft] = useState(saved);
  const [added, setAdded] = useState(/** @type {any[]} */ ([]));
  const [errors, setErrors] = useState(/** @type {any} */ ({}));
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState('');
  const { matters, status: peopleStatus } = useKnownMatters(api);
  const people = peopleChoices({ matters, me, added, draft: { ...draft, notify: [...draft.notify, ...saved.notify], owner: draft.owner } });
  if (saved.owner && !people.some((p) => p.id === saved.owner.id)) people.push(saved.owner);

  const changed = changedFields(draft, saved);
  useEffect(() => {
    setDirty(changed);
  }, [changed.join(',')]);
  useEffect(() => () => setDirty([]), []);

  async function save() {
    const problems = validateDraft(draft);
    setErrors(problems);
    setSaveError('');
    if (Object.keys(problems).length) {
      document.getElementById(problems.title ? 'matter-title' : 'matter-owner')?.focus();
      return;
    }
    if (!changed.length) {
      announce(t('nothing-to-save'));
      return;
    }
    setSaving(true);
    try {
      const answer = await api.saveMatter(matter.matterId, toMatterInput(draft));
      const next = answer && typeof answer === 'object' && answer.title ? answer : { ...matter, ...toMatterInput(draft) };
      const nextDraft = draftFromMatter(next);
      setSaved(nextDraft);
      setDraft(nextDraft);
      onSaved(next);
      announce(t('settings-saved'), 'success');
    } catch (e) {
      if (e?.status !== 401) setSaveError(t('settings-not-saved', { reason: e?.message ?? '' }).trim());
    } finally {
      setSaving(false);
    }
  }

  return html`
    <section class="panel narrow" aria-labelledby="settings-heading">
      <h2 id="settings-heading">${t('section-settings')}</h2>
      <p class="hint">${t('settings-hint')}</p>
      <${SettingsForm}
        draft=${draft}
        saved=${saved}
        onChange=${setDraft}
        people=${people}
        peopleStatus=${peopleStatus}
        onAddPerson=${(p) => setAdded((list) => [...list, p])}
        onSave=${save}
        onDiscard=${() => {
          setDraft(saved);
          setErrors({});
          setSaveError('');
        }}
        saving=${saving}
        saveError=${saveError}
        fieldErrors=${errors}
      />
    </section>
  `;
}
