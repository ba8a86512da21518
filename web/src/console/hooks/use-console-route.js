// The console's hash routes, guarded: leaving a matter's settings with unsaved changes asks
// first (inside the console, a dialog; leaving the page, the browser's own prompt).
import { useState, useEffect, useRef, useCallback } from '../../../vendor/preact-htm.js';
import { parseRoute, routeHash, leavesSettings } from '../routes.js';
import { useLeaveWarning } from '../../common/hooks/use-leave-warning.js';

export function useConsoleRoute() {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  const [leaving, setLeaving] = useState(/** @type {null | {hash: string}} */ (null));
  const [dirtyFields, setDirtyFields] = useState(/** @type {string[]} */ ([]));
  const dirty = useRef(/** @type {string[]} */ ([]));
  const routeRef = useRef(route);
  routeRef.current = route;

  useEffect(() => {
    const onHash = () => {
      const next = parseRoute(window.location.hash);
      const current = routeRef.current;
      if (dirty.current.length && leavesSettings(current, next)) {
        const target = window.location.hash || '#/';
        window.history.replaceState(null, '', routeHash(current));
        setLeaving({ hash: target });
        return;
      }
      setRoute(next);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useLeaveWarning(dirtyFields.length > 0);

  /** What the open settings form has changed and not saved (empty: nothing). */
  const setDirty = useCallback((fields) => {
    dirty.current = fields;
    setDirtyFields(fields);
  }, []);

  const navigate = useCallback((hash) => {
    if (window.location.hash === hash) setRoute(parseRoute(hash));
    else window.location.hash = hash;
  }, []);

  /** Reads the route again (the address changed without a hashchange). */
  const reread = useCallback(() => setRoute(parseRoute(window.location.hash)), []);

  const leaveAnyway = useCallback(() => {
    const target = leaving?.hash ?? '#/';
    setLeaving(null);
    setDirty([]);
    window.location.hash = target;
  }, [leaving, setDirty]);

  const stay = useCallback(() => setLeaving(null), []);

  return { route, navigate, reread, setDirty, dirtyFields, leaving: !!leaving, leaveAnyway, stay };
}
