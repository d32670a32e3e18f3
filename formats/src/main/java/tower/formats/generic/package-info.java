/** Delimited text files of any layout, read through a user-written column mapping file. */
package tower.formats.generic;
