/**
 * Generated cycler files with a known truth, written as Arbin classic CSV so that they go through the same reader
 * as a real file: the benchmark's large file, and the demo's ageing (fade with a knee), HPPC and formation tests.
 */
package tower.pipeline.synthetic;
