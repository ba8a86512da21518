// The local stand-in for CloudFront: serves web/ and /config.json, and forwards the API
// (/matters/**, /portal/**) to `cargo lambda watch`, all on the one origin that invitation
// emails link to (PORTAL_URL). Sends the deployed security headers, with the emulator as
// the bucket origin. Local only: `/_dev/mail` shows the mail the emulator captured.
//
// Settings (environment): DEV_PORT (3000), API_URL (http://127.0.0.1:9000), WEB_DIR (web/),
// WEB_CONFIG (a file holding config.json), AWS_ENDPOINT_URL (the emulator: bucket origin and
// mail), CONSOLE_CONFIG (optional: a local-only console config served at /console/config.local.json).
//
// It answers only for this machine's names (Host localhost / 127.0.0.1 on its port), refuses
// requests from other origins, and sends no CORS headers.

import { createServer, request as httpRequest } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const port = Number(process.env.DEV_PORT || 3000);
const api = new URL(process.env.API_URL || "http://127.0.0.1:9000");
const webDir = resolve(process.env.WEB_DIR || join(root, "web"));
const emulator = process.env.AWS_ENDPOINT_URL || "http://127.0.0.1:5000";
const bucketOrigin = new URL(emulator).origin;

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

// What is never served from web/: build inputs, tests and dependencies.
const HIDDEN = /(^|\/)(node_modules|test|package(-lock)?\.json|[^/]*\.mjs$|config[^/]*\.json$)/;

const securityHeaders = {
  "content-security-policy": [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${bucketOrigin}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join("; "),
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
};

function send(res, status, body, type, extra = {}) {
  res.writeHead(status, { ...securityHeaders, "content-type": type, ...extra });
  res.end(body);
}

function isApi(path) {
  return /^\/(matters|portal)(\/|$)/.test(path);
}

// Forwards the request as it came (method, headers, body) and streams the answer back.
function forward(req, res) {
  const upstream = httpRequest(
    {
      host: api.hostname,
      port: api.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: api.host },
    },
    (answer) => {
      // The page and the API share this origin, as behind CloudFront: no CORS answer (cargo
      // lambda watch runs with --disable-cors; this keeps it so whatever runs behind).
      const headers = Object.fromEntries(
        Object.entries(answer.headers).filter(([name]) => !name.startsWith("access-control-")),
      );
      res.writeHead(answer.statusCode || 502, headers);
      answer.pipe(res);
    },
  );
  upstream.on("error", (err) => {
    send(
      res,
      502,
      JSON.stringify({ error: { code: "upstream_failed", message: `local API: ${err.message}` } }),
      "application/json",
    );
  });
  req.pipe(upstream);
}

async function serveFile(res, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return send(res, 400, "malformed path", "text/plain; charset=utf-8");
  }
  if (path.endsWith("/")) path += "index.html";
  const relative = normalize(path).replace(/^[/\\]+/, "");
  const full = resolve(webDir, relative);
  if (!full.startsWith(webDir + sep) || HIDDEN.test(relative.split(sep).join("/"))) {
    return send(res, 404, "not found", "text/plain; charset=utf-8");
  }
  try {
    const info = await stat(full);
    if (info.isDirectory()) {
      res.writeHead(301, { ...securityHeaders, location: `${urlPath}/` });
      return res.end();
    }
    const body = await readFile(full);
    return send(res, 200, body, TYPES[extname(full)] || "application/octet-stream", {
      "cache-control": "no-cache",
    });
  } catch {
    return send(res, 404, "not found", "text/plain; charset=utf-8");
  }
}

async function serveConfig(res, file) {
  if (!file) return send(res, 404, "not found", "text/plain; charset=utf-8");
  try {
    const body = await readFile(file);
    return send(res, 200, body, "application/json", { "cache-control": "no-store" });
  } catch {
    return send(res, 404, "not found", "text/plain; charset=utf-8");
  }
}

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Links in a mail body become clickable; everything else is escaped text.
function linkify(body) {
  return body
    .split(/(https?:\/\/[^\s<>"']+)/)
    .map((part, i) =>
      i % 2 === 1 ? `<a href="${escapeHtml(part)}">${escapeHtml(part)}</a>` : escapeHtml(part),
    )
    .join("");
}

/** Mails shown per page of the local mail page. */
const MAIL_PAGE = 20;

// One page of the mail the emulator accepted, newest first, read from the emulator's mail
// endpoint (scripts/moto_serial.py): the messages of one page only, never its whole state.
async function serveMail(res, query) {
  const page = Math.max(0, Number.parseInt(query.get("page") ?? "0", 10) || 0);
  let mail;
  try {
    const answer = await fetch(`${emulator}/_local/mail?limit=${MAIL_PAGE}&offset=${page * MAIL_PAGE}`);
    mail = await answer.json();
  } catch (err) {
    return send(res, 502, `the emulator did not answer: ${escapeHtml(err.message)}`, "text/plain");
  }
  const items = (mail.items ?? [])
    .map((m) => {
      const to = [...(m.to ?? []), ...(m.bcc ?? []).map((a) => `${a} (bcc)`)];
      return `<article><h2>${escapeHtml(m.subject || "")}</h2>
<p>To: ${escapeHtml(to.join(", "))}</p><pre>${linkify(m.body || "")}</pre></article>`;
    })
    .join("\n");
  const total = mail.total ?? 0;
  const first = page * MAIL_PAGE + 1;
  const last = Math.min(total, (page + 1) * MAIL_PAGE);
  const nav = [
    page > 0 ? `<a href="/_dev/mail?page=${page - 1}" rel="prev">Newer</a>` : "",
    last < total ? `<a href="/_dev/mail?page=${page + 1}" rel="next">Older</a>` : "",
  ]
    .filter(Boolean)
    .join(" · ");
  const summary = total ? `<p>${first}–${last} of ${total}, newest first. ${nav}</p>` : "";
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Local mail</title><link rel="stylesheet" href="/styles.css"></head>
<body><main class="dev-mail"><h1>Mail the emulator captured</h1>
${summary}${items || "<p>No mail yet.</p>"}${nav ? `<p>${nav}</p>` : ""}</main></body></html>`;
  return send(res, 200, html, "text/html; charset=utf-8", { "cache-control": "no-store" });
}

// Only this machine's names: a page elsewhere that rebinds its DNS name to 127.0.0.1 sends its
// own Host, and would otherwise read the staff token's config and the mail page.
const ownHosts = new Set([`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]);
const ownOrigins = new Set([...ownHosts].map((host) => `http://${host}`));

// Why a request is not for this server, or null.
function refusal(req) {
  if (!ownHosts.has(String(req.headers.host || "").toLowerCase())) return [421, "unknown host"];
  const origin = req.headers.origin;
  if (origin !== undefined && !ownOrigins.has(origin)) return [403, "cross-origin request refused"];
  return null;
}

function handle(req, res) {
  const refused = refusal(req);
  if (refused) return send(res, refused[0], refused[1], "text/plain; charset=utf-8");
  let url;
  try {
    url = new URL(req.url || "/", "http://local");
  } catch {
    return send(res, 400, "malformed path", "text/plain; charset=utf-8");
  }
  const path = url.pathname;
  if (isApi(path)) return forward(req, res);
  if (req.method !== "GET" && req.method !== "HEAD") {
    return send(res, 405, "method not allowed", "text/plain; charset=utf-8");
  }
  if (path === "/config.json") return serveConfig(res, process.env.WEB_CONFIG);
  if (path === "/console/config.local.json") return serveConfig(res, process.env.CONSOLE_CONFIG);
  if (path === "/_dev/mail") return serveMail(res, url.searchParams);
  return serveFile(res, path);
}

const server = createServer((req, res) => {
  // A request that fails answers 500 and the server goes on serving the others.
  Promise.resolve()
    .then(() => handle(req, res))
    .catch((err) => {
      console.error(`${req.method} ${req.url}: ${err.stack || err}`);
      if (!res.headersSent) send(res, 500, "dev server error", "text/plain; charset=utf-8");
      else res.destroy();
    });
});

server.listen(port, "127.0.0.1", () => {
  console.log(`dev server on http://localhost:${port} (API -> ${api.origin}, web/ from ${webDir})`);
});
