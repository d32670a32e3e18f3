/**
 * Unit symbols from vendor headers and their conversion to SI. Units always come from the header or the format's documentation, never from the size of the values.
 */
package tower.core.units;
