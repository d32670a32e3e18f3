// uPlot wrappers: a chart panel with units on every axis, a legend, box zoom (drag) and reset (double-click),
// PNG and CSV export of the plotted data, and vertical markers (end of life, knee).
import { h, clear, toCsv, saveBlob, fmt } from './dom.js';

export const PALETTE = ['#1f5fbf', '#d9480f', '#2b8a3e', '#862e9c', '#c2255c', '#0b7285', '#e67700', '#5c940d', '#364fc7', '#a61e4d'];

// viridis-like ramp for many cycles (colour follows cycle number)
const RAMP = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];
export function rampColour(t) {
  t = Math.min(1, Math.max(0, t)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(t)), f = t - i;
  const a = hex(RAMP[i]), b = hex(RAMP[i + 1]);
  return `rgb(${a.map((v, k) => Math.round(v + (b[k] - v) * f)).join(',')})`;
}
function hex(c) { return [1, 3, 5].map(i => parseInt(c.slice(i, i + 2), 16)); }
export function rampCss() { return `linear-gradient(90deg, ${RAMP.join(',')})`; }

const AXIS = { stroke: '#3a4453', grid: { stroke: '#e6eaf0', width: 1 }, ticks: { stroke: '#c9d0da', width: 1, size: 4 },
  font: '11px system-ui, sans-serif', labelFont: '600 11px system-ui, sans-serif', labelSize: 16 };

export function axis(label, extra = {}) { return Object.assign({}, AXIS, { label }, extra); }
/** An axis of whole cycle numbers (no 0.2 ticks on a one-cycle test). */
export function cycleAxis(label = 'Cycle') {
  return axis(label, { incrs: [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000] });
}

/** A vertical-marker plugin: marks = [{x, label, colour, dash}] drawn over the plot. */
export function markersPlugin(getMarks) {
  return { hooks: { draw: [u => {
    const marks = getMarks();
    if (!marks || !marks.length) return;
    const ctx = u.ctx, { top, height, left, width } = u.bbox, dpr = devicePixelRatio || 1;
    ctx.save();
    for (const m of marks) {
      if (m.y !== undefined) {
        const y = u.valToPos(m.y, m.scale || 'y', true);
        if (y < top || y > top + height) continue;
        ctx.strokeStyle = m.colour; ctx.lineWidth = 1.5 * dpr; ctx.setLineDash((m.dash || [6, 4]).map(d => d * dpr));
        ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(left + width, y); ctx.stroke();
        ctx.setLineDash([]); ctx.fillStyle = m.colour; ctx.font = `${11 * dpr}px system-ui, sans-serif`;
        ctx.textAlign = 'right'; ctx.fillText(m.label, left + width - 4 * dpr, y - 4 * dpr);
        continue;
      }
      const x = u.valToPos(m.x, 'x', true);
      if (x < left || x > left + width) continue;
      ctx.strokeStyle = m.colour; ctx.lineWidth = 1.5 * dpr; ctx.setLineDash((m.dash || [4, 3]).map(d => d * dpr));
      ctx.beginPath(); ctx.moveTo(x, top); ctx.lineTo(x, top + height); ctx.stroke();
      ctx.setLineDash([]);
      ctx.font = `600 ${11 * dpr}px system-ui, sans-serif`;
      ctx.textAlign = x > left + width * 0.8 ? 'right' : 'left';
      const tx = x + (ctx.textAlign === 'left' ? 4 : -4) * dpr, ty = top + (14 + (m.row || 0) * 15) * dpr;
      const tw = ctx.measureText(m.label).width;
      ctx.fillStyle = 'rgba(255,255,255,0.9)';
      ctx.fillRect(ctx.textAlign === 'left' ? tx - 2 * dpr : tx - tw - 2 * dpr, ty - 11 * dpr, tw + 4 * dpr, 14 * dpr);
      ctx.fillStyle = m.colour;
      ctx.fillText(m.label, tx, ty);
    }
    ctx.restore();
  }] } };
}

/**
 * Creates a chart in `el`. spec: {series: [{label, unit, scale, colour, width, points, dash}], axes: [...],
 * scales, data, height, onZoom(min,max), onReset(), marks(), xLabel, csvName}.
 * Returns {u, setData(data, resetScales), destroy()}.
 */
export function chart(el, spec) {
  clear(el);
  const height = spec.height || 260;
  const series = [{ label: spec.xLabel || 'x', value: (u, v) => fmt(v, 6) }].concat(spec.series.map((s, i) => ({
    label: s.unit ? `${s.label} / ${s.unit}` : s.label,
    scale: s.scale || 'y',
    stroke: s.colour || PALETTE[i % PALETTE.length],
    width: s.width || 1.5,
    dash: s.dash,
    spanGaps: s.spanGaps !== false,
    points: s.points || { show: false },
    paths: s.paths,
    value: (u, v) => (v === null || v === undefined ? '—' : fmt(v, 5)),
  })));
  const plugins = [];
  if (spec.marks) plugins.push(markersPlugin(spec.marks));
  const opts = {
    width: Math.max(300, el.clientWidth || 600), height,
    scales: Object.assign({ x: { time: false } }, spec.scales || {}),
    series, axes: spec.axes, plugins,
    legend: { show: true, live: true },
    cursor: { drag: { x: true, y: false, setScale: true }, bind: { dblclick: () => null }, points: { size: 6 } },
    hooks: {},
  };
  if (spec.onZoom) {
    let t = null;
    opts.hooks.setSelect = [u => {
      if (u.select.width < 3) return;
      const min = u.posToVal(u.select.left, 'x'), max = u.posToVal(u.select.left + u.select.width, 'x');
      clearTimeout(t); t = setTimeout(() => spec.onZoom(min, max), 30);
    }];
  }
  const u = new uPlot(opts, spec.data, el);
  u.over.addEventListener('dblclick', () => { if (spec.onReset) spec.onReset(); else u.setData(u.data, true); });
  const ro = new ResizeObserver(() => {
    const w = Math.max(300, Math.floor(el.clientWidth));
    if (Math.abs(w - u.width) > 2) u.setSize({ width: w, height });
  });
  ro.observe(el);
  el.__uplot = u;
  return {
    u,
    setData(data, reset = true) { u.setData(data, reset); },
    destroy() { ro.disconnect(); u.destroy(); },
    csv() {
      const header = u.series.map(s => s.label);
      const rows = u.data[0].map((x, i) => u.data.map(col => col[i]));
      return toCsv(header, rows);
    },
  };
}

/** Tool buttons for a chart panel header: reset zoom, PNG, CSV. getChart returns the chart object. */
export function chartTools(getChart, name, extra = {}) {
  const tools = [];
  if (extra.reset) tools.push(h('button', { title: 'Reset zoom (or double-click the plot)', onclick: extra.reset }, 'Reset zoom'));
  tools.push(h('button', { title: 'Save the plot as PNG', onclick: () => {
    const c = getChart(); if (!c) return;
    c.u.ctx.canvas.toBlob(b => saveBlob(b, name + '.png'));
  } }, 'PNG'));
  tools.push(h('button', { title: 'Download the plotted data as CSV', onclick: () => {
    const c = getChart(); if (!c) return;
    saveBlob(new Blob([c.csv()], { type: 'text/csv' }), name + '.csv');
  } }, 'CSV'));
  return tools;
}

/** Joins several (x[], y[]) curves onto one sorted x for uPlot (gaps spanned). */
export function joinCurves(curves) {
  if (!curves.length) return [[]];
  return uPlot.join(curves.map(c => [c.x, c.y]));
}

/** A time axis unit chosen from the test's duration. */
export function timeUnit(maxSeconds) {
  if (maxSeconds > 3 * 86400) return { unit: 'h', div: 3600 };
  if (maxSeconds > 3 * 3600) return { unit: 'h', div: 3600 };
  if (maxSeconds > 600) return { unit: 'min', div: 60 };
  return { unit: 's', div: 1 };
}

/**
 * V–Q of a half-cycle rebuilt from the server's dQ/dV (area-preserving smoothing, so the integral of |dQ/dV| over
 * voltage gives the capacity back): discharge counts from the top voltage down, charge from the bottom up.
 */
export function vqFromDqdv(d) {
  const v = d.voltage_v, q = d.dqdv_ah_per_v, n = v.length;
  const cap = new Array(n).fill(0);
  if (d.half === 'discharge') {
    for (let i = n - 2; i >= 0; i--) cap[i] = cap[i + 1] + 0.5 * (Math.abs(q[i]) + Math.abs(q[i + 1])) * Math.abs(v[i + 1] - v[i]);
  } else {
    for (let i = 1; i < n; i++) cap[i] = cap[i - 1] + 0.5 * (Math.abs(q[i]) + Math.abs(q[i - 1])) * Math.abs(v[i] - v[i - 1]);
  }
  return { x: cap, y: v.slice() };
}

/** V–Q of a half-cycle from measured columns of one cycle (timeseries with cycle=N): rows of that current sign. */
export function vqFromSeries(ts, half, capCol) {
  const c = ts.columns, x = [], y = [];
  let q0 = null;
  for (let i = 0; i < c.voltage_v.length; i++) {
    const iA = c.current_a[i];
    if (half === 'discharge' ? !(iA < 0) : !(iA > 0)) continue;
    const q = c[capCol][i];
    if (q === null || c.voltage_v[i] === null) continue;
    if (q0 === null) q0 = q;
    x.push(q - q0); y.push(c.voltage_v[i]);
  }
  return { x, y };
}
