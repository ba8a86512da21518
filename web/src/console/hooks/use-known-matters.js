// The people the console can offer as owners and recipients (the API has no staff
// directory): those of the listed matters, read once; whether that read is still going or
// failed, so the form can say so instead of offering a short list without a word.
import { useState, useEffect } from '../../../vendor/preact-htm.js';

/**
 * @param {any} api
 * @returns {{matters: any[], status: 'loading' | 'loaded' | 'failed'}}
 */
export function useKnownMatters(api) {
  const [known, setKnown] = useState({ matters: /** @type {any[]} */ ([]), status: /** @type {'loading' | 'loaded' | 'failed'} */ ('loading') });
  useEffect(() => {
    let live = true;
    setKnown((k) => ({ ...k, status: 'loading' }));
    api
      .listMatters({ limit: 50 })
      .then((page) => live && setKnown({ matters: page.items, status: 'loaded' }))
      .catch(() => live && setKnown({ matters: [], status: 'failed' }));
    return () => {
      live = false;
    };
  }, [api]);
  return known;
}
