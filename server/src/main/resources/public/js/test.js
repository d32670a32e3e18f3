// Test page: metadata, flags and warnings, life figures, plots (fade, SOH, V/I vs time, V–Q, dQ/dV, HPPC), cycle table.
import * as api from './api.js';
import { h, clear, fmt, fmtDate, fmtDuration, sortableTable, toCsv, saveBlob } from './dom.js';
import { chips, chip } from './flags.js';
import { accessBanner, sharingPanel, visBadge, embargoChip } from './sharing.js';
import { chart, chartTools, axis, cycleAxis, PALETTE, rampColour, rampCss, joinCurves, timeUnit, vqFromDqdv, vqFromSeries } from './charts.js';

export function panel(title, sub, tools, body, cls = '') {
  return h('section.panel' + cls, h('header', h('h2', title), sub ? h('span.sub', sub) : null, h('div.tools', tools || [])), body);
}

/** The columns of the cycle table: [field, label, unit, digits]. CSV carries every field. */
const CYCLE_COLS = [
  ['cycle_index', 'Cycle', null], ['discharge_capacity_ah', 'Q dis', 'Ah'], ['charge_capacity_ah', 'Q ch', 'Ah'],
  ['coulombic_efficiency', 'CE', null], ['discharge_energy_wh', 'E dis', 'Wh'], ['charge_energy_wh', 'E ch', 'Wh'],
  ['energy_efficiency', 'EE', null], ['voltage_min_v', 'V min', 'V'], ['voltage_max_v', 'V max', 'V'],
  ['mean_discharge_voltage_v', 'V̄ dis', 'V'], ['mean_charge_voltage_v', 'V̄ ch', 'V'], ['current_min_a', 'I min', 'A'],
  ['current_max_a', 'I max', 'A'], ['temperature_mean_c', 'T mean', '°C'], ['duration_s', 'Duration', 's'],
  ['cv_time_s', 'CV time', 's'], ['cv_capacity_ah', 'CV Q', 'Ah'], ['capacity_loss_ah', 'Q loss', 'Ah'],
];

export function defaultCycles(cycles, n = 5) {
  const ok = cycles.filter(c => !(c.flags || []).includes('incomplete') && c.discharge_capacity_ah).map(c => c.cycle_index);
  const pool = ok.length ? ok : cycles.map(c => c.cycle_index);
  if (pool.length <= n) return pool;
  const out = new Set();
  for (let k = 0; k < n; k++) out.add(pool[Math.round(k * (pool.length - 1) / (n - 1))]);
  return [...out];
}
export function parseCycles(text) {
  return [...new Set(text.split(/[\s,;]+/).map(s => parseInt(s, 10)).filter(Number.isFinite))].slice(0, 12);
}

export function testPage(root, id, me) {
  const charts = {};
  const pending = new Set(['fade', 'soh', 'vt', 'vq', 'dqdv', 'hppc']);
  const t0 = performance.now();
  function drawn(name) {
    pending.delete(name);
    if (!pending.size && !window.__towerPlotsDrawn) {
      window.__towerPlotsDrawn = performance.now();
      performance.mark('tower:plots-drawn');
      document.body.dataset.plots = 'drawn';
    }
  }
  window.__towerPlotsDrawn = 0;
  document.body.dataset.plots = 'loading';

  const title = h('h1#test-title', '…');
  const actions = h('div.actions');
  const cards = h('div.cards');
  const plots = h('div.plots');
  const tableBox = h('div');
  const access = h('div.access-box');
  root.append(h('div.titlebar', h('a.crumbs', { href: '#/tests' }, 'Tests ›'), title, h('span.badge#test-id', id), actions), access, cards, plots,
    panel('Cycles', 'per-cycle summary; click a column to sort', [h('button#cycles-csv', { disabled: true }, 'Download cycle table (CSV)')], tableBox, '#cycle-panel'));

  const fadePanel = h('div.chart#chart-fade'), sohPanel = h('div.chart#chart-soh'), vtPanel = h('div.chart#chart-vt');
  const vqPanel = h('div.chart#chart-vq'), dqPanel = h('div.chart#chart-dqdv'), hpPanel = h('div.chart#chart-hppc');
  const cycleIn = h('input#cycle-pick', { title: 'cycle numbers, comma-separated (up to 12)' });
  const halfSel = h('select#half-pick', h('option', { value: 'discharge' }, 'discharge'), h('option', { value: 'charge' }, 'charge'));
  const vtNote = h('div.note#vt-note'), dqNote = h('div.note#dqdv-note'), vqLegend = h('div.legendbar'), vqNote = h('div.note#vq-note');
  const hpSel = h('select#hppc-time');
  const hppcPanel = panel('Pulse resistance (HPPC)', 'DCIR vs state of charge', [hpSel, ...chartTools(() => charts.hppc, id + '_hppc')], [hpPanel, h('div.note#hppc-note')], '#panel-hppc');
  plots.append(
    panel('Capacity & coulombic efficiency', 'per cycle', chartTools(() => charts.fade, id + '_capacity'), [fadePanel, h('div.note#fade-note')]),
    panel('State of health', 'SOH vs cycle; end of life, knee and onset marked', chartTools(() => charts.soh, id + '_soh'), [sohPanel, h('div.note#soh-note')]),
    panel('Voltage & current vs time', 'drag to zoom (the server re-samples the range), double-click to reset',
      chartTools(() => charts.vt, id + '_vt', { reset: () => loadVt() }), [vtPanel, vtNote], '.wide'),
    panel('Voltage vs capacity', null, [h('label.cyclepick', 'cycles ', cycleIn), halfSel, ...chartTools(() => charts.vq, id + '_vq')], [vqPanel, vqLegend, vqNote]),
    panel('Incremental capacity dQ/dV', 'chosen cycles, smoothed', chartTools(() => charts.dqdv, id + '_dqdv'), [dqPanel, dqNote]),
    hppcPanel);

  let detail = null, cycles = null, analysis = null, tu = null;

  function fail(el, name, e) { clear(el).append(h('div.empty', e.message || String(e))); drawn(name); }

  async function loadVt(min, max) {
    if (!detail) return;
    const ys = ['voltage_v', 'current_a'].filter(c => detail.plot_columns.includes(c));
    const p = { y: ys.join(','), x: 'test_time_s', max_points: 2000 };
    if (min !== undefined && tu) { p.x_min = min * tu.div; p.x_max = max * tu.div; }
    try {
      const ts = await api.get(`/tests/${encodeURIComponent(id)}/timeseries`, p);
      if (!tu) tu = timeUnit(ts.columns.test_time_s.length ? ts.columns.test_time_s[ts.columns.test_time_s.length - 1] : 0);
      const x = ts.columns.test_time_s.map(v => v / tu.div);
      const data = [x, ...ys.map(k => ts.columns[k])];
      vtNote.textContent = `${ts.points.toLocaleString('en')} of ${ts.rows.toLocaleString('en')} rows plotted` + (ts.downsampling !== 'none' ? ` (${ts.downsampling} downsampling on the server)` : '') + (min !== undefined ? ` · zoomed ${fmt(min)}–${fmt(max)} ${tu.unit}` : '');
      if (charts.vt && min !== undefined) { charts.vt.u.setData(data, false); charts.vt.u.setScale('x', { min, max }); return; }
      if (charts.vt) charts.vt.destroy();
      charts.vt = chart(vtPanel, {
        xLabel: `Test time / ${tu.unit}`, height: 280, data,
        series: ys.map(k => k === 'voltage_v' ? { label: 'Voltage', unit: 'V', scale: 'V', colour: PALETTE[0], width: 1.25 }
          : { label: 'Current', unit: 'A', scale: 'A', colour: 'rgba(217,72,15,0.6)', width: 1 }),
        axes: [axis(`Test time / ${tu.unit}`), axis('Voltage / V', { scale: 'V', size: 56 }),
          axis('Current / A', { scale: 'A', side: 1, grid: { show: false }, size: 56 })],
        onZoom: (a, b) => loadVt(a, b), onReset: () => loadVt(),
      });
      drawn('vt');
    } catch (e) { fail(vtPanel, 'vt', e); }
  }

  function fadeChart() {
    const cs = cycles.cycles;
    const few = cs.length < 40;
    const x = cs.map(c => c.cycle_index);
    // CE of a cycle without a full charge and discharge is not an efficiency: left out of the plot
    const ceOk = c => !(c.flags || []).some(f => f === 'incomplete' || f === 'implausible_efficiency' || f === 'merged');
    const hiddenCe = cs.filter(c => !ceOk(c) && c.coulombic_efficiency !== null).length;
    document.getElementById('fade-note').textContent = hiddenCe ? `CE of ${hiddenCe} flagged cycle${hiddenCe > 1 ? 's' : ''} (incomplete, merged or implausible) not plotted` : '';
    charts.fade = chart(fadePanel, {
      xLabel: 'Cycle', data: [x, cs.map(c => c.discharge_capacity_ah), cs.map(c => c.charge_capacity_ah), cs.map(c => ceOk(c) ? c.coulombic_efficiency : null)],
      series: [{ label: 'Discharge capacity', unit: 'Ah', scale: 'Ah', colour: PALETTE[0], points: { show: few, size: 5 } },
        { label: 'Charge capacity', unit: 'Ah', scale: 'Ah', colour: '#8fb3e8', width: 1, points: { show: few, size: 4 } },
        { label: 'CE', unit: '1', scale: 'ce', colour: PALETTE[2], width: 1, points: { show: few, size: 4 } }],
      axes: [cycleAxis(), axis('Capacity / Ah', { scale: 'Ah', size: 56 }), axis('Coulombic efficiency / 1', { scale: 'ce', side: 1, grid: { show: false }, size: 60 })],
    });
    drawn('fade');
  }

  function sohChart() {
    const a = analysis, note = document.getElementById('soh-note');
    if (!a.soh.length) { fail(sohPanel, 'soh', new Error('no regular cycle to compute SOH from')); return; }
    const x = a.soh.map(s => s.cycle_index);
    const marks = [];
    if (a.eol_cycle !== null) marks.push({ x: a.eol_cycle, label: `EOL ${a.eol_cycle}`, colour: '#b3261e', row: 0 });
    if (a.knee_onset_cycle !== null) marks.push({ x: a.knee_onset_cycle, label: `knee onset ${a.knee_onset_cycle}`, colour: '#e67700', row: 1 });
    if (a.knee_cycle !== null) marks.push({ x: a.knee_cycle, label: `knee ${a.knee_cycle}`, colour: '#862e9c', row: 2 });
    marks.push({ y: a.threshold, scale: 'soh', label: `threshold ${a.threshold}`, colour: '#b3261e', dash: [2, 3] });
    const ysoh = a.soh.map(s => s.soh);
    const lo = Math.min(a.threshold, ...ysoh.filter(v => v !== null)) - 0.02;
    charts.soh = chart(sohPanel, {
      xLabel: 'Cycle', data: [x, ysoh], marks: () => marks,
      scales: { soh: { range: [Math.max(0, lo), 1.02] } },
      series: [{ label: 'SOH', unit: '1', scale: 'soh', colour: PALETTE[0], points: { show: x.length < 40, size: 5 } }],
      axes: [cycleAxis(), axis('SOH / 1 (of reference capacity)', { scale: 'soh', size: 56 })],
    });
    note.textContent = `reference ${fmt(a.reference_capacity_ah)} Ah (${a.reference_rule}); ` +
      (a.eol_cycle !== null ? `end of life at cycle ${a.eol_cycle}` : `censored at cycle ${a.censored_at}`) +
      (a.knee && a.knee.note ? ` · ${a.knee.note}` : '') + ((a.excluded_cycles || []).length ? ` · ${a.excluded_cycles.length} cycles excluded` : '');
    drawn('soh');
  }

  async function curves() {
    const chosen = parseCycles(cycleIn.value);
    const half = halfSel.value;
    const got = await Promise.all(chosen.map(c => api.get(`/tests/${encodeURIComponent(id)}/dqdv`, { cycle: c, half })
      .then(d => d, e => ({ error: e.message, cycle_index: c }))));
    const ok = got.filter(d => !d.error && d.voltage_v && d.voltage_v.length);
    const bad = got.filter(d => d.error);
    const lo = Math.min(...chosen), hi = Math.max(...chosen);
    const colour = c => chosen.length > 1 ? rampColour((c - lo) / Math.max(1, hi - lo)) : PALETTE[0];
    if (charts.vq) { charts.vq.destroy(); charts.vq = null; }
    if (charts.dqdv) { charts.dqdv.destroy(); charts.dqdv = null; }
    if (!ok.length) {
      const why = bad.length ? bad.map(b => `cycle ${b.cycle_index}: ${b.error}`).join('; ') : 'no cycle chosen';
      fail(vqPanel, 'vq', new Error(why)); fail(dqPanel, 'dqdv', new Error(why)); return;
    }
    const series = ok.map(d => ({ label: `cycle ${d.cycle_index}`, colour: colour(d.cycle_index), width: 1.5 }));
    // measured V–Q where the test has the vendor's capacity counter, else rebuilt from the dQ/dV
    const capCol = half === 'discharge' ? 'discharging_capacity_ah' : 'charging_capacity_ah';
    const measured = ['voltage_v', 'current_a', capCol].every(k => detail.plot_columns.includes(k));
    const vq = await Promise.all(ok.map(d => measured
      ? api.get(`/tests/${encodeURIComponent(id)}/timeseries`, { cycle: d.cycle_index, y: `voltage_v,current_a,${capCol}`, max_points: 1500 })
        .then(ts => vqFromSeries(ts, half, capCol), () => vqFromDqdv(d))
      : vqFromDqdv(d)));
    vqNote.textContent = measured ? `measured: ${capCol} counted from the start of the ${half} in each cycle`
      : `rebuilt from the dQ/dV (Q = ∫|dQ/dV| dV), the file has no ${capCol.replace('_ah', '')} counter`;
    charts.vq = chart(vqPanel, {
      xLabel: 'Capacity / Ah', data: joinCurves(vq),
      series: series.map(s => Object.assign({}, s, { scale: 'V', unit: 'V' })),
      axes: [axis(`Capacity (${half}) / Ah`), axis('Voltage / V', { scale: 'V', size: 52 })],
    });
    charts.dqdv = chart(dqPanel, {
      xLabel: 'Voltage / V', data: joinCurves(ok.map(d => ({ x: d.voltage_v, y: d.dqdv_ah_per_v }))),
      series: series.map(s => Object.assign({}, s, { scale: 'q', unit: 'Ah/V' })),
      axes: [axis('Voltage / V'), axis('dQ/dV / Ah V⁻¹', { scale: 'q', size: 56 })],
    });
    clear(vqLegend);
    if (ok.length > 1) vqLegend.append('cycle', h('span', String(lo)), h('span.ramp', { style: { background: rampCss() } }), h('span', String(hi)));
    const m = ok[0].method || {};
    const params = Object.entries(m).filter(([k, v]) => typeof v === 'number' || typeof v === 'boolean').map(([k, v]) => `${k} ${fmt(v)}`);
    dqNote.textContent = `method: ${m.name || 'dqdv'}` + (params.length ? ` (${params.join(', ')})` : '') +
      (bad.length ? ` · not plotted: ${bad.map(b => `cycle ${b.cycle_index} (${b.error})`).join('; ')}` : '');
    drawn('vq'); drawn('dqdv');
  }
  cycleIn.addEventListener('change', curves);
  halfSel.addEventListener('change', curves);

  async function hppc() {
    let d;
    try { d = await api.get(`/tests/${encodeURIComponent(id)}/hppc`); } catch (e) { hppcPanel.classList.add('hidden'); drawn('hppc'); return; }
    const pulses = (d.pulses || []).filter(p => p.soc !== null && p.resistance_ohm);
    if (!pulses.length) { hppcPanel.classList.add('hidden'); drawn('hppc'); return; }
    // offer the times the server reports; default to 10 s where most pulses reach it, else the pulse end
    const keys = Object.keys(pulses[0].resistance_ohm);
    const share = k => pulses.filter(p => p.resistance_ohm[k] !== null).length / pulses.length;
    hpSel.append(...keys.map(k => h('option', { value: k }, `R at ${k}`)));
    hpSel.value = share('10s') >= 0.5 ? '10s' : (keys.includes('end') ? 'end' : keys[0]);
    const draw = () => {
      const k = hpSel.value;
      const byDir = dir => pulses.filter(p => p.direction === dir && p.resistance_ohm[k] !== null)
        .map(p => ({ s: p.soc * 100, r: p.resistance_ohm[k] * 1000 })).sort((a, b) => a.s - b.s);
      const dis = byDir('discharge'), ch = byDir('charge');
      const curvesIn = [dis, ch].filter(c => c.length);
      if (charts.hppc) charts.hppc.destroy();
      charts.hppc = chart(hpPanel, {
        xLabel: 'SOC / %', data: joinCurves(curvesIn.map(c => ({ x: c.map(p => p.s), y: c.map(p => p.r) }))),
        series: [dis, ch].map((c, i) => c.length ? { label: (i ? 'charge' : 'discharge') + ' pulse R(' + k + ')', unit: 'mΩ', scale: 'r', colour: PALETTE[i ? 1 : 0], points: { show: true, size: 6 } } : null).filter(Boolean),
        axes: [axis('State of charge / %'), axis('Resistance / mΩ', { scale: 'r', size: 52 })],
      });
      document.getElementById('hppc-note').textContent = `${pulses.length} pulses · capacity ${fmt(d.capacity_ah)} Ah (${d.capacity_source}) · ${d.resistance_rule.split(';')[0]}`;
      drawn('hppc');
    };
    hpSel.addEventListener('change', draw);
    draw();
  }

  function renderCards() {
    const t = detail;
    const kv = [['Owner', h('span#test-owner', t.owner || '—')], ['Visibility', visBadge(t.visibility)],
      ...(t.embargo_until ? [['Embargo', embargoChip(t.embargo_until)]] : []),
      ['Format', h('span.badge', t.format)], ['Cell', t.cell || '—'], ['Rows', t.rows.toLocaleString('en')], ['Cycles', t.cycles],
      ['Started', t.start_time ? h('span', { title: t.start_time }, fmtDate(t.start_time, true)) : 'no clock in file'], ['Time zone', t.timezone || (t.timezone_assumed ? 'UTC (assumed)' : '—')],
      ['Cycle rule', t.cycle_rule], ['CE convention', cycles ? cycles.ce_convention || '—' : '—'], ['Ingested', h('span', { title: t.ingested_at }, fmtDate(t.ingested_at, true))],
      ['Reader version', t.reader_version], ['Columns', (t.columns || []).length], ['Content hash', h('span.mono', { title: t.content_hash }, t.content_hash.slice(0, 16) + '…')]];
    for (const [k, v] of Object.entries(t.vendor || {})) kv.push([k, String(v)]);
    const dl = h('dl.kv#metadata', kv.map(([k, v]) => [h('dt', k), h('dd', v)]));
    const a = analysis;
    const kpi = (k, v, unit, tip) => h('div.kpi', { 'data-tip': tip || null }, h('div.k', k), h('div.v', v, unit ? h('small', ' ' + unit) : null));
    const life = a ? h('div.kpis#life',
      kpi('Reference Q', fmt(a.reference_capacity_ah, 4), 'Ah', 'rule: ' + a.reference_rule),
      kpi('Last SOH', a.soh.length ? fmt(a.soh[a.soh.length - 1].soh * 100, 4) : '—', '%'),
      kpi(a.eol_cycle !== null ? 'End of life' : 'Censored at', a.eol_cycle !== null ? a.eol_cycle : (a.censored_at ?? '—'), 'cycle', `first cycle below SOH ${a.threshold}; censored = threshold not reached by the last cycle`),
      kpi('Knee', a.knee_cycle ?? '—', a.knee_cycle !== null ? 'cycle' : '', a.knee ? a.knee.method : null),
      kpi('Knee onset', a.knee_onset_cycle ?? '—', a.knee_onset_cycle !== null ? 'cycle' : ''),
      kpi('Fade rate', a.fade_rate_ah_per_cycle !== null ? fmt(a.fade_rate_ah_per_cycle * 1000, 3) : '—', a.fade_rate_ah_per_cycle !== null ? 'mAh/cycle' : '', 'least-squares slope of discharge capacity'))
      : h('div.muted', 'no analysis');
    const thr = a ? h('div.muted', { style: { marginTop: '6px', fontSize: '11px' } }, 'SOH reached at cycle: ',
      Object.entries(a.capacity_threshold_cycles || {}).map(([k, v]) => `${Math.round(k * 100)} % → ${v ?? '—'}`).join(' · ')) : null;
    const cycleFlags = {};
    for (const c of (cycles ? cycles.cycles : [])) for (const f of c.flags || []) cycleFlags[f] = (cycleFlags[f] || 0) + 1;
    const flagBody = h('div#flags',
      h('div', h('span.muted', 'Test: '), (t.flags || []).length ? chips(t.flags) : h('span.muted', 'no test-level flags')),
      h('div', { style: { marginTop: '6px' } }, h('span.muted', 'Cycles: '), Object.keys(cycleFlags).length
        ? Object.entries(cycleFlags).map(([f, n]) => [chip(f), h('span.muted', `×${n} `)]) : h('span.muted', 'no cycle flags')),
      a && (a.excluded_cycles || []).length ? h('div.muted', { style: { marginTop: '6px' } }, `Excluded from SOH/fade: ${a.excluded_cycles.map(e => e.cycle_index).slice(0, 20).join(', ')}${a.excluded_cycles.length > 20 ? '…' : ''}`) : null,
      (t.warnings || []).length ? h('ul.warnings', t.warnings.map(w => h('li', w))) : null,
      h('details.repro', h('summary', 'Reproduce with the API'), h('pre', [
        `curl -H "Authorization: Bearer $TOWER_TOKEN" ${location.origin}/api/v1/tests/${id}/cycles`,
        `curl -H "Authorization: Bearer $TOWER_TOKEN" "${location.origin}/api/v1/tests/${id}/analysis?threshold=0.8"`,
        `curl -H "Authorization: Bearer $TOWER_TOKEN" -o ${id}.parquet "${location.origin}/api/v1/tests/${id}/export?format=parquet"`].join('\n'))));
    clear(cards).append(panel('Test', null, null, h('div.body', dl)), panel('Life', a ? `threshold ${a.threshold}` : null, null, h('div.body', life, thr)),
      panel('Flags & warnings', 'hover a flag for its meaning', null, h('div.body', flagBody)));
  }

  function renderTable() {
    const cols = CYCLE_COLS.map(([key, label, unit]) => ({ key, label, unit, num: true, digits: key === 'cycle_index' ? 10 : 5 }));
    cols.push({ key: 'flags', label: 'Flags', value: c => (c.flags || []).join(','), render: c => h('span', chips(c.flags)) });
    clear(tableBox).append(h('div.tablewrap', sortableTable(cols, cycles.cycles, { limit: 300, countLabel: 'cycles' })));
    const btn = document.getElementById('cycles-csv');
    btn.disabled = false;
    btn.addEventListener('click', () => {
      const fields = Object.keys(cycles.cycles[0] || { cycle_index: 0 });
      saveBlob(new Blob([toCsv(fields, cycles.cycles.map(c => fields.map(f => c[f])))], { type: 'text/csv' }), `${id}_cycles.csv`);
    });
  }

  (async () => {
    try {
      detail = await api.get(`/tests/${encodeURIComponent(id)}`);
    } catch (e) {
      clear(root).append(panel('Test ' + id, null, null, h('div.body', h('div.errbox', e.message)))); return;
    }
    document.title = detail.file_name + ' · Battery Control Tower';
    title.textContent = detail.file_name;
    actions.append(
      h('a.btn#dl-csv', { href: api.url(`/tests/${encodeURIComponent(id)}/export`, { format: 'csv' }), download: `${id}.csv`, title: 'canonical time series, BDF CSV' }, 'Time series · BDF CSV'),
      h('a.btn#dl-parquet', { href: api.url(`/tests/${encodeURIComponent(id)}/export`, { format: 'parquet' }), download: `${id}.parquet`, title: 'canonical time series, BDF Parquet' }, 'Time series · Parquet'),
      h('a.btn', { href: '#/compare?ids=' + encodeURIComponent(id) }, 'Compare with…'));
    const banner = accessBanner(detail);
    if (banner) access.append(banner);
    else if (detail.access === 'owner') access.append(sharingPanel(detail, t => { detail = Object.assign(detail, t); renderCards(); }));
    renderCards();
    loadVt();
    hppc();
    const [cy, an] = await Promise.all([api.get(`/tests/${encodeURIComponent(id)}/cycles`).catch(e => e), api.get(`/tests/${encodeURIComponent(id)}/analysis`).catch(e => e)]);
    if (cy instanceof Error) { for (const [el, n] of [[fadePanel, 'fade'], [vqPanel, 'vq'], [dqPanel, 'dqdv']]) fail(el, n, cy); clear(tableBox).append(h('div.errbox', cy.message)); }
    else {
      cycles = cy; fadeChart(); renderTable();
      cycleIn.value = defaultCycles(cycles.cycles).join(', ');
      curves();
    }
    if (an instanceof Error) fail(sohPanel, 'soh', an); else { analysis = an; sohChart(); }
    renderCards();
  })();
  return { destroy() { for (const c of Object.values(charts)) if (c) c.destroy(); } };
}
