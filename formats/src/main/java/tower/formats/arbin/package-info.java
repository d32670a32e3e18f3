/**
 * Arbin readers. {@link tower.formats.arbin.ArbinCsvReader} reads CSV exports (classic and MITS Pro layouts).
 * {@link tower.formats.arbin.ArbinResReader} reads MITS Pro {@code .res} results files, which are
 * MS Access (Jet 4) databases, through Jackcess: {@code Channel_Normal_Table} in {@code Data_Point} order, test
 * metadata from {@code Global_Table}, and auxiliary temperature/voltage channels from {@code Auxiliary_Table}.
 */
package tower.formats.arbin;
