/** Battery Archive (batteryarchive.org) time-series CSV downloads. */
package tower.formats.batteryarchive;
