package tower.core.cycling;

/**
 * Tells rest, charge and discharge apart by the sign of the current with a dead band. The band is relative to
 * the largest current seen so far ({@code relative}·max|I|) with an absolute floor, because rest noise scales
 * with the instrument's range.
 */
final class CurrentState {
    static final int REST = 0;
    static final int CHARGE = 1;
    static final int DISCHARGE = -1;

    private final double relative;
    private final double floor;
    private double maxAbs;

    CurrentState(double relative, double floor) {
        this.relative = relative;
        this.floor = floor;
    }

    int classify(double current) {
        if (Double.isNaN(current)) {
            return REST;
        }
        double a = Math.abs(current);
        if (a > maxAbs) {
            maxAbs = a;
        }
        double eps = Math.max(floor, relative * maxAbs);
        if (current > eps) {
            return CHARGE;
        }
        if (current < -eps) {
            return DISCHARGE;
        }
        return REST;
    }
}
