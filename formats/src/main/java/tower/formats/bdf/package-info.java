/**
 * Battery Data Format CSV: the reader and the writer used by convert and export.
 */
package tower.formats.bdf;
