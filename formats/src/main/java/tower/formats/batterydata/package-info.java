/** BatteryData.energy.gov (DOE Battery Data Hub) raw time-series CSV files. */
package tower.formats.batterydata;
