// The Settings section of a matter: title, owner and notification recipients, saved by Save.
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
      announce('Nothing to save: no changes.');
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
      announce('The matter’s settings were saved.', 'success');
    } catch (e) {
      if (e?.status !== 401) setSaveError(`The settings were not saved. ${e?.message ?? ''}`.trim());
    } finally {
      setSaving(false);
    }
  }

  return html`
    <section class="panel narrow" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <p class="hint">Changes here are not saved automatically: press Save when you are done.</p>
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
