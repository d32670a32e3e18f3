package tower.core.analysis;

/**
 * Parameters of {@link EarlyLife} (Severson et al. 2019; definitions §11). Cycle numbers count regular cycles
 * (diagnostic cycles left out), from 1.
 *
 * @param earlyCycle        the earlier cycle of ΔQ (10)
 * @param lateCycle         the later cycle of ΔQ, and the last cycle any feature looks at (100)
 * @param points            voltage points of Q(V) (1000)
 * @param voltageLowV       lower end of the discharge voltage window; NaN = the lower of the two cycles' lowest
 *                          discharge voltages
 * @param voltageHighV      upper end; NaN = the higher of the two cycles' highest discharge voltages
 * @param fadeFirstCycle    first cycle of the fade-line and temperature features (2)
 * @param lateFadeFirstCycle first cycle of the late fade line (91); it ends at lateCycle
 * @param chargeTimeCycles  the mean charge time is over cycles 1..this (5)
 * @param fade              options of the fade analysis that finds diagnostic cycles and the cycle-life label
 */
public record EarlyLifeOptions(int earlyCycle, int lateCycle, int points, double voltageLowV, double voltageHighV,
                               int fadeFirstCycle, int lateFadeFirstCycle, int chargeTimeCycles, FadeOptions fade) {
    public static final EarlyLifeOptions DEFAULT = new EarlyLifeOptions(10, 100, 1000, Double.NaN, Double.NaN, 2, 91, 5,
            FadeOptions.DEFAULT);

    public EarlyLifeOptions {
        if (earlyCycle < 1 || lateCycle <= earlyCycle || points < 2) {
            throw new IllegalArgumentException("need 1 <= earlyCycle < lateCycle and at least 2 points");
        }
    }

    public EarlyLifeOptions withVoltageWindow(double low, double high) {
        return new EarlyLifeOptions(earlyCycle, lateCycle, points, low, high, fadeFirstCycle, lateFadeFirstCycle,
                chargeTimeCycles, fade);
    }

    public EarlyLifeOptions withFade(FadeOptions f) {
        return new EarlyLifeOptions(earlyCycle, lateCycle, points, voltageLowV, voltageHighV, fadeFirstCycle,
                lateFadeFirstCycle, chargeTimeCycles, f);
    }
}
