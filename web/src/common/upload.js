// The presigned PUT of one file with XMLHttpRequest (fetch has no upload progress). The XHR
// comes from an injected factory so this runs in node with a fake. Tested in
// test/unit/upload.test.js.

import { t } from './texts.js';

/**
 * Headers a page may not set (the browser sets them itself and throws or ignores them):
 * the presigned PUT signs content-length, which the browser sends from the File.
 */
const FORBIDDEN_HEADERS = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]);

/**
 * The headers to set on the PUT: the signed ones the page may set (content-type, and any
 * other the service may sign later), never content-length.
 * @param {Record<string, string> | null | undefined} signed
 * @returns {[string, string][]}
 */
export function headersToSend(signed) {
  const out = [];
  for (const [name, value] of Object.entries(signed ?? {})) {
    const lower = name.toLowerCase();
    if (FORBIDDEN_HEADERS.has(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-')) continue;
    if (typeof value !== 'string') continue;
    out.push([name, value]);
  }
  return out;
}

export class UploadError extends Error {
  /** @param {{code: 'cancelled'|'network'|'timeout'|'expired'|'refused', status?: number, message: string, s3Code?: string}} f */
  constructor({ code, status = 0, message, s3Code = '' }) {
    super(message);
    this.name = 'UploadError';
    this.code = code;
    this.status = status;
    this.s3Code = s3Code;
  }
}

/** S3 answers errors as XML: <Error><Code>AccessDenied</Code><Message>…</Message></Error>. */
export function s3ErrorCode(body) {
  const m = /<Code>([^<]{1,100})<\/Code>/.exec(String(body ?? ''));
  return m ? m[1] : '';
}

/**
 * The UploadError for a PUT answered with a non-2xx status.
 * @param {number} status
 * @param {string} body
 */
export function errorForStatus(status, body) {
  const s3Code = s3ErrorCode(body);
  const expired = /expired/i.test(String(body ?? '')) || s3Code === 'ExpiredToken';
  if (status === 403 && expired) {
    return new UploadError({
      code: 'expired',
      status,
      s3Code,
      message: t('put-expired'),
    });
  }
  if (status === 400 && s3Code === 'EntityTooLarge') {
    return new UploadError({ code: 'refused', status, s3Code, message: t('put-too-large') });
  }
  if (status === 412) {
    return new UploadError({
      code: 'refused',
      status,
      s3Code,
      message: t('put-used'),
    });
  }
  if (status >= 500) {
    return new UploadError({ code: 'refused', status, s3Code, message: t('put-storage-problem') });
  }
  return new UploadError({
    code: 'refused',
    status,
    s3Code,
    message: t('put-refused', { status: `${status}${s3Code ? ` ${s3Code}` : ''}` }),
  });
}

/**
 * @typedef {object} PutOptions
 * @property {string} url presigned URL
 * @property {string} [method] "PUT"
 * @property {Record<string, string>} [headers] the signed headers from the service
 * @property {Blob | {size: number}} body the File itself
 * @property {() => XMLHttpRequest} createXhr
 * @property {(p: {loaded: number, total: number, fraction: number}) => void} [onProgress]
 * @property {number} [timeoutMs] 0 for none
 */

/**
 * Sends one file. `promise` resolves with {status} on 2xx and rejects with an UploadError
 * otherwise; `abort()` cancels (the promise rejects with code "cancelled").
 * @param {PutOptions} options
 * @returns {{promise: Promise<{status: number}>, abort: () => void}}
 */
export function putFile({ url, method = 'PUT', headers, body, createXhr, onProgress = () => {}, timeoutMs = 0 }) {
  const xhr = createXhr();
  const total = typeof body?.size === 'number' ? body.size : 0;
  let settled = false;
  /** @type {(v: {status: number}) => void} */
  let resolveFn = () => {};
  /** @type {(e: UploadError) => void} */
  let rejectFn = () => {};
  const promise = new Promise((resolve, reject) => {
    resolveFn = resolve;
    rejectFn = reject;
  });
  const succeed = (value) => {
    if (settled) return;
    settled = true;
    resolveFn(value);
  };
  const fail = (error) => {
    if (settled) return;
    settled = true;
    rejectFn(error);
  };
  const cancelled = () => new UploadError({ code: 'cancelled', message: t('put-cancelled') });

  if (xhr.upload) {
    xhr.upload.onprogress = (event) => {
      if (settled) return;
      const whole = event.lengthComputable && event.total > 0 ? event.total : total;
      const loaded = whole > 0 ? Math.min(event.loaded, whole) : event.loaded;
      onProgress({ loaded, total: whole, fraction: whole > 0 ? loaded / whole : 0 });
    };
  }
  xhr.onload = () => {
    if (settled) return;
    const status = xhr.status;
    if (status >= 200 && status < 300) {
      onProgress({ loaded: total, total, fraction: 1 });
      succeed({ status });
      return;
    }
    let text = '';
    try {
      text = typeof xhr.responseText === 'string' ? xhr.responseText : '';
    } catch {
      text = '';
    }
    fail(errorForStatus(status, text));
  };
  xhr.onerror = () =>
    fail(
      new UploadError({
        code: 'network',
        message: t('put-failed'),
      }),
    );
  xhr.ontimeout = () => fail(new UploadError({ code: 'timeout', message: t('put-timeout') }));
  xhr.onabort = () => fail(cancelled());

  try {
    xhr.open(method, url, true);
    if (timeoutMs > 0) xhr.timeout = timeoutMs;
    for (const [name, value] of headersToSend(headers)) xhr.setRequestHeader(name, value);
    xhr.send(/** @type {any} */ (body));
  } catch (cause) {
    fail(new UploadError({ code: 'network', message: t('put-network', { reason: cause?.message ?? cause }) }));
  }

  return {
    promise,
    abort() {
      if (settled) return;
      try {
        xhr.abort();
      } catch {
        // ignore: settled below
      }
      // An XHR fires no abort event in every state: settle here all the same.
      fail(cancelled());
    },
  };
}
