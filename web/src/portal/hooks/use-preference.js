// One of the contact's choices (the email language, how often they are emailed), as the
// service keeps it on their grants: read once signed in, saved on change (every matter at
// once, the other choices left as they are), a failure said in words.
import { useState, useEffect } from '../../../vendor/preact-htm.js';
import { t } from '../texts.js';

/**
 * @param {{api: any, signedIn: boolean, field: 'language' | 'notifications'}} options
 * @returns {{value: string, saving: boolean, saved: boolean, error: string, choose: (value: string) => Promise<void>}}
 */
export function usePreference({ api, signedIn, field }) {
  const [value, setValue] = useState('');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    // A reloaded page knows who is signed in before its config (and so its API) has loaded.
    if (!signedIn || !api) return undefined;
    let live = true;
    api
      .preferences()
      .then((answer) => live && setValue(answer?.[field] ?? ''))
      .catch(() => {}); // the control stays empty; choosing still works
    return () => {
      live = false;
    };
  }, [signedIn, api, field]);

  async function choose(chosen) {
    const before = value;
    setValue(chosen);
    setSaving(true);
    setSaved(false);
    setError('');
    try {
      const answer = await api.savePreferences({ [field]: chosen });
      setValue(answer?.[field] ?? chosen);
      setSaved(true);
    } catch (e) {
      setValue(before);
      if (e?.status !== 401) setError(e?.message ?? t('choice-not-saved'));
    } finally {
      setSaving(false);
    }
  }

  return { value, saving, saved, error, choose };
}
