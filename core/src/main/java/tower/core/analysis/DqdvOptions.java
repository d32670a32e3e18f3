package tower.core.analysis;

/**
 * Parameters of {@link Dqdv} (definitions §9, cellpy's method).
 *
 * @param voltageStepV        target spacing of the uniform voltage grid Q(V) is inverted on (about 1 mV)
 * @param fwhmV               full width at half maximum of the Gaussian filter on dQ/dV; σ in points = FWHM/ΔV/2
 *                            (definitions §9); 0 turns it off
 * @param gaussianTruncate    the Gaussian kernel is cut at this many σ
 * @param capacityPoints      points of the uniform capacity grid V(Q) is interpolated on; 0 = the number of samples,
 *                            kept within 200..20000
 * @param preSmoothing        Savitzky–Golay pre-smoothing of V(Q) before the inversion
 * @param sgWindow            its window; 0 = the odd number nearest capacityPoints/50, at least sgOrder + 2
 * @param sgOrder             its polynomial order
 * @param dvdqFwhmFraction    FWHM of the Gaussian on dV/dQ as a fraction of the half-cycle capacity; 0 = off
 * @param normaliseArea       scale dQ/dV so that ∫|dQ/dV| dV equals the half-cycle capacity
 * @param peakMinProminence   peaks less prominent than this fraction of max |dQ/dV| are not reported
 * @param ccCurrentTolerance  a step's constant-current level is the 90th percentile of its |I|; only steps whose
 *                            level is within this fraction of the level of the step passing the most charge are
 *                            used (one rate per curve), and of them only samples with |I| at least (1 − this)
 *                            times the level (which drops a CV tail or ramp logged in the same step)
 */
public record DqdvOptions(double voltageStepV, double fwhmV, double gaussianTruncate, int capacityPoints,
                          boolean preSmoothing, int sgWindow, int sgOrder, double dvdqFwhmFraction,
                          boolean normaliseArea, double peakMinProminence, double ccCurrentTolerance) {
    public static final DqdvOptions DEFAULT = new DqdvOptions(0.001, 0.01, 4, 0, false, 0, 3, 0.01, false, 0.05, 0.05);

    public DqdvOptions {
        if (!(voltageStepV > 0)) {
            throw new IllegalArgumentException("voltage step must be positive");
        }
        if (sgOrder < 1) {
            throw new IllegalArgumentException("Savitzky-Golay order must be at least 1");
        }
    }

    public DqdvOptions withPreSmoothing(boolean on) {
        return new DqdvOptions(voltageStepV, fwhmV, gaussianTruncate, capacityPoints, on, sgWindow, sgOrder,
                dvdqFwhmFraction, normaliseArea, peakMinProminence, ccCurrentTolerance);
    }

    public DqdvOptions withFwhmV(double fwhm) {
        return new DqdvOptions(voltageStepV, fwhm, gaussianTruncate, capacityPoints, preSmoothing, sgWindow, sgOrder,
                dvdqFwhmFraction, normaliseArea, peakMinProminence, ccCurrentTolerance);
    }
}
