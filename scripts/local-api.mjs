// The plain JSON call the local run scripts (load-run.mjs, measure-run.mjs) make to the
// local stack's API: it throws on anything but 2xx, with the method, path, status and body.

/** A `call(method, path, token, body)` against `base`; `timeoutMs` bounds each request. */
export function apiCaller(base, { timeoutMs } = {}) {
  return async function call(method, path, token, body) {
    const answer = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { "content-type": "application/json" } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined,
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}
