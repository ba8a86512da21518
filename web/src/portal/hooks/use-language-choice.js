// The contact's language, as the service keeps it on their grants: read once signed in,
// saved on change (every matter at once), the failure said in words.
import { useState, useEffect } from '../../../vendor/preact-htm.js';

/**
 * @param {{api: any, signedIn: boolean}} options
 * @returns {{language: string, saving: boolean, saved: boolean, error: string, choose: (code: string) => Promise<void>}}
 */
export function useLanguageChoice({ api, signedIn }) {
  const [language, setLanguage] = useState('');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    // A reloaded page knows who is signed in before its config (and so its API) has loaded.
    if (!signedIn || !api) return undefined;
    let live = true;
    api
      .preferences()
      .then((answer) => live && setLanguage(answer?.language ?? ''))
      .catch(() => {}); // the switch stays empty; choosing still works
    return () => {
      live = false;
    };
  }, [signedIn, api]);

  async function choose(code) {
    const before = language;
    setLanguage(code);
    setSaving(true);
    setSaved(false);
    setError('');
    try {
      const answer = await api.savePreferences({ language: code });
      setLanguage(answer?.language ?? code);
      setSaved(true);
    } catch (e) {
      setLanguage(before);
      if (e?.status !== 401) setError(e?.message ?? 'Your choice was not saved. Try again.');
    } finally {
      setSaving(false);
    }
  }

  return { language, saving, saved, error, choose };
}
