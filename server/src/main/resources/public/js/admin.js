// Admin page (#/admin): users and tokens of the caller's organisation, projects, grants given and received, audit log.
import * as api from './api.js';
import { h, clear, fmtDate, sortableTable } from './dom.js';
import { panel } from './test.js';
import { fmtDay, dayEnd, expiryText } from './sharing.js';

const ROLES = ['viewer', 'member', 'admin'];
const ACTIONS = ['upload', 'read', 'download', 'export', 'share', 'unshare', 'change', 'delete', 'project'];

/** Copies text to the clipboard (the async API on localhost/https, else a selection); the button says so. */
async function copy(text, btn) {
  let ok = false;
  try { await navigator.clipboard.writeText(text); ok = true; } catch (e) {
    const ta = h('textarea.visually-hidden', text);
    document.body.append(ta);
    ta.select();
    try { ok = document.execCommand('copy'); } catch (e2) { ok = false; }
    ta.remove();
  }
  btn.textContent = ok ? 'Copied ✓' : 'Select and copy by hand';
  setTimeout(() => { btn.textContent = 'Copy'; }, 2500);
}

/** A secret shown once: the token with a copy button and a dismiss button. */
function secretBox(id, title, secret, note) {
  const code = h('code.secret', secret);
  const cp = h('button.primary.copy', { type: 'button' }, 'Copy');
  cp.addEventListener('click', () => copy(secret, cp));
  const box = h('div.once#' + id, h('div.once-head', h('strong', title), h('span.muted', ' · shown once: copy it now, the server keeps only a salted hash.')),
    h('div.tokenline', code, cp, h('button', { type: 'button', onclick: () => box.remove() }, 'Dismiss')), note ? h('div.hint', note) : null);
  return box;
}

const when = iso => (iso ? h('span', { title: iso }, fmtDate(iso, true)) : null);
// a day in a dense table; the instant is in the tooltip
const day = (iso, tip) => (iso ? h('span', { title: tip || iso }, iso.slice(0, 10)) : null);
const readable = text => { try { return decodeURIComponent(text); } catch (e) { return text; } };
/** "5 min ago" for a recent instant, the day for an older one; the instant is in the tooltip. */
function ago(iso) {
  if (!iso) return null;
  const s = (Date.now() - Date.parse(iso)) / 1000;
  const text = s < 60 ? 'just now' : s < 3600 ? `${Math.floor(s / 60)} min ago` : s < 86400 ? `${Math.floor(s / 3600)} h ago`
    : s < 30 * 86400 ? `${Math.floor(s / 86400)} d ago` : iso.slice(0, 10);
  return h('span', { title: fmtDate(iso) }, text);
}
const errLine = id => h('div.status#' + id);
function showErr(el, ex) { el.textContent = ex.message; el.className = 'status error'; }
function okLine(el, text) { el.textContent = text; el.className = 'status ok'; }

export function adminPage(root, me) {
  const isAdmin = me.role === 'admin';
  const canWrite = me.role !== 'viewer';
  let orgs = [];

  const usersBody = h('div.body'), tokensBody = h('div.body'), projectsBody = h('div.body');
  const givenBody = h('div.body'), receivedBody = h('div.body'), auditBody = h('div');
  const counts = {};
  for (const k of ['users', 'tokens', 'projects', 'given', 'received', 'audit']) counts[k] = h('span.sub#count-' + k);
  const sec = (id, title, sub, body, tools) => {
    const p = panel(title, null, tools, body, '#' + id);
    p.querySelector('header h2').after(counts[id.replace('-panel', '')] || '', sub ? h('span.sub', sub) : '');
    return p;
  };
  const jump = (label, id) => h('button', { type: 'button', onclick: () => document.getElementById(id).scrollIntoView({ behavior: 'smooth', block: 'start' }) }, label);

  root.append(
    h('div.titlebar', h('h1', 'Admin'), h('span.badge', me.organisation), h('span.muted', `${me.email} · ${me.role}`),
      h('div.actions', jump('Users', 'users-panel'), jump('Tokens', 'tokens-panel'), jump('Projects', 'projects-panel'),
        jump('Grants', 'given-panel'), jump('Audit log', 'audit-panel'))),
    h('div.admin',
      sec('users-panel', 'Users', 'of ' + me.organisation, usersBody),
      sec('projects-panel', 'Projects', 'joint R&D: a lead organisation and members', projectsBody),
      h('div.span2', sec('tokens-panel', 'API tokens', isAdmin ? 'every user of the organisation' : 'yours', tokensBody)),
      h('div.span2', sec('given-panel', 'Grants given', 'tests of ' + me.organisation + ' shared with partners', givenBody)),
      h('div.span2', sec('received-panel', 'Shares received', 'tests partners shared with ' + me.organisation, receivedBody))),
    sec('audit-panel', 'Audit log', 'who did what with the data of ' + me.organisation + ', newest first; append-only', auditBody));

  // ---- users: the list refreshes; the form and a token shown once stay put
  const usersList = h('div');
  usersBody.append(usersList);
  if (isAdmin) {
    const email = h('input#new-user-email', { type: 'email', required: true, placeholder: 'name@company.com', size: 24 });
    const role = h('select#new-user-role', ROLES.map(r => h('option', { value: r }, r)));
    role.value = 'member';
    const err = errLine('new-user-status');
    const btn = h('button.primary#new-user-button', { type: 'submit' }, 'Create user');
    const out = h('div#new-user-out');
    const form = h('form.inline-form', h('label.field', 'E-mail', email), h('label.field', 'Role', role), h('div.field-btn', btn), err);
    form.addEventListener('submit', async e => {
      e.preventDefault();
      btn.disabled = true;
      err.textContent = '';
      try {
        const r = await api.post('/users', { email: email.value.trim(), role: role.value });
        clear(out).append(secretBox('new-user-token', `Token of ${r.user.email} (${r.user.role})`, r.token,
          `Give it to ${r.user.email} over a safe channel; they log in with it and make further tokens here.`));
        email.value = '';
        users();
        tokens();
      } catch (ex) { showErr(err, ex); }
      btn.disabled = false;
    });
    usersBody.append(h('h3', 'New user'), form, out);
  } else usersBody.append(h('div.hint', 'Only an admin of ' + me.organisation + ' creates users.'));

  async function users() {
    let list;
    try { list = (await api.get('/users')).users; } catch (ex) { clear(usersList).append(h('div.errbox', ex.message)); return; }
    counts.users.textContent = String(list.length);
    const table = sortableTable([
      { key: 'email', label: 'E-mail', render: u => h('span', u.email, ' ', u.email === me.email ? h('span.chip', 'you') : null) },
      { key: 'role', label: 'Role', render: u => h('span.role.role-' + u.role, u.role) },
      { key: 'created_at', label: 'Created', render: u => day(u.created_at) },
    ], list, { sortKey: 'email' });
    table.id = 'users-table';
    clear(usersList).append(h('div.tablewrap.short', table));
  }

  // ---- tokens
  const tokensList = h('div');
  {
    const name = h('input#new-token-name', { required: true, placeholder: 'e.g. ci-upload', size: 16, maxlength: 80 });
    const exp = h('input#new-token-expiry', { type: 'date', min: new Date().toISOString().slice(0, 10) });
    const err = errLine('new-token-status');
    const btn = h('button.primary#new-token-button', { type: 'submit' }, 'Create token');
    const out = h('div#new-token-out');
    const form = h('form.inline-form', h('label.field', 'Name', name), h('label.field', 'Expires (end of day, UTC; optional)', exp), h('div.field-btn', btn), err);
    form.addEventListener('submit', async e => {
      e.preventDefault();
      btn.disabled = true;
      err.textContent = '';
      try {
        const body = { name: name.value.trim() };
        if (exp.value) body.expires_at = dayEnd(exp.value);
        const r = await api.post('/tokens', body);
        clear(out).append(secretBox('new-token', `Token “${body.name}” of ${me.email}`, r.token,
          'Send it as: Authorization: Bearer TOKEN · ' + expiryText(r.expires_at)));
        name.value = '';
        exp.value = '';
        tokens();
      } catch (ex) { showErr(err, ex); }
      btn.disabled = false;
    });
    tokensBody.append(tokensList, h('h3', 'New token for ' + me.email), form, out);
  }
  async function tokens() {
    let list;
    try { list = (await api.get('/tokens')).tokens; } catch (ex) { clear(tokensList).append(h('div.errbox', ex.message)); return; }
    const live = list.filter(t => t.live).length;
    counts.tokens.textContent = `${live} live` + (list.length > live ? ` · ${list.length - live} revoked or expired` : '');
    const status = t => t.live ? h('span.chip.ok', 'live') : t.revoked_at ? h('span.chip.bad', { title: t.revoked_at }, 'revoked ' + fmtDay(t.revoked_at))
      : h('span.chip.warn', 'expired');
    const table = sortableTable([
      { key: 'name', label: 'Name', render: t => h('strong', { title: 'token id ' + t.token_id }, t.name) },
      { key: 'token_id', label: 'ID', render: t => h('span.mono', t.token_id) },
      { key: 'email', label: 'User' },
      { key: 'created_at', label: 'Created', render: t => day(t.created_at) },
      { key: 'expires_at', label: 'Expires', render: t => t.expires_at ? h('span', { title: t.expires_at }, fmtDay(t.expires_at)) : h('span.muted', 'never') },
      { key: 'last_used_at', label: 'Last used', render: t => t.last_used_at ? ago(t.last_used_at) : h('span.muted', 'never') },
      { key: 'live', label: 'Status', value: t => (t.live ? 0 : 1), render: t => h('span', status(t), t.token_id === me.token_id
        ? h('span.chip', { title: 'the token this browser session was opened with' }, 'this session') : null) },
      { key: 'revoke', label: '', sortable: false, render: t => t.live ? h('button.danger.revoke', {
        'data-token': t.token_id, title: t.token_id === me.token_id ? 'revoking it ends this browser session' : 'a revoked token is refused at once',
        onclick: e => revokeToken(t, e.target) }, 'Revoke') : null },
    ], list, { sortKey: 'live', dir: 1 });
    table.id = 'tokens-table';
    clear(tokensList).append(h('div.tablewrap.short', table));
  }
  async function revokeToken(t, btn) {
    btn.disabled = true;
    try { await api.del('/tokens/' + encodeURIComponent(t.token_id)); } catch (ex) { btn.disabled = false; btn.title = ex.message; btn.textContent = 'failed: retry'; return; }
    tokens();
  }

  // ---- projects
  async function projects() {
    let list;
    try { list = (await api.get('/projects')).projects; } catch (ex) { clear(projectsBody).append(h('div.errbox', ex.message)); return; }
    counts.projects.textContent = String(list.length);
    const leads = p => p.lead === me.organisation && isAdmin;
    const memberCell = p => h('span.members', p.members.length ? p.members.map(m => h('span.tag', m, leads(p)
      ? h('button.x', { type: 'button', title: `remove ${m} from ${p.name}`, 'data-member': m, onclick: e => removeMember(p, m, e.target) }, '×') : null))
      : h('span.muted', 'no members'));
    const addCell = p => {
      if (!leads(p)) return null;
      const choices = orgs.filter(o => o.name !== p.lead && !p.members.includes(o.name));
      if (!choices.length) return null;
      const sel = h('select.add-member', { 'data-project': p.name }, choices.map(o => h('option', { value: o.name }, o.name)));
      const b = h('button', { type: 'button', onclick: async () => {
        b.disabled = true;
        try { await api.post(`/projects/${encodeURIComponent(p.name)}/members`, { org: sel.value }); projects(); }
        catch (ex) { b.disabled = false; b.title = ex.message; b.textContent = 'failed'; }
      } }, 'Add');
      return h('span.inline', sel, b);
    };
    const table = sortableTable([
      { key: 'name', label: 'Project', render: p => h('strong', p.name) },
      { key: 'lead', label: 'Lead', render: p => h('span', p.lead, ' ', p.lead === me.organisation ? h('span.chip', 'you') : null) },
      { key: 'members', label: 'Members', value: p => p.members.length, render: p => h('span.members-cell', memberCell(p), addCell(p)) },
      { key: 'created_at', label: 'Created', render: p => day(p.created_at) },
    ], list, { sortKey: 'name' });
    table.id = 'projects-table';
    const parts = [list.length ? table : h('div.empty.small', 'No projects yet.')];
    if (canWrite) {
      const name = h('input#new-project-name', { required: true, placeholder: 'e.g. solid-state-2027', size: 20, maxlength: 80 });
      const picks = orgs.filter(o => o.name !== me.organisation).map(o => h('input', { type: 'checkbox', value: o.name, 'data-org': o.name }));
      const err = errLine('new-project-status');
      const btn = h('button.primary#new-project-button', { type: 'submit' }, 'Create project');
      const form = h('form.project-form',
        h('label.field', 'Name', name),
        h('div.field', h('span.label', 'Member organisations'), picks.length
          ? h('div.checks#new-project-members', picks.map(cb => h('label.check', cb, cb.value))) : h('span.muted', 'no other organisation')),
        h('div.field-btn', btn), err);
      form.addEventListener('submit', async e => {
        e.preventDefault();
        btn.disabled = true;
        try {
          await api.post('/projects', { name: name.value.trim(), members: picks.filter(c => c.checked).map(c => c.value) });
          await projects();
          okLine(projectsBody.querySelector('#new-project-status'), `project ${name.value.trim()} created, led by ${me.organisation}`);
        } catch (ex) { showErr(err, ex); btn.disabled = false; }
      });
      parts.push(h('h3', 'New project led by ' + me.organisation), form);
    }
    clear(projectsBody).append(...parts);
    projectsBody.firstChild.classList.add('hscroll');
  }
  async function removeMember(p, org, btn) {
    btn.disabled = true;
    try { await api.del(`/projects/${encodeURIComponent(p.name)}/members/${encodeURIComponent(org)}`); projects(); }
    catch (ex) { btn.disabled = false; btn.title = ex.message; }
  }

  // ---- grants given and received
  async function shares() {
    let s;
    try { s = await api.get('/shares'); } catch (ex) { for (const b of [givenBody, receivedBody]) clear(b).append(h('div.errbox', ex.message)); return; }
    const testLink = g => h('a.test-link.clip', { href: '#/test/' + encodeURIComponent(g.test_id), title: `${g.file_name} · ${g.test_id}` }, g.file_name || g.test_id);
    const expires = g => g.expires_at ? h('span', { title: g.expires_at }, fmtDay(g.expires_at)) : h('span.muted', 'no expiry');
    const live = s.granted.filter(g => !g.expired).length;
    counts.given.textContent = `${live} live` + (s.granted.length > live ? ` · ${s.granted.length - live} expired` : '');
    const given = sortableTable([
      { key: 'file_name', label: 'Test', render: testLink },
      { key: 'org', label: 'Partner', render: g => h('strong', g.org) },
      { key: 'purpose', label: 'Purpose', render: g => h('span.wrap', g.purpose) },
      { key: 'granted_at', label: 'Granted', render: g => day(g.granted_at, `${fmtDate(g.granted_at)} by ${g.granted_by}`) },
      { key: 'expires_at', label: 'Expires', value: g => (g.expired ? '0' : '1') + (g.expires_at || '9'), render: g => h('span', expires(g), ' ', g.expired ? h('span.chip.bad', 'expired') : null) },
      { key: 'revoke', label: '', sortable: false, render: g => canWrite ? h('button.danger.revoke', {
        'data-test': g.test_id, 'data-org': g.org, onclick: e => revokeGrant(g, e.target) }, g.expired ? 'Remove' : 'Revoke') : null },
    ], s.granted, { sortKey: 'file_name' });
    given.id = 'grants-given';
    clear(givenBody).append(s.granted.length ? h('div.tablewrap.short', given)
      : h('div.empty.small#grants-given', 'Nothing shared yet: open a test and use its Sharing panel.'));
    counts.received.textContent = String(s.received.length);
    const received = sortableTable([
      { key: 'file_name', label: 'Test', render: testLink },
      { key: 'owner', label: 'Owner', render: g => h('strong', g.owner) },
      { key: 'purpose', label: 'Purpose', render: g => h('span.wrap', g.purpose) },
      { key: 'granted_at', label: 'Granted', render: g => day(g.granted_at) },
      { key: 'expires_at', label: 'Expires', render: expires },
    ], s.received, { sortKey: 'granted_at', dir: -1 });
    received.id = 'shares-received';
    clear(receivedBody).append(s.received.length ? h('div.tablewrap.short', received) : h('div.empty.small#shares-received', 'No partner has shared a test with ' + me.organisation + '.'));
  }
  async function revokeGrant(g, btn) {
    btn.disabled = true;
    try { await api.del(`/tests/${encodeURIComponent(g.test_id)}/shares/${encodeURIComponent(g.org)}`); }
    catch (ex) { btn.disabled = false; btn.title = ex.message; btn.textContent = 'failed: retry'; return; }
    shares();
    audit();
  }

  // ---- audit log
  const aTest = h('input#audit-test', { placeholder: 'test id (all when empty)', size: 22 });
  const aAction = h('select#audit-action', h('option', { value: '' }, 'all actions'), ACTIONS.map(a => h('option', { value: a }, a)));
  const aActor = h('input#audit-actor', { placeholder: 'actor or organisation', size: 20 });
  const aLimit = h('select#audit-limit', [100, 500, 2000].map(n => h('option', { value: n }, `last ${n}`)));
  const aTable = h('div.tablewrap#audit-table');
  let events = [], auditTable = null;
  clear(auditBody).append(h('div.toolbar', h('label.field', 'Test', aTest), h('label.field', 'Action', aAction),
    h('label.field', 'Actor', aActor), h('label.field', 'Rows', aLimit), h('div.field-btn', h('button', { type: 'button', onclick: () => audit() }, 'Refresh'))), aTable);
  const shown = () => events.filter(e => (!aAction.value || e.action === aAction.value)
    && (!aActor.value.trim() || [e.actor, e.actor_org].some(v => v && v.toLowerCase().includes(aActor.value.trim().toLowerCase()))));
  function renderAudit() {
    const list = shown();
    counts.audit.textContent = `${list.length} of ${events.length} events`;
    if (!auditTable) {
      auditTable = sortableTable([
        { key: 'at', label: 'When', render: e => when(e.at) },
        { key: 'actor', label: 'Who' },
        { key: 'actor_org', label: 'Organisation', render: e => e.actor_org === me.organisation ? h('span', e.actor_org) : h('strong.partner', { title: 'another organisation' }, e.actor_org) },
        { key: 'action', label: 'Action', render: e => h('span.act.act-' + e.action, e.action) },
        { key: 'test_id', label: 'Test', render: e => e.test_id ? h('a.mono', { href: '#/test/' + encodeURIComponent(e.test_id) }, e.test_id) : null },
        { key: 'owner', label: 'Owner' },
        { key: 'detail', label: 'Detail', render: e => e.detail ? h('span.detail', { title: e.detail }, readable(e.detail)) : null },
        { key: 'address', label: 'Address', render: e => e.address ? h('span.mono', e.address) : null },
      ], list, { sortKey: 'at', dir: -1, limit: 300, countLabel: 'events' });
      auditTable.id = 'audit-log';
      clear(aTable).append(auditTable);
    } else auditTable.setRows(list);
  }
  async function audit() {
    try {
      events = (await api.get('/audit', { limit: aLimit.value, test: aTest.value.trim() || undefined })).events;
    } catch (ex) { auditTable = null; clear(aTable).append(h('div.body', h('div.errbox', ex.message))); return; }
    renderAudit();
  }
  aAction.addEventListener('change', renderAudit);
  aActor.addEventListener('input', renderAudit);
  aLimit.addEventListener('change', () => audit());
  aTest.addEventListener('change', () => audit());

  (async () => {
    try { orgs = (await api.get('/orgs')).organisations; } catch (ex) { orgs = []; }
    users(); tokens(); projects(); shares(); audit();
  })();
  return {};
}
