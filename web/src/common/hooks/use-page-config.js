// A page's /config.json: loaded once, with the error and a retry when it could not be.
import { useState, useEffect, useCallback } from '../../../vendor/preact-htm.js';
import { useBrand } from './use-brand.js';

/**
 * @template C
 * @param {(fetch: typeof window.fetch) => Promise<C>} load
 * @param {(config: C | null) => string} title the page's title for a config
 */
export function usePageConfig(load, title) {
  const [config, setConfig] = useState(/** @type {C | null} */ (null));
  const [error, setError] = useState('');
  const reload = useCallback(() => {
    setError('');
    load((...args) => window.fetch(...args))
      .then(setConfig)
      .catch((e) => setError(e.message));
  }, []);
  useEffect(reload, [reload]);
  useEffect(() => {
    document.title = title(config);
  }, [config]);
  useBrand(/** @type {any} */ (config)?.accent);
  return { config, error, reload };
}
