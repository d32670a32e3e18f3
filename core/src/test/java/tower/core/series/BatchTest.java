package tower.core.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class BatchTest {
    private static Batch reader() {
        Batch in = new Batch(EnumSet.of(Quantity.TEST_TIME, Quantity.VOLTAGE, Quantity.UNIX_TIME), 16);
        int first = in.addRows(3);
        for (int r = first; r < 3; r++) {
            in.set(Quantity.TEST_TIME, r, r);
            in.set(Quantity.VOLTAGE, r, 3.5 + r);
            in.setEpochNanos(r, 1_000L * r);
        }
        return in;
    }

    @Test
    void aViewShowsTheRowsItWasGivenAndItsOwnColumnsMissing() {
        Batch in = reader();
        Batch out = new Batch(EnumSet.of(Quantity.TEST_TIME, Quantity.VOLTAGE, Quantity.UNIX_TIME, Quantity.STEP_COUNT,
                Quantity.STEP_TYPE), 16);
        out.set(Quantity.STEP_COUNT, 1, 7); // left over from an earlier use: cleared by the view
        out.viewOf(in);
        assertThat(out.size()).isEqualTo(3);
        assertThat(out.column(Quantity.VOLTAGE)).isSameAs(in.column(Quantity.VOLTAGE)); // no copy
        assertThat(out.get(Quantity.TEST_TIME, 2)).isEqualTo(2.0);
        assertThat(out.epochNanos()[1]).isEqualTo(1_000L);
        assertThat(out.get(Quantity.STEP_COUNT, 1)).isNaN();
        assertThat(out.stepTypes()[0]).isEqualTo((byte) -1);
        out.set(Quantity.STEP_COUNT, 0, 1);
        out.clear(); // ends the view: writing now never reaches the reader's arrays
        out.addRows(2);
        out.set(Quantity.VOLTAGE, 0, 9.0);
        assertThat(in.get(Quantity.VOLTAGE, 0)).isEqualTo(3.5);
        assertThat(out.get(Quantity.VOLTAGE, 1)).isNaN();
    }

    @Test
    void aViewNeedsTheColumnsAndRoom() {
        Batch in = reader();
        Batch narrow = new Batch(EnumSet.of(Quantity.TEST_TIME), 16);
        assertThatThrownBy(() -> narrow.viewOf(in)).isInstanceOf(IllegalArgumentException.class);
        Batch small = new Batch(EnumSet.of(Quantity.TEST_TIME, Quantity.VOLTAGE, Quantity.UNIX_TIME), 2);
        assertThatThrownBy(() -> small.viewOf(in)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rowsAddedAtOnceAreMissingAndCanBeDroppedAgain() {
        Batch b = new Batch(EnumSet.of(Quantity.TEST_TIME, Quantity.STEP_TYPE), 4);
        b.addRow();
        b.set(Quantity.TEST_TIME, 0, 1.0);
        assertThat(b.addRows(3)).isEqualTo(1);
        assertThat(b.get(Quantity.TEST_TIME, 3)).isNaN();
        assertThat(b.stepTypes()[2]).isEqualTo((byte) -1);
        assertThatThrownBy(() -> b.addRows(1)).isInstanceOf(IllegalStateException.class);
        b.truncate(1);
        assertThat(b.size()).isEqualTo(1);
        assertThatThrownBy(() -> b.truncate(2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCopyIntoAHandedBackBatchReplacesWhatItHeld() {
        Batch in = reader();
        Batch spare = new Batch(in.columns(), 8);
        int r = spare.addRows(5);
        spare.set(Quantity.VOLTAGE, r + 4, 9.9); // an earlier use's rows: gone after the copy
        assertThat(in.copyTo(spare)).isSameAs(spare);
        assertThat(spare.size()).isEqualTo(3);
        assertThat(spare.get(Quantity.VOLTAGE, 2)).isEqualTo(5.5);
        assertThat(spare.epochNanos()[1]).isEqualTo(1_000L);
        assertThat(spare.column(Quantity.VOLTAGE)).isNotSameAs(in.column(Quantity.VOLTAGE));
        assertThatThrownBy(() -> in.copyTo(new Batch(in.columns(), 2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> in.copyTo(new Batch(EnumSet.of(Quantity.VOLTAGE), 8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
