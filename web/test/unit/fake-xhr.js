// A stand-in for XMLHttpRequest: records what the page does and lets a test play the
// browser's events (progress, load, error, abort, timeout).
export class FakeXhr {
  static instances = [];

  constructor() {
    this.upload = { onprogress: null };
    this.headers = {};
    this.sent = undefined;
    this.aborted = false;
    this.status = 0;
    this.responseText = '';
    this.timeout = 0;
    /** Like a browser, refuse headers the page may not set. */
    this.refuseForbidden = true;
    FakeXhr.instances.push(this);
  }

  open(method, url, async) {
    this.method = method;
    this.url = url;
    this.async = async;
  }

  setRequestHeader(name, value) {
    if (this.refuseForbidden && name.toLowerCase() === 'content-length') {
      throw new Error(`Refused to set unsafe header "${name}"`);
    }
    this.headers[name] = value;
  }

  send(body) {
    this.sent = body;
  }

  abort() {
    this.aborted = true;
    this.onabort?.();
  }

  // What the browser would do:
  progress(loaded, total, lengthComputable = true) {
    this.upload.onprogress?.({ loaded, total, lengthComputable });
  }

  respond(status, text = '') {
    this.status = status;
    this.responseText = text;
    this.onload?.();
  }

  fail() {
    this.onerror?.();
  }

  timeOut() {
    this.ontimeout?.();
  }
}

export function xhrFactory() {
  const made = [];
  const create = () => {
    const x = new FakeXhr();
    made.push(x);
    return /** @type {any} */ (x);
  };
  create.made = made;
  return create;
}
