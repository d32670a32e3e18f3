/**
 * One reader per instrument format behind the {@link tower.formats.Reader} interface; {@link tower.formats.Formats} lists them all and detects a file's format from its content.
 */
package tower.formats;
