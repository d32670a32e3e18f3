/**
 * Structure of a test (BEEP's "structure" step): normalisation (step count, test-cumulative counters), step segmentation and classification, cycle numbering rules and the per-cycle summary. Formulas follow shared/docs/definitions.md.
 */
package tower.core.cycling;
