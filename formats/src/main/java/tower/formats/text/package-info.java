/**
 * A byte-level engine for delimited text exports: lines, fields and numbers are parsed straight from bytes, and each column is bound to a canonical quantity and unit from the header.
 */
package tower.formats.text;
