// The request core both faces build their API clients on: JSON in and out, a bearer token,
// every failure as an ApiError with a message for people, a 401 on a signed-in call reported
// (the caller's onUnauthorized). No DOM; fetch is injected. Tested in test/unit/api.test.js.

import { t, currentLanguage } from './texts.js';

export class ApiError extends Error {
  /**
   * @param {{status: number, code: string, message: string, serverMessage?: string}} fields
   *   status 0 for a request that got no answer
   */
  constructor({ status, code, message, serverMessage = '' }) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.serverMessage = serverMessage;
  }
}

const CODE_BY_STATUS = new Map([
  [400, 'validation_failed'],
  [401, 'unauthorized'],
  [403, 'forbidden'],
  [404, 'not_found'],
  [409, 'conflict'],
  [413, 'too_large'],
  [415, 'unsupported_type'],
  [429, 'throttled'],
]);

// Read when an error is made, so that each is in the page's language of that moment.
export const MESSAGES = Object.freeze({
  get network() { return t('error-network'); },
  get unauthorized() { return t('error-unauthorized'); },
  get forbidden() { return t('error-forbidden'); },
  get not_found() { return t('error-not-found'); },
  get conflict() { return t('error-conflict'); },
  get throttled() { return t('error-throttled'); },
  get server() { return t('error-server'); },
  get bad_response() { return t('error-bad-response'); },
  get unknown() { return t('error-unknown'); },
  get validation_failed() { return t('error-validation'); },
  get too_large() { return t('error-too-large'); },
  get unsupported_type() { return t('error-unsupported-type'); },
});

/** "you may view this document but not download it" -> "You may view this document but not download it." */
export function sentence(text) {
  const trimmed = String(text ?? '').trim();
  if (!trimmed) return '';
  const first = trimmed[0].toUpperCase() + trimmed.slice(1);
  return /[.!?…]$/.test(first) ? first : `${first}.`;
}

/**
 * The ApiError for a response that was not 2xx, from its status and (parsed) body:
 * `{"error":{"code","message"}}` from the functions, `{"message"}` from API Gateway itself
 * (throttling), or anything else.
 * @param {number} status
 * @param {unknown} body
 */
export function errorFromResponse(status, body, messages = MESSAGES) {
  const err = body && typeof body === 'object' ? /** @type {any} */ (body).error : null;
  const serverCode = err && typeof err.code === 'string' ? err.code : '';
  const serverMessage =
    err && typeof err.message === 'string'
      ? err.message
      : body && typeof body === 'object' && typeof (/** @type {any} */ (body).message) === 'string'
        ? /** @type {any} */ (body).message
        : '';
  const code = serverCode || CODE_BY_STATUS.get(status) || (status >= 500 ? 'server' : 'unknown');
  const m = { ...MESSAGES, ...messages };
  let message;
  if (status === 401) message = m.unauthorized;
  else if (status === 429) message = m.throttled;
  else if (status >= 500) message = m.server;
  else if (status === 409 && !(serverMessage && m.conflictFromServer)) message = m.conflict;
  // The service explains a refusal in English: a page in another language says what the code means.
  else if (serverMessage && status >= 400 && status < 500 && currentLanguage() === 'en') message = sentence(serverMessage);
  else message = m[code] ?? m.unknown;
  return new ApiError({ status, code, message, serverMessage });
}

/**
 * @typedef {object} ApiOptions
 * @property {string} [base] origin or prefix of the API ("" for the page's own origin)
 * @property {typeof fetch} fetch
 * @property {() => string | null} getToken the current session token
 * @property {(error: ApiError, token: string | null) => void} [onUnauthorized] a signed-in call
 *   was answered 401 (token: the one it was sent with, to tell a stale answer from a live one)
 */

/**
 * The JSON request function both pages build their clients on: bearer token, `{"error":…}`
 * answers as ApiError, a 401 on an authenticated call reported to onUnauthorized.
 * @param {ApiOptions & {messages?: Partial<typeof MESSAGES> & {conflictFromServer?: boolean}}} options
 *   messages: the page's own wording of the generic messages (the console's 401 differs)
 */
export function createRequester({ base = '', fetch: fetchFn, getToken, onUnauthorized = () => {}, messages = {} }) {
  const prefix = String(base ?? '').replace(/\/+$/, '');
  const said = (name) => messages[name] ?? MESSAGES[name];

  /**
   * @param {string} method
   * @param {string} path
   * @param {{body?: unknown, auth?: boolean, signal?: AbortSignal, accept?: string}} [options]
   *   accept: a file's type (`text/calendar`): its text is the answer; errors stay JSON
   */
  return async function request(method, path, { body, auth = true, signal, accept = 'application/json' } = {}) {
    /** @type {Record<string, string>} */
    const headers = { Accept: accept === 'application/json' ? accept : `${accept}, application/json` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const token = auth ? getToken() : null;
    if (auth) {
      if (!token) {
        const error = new ApiError({ status: 401, code: 'unauthorized', message: said('unauthorized') });
        onUnauthorized(error, null);
        throw error;
      }
      headers.Authorization = `Bearer ${token}`;
    }
    let response;
    try {
      response = await fetchFn(`${prefix}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        credentials: 'omit',
        signal,
      });
    } catch (cause) {
      if (cause && /** @type {any} */ (cause).name === 'AbortError') throw cause;
      throw new ApiError({ status: 0, code: 'network', message: said('network') });
    }
    const text = await response.text().catch(() => '');
    let parsed = null;
    let parseFailed = false;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parseFailed = true;
      }
    }
    if (!response.ok) {
      const error = errorFromResponse(response.status, parsed, messages);
      if (response.status === 401 && auth) onUnauthorized(error, token);
      throw error;
    }
    if (accept !== 'application/json') return text;
    if (parseFailed) {
      throw new ApiError({ status: response.status, code: 'bad_response', message: said('bad_response') });
    }
    return parsed;
  };
}
