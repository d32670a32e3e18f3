// What each flag means, in the words of the interface document (shown as tooltips).
export const FLAGS = {
  incomplete: 'The cycle lacks a full charge or a full discharge: CE, EE and capacity loss are null.',
  paused: 'The cycle holds a pause: a gap in the recording of over 3600 s.',
  capacity_mismatch: "Integrated capacity and the vendor's counters disagree by over 1 % (never for a difference below 1 mAh or 0.1 % of the nominal capacity).",
  merged: 'One vendor cycle holds two charges or two discharges.',
  sign_conflict: "The sign of the current contradicts the vendor's step type or state.",
  implausible_efficiency: 'Energy efficiency above 1, or coulombic efficiency outside 0.5–1.5.',
  over_nominal: 'Capacity above 1.2 × the nominal capacity.',
  timezone_assumed: 'The file has local wall-clock timestamps and no time zone was given: they were read as UTC.',
  half_cell: 'A half-cell test (working electrode against lithium): coulombic efficiency uses the inverted convention.',
  time_repaired: 'The test time went backwards or jumped in the file and was repaired to run monotonically.',
  duplicate_records: 'The file repeats records; the duplicates were dropped.',
  unit_from_clock: 'The time unit was taken from the instrument clock (timestamps), not from a header.',
};
/** Flags that exclude a cycle from SOH, fade, end of life and knee. */
export const EXCLUDING = new Set(['incomplete', 'merged', 'sign_conflict', 'implausible_efficiency']);

import { h } from './dom.js';
export function chip(flag) {
  const cls = EXCLUDING.has(flag) ? '.bad' : '.warn';
  return h('span.chip' + cls, { 'data-tip': flag + ': ' + (FLAGS[flag] || 'see the README for this flag.'), title: FLAGS[flag] || flag }, flag);
}
export function chips(flags) { return (flags || []).map(chip); }
