// Compare: several tests on one plot — fade (capacity or SOH vs cycle), V–Q and dQ/dV at the same cycle numbers.
import * as api from './api.js';
import { h, clear, fmt } from './dom.js';
import { chart, chartTools, axis, cycleAxis, PALETTE, vqFromDqdv } from './charts.js';
import { panel, parseCycles } from './test.js';

export function comparePage(root, ids) {
  const charts = {};
  let all = [], chosen = ids.slice(0, 10);
  const picked = h('div.picked#compare-picked');
  const addSel = h('select#compare-add');
  const modeSel = h('select#fade-mode', h('option', { value: 'ah' }, 'discharge capacity / Ah'), h('option', { value: 'soh' }, 'SOH / 1 (each test\'s first cycle)'));
  const cycleIn = h('input#compare-cycles.short', { title: 'cycle number' });
  const halfSel = h('select#compare-half', h('option', { value: 'discharge' }, 'discharge'), h('option', { value: 'charge' }, 'charge'));
  const fadeEl = h('div.chart#chart-compare-fade'), vqEl = h('div.chart#chart-compare-vq'), dqEl = h('div.chart#chart-compare-dqdv');
  const note = h('div.note#compare-note');
  root.append(
    h('div.panel', { style: { marginBottom: '10px' } }, h('header', h('h2', 'Compare tests'), h('span.sub', 'overlay fade, V–Q and dQ/dV; labels use the cell id where set'),
      h('div.tools', h('label', 'Add test ', addSel))), h('div.body', picked)),
    h('div.plots',
      panel('Fade', 'per cycle', [modeSel, ...chartTools(() => charts.fade, 'compare_fade')], fadeEl, '.wide'),
      panel('Voltage vs capacity', 'same cycle; Q = ∫|dQ/dV| dV', [h('label.cyclepick', 'cycle ', cycleIn), halfSel, ...chartTools(() => charts.vq, 'compare_vq')], vqEl),
      panel('Incremental capacity dQ/dV', 'same cycle in each test', chartTools(() => charts.dqdv, 'compare_dqdv'), [dqEl, note])));

  const label = t => t.cell ? `${t.cell} (${t.file_name})` : t.file_name;
  const byId = id => all.find(t => t.id === id);
  const cache = {};
  const cyclesOf = id => cache[id] || (cache[id] = api.get(`/tests/${encodeURIComponent(id)}/cycles`));

  function setUrl() { history.replaceState(null, '', '#/compare?ids=' + chosen.join(',')); }
  function renderPicked() {
    clear(picked);
    if (!chosen.length) picked.append(h('span.muted', 'Choose tests with the checkboxes of the test list, or add them here.'));
    chosen.forEach((id, i) => {
      const t = byId(id);
      picked.append(h('span.tag', h('span.sw', { style: { background: PALETTE[i % PALETTE.length] } }),
        h('a', { href: '#/test/' + encodeURIComponent(id) }, t ? label(t) : id), h('span.mono.muted', id),
        h('button', { title: 'remove', onclick: () => { chosen = chosen.filter(x => x !== id); setUrl(); update(); } }, '×')));
    });
    clear(addSel).append(h('option', { value: '' }, 'choose…'), ...all.filter(t => !chosen.includes(t.id)).map(t => h('option', { value: t.id }, `${label(t)} · ${t.cycles} cycles`)));
  }
  addSel.addEventListener('change', () => { if (addSel.value) { chosen.push(addSel.value); setUrl(); update(); } });
  modeSel.addEventListener('change', () => fade());
  cycleIn.addEventListener('change', () => curves());
  halfSel.addEventListener('change', () => curves());

  async function fade() {
    if (charts.fade) { charts.fade.destroy(); charts.fade = null; }
    if (!chosen.length) { clear(fadeEl).append(h('div.empty', 'no test chosen')); return; }
    const got = await Promise.all(chosen.map(id => cyclesOf(id).catch(e => ({ error: e.message }))));
    const soh = modeSel.value === 'soh';
    const curves = got.map((c, i) => {
      if (c.error) return { x: [], y: [] };
      const rows = c.cycles.filter(r => !(r.flags || []).includes('incomplete') && r.discharge_capacity_ah !== null);
      const ref = rows.length ? rows[0].discharge_capacity_ah : 1;
      return { x: rows.map(r => r.cycle_index), y: rows.map(r => soh ? r.discharge_capacity_ah / ref : r.discharge_capacity_ah) };
    });

    charts.fade = chart(fadeEl, {
      xLabel: 'Cycle', height: 300, data: uPlot.join(curves.map(c => [c.x, c.y])),
      series: chosen.map((id, i) => ({ label: byId(id) ? label(byId(id)) : id, unit: soh ? '1' : 'Ah', scale: 'y', colour: PALETTE[i % PALETTE.length], points: { show: curves[i].x.length < 40, size: 5 } })),
      axes: [cycleAxis(), axis(soh ? 'SOH / 1 (of each test\'s first complete cycle)' : 'Discharge capacity / Ah', { size: 60 })],
    });
    document.body.dataset.compare = 'drawn';
  }

  async function curves() {
    for (const k of ['vq', 'dqdv']) if (charts[k]) { charts[k].destroy(); charts[k] = null; }
    if (!chosen.length) { clear(vqEl); clear(dqEl); return; }
    const cyc = parseCycles(cycleIn.value)[0];
    if (!Number.isFinite(cyc)) { clear(vqEl).append(h('div.empty', 'enter a cycle number')); return; }
    const got = await Promise.all(chosen.map(id => api.get(`/tests/${encodeURIComponent(id)}/dqdv`, { cycle: cyc, half: halfSel.value }).catch(e => ({ error: e.message }))));
    const ok = got.map((d, i) => ({ d, i })).filter(o => !o.d.error && o.d.voltage_v);
    note.textContent = got.map((d, i) => d.error ? `${byId(chosen[i]) ? label(byId(chosen[i])) : chosen[i]}: ${d.error}` : null).filter(Boolean).join(' · ');
    if (!ok.length) { clear(vqEl).append(h('div.empty', `no test has a usable ${halfSel.value} in cycle ${cyc}`)); clear(dqEl).append(h('div.empty', note.textContent)); return; }
    const series = ok.map(o => ({ label: `${byId(chosen[o.i]) ? label(byId(chosen[o.i])) : chosen[o.i]} · cycle ${cyc}`, colour: PALETTE[o.i % PALETTE.length] }));
    charts.vq = chart(vqEl, { xLabel: 'Capacity / Ah', data: uPlot.join(ok.map(o => { const c = vqFromDqdv(o.d); return [c.x, c.y]; })),
      series: series.map(s => Object.assign({ unit: 'V', scale: 'V' }, s)), axes: [axis(`Capacity (${halfSel.value}) / Ah`), axis('Voltage / V', { scale: 'V', size: 52 })] });
    charts.dqdv = chart(dqEl, { xLabel: 'Voltage / V', data: uPlot.join(ok.map(o => [o.d.voltage_v, o.d.dqdv_ah_per_v])),
      series: series.map(s => Object.assign({ unit: 'Ah/V', scale: 'q' }, s)), axes: [axis('Voltage / V'), axis('dQ/dV / Ah V⁻¹', { scale: 'q', size: 56 })] });
  }

  async function update() {
    renderPicked();
    if (!cycleIn.value && chosen.length) {
      // the lowest cycle that is complete in every chosen test
      const got = await Promise.all(chosen.map(id => cyclesOf(id).catch(() => null)));
      const sets = got.filter(Boolean).map(c => new Set(c.cycles.filter(r => !(r.flags || []).includes('incomplete')).map(r => r.cycle_index)));
      const common = sets.length ? [...sets[0]].filter(x => sets.every(s => s.has(x))).sort((a, b) => a - b) : [];
      cycleIn.value = String(common.length ? common[0] : 1);
    }
    await Promise.all([fade(), curves()]);
  }

  api.get('/tests').then(d => { all = d.tests; update(); }, e => clear(picked).append(h('div.errbox', e.message)));
  return { destroy() { for (const c of Object.values(charts)) if (c) c.destroy(); } };
}
