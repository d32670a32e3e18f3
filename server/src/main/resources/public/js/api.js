// REST client of /api/v1. The browser session is an HttpOnly cookie set by POST /api/v1/login.
export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

const BASE = '/api/v1';
let onUnauthorised = () => {};
export function setUnauthorisedHandler(fn) { onUnauthorised = fn; }

async function parse(res) {
  const text = await res.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
  if (!res.ok) {
    const msg = body && body.error ? body.error : `${res.status} ${res.statusText}`;
    if (res.status === 401) onUnauthorised(msg);
    throw new ApiError(res.status, msg);
  }
  return body;
}

// The CSRF token of the browser session (from POST /login, or GET /me after a reload); every state-changing
// request carries it in X-CSRF-Token. It lives in this module only, never in storage.
let csrf = '';
const STATE_CHANGING = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
function remember(body) { if (body && body.csrf_token) csrf = body.csrf_token; return body; }
export function csrfToken() { return csrf; }

export async function get(path, params) {
  const q = params ? '?' + new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null)) : '';
  const res = await fetch(BASE + path + q, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  return parse(res);
}

/** Any method with an optional JSON body; a state-changing one (except /login) carries the CSRF token. */
export async function send(method, path, body, retried = false) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (STATE_CHANGING.has(method) && path !== '/login' && csrf) headers['X-CSRF-Token'] = csrf;
  const res = await fetch(BASE + path, {
    method, credentials: 'same-origin', headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // a 403 about CSRF means our token is stale (a new session in another tab): fetch the session's token once, retry
  if (res.status === 403 && !retried && path !== '/login') {
    const copy = res.clone();
    const text = await copy.text();
    if (/csrf/i.test(text)) { await me(); return send(method, path, body, true); }
  }
  return parse(res);
}
export const post = (path, body) => send('POST', path, body);
export const patch = (path, body) => send('PATCH', path, body);
export const put = (path, body) => send('PUT', path, body);
export const del = (path, body) => send('DELETE', path, body);

/** Logs in with an API token: the server sets the HttpOnly session cookie and answers the caller with its CSRF token. */
export async function login(token) { return remember(await send('POST', '/login', { token })); }
/** The caller (and, for a session, its CSRF token: needed after a page reload). */
export async function me() { return remember(await get('/me')); }
export async function logout() { try { await send('POST', '/logout'); } finally { csrf = ''; } }

/** An absolute URL of an API path, for download links (the cookie goes with them). */
export function url(path, params) {
  const q = params ? '?' + new URLSearchParams(params) : '';
  return BASE + path + q;
}

/**
 * Uploads one file with progress. onProgress(stage, fraction, detail). Resolves with the stored test
 * (201) or, for a 202, polls the job until it is done; rejects with an ApiError carrying the server's message.
 */
export function upload(file, fields, onProgress) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('file', file, file.name);
    for (const [k, v] of Object.entries(fields || {})) if (v) form.append(k, v);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', BASE + '/tests');
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.onprogress = e => { if (e.lengthComputable) onProgress('uploading', e.loaded / e.total, e); };
    xhr.upload.onload = () => onProgress('reading', 1, null);
    xhr.onerror = () => reject(new ApiError(0, 'network error: the upload did not reach the server'));
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      if (xhr.status === 201) { resolve(body); return; }
      if (xhr.status === 202 && body && body.id) { pollJob(body.id, onProgress).then(resolve, reject); return; }
      if (xhr.status === 401) onUnauthorised();
      reject(new ApiError(xhr.status, body && body.error ? body.error : `${xhr.status} ${xhr.statusText}`));
    };
    xhr.send(form);
  });
}

async function pollJob(id, onProgress) {
  for (;;) {
    const job = await get('/jobs/' + encodeURIComponent(id));
    if (job.state === 'done') return job.test;
    if (job.state === 'failed') throw new ApiError(422, job.error || 'the ingest failed');
    const frac = job.bytes_total ? job.bytes_done / job.bytes_total : 0;
    onProgress(job.state === 'queued' ? 'queued' : 'reading', frac, job);
    await new Promise(r => setTimeout(r, 400));
  }
}
