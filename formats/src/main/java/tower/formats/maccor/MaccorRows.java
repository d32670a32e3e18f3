package tower.formats.maccor;

import java.time.Instant;
import java.time.LocalDate;
import tower.core.ingest.InputException;
import tower.core.series.Batch;
import tower.core.series.Quantity;
import tower.core.series.TestMetadata;
import tower.formats.text.Row;
import tower.formats.text.TableReader;

/**
 * Completes each Maccor row: signs the current from the state letter (C = charge, D = discharge; files without a
 * state column carry signed current), files the step-scoped Amp-hr/Watt-hr counters under charge or discharge,
 * dates time-of-day clock readings, and joins continuation files into one test (record numbers and test time
 * continue, time never goes back).
 */
final class MaccorRows implements TableReader.RowHook {
    private static final long HOUR = 3_600_000_000_000L;
    private static final long DAY = 24 * HOUR;

    private final TestMetadata md;
    private MaccorColumns cols;
    private MaccorClock clock;
    private String file;
    private int fileIndex;
    private boolean firstRow;
    private LocalDate fileDate;

    private long lastEpoch = Batch.NO_TIME;
    private double lastRawTime = Double.NaN;
    private double lastTime = Double.NaN;
    private double timeOffset;
    private double lastRawRecord = Double.NaN;
    private double lastRecord = Double.NaN;
    private double recordOffset;
    private boolean started;

    MaccorRows(TestMetadata md) {
        this.md = md;
    }

    /** Called before the rows of each file. */
    void startFile(String file, int index, MaccorColumns columns, LocalDate dateOfTest) {
        this.file = file;
        this.fileIndex = index;
        this.cols = columns;
        this.clock = columns.clock;
        this.fileDate = dateOfTest;
        this.firstRow = true;
    }

    @Override
    public boolean finish(Row row, long line) {
        double current = row.get(Quantity.CURRENT);
        int direction;
        if (cols.hasState) {
            int state = row.code;
            if (state == 'C') {
                current = Math.abs(current);
                direction = 1;
            } else if (state == 'D') {
                current = -Math.abs(current);
                direction = -1;
            } else {
                direction = 0;
            }
            row.set(Quantity.CURRENT, current);
        } else {
            direction = current > 0 ? 1 : current < 0 ? -1 : 0;
        }
        if (cols.hasCapacity) {
            split(row, Quantity.STEP_CHARGING_CAPACITY, Quantity.STEP_DISCHARGING_CAPACITY, direction);
        }
        if (cols.hasEnergy) {
            split(row, Quantity.STEP_CHARGING_ENERGY, Quantity.STEP_DISCHARGING_ENERGY, direction);
        }
        double t = row.get(Quantity.TEST_TIME);
        long epoch = row.epochNanos();
        if (epoch == Batch.NO_TIME && clock != null && !Double.isNaN(row.aux)) {
            epoch = dateTimeOfDay(row.aux, t, line);
            row.setEpochNanos(epoch);
        }
        double rec = cols.hasRecord ? row.get(Quantity.RECORD_INDEX) : Double.NaN;
        if (firstRow) {
            if (fileIndex > 0) {
                join(t, epoch, rec, line);
            }
            firstRow = false;
        }
        if (!Double.isNaN(t)) {
            lastRawTime = t;
            lastTime = t + timeOffset;
            row.set(Quantity.TEST_TIME, lastTime);
        }
        if (!Double.isNaN(rec)) {
            lastRawRecord = rec;
            lastRecord = rec + recordOffset;
            row.set(Quantity.RECORD_INDEX, lastRecord);
        }
        if (epoch != Batch.NO_TIME) {
            lastEpoch = epoch;
            if (!started) {
                started = true;
                md.setStartTime(Instant.ofEpochSecond(Math.floorDiv(epoch, 1_000_000_000L), Math.floorMod(epoch, 1_000_000_000L)));
            }
        }
        return true;
    }

    /** A step counter goes to the charge or the discharge column by the state; the other reads 0 in that step. */
    private static void split(Row row, Quantity charge, Quantity discharge, int direction) {
        double q = row.get(charge);
        double zero = Double.isNaN(q) ? Double.NaN : 0;
        if (direction > 0) {
            row.set(discharge, zero);
        } else if (direction < 0) {
            row.set(discharge, q);
            row.set(charge, zero);
        } else if (q == 0) {
            row.set(discharge, 0);
        } else {
            // a non-zero counter in a state that is neither charge nor discharge: direction unknown
            row.set(charge, Double.NaN);
            row.set(discharge, Double.NaN);
        }
    }

    /**
     * Dates a time-of-day reading: the date carried from the previous row (at the start of a file, the file's
     * {@code Date of Test} when that is later), moved on by the whole days the test time says have passed, and
     * never earlier than the previous reading (allowing for a one-hour daylight-saving step back).
     */
    private long dateTimeOfDay(double secondsOfDay, double t, long line) {
        LocalDate base = clock.date;
        if (firstRow && fileDate != null && (base == null || fileDate.isAfter(base))) {
            base = fileDate;
        }
        if (base == null) {
            throw InputException.atLine(file, line, "'DPt Time' holds only the time of day and the file gives no date");
        }
        long e = clock.at(base, secondsOfDay);
        if (!firstRow && lastEpoch != Batch.NO_TIME && !Double.isNaN(t) && !Double.isNaN(lastRawTime)) {
            double behindSec = (lastEpoch - e) / 1e9 + (t - lastRawTime);
            long days = Math.round(behindSec / 86400);
            if (days > 0) {
                base = base.plusDays(days);
                e = clock.at(base, secondsOfDay);
            }
        }
        if (lastEpoch != Batch.NO_TIME && e < lastEpoch - HOUR) {
            long days = (lastEpoch - HOUR - e + DAY - 1) / DAY;
            base = base.plusDays(days);
            e = clock.at(base, secondsOfDay);
        }
        clock.date = base;
        return e;
    }

    /** The first row of a continuation file: check the order and continue record numbers and test time. */
    private void join(double t, long epoch, double rec, long line) {
        if (epoch != Batch.NO_TIME && lastEpoch != Batch.NO_TIME && epoch < lastEpoch - HOUR) {
            throw InputException.atLine(file, line, "starts at " + Instant.ofEpochSecond(0, epoch)
                    + ", before the previous file ends (" + Instant.ofEpochSecond(0, lastEpoch)
                    + "): continuation files are out of order");
        }
        if (!Double.isNaN(t) && !Double.isNaN(lastRawTime) && t < lastRawTime) {
            // the file restarts the test clock: continue from where the previous file stopped, plus the clock gap
            double gap = epoch != Batch.NO_TIME && lastEpoch != Batch.NO_TIME ? Math.max(0, (epoch - lastEpoch) / 1e9) : 0;
            timeOffset = lastTime + gap - t;
        }
        if (!Double.isNaN(rec) && !Double.isNaN(lastRawRecord) && rec <= lastRawRecord) {
            recordOffset = lastRecord + 1 - rec;
        }
    }
}
