/**
 * Analyses of normalised cycling data (definitions §8–11): capacity fade, SOH, end of life and knee ({@link
 * tower.core.analysis.Fade}), incremental capacity and differential voltage ({@link tower.core.analysis.Dqdv}),
 * pulse resistance and HPPC ({@link tower.core.analysis.Hppc}), Severson et al. 2019 early-life features ({@link
 * tower.core.analysis.EarlyLife}) and an elastic-net cycle-life model ({@link tower.core.analysis.CycleLifeModel}).
 * Every result is a record that carries the rule and the parameters that made it; unknown doubles are NaN and
 * unknown cycles empty optionals. Pure Java: the small numerical routines are written here.
 */
package tower.core.analysis;
