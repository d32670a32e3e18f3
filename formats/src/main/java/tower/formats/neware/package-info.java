/**
 * Readers for Neware BTS files: CSV exports ({@link tower.formats.neware.NewareCsvReader}, the flat record table, and
 * {@link tower.formats.neware.NewareRegularExportReader}, the nested "regular" export of cycle, step and record rows),
 * and binary files: {@code .nda} ({@link tower.formats.neware.NdaReader}: version 29 of BTS 7.x
 * and version 130 of BTS 9.1) and the {@code .ndax} zip container of BTS 8.x ({@link tower.formats.neware.NdaxReader}:
 * ndc layouts 14, 16 and 17, where voltage/current, run information, steps and auxiliary channels are separate
 * paged files joined by record index). Other versions are refused.
 *
 * <p>{@code Cycle Count} is the vendor's cycle number (stored 0-based, written 1-based), never renumbered; NewareNDA's
 * "software" cycle number (a new cycle at each charge after a discharge) is the {@code charge_first} cycle rule.
 * Capacities and energies are Neware's step-scoped accumulators, written as the {@code Step …} columns.
 */
package tower.formats.neware;
