/**
 * A byte-level engine for delimited text exports: lines, fields and numbers are parsed straight from bytes, and each
 * column is bound to a canonical quantity and unit from the header. {@link tower.formats.text.TableReader} reads a
 * line at a time; {@link tower.formats.text.ParallelTableReader} hands blocks of lines to worker threads, which parse
 * them column by column ({@code BlockParser}) with the same results.
 */
package tower.formats.text;
