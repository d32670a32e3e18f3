package tower.core.cycling;

import java.util.Arrays;

/** A growable list of doubles (no boxing). */
final class DoubleList {
    private double[] values = new double[4];
    private int size;

    void add(double v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, 2 * size);
        }
        values[size++] = v;
    }

    /** Adds {@code delta} to the last element. */
    void addLast(double delta) {
        values[size - 1] += delta;
    }

    double get(int k) {
        return values[k];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }
}
