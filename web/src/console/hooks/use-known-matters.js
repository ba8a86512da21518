// The people the console can offer as owners and recipients (the API has no staff
// directory): those of the listed matters.
import { useState, useEffect } from '../../../vendor/preact-htm.js';

/**
 * The people the console can offer (no staff directory in the API): owners and recipients of
 * the listed matters, plus the signed-in staff member.
 * @param {any} api
 */
export function useKnownMatters(api) {
  const [matters, setMatters] = useState(/** @type {any[]} */ ([]));
  useEffect(() => {
    let live = true;
    api
      .listMatters({ limit: 50 })
      .then((page) => live && setMatters(page.items))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [api]);
  return matters;
}
