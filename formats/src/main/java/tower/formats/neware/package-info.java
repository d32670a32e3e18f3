/** Neware BTS readers: CSV exports (flat record table and nested "regular" export) and binary files. */
package tower.formats.neware;
