/** PEC (SBT series) tester CSV exports ({@code pec-csv}). */
package tower.formats.pec;
