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

export async function get(path, params) {
  const q = params ? '?' + new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null)) : '';
  const res = await fetch(BASE + path + q, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  return parse(res);
}

export async function post(path, body) {
  const res = await fetch(BASE + path, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return parse(res);
}

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
