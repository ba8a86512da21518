// One conversation as either face shows it: its pages (newest first from the service, shown
// oldest first), sending with one request id kept across retries (a post whose answer was
// lost is not posted twice), and the viewer's unread messages marked read once shown.
import { useState, useRef, useEffect, useCallback } from '../../../vendor/preact-htm.js';
import { usePagedList } from './use-paged-list.js';
import { isMine, messageProblem, newRequestId, oldestFirst } from '../conversation.js';
import { t } from '../texts.js';

/**
 * @param {{load: (cursor: string | null) => Promise<{items: any[], nextCursor: string | null}>,
 *   post: (body: {text: string, documentId?: string, requestId: string}) => Promise<any>,
 *   markRead: () => Promise<any>, viewer: 'staff' | 'contact', deps: unknown[],
 *   onRead?: () => void}} options
 */
export function useConversation({ load, post, markRead, viewer, deps, onRead = () => {} }) {
  const list = usePagedList(load, deps, { what: t('what-messages'), keyOf: (m) => m.messageId });
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState('');
  const requestId = useRef(/** @type {string | null} */ (null));
  const markReadRef = useRef(markRead);
  markReadRef.current = markRead;
  const onReadRef = useRef(onRead);
  onReadRef.current = onRead;

  // Shown: the viewer's unread messages are read now (they keep their "New" mark until the
  // next load, so the reader sees which they were).
  const unread = list.items.some((m) => !isMine(m, viewer) && !m.readAt);
  useEffect(() => {
    if (!list.loaded || !unread) return;
    markReadRef.current().then(
      () => onReadRef.current(),
      () => {},
    );
  }, [list.loaded, unread]);

  const send = useCallback(
    async (text, documentId) => {
      const why = messageProblem(text);
      setProblem(why);
      if (why) return false;
      requestId.current ??= newRequestId();
      setSending(true);
      try {
        const body = { text: text.trim(), requestId: requestId.current };
        if (documentId) body.documentId = documentId;
        await post(body);
        requestId.current = null;
        list.reload();
        return true;
      } catch (e) {
        const error = /** @type {any} */ (e);
        if (error?.status !== 401) setProblem(t('message-not-sent', { reason: error?.message ?? '' }).trim());
        return false;
      } finally {
        setSending(false);
      }
    },
    [post, list.reload],
  );

  return { list, messages: oldestFirst(list.items), send, sending, problem, setProblem };
}
