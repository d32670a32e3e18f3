/**
 * BioLogic EC-Lab / BT-Lab readers: text exports ({@code .mpt}, {@code .txt}, semicolon CSV) and binary {@code .mpr}
 * files (the module container, the column ids of the data module and their mapping to the canonical time series).
 */
package tower.formats.biologic;
