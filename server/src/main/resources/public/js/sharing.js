// Visibility and sharing of a test (issue 11): badges for lists, the partner's banner, the owner's sharing panel.
import * as api from './api.js';
import { h, clear, fmtDate } from './dom.js';

/** The visibility ladder, lowest first, in the words shown to users. */
export const VISIBILITY = {
  private: 'your organisation only',
  project: 'your organisation and the members of the attached projects',
  shared: 'as project, plus the partner organisations with a live grant',
  public: 'everyone logged in to this server',
};

/** A day of an ISO instant (a whole UTC day when it is midnight or the last second of it), else date and time. */
export function fmtDay(iso) {
  if (!iso) return '—';
  return /T(00:00:00|23:59:59)(\.0+)?Z$/.test(iso) ? iso.slice(0, 10) : fmtDate(iso, true);
}
/** A date input's value as an ISO instant: the start of the UTC day, or its last second. */
export function dayStart(d) { return d ? d + 'T00:00:00Z' : null; }
export function dayEnd(d) { return d ? d + 'T23:59:59Z' : null; }
const isFuture = iso => !!iso && Date.parse(iso) > Date.now();

export function visBadge(visibility) {
  const v = visibility || 'private';
  return h('span.vis.vis-' + v, { title: v + ': ' + (VISIBILITY[v] || '') }, v);
}
/** "embargo until DATE" while the embargo runs; "public since DATE" once it has passed. */
export function embargoChip(iso) {
  if (!iso) return null;
  return isFuture(iso)
    ? h('span.chip.embargo', { title: 'becomes public at ' + fmtDate(iso) }, 'embargo until ' + fmtDay(iso))
    : h('span.chip', { title: 'embargo ended ' + fmtDate(iso) }, 'public since ' + fmtDay(iso));
}
export function expiryText(iso) { return iso ? 'until ' + fmtDay(iso) : 'no expiry'; }

/** How a test that is not the caller's organisation's reached it; null for the owner. */
export function accessBanner(t) {
  if (!t.access || t.access === 'owner') return null;
  if (t.access === 'shared' && t.grant) {
    const g = t.grant;
    return h('div.banner.shared#shared-banner',
      h('span.banner-icon', { 'aria-hidden': 'true' }, '⇄'),
      h('span', 'Shared by ', h('strong.owner', g.owner || t.owner), ' · ', h('span.purpose', g.purpose || 'no purpose given'), ' · ',
        h('span.expiry', expiryText(g.expires_at))),
      h('span.banner-note', `read-only · granted ${fmtDay(g.granted_at)}`));
  }
  if (t.access === 'project') {
    return h('div.banner.project#shared-banner', h('span.banner-icon', { 'aria-hidden': 'true' }, '◫'),
      h('span', 'Project data of ', h('strong.owner', t.owner), (t.projects || []).length ? ' · ' + t.projects.join(', ') : ''),
      h('span.banner-note', 'read-only'));
  }
  return h('div.banner.public#shared-banner', h('span.banner-icon', { 'aria-hidden': 'true' }, '◎'),
    h('span', 'Public data of ', h('strong.owner', t.owner)), h('span.banner-note', 'read-only'));
}

/** The ISO date (yyyy-mm-dd) of an instant, for a date input. */
const inputDay = iso => (iso ? iso.slice(0, 10) : '');

/**
 * The owner's sharing panel: a one-line summary that opens into the editor (visibility, embargo, projects, grants).
 * After each change it re-renders from the server's answer, so it shows what the server holds, and tells onChange(test).
 */
export function sharingPanel(test, onChange = () => {}) {
  let t = test;
  let orgs = null, projects = null;
  const root = h('details.panel.sharing#sharing-panel');
  const summary = h('summary');
  const body = h('div.sharing-body');
  root.append(summary, body);
  root.addEventListener('toggle', () => { if (root.open) loadLists(); });

  async function loadLists() {
    if (orgs && projects) return;
    const [o, p] = await Promise.all([api.get('/orgs').catch(e => e), api.get('/projects').catch(e => e)]);
    orgs = o instanceof Error ? o : o.organisations;
    projects = p instanceof Error ? p : p.projects;
    render();
  }
  async function reload() {
    t = await api.get(`/tests/${encodeURIComponent(t.id)}`);
    render();
  }

  function renderSummary() {
    const live = (t.shares || []).filter(s => !s.expired).length, gone = (t.shares || []).length - live;
    clear(summary).append(...[h('h2', 'Sharing'), visBadge(t.visibility), embargoChip(t.embargo_until),
      h('span.sub', (t.projects || []).length ? 'projects: ' + t.projects.join(', ') : 'no projects'),
      h('span.sub#share-count', `${live} partner${live === 1 ? '' : 's'}` + (gone ? ` · ${gone} expired` : '')),
      h('span.sub.grow', VISIBILITY[t.visibility] || ''),
      h('span.opener', t.can_edit ? 'Manage' : 'Details')].filter(Boolean));
  }

  function accessForm() {
    const edit = t.can_edit;
    const vis = h('select#vis-select', { disabled: !edit }, Object.keys(VISIBILITY).map(v => h('option', { value: v }, v)));
    vis.value = t.visibility || 'private';
    const visNote = h('div.hint', VISIBILITY[vis.value]);
    const emb = h('input#embargo-date', { type: 'date', value: inputDay(t.embargo_until), disabled: !edit });
    const embClear = h('button#embargo-clear', { type: 'button', disabled: !edit, title: 'no embargo' }, 'Clear');
    const status = h('span.status#sharing-status');
    const save = h('button.primary#sharing-save', { type: 'submit', disabled: true }, 'Save');
    let picks = [];
    let projBox;
    if (projects instanceof Error) projBox = h('div.errbox', projects.message);
    else if (!projects) projBox = h('div.muted', 'loading projects…');
    else {
      const names = [...new Set([...projects.map(p => p.name), ...(t.projects || [])])].sort();
      picks = names.map(n => {
        const cb = h('input', { type: 'checkbox', value: n, disabled: !edit, 'data-project': n });
        cb.checked = (t.projects || []).includes(n);
        return cb;
      });
      projBox = names.length ? h('div.checks#project-picks', picks.map((cb, i) => h('label.check', cb, names[i])))
        : h('div.muted', 'No projects yet: create one on the ', h('a', { href: '#/admin' }, 'Admin page'), '.');
    }
    const chosen = () => picks.filter(cb => cb.checked).map(cb => cb.value);
    const changed = () => {
      const p = chosen(), q = t.projects || [];
      return vis.value !== t.visibility || emb.value !== inputDay(t.embargo_until) || p.length !== q.length || p.some(x => !q.includes(x));
    };
    const onEdit = () => { visNote.textContent = VISIBILITY[vis.value]; save.disabled = !changed(); status.textContent = ''; status.className = 'status'; };
    for (const el of [vis, emb, ...picks]) el.addEventListener('input', onEdit);
    for (const el of picks) el.addEventListener('change', onEdit);
    embClear.addEventListener('click', () => { emb.value = ''; onEdit(); });
    const form = h('form.access#access-form',
      h('h3', 'Who can see it'),
      h('div.row', h('label.field', 'Visibility', vis), visNote),
      h('div.row', h('label.field', 'Embargo: public from (UTC)', h('span.inline', emb, embClear)),
        h('div.hint', 'Publication after a paper or a patent filing: the test becomes public at 00:00 UTC of this day.')),
      h('div.row.col', h('span.label', 'Projects'), projBox),
      edit ? h('div.row', save, status) : h('div.hint', 'Read-only: only an admin or member of the owner organisation changes this.'));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const change = {};
      if (vis.value !== t.visibility) change.visibility = vis.value;
      if (emb.value !== inputDay(t.embargo_until)) change.embargo_until = dayStart(emb.value);
      if (picks.length) change.projects = chosen();
      save.disabled = true;
      try {
        t = await api.patch(`/tests/${encodeURIComponent(t.id)}`, change);
        render();
        flash('#sharing-status', 'saved', 'ok');
      } catch (ex) { status.textContent = ex.message; status.className = 'status error'; save.disabled = false; }
    });
    return form;
  }

  function shareForm() {
    const err = h('div.status#share-status');
    let orgSel;
    if (orgs instanceof Error) orgSel = h('div.errbox', orgs.message);
    else {
      const have = new Set((t.shares || []).filter(s => !s.expired).map(s => s.org));
      const others = (orgs || []).filter(o => o.name !== t.owner);
      orgSel = h('select#share-org', { required: true },
        h('option', { value: '' }, orgs ? (others.length ? 'choose a partner…' : 'no other organisation') : 'loading…'),
        others.map(o => h('option', { value: o.name }, `${o.name} (${o.kind})` + (have.has(o.name) ? ' · shared' : ''))));
    }
    const purpose = h('input#share-purpose', { required: true, placeholder: 'e.g. joint ageing study, NDA 2026-14', maxlength: 200 });
    const expiry = h('input#share-expiry', { type: 'date', min: new Date().toISOString().slice(0, 10) });
    const btn = h('button.primary#share-button', { type: 'submit' }, 'Share');
    const form = h('form.share-form#share-form',
      h('label.field', 'Partner organisation', orgSel), h('label.field.grow', 'Purpose', purpose),
      h('label.field', 'Expires (end of day, UTC; optional)', expiry), h('div.field-btn', btn), err);
    form.addEventListener('submit', async e => {
      e.preventDefault();
      err.textContent = '';
      err.className = 'status';
      btn.disabled = true;
      try {
        await api.post(`/tests/${encodeURIComponent(t.id)}/shares`, { org: orgSel.value, purpose: purpose.value.trim(), expires_at: dayEnd(expiry.value) });
        await reload();
        flash('#share-status', `shared with ${orgSel.value}`, 'ok');
      } catch (ex) { err.textContent = ex.message; err.className = 'status error'; btn.disabled = false; }
    });
    return form;
  }

  function grantsTable() {
    const shares = (t.shares || []).slice().sort((a, b) => (a.expired - b.expired) || a.org.localeCompare(b.org));
    if (!shares.length) return h('div.empty.small#grants', 'Not shared with any partner.');
    return h('table.grid#grants', h('thead', h('tr', ['Partner', 'Purpose', 'Granted', 'By', 'Expires', 'Status', ''].map(c => h('th', c)))),
      h('tbody', shares.map(s => h('tr' + (s.expired ? '.expired' : ''), { 'data-org': s.org },
        h('td', h('strong', s.org)), h('td.wrap', s.purpose), h('td', { title: s.granted_at }, fmtDay(s.granted_at)), h('td', s.granted_by),
        h('td', { title: s.expires_at || '' }, s.expires_at ? fmtDay(s.expires_at) : h('span.muted', 'no expiry')),
        h('td', s.expired ? h('span.chip.bad', 'expired') : h('span.chip.ok', 'live')),
        h('td.num', t.can_edit ? h('button.danger.revoke', { onclick: e => revoke(s.org, e.target) }, s.expired ? 'Remove' : 'Revoke') : null)))));
  }
  async function revoke(org, btn) {
    btn.disabled = true;
    try { await api.del(`/tests/${encodeURIComponent(t.id)}/shares/${encodeURIComponent(org)}`); await reload(); }
    catch (ex) { btn.disabled = false; btn.title = ex.message; btn.textContent = 'failed: retry'; }
  }

  function flash(sel, text, cls) {
    const el = root.querySelector(sel);
    if (el) { el.textContent = text; el.className = 'status ' + cls; }
  }

  let first = true;
  function render() {
    if (!first) onChange(t);
    first = false;
    renderSummary();
    clear(body).append(accessForm(),
      h('div.grants',
        h('h3', 'Partners ', h('span.h3note', '· grants are read-only for the partner; sharing raises the visibility to shared')),
        t.can_edit ? shareForm() : null, grantsTable()));
  }
  render();
  return root;
}
