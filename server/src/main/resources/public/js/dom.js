// Small DOM helpers: h('div.cls#id', {attrs}, children...), formatting, CSV and file downloads.
export function h(tag, attrs, ...children) {
  const m = /^([a-z0-9]+)?((?:[.#][\w-]+)*)$/i.exec(tag);
  const el = document.createElement(m[1] || 'div');
  for (const part of (m[2].match(/[.#][\w-]+/g) || [])) {
    if (part[0] === '.') el.classList.add(part.slice(1)); else el.id = part.slice(1);
  }
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) { children.unshift(attrs); attrs = null; }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}
function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}
export function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }

export function fmt(v, digits = 4) {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (typeof v !== 'number') return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(digits - 1);
  return Number(v.toPrecision(digits)).toString();
}
export function fmtDate(iso, short = false) {
  if (!iso) return '—';
  const s = iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return (short ? s.replace(/:\d\dZ$/, 'Z') : s).replace('Z', ' UTC');
}
export function fmtBytes(n) {
  if (n < 1024) return n + ' B';
  if (n < 1 << 20) return (n / 1024).toFixed(1) + ' kB';
  if (n < 1 << 30) return (n / (1 << 20)).toFixed(1) + ' MB';
  return (n / (1 << 30)).toFixed(2) + ' GB';
}
export function fmtDuration(s) {
  if (s === null || s === undefined) return '—';
  if (s < 120) return s.toFixed(0) + ' s';
  if (s < 7200) return (s / 60).toFixed(1) + ' min';
  if (s < 172800) return (s / 3600).toFixed(1) + ' h';
  return (s / 86400).toFixed(1) + ' d';
}

export function csvCell(v) {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) v = v.join(';');
  const s = String(v);
  return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}
export function toCsv(header, rows) {
  return [header.map(csvCell).join(','), ...rows.map(r => r.map(csvCell).join(','))].join('\n') + '\n';
}
export function saveBlob(blob, name) {
  const a = h('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

/** Sortable table: columns [{key, label, unit, num, cls (of the cells), render(row), value(row)}]. */
export function sortableTable(columns, rows, opts = {}) {
  let sortKey = opts.sortKey || null, dir = opts.dir || 1, limit = opts.limit || Infinity;
  const table = h('table.grid');
  const thead = h('thead'), tbody = h('tbody');
  table.append(thead, tbody);
  const wrap = h('div', table);
  const more = h('div.pager');
  wrap.append(more);
  const headRow = h('tr');
  thead.append(headRow);
  for (const c of columns) {
    const th = h('th' + (c.num ? '.num' : '') + (c.cls ? '.' + c.cls : '') + (c.sortable === false ? '' : '.sortable'), { 'data-key': c.key, title: c.tip || null },
      c.label, c.unit ? h('span.unit', ' / ' + c.unit) : null);
    if (c.sortable !== false) th.addEventListener('click', () => { if (sortKey === c.key) dir = -dir; else { sortKey = c.key; dir = 1; } render(); });
    headRow.append(th);
  }
  const valueOf = (c, r) => (c.value ? c.value(r) : r[c.key]);
  function render() {
    for (const th of headRow.children) {
      th.removeAttribute('aria-sort');
      if (th.dataset.key === sortKey) th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
    }
    let list = rows.slice();
    if (sortKey) {
      const c = columns.find(x => x.key === sortKey);
      list.sort((a, b) => {
        const va = valueOf(c, a), vb = valueOf(c, b);
        if (va === vb) return 0;
        if (va === null || va === undefined) return 1;
        if (vb === null || vb === undefined) return -1;
        return (va < vb ? -1 : 1) * dir;
      });
    }
    clear(tbody);
    const shown = list.slice(0, limit);
    const frag = document.createDocumentFragment();
    for (const r of shown) {
      const tr = h('tr');
      for (const c of columns) {
        const v = c.render ? c.render(r) : valueOf(c, r);
        const isNull = v === null || v === undefined;
        tr.append(h('td' + (c.num ? '.num' : '') + (c.cls ? '.' + c.cls : '') + (isNull ? '.null' : ''), isNull ? '—' : (v instanceof Node ? v : (c.num ? fmt(v, c.digits || 4) : String(v)))));
      }
      frag.append(tr);
    }
    tbody.append(frag);
    clear(more);
    if (list.length > shown.length) {
      more.append(`${shown.length} of ${list.length} rows `, h('button', { onclick: () => { limit = Infinity; render(); } }, `Show all ${list.length}`));
    } else if (opts.countLabel) more.append(`${list.length} ${opts.countLabel}`);
  }
  render();
  wrap.setRows = r => { rows = r; render(); };
  return wrap;
}
