// Test list: facet filters + search, sortable table, selection for Compare, drag-and-drop upload with progress.
import * as api from './api.js';
import { h, clear, fmt, fmtDate, fmtBytes, sortableTable } from './dom.js';
import { chips } from './flags.js';
import { visBadge, embargoChip, expiryText, fmtDay } from './sharing.js';

const selected = new Set(JSON.parse(sessionStorage.getItem('tower.compare') || '[]'));
function saveSelection() { sessionStorage.setItem('tower.compare', JSON.stringify([...selected])); }
export function selection() { return [...selected]; }

export function testsPage(root, me, params) {
  let tests = [];
  const uploadsBox = h('div.uploads#uploads');
  const fileInput = h('input#file-input.visually-hidden', { type: 'file', multiple: true, 'aria-label': 'choose files to upload' });
  const cellIn = h('input#upload-cell', { placeholder: 'optional', size: 14 });
  const tzIn = h('input#upload-tz', { placeholder: 'e.g. Europe/Berlin', size: 16 });
  const drop = h('div.drop#dropzone',
    h('div', h('strong', 'Upload'), h('div.hint', 'Drop cycler files here (Arbin, Neware, BioLogic, Maccor, Novonix, BDF, …) or ')),
    h('button', { onclick: () => fileInput.click() }, 'Choose files…'),
    h('label.field', 'Cell ID', cellIn), h('label.field', 'Time zone of naive timestamps', tzIn),
    h('span.hint', 'Same file twice = one test. Large files are ingested in the background.'));
  for (const ev of ['dragenter', 'dragover']) drop.addEventListener(ev, e => { e.preventDefault(); drop.classList.add('over'); });
  for (const ev of ['dragleave', 'drop']) drop.addEventListener(ev, e => { e.preventDefault(); drop.classList.remove('over'); });
  drop.addEventListener('drop', e => { for (const f of e.dataTransfer.files) startUpload(f); });
  fileInput.addEventListener('change', () => { for (const f of fileInput.files) startUpload(f); fileInput.value = ''; });

  const search = h('input#search', { type: 'search', placeholder: 'Search file, test id, owner, cell, format…', value: params.get('q') || '' });
  const fCell = h('select#f-cell'), fFormat = h('select#f-format'), fFlag = h('select#f-flag');
  const fOwner = h('select#f-owner'), fVis = h('select#f-vis');
  const fFrom = h('input#f-from', { type: 'date' }), fTo = h('input#f-to', { type: 'date' });
  const compareBtn = h('button.primary#compare-selected', { onclick: () => { location.hash = '#/compare?ids=' + [...selected].join(','); } });
  const clearSel = h('button', { onclick: () => { selected.clear(); saveSelection(); refresh(); } }, 'Clear selection');
  const count = h('span.sub#test-count');
  const legend = h('span.sub#access-legend');
  const tableBox = h('div#tests-table');

  root.append(
    h('div.panel', { style: { marginBottom: '10px' } }, h('header', h('h2', 'Add data'), me.role === 'viewer' ? h('span.sub', 'viewers may not upload') : null),
      h('div.body', me.role === 'viewer' ? null : drop, fileInput, uploadsBox)),
    h('div.panel',
      h('header', h('h2', 'Tests'), count, legend, h('div.tools', clearSel, compareBtn)),
      h('div.toolbar',
        h('label.field.grow', 'Search', search), h('label.field', 'Owner', fOwner), h('label.field', 'Visibility', fVis), h('label.field', 'Cell', fCell), h('label.field', 'Format', fFormat),
        h('label.field', 'Flag', fFlag), h('label.field', 'Started from', fFrom), h('label.field', 'to', fTo)),
      tableBox));

  for (const el of [search, fOwner, fVis, fCell, fFormat, fFlag, fFrom, fTo]) el.addEventListener('input', refresh);

  function options(sel, values, all) {
    const cur = sel.value;
    clear(sel).append(h('option', { value: '' }, all), ...values.map(v => h('option', { value: v }, v)));
    if (values.includes(cur)) sel.value = cur;
  }

  const startOf = t => t.start_time || t.ingested_at;
  const VIS_ORDER = ['private', 'project', 'shared', 'public'];
  const stamp = iso => h('span', { title: iso }, fmtDate(iso, true).replace(' UTC', ''));
  // the owner organisation; a test another organisation shared with the caller says by whom, why and until when
  function ownerCell(t) {
    if (!t.owner) return null;
    if (t.access === 'owner') return h('span.owner.own', { title: 'your organisation' }, t.owner);
    const g = t.grant;
    const tip = g ? `shared by ${g.owner || t.owner} · ${g.purpose} · ${expiryText(g.expires_at)} (granted ${fmtDay(g.granted_at)})`
      : `${t.access} data of ${t.owner}`;
    return h('span.owner.other', { title: tip, 'data-access': t.access || '' },
      h('span.via', { 'aria-label': t.access === 'shared' ? 'shared with you by' : t.access + ' data of' }, t.access === 'shared' ? '⇄ ' : t.access === 'project' ? '◫ ' : '◎ '), t.owner);
  }
  const cols = [
    { key: 'sel', label: '', sortable: false, render: t => {
      const cb = h('input', { type: 'checkbox', 'data-test': t.id, 'aria-label': 'select ' + t.file_name });
      cb.checked = selected.has(t.id);
      cb.addEventListener('change', () => { if (cb.checked) selected.add(t.id); else selected.delete(t.id); saveSelection(); updateCompare(); });
      return cb;
    } },
    { key: 'file_name', label: 'File', render: t => h('a.test-link', { href: '#/test/' + encodeURIComponent(t.id) }, t.file_name) },
    { key: 'owner', label: 'Owner', render: t => ownerCell(t) },
    { key: 'visibility', label: 'Visibility', cls: 'wrap', value: t => VIS_ORDER.indexOf(t.visibility), render: t => h('span.viscell', visBadge(t.visibility), embargoChip(t.embargo_until)) },
    { key: 'id', label: 'Test', cls: 'col-id', render: t => h('span.mono', t.id) },
    { key: 'cell', label: 'Cell' },
    { key: 'format', label: 'Format', render: t => h('span.badge', t.format) },
    { key: 'start', label: 'Started', unit: 'UTC', value: startOf, render: t => t.start_time ? stamp(t.start_time) : h('span.muted', 'no clock') },
    { key: 'cycles', label: 'Cycles', num: true },
    { key: 'rows', label: 'Rows', num: true, render: t => t.rows.toLocaleString('en') },
    { key: 'flags', label: 'Flags', cls: 'wrap', value: t => (t.flags || []).join(','), render: t => {
      const w = (t.warnings || []).length;
      return h('span', chips(t.flags), w ? h('span.chip.warn', { 'data-tip': t.warnings.join('\n') }, w + ' warning' + (w > 1 ? 's' : '')) : null);
    } },
    { key: 'ingested_at', label: 'Ingested', unit: 'UTC', render: t => stamp(t.ingested_at) },
  ];
  let table = null;

  function filtered() {
    const q = search.value.trim().toLowerCase();
    const from = fFrom.value, to = fTo.value;
    return tests.filter(t => {
      if (q && ![t.file_name, t.id, t.cell, t.format, t.owner].some(v => v && v.toLowerCase().includes(q))) return false;
      if (fOwner.value && t.owner !== fOwner.value) return false;
      if (fVis.value && t.visibility !== fVis.value) return false;
      if (fCell.value && (t.cell || '(none)') !== fCell.value) return false;
      if (fFormat.value && t.format !== fFormat.value) return false;
      if (fFlag.value === '(any)' && !(t.flags || []).length && !(t.warnings || []).length) return false;
      if (fFlag.value === '(none)' && ((t.flags || []).length || (t.warnings || []).length)) return false;
      if (fFlag.value && !fFlag.value.startsWith('(') && !(t.flags || []).includes(fFlag.value)) return false;
      const d = (startOf(t) || '').slice(0, 10);
      if (from && d < from) return false;
      if (to && d > to) return false;
      return true;
    });
  }
  function updateCompare() {
    compareBtn.textContent = `Compare selected (${selected.size})`;
    compareBtn.disabled = selected.size < 1;
    clearSel.disabled = selected.size < 1;
  }
  function refresh() {
    const list = filtered();
    count.textContent = `${list.length} of ${tests.length}`;
    if (!table) { table = sortableTable(cols, list, { sortKey: 'ingested_at', dir: -1, limit: 200, countLabel: 'tests' }); tableBox.append(table); }
    else table.setRows(list);
    if (!tests.length) clear(tableBox).append(h('div.empty', 'No tests yet: drop a cycler file above.')), table = null;
    updateCompare();
  }
  async function load() {
    try {
      tests = (await api.get('/tests')).tests;
    } catch (e) { clear(tableBox).append(h('div.body', h('div.errbox', e.message))); return; }
    const how = new Set(tests.map(t => t.access).filter(a => a && a !== 'owner'));
    const marks = [how.has('shared') && '⇄ shared with you', how.has('project') && '◫ through a project', how.has('public') && '◎ public'].filter(Boolean);
    legend.textContent = marks.length ? '· other owners: ' + marks.join(' · ') : '';
    options(fOwner, [...new Set(tests.map(t => t.owner).filter(Boolean))].sort(), 'all owners');
    options(fVis, VIS_ORDER.filter(v => tests.some(t => t.visibility === v)), 'any');
    options(fCell, [...new Set(tests.map(t => t.cell || '(none)'))].sort(), 'all cells');
    options(fFormat, [...new Set(tests.map(t => t.format))].sort(), 'all formats');
    options(fFlag, ['(any)', '(none)', ...new Set(tests.flatMap(t => t.flags || []))], 'any or none');
    refresh();
  }

  function startUpload(file) {
    const bar = h('div'), stage = h('span.stage', 'waiting'), msg = h('span.msg');
    const row = h('div.upload', { 'data-file': file.name }, h('span.name', { title: file.name }, file.name),
      h('div.progress', bar), h('span', stage, ' ', h('span.muted', fmtBytes(file.size))), msg);
    uploadsBox.prepend(row);
    const fields = { cell_id: cellIn.value.trim(), timezone: tzIn.value.trim() };
    const go = () => {
      row.className = 'upload';
      clear(msg);
      api.upload(file, fields, (st, frac, detail) => {
        bar.style.width = Math.round(frac * 100) + '%';
        if (st === 'uploading') stage.textContent = `uploading ${Math.round(frac * 100)} %`;
        else if (st === 'queued') stage.textContent = 'queued';
        else stage.textContent = detail && detail.rows_done ? `reading · ${detail.rows_done.toLocaleString('en')} rows` : 'reading & summarising';
      }).then(test => {
        row.classList.add('done');
        bar.style.width = '100%';
        stage.textContent = test.duplicate ? 'already stored' : 'stored';
        clear(msg).append(h('a.uploaded-test', { href: '#/test/' + encodeURIComponent(test.id) }, `${test.id} · ${test.format} · ${test.cycles} cycles · ${test.rows.toLocaleString('en')} rows`));
        load();
      }, err => {
        row.classList.add('failed');
        bar.style.width = '100%';
        stage.textContent = err.status === 413 ? 'too large' : 'refused';
        clear(msg).append(h('span.upload-error', err.message), ' ', h('button', { onclick: go }, 'Retry'));
      });
    };
    go();
  }

  load();
  return {};
}
