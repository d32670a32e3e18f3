/**
 * Maccor cycler exports: tab-separated text ({@code maccor-txt}, including multi-file tests) and CSV
 * ({@code maccor-csv}). Both share one column vocabulary, state-based current sign and step-scoped counters.
 */
package tower.formats.maccor;
