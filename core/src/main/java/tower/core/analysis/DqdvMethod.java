package tower.core.analysis;

import java.util.List;

/**
 * Everything {@link Dqdv} did, with the parameters it used.
 *
 * @param name                 {@code cellpy}: interpolate V(Q), optional Savitzky–Golay, invert to Q(V), finite
 *                             difference, Gaussian filter
 * @param sign                 the sign convention
 * @param samples              samples of the half-cycle used
 * @param steps                the {@code Step Count} values of the constant-current steps used
 * @param currentRule          which samples of those steps were used
 * @param capacityPoints       points of the uniform capacity grid
 * @param preSmoothing         whether Savitzky–Golay pre-smoothing ran
 * @param sgWindow             its window (0 when off)
 * @param sgOrder              its order
 * @param inversion            how a monotonic Q(V) was made
 * @param voltageStepV         the actual spacing of the voltage grid
 * @param fwhmV                FWHM of the Gaussian on dQ/dV
 * @param gaussianSigmaPoints  its σ in grid points
 * @param gaussianTruncate     its cut-off in σ
 * @param gaussianBoundary     how the ends are handled
 * @param dvdqFwhmAh           FWHM of the Gaussian on dV/dQ
 * @param dvdqSigmaPoints      its σ in capacity-grid points
 * @param normalisedArea       whether the area was scaled to the capacity
 * @param peakMinProminence    peak threshold as a fraction of max |dQ/dV|
 */
public record DqdvMethod(String name, String sign, int samples, List<Long> steps, String currentRule, int capacityPoints,
                         boolean preSmoothing, int sgWindow, int sgOrder, String inversion, double voltageStepV,
                         double fwhmV, double gaussianSigmaPoints, double gaussianTruncate, String gaussianBoundary,
                         double dvdqFwhmAh, double dvdqSigmaPoints, boolean normalisedArea, double peakMinProminence) {
}
