package tower.formats.neware;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;

/**
 * {@code data.ndc} version 5 (older BTS 8 ndax): a 4096-byte file header, then 4096-byte pages whose bytes 125 to
 * 4040 hold 45 slots of 87 bytes. A slot whose byte 7 is 0x55 is a complete data record, laid out like a version-29
 * {@code .nda} record six bytes further on: index, 0-based cycle, step id, status, step time (ms), voltage (0.1 mV),
 * current and step accumulators in counts scaled by the current range, and a naive local wall-clock time to the
 * second. No run-information or step files are needed; test time is the sum of the steps' durations.
 */
final class NdcV5 {
    private static final int PAGE = 4096;
    private static final int SLOTS_AT = 125;
    private static final int SLOT = 87;
    private static final int SLOTS = (PAGE - SLOTS_AT - 56) / SLOT;
    private static final int DATA = 0x55;

    private NdcV5() {
    }

    static void read(String file, ZipFile zip, ZipEntry entry, ReadOptions options, TestMetadata md, RecordSink sink) throws IOException {
        EnumSet<Quantity> cols = EnumSet.of(Quantity.RECORD_INDEX, Quantity.TEST_TIME, Quantity.UNIX_TIME,
                Quantity.VOLTAGE, Quantity.CURRENT, Quantity.CYCLE_COUNT, Quantity.STEP_COUNT, Quantity.STEP_INDEX,
                Quantity.STEP_TYPE, Quantity.STEP_TIME, Quantity.STEP_CHARGING_CAPACITY,
                Quantity.STEP_DISCHARGING_CAPACITY, Quantity.STEP_CHARGING_ENERGY, Quantity.STEP_DISCHARGING_ENERGY);
        ZoneId zone = options.zoneForNaiveTimes(md);
        BatchWriter w = new BatchWriter(cols, sink, md);
        byte[] page = new byte[PAGE];
        ByteBuffer b = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
        boolean[] unknownStatus = new boolean[256];
        long lastIndex = 0;
        long stepKey = Long.MIN_VALUE;
        long stepCount = 0;
        double base = 0;
        double lastStepTime = 0;
        long pageNo = 0;
        try (InputStream in = zip.getInputStream(entry)) {
            if (in.readNBytes(page, 0, PAGE) < PAGE) {
                throw new InputException(file, "data.ndc", "shorter than its 4096-byte header");
            }
            int n;
            while ((n = in.readNBytes(page, 0, PAGE)) > 0) {
                pageNo++;
                if (n < PAGE) {
                    md.warn("data.ndc ends inside a page: the records before the cut were read");
                    md.flag("truncated");
                }
                for (int s = 0; s < SLOTS; s++) {
                    int at = SLOTS_AT + s * SLOT;
                    if (at + SLOT > n || (page[at + 7] & 0xff) != DATA) {
                        continue;
                    }
                    long index = b.getInt(at + 8) & 0xffffffffL;
                    if (index == 0) {
                        continue;
                    }
                    String where = "data.ndc page " + pageNo + " slot " + (s + 1);
                    if (index <= lastIndex) {
                        if (index == lastIndex) {
                            continue; // the same record written twice: the first one counts
                        }
                        throw new InputException(file, where, "record index " + index + " after " + lastIndex + " (out of order)");
                    }
                    lastIndex = index;
                    long cycle = (b.getInt(at + 12) & 0xffffffffL) + 1;
                    int step = page[at + 16] & 0xff;
                    int status = page[at + 17] & 0xff;
                    double stepTime = b.getLong(at + 23) / 1000.0;
                    double perCount = CurrentRange.milliampsPerCount(b.getInt(at + 82));
                    if (Double.isNaN(perCount)) {
                        throw new InputException(file, where, "unknown current range " + b.getInt(at + 82));
                    }
                    long key = (cycle << 16) | ((long) step << 8) | status;
                    if (key != stepKey) {
                        if (stepKey != Long.MIN_VALUE) {
                            base += lastStepTime; // Neware's total time runs on as the sum of the steps' durations
                        }
                        stepKey = key;
                        stepCount++;
                    }
                    lastStepTime = stepTime;
                    long unix = wallClock(file, where, zone, b.getShort(at + 75) & 0xffff, page[at + 77] & 0xff,
                            page[at + 78] & 0xff, page[at + 79] & 0xff, page[at + 80] & 0xff, page[at + 81] & 0xff);
                    w.startRow();
                    w.set(Quantity.RECORD_INDEX, index);
                    w.set(Quantity.TEST_TIME, base + stepTime);
                    w.setEpochNanos(unix);
                    w.set(Quantity.VOLTAGE, b.getInt(at + 31) / 10000.0);
                    w.set(Quantity.CURRENT, b.getInt(at + 35) * perCount / 1000.0);
                    w.set(Quantity.CYCLE_COUNT, cycle);
                    w.set(Quantity.STEP_COUNT, stepCount);
                    w.set(Quantity.STEP_INDEX, step);
                    w.setStepType(NewareStatus.type(status));
                    if (!NewareStatus.isKnown(status) && !unknownStatus[status]) {
                        unknownStatus[status] = true;
                        md.warn("unknown Neware step status code " + status + ": step type 'other'");
                    }
                    w.set(Quantity.STEP_TIME, stepTime);
                    w.set(Quantity.STEP_CHARGING_CAPACITY, b.getLong(at + 43) * perCount / 3.6e6); // mA·s counts -> Ah
                    w.set(Quantity.STEP_DISCHARGING_CAPACITY, b.getLong(at + 51) * perCount / 3.6e6);
                    w.set(Quantity.STEP_CHARGING_ENERGY, b.getLong(at + 59) * perCount / 3.6e6);
                    w.set(Quantity.STEP_DISCHARGING_ENERGY, b.getLong(at + 67) * perCount / 3.6e6);
                    if (w.rows() == 1) {
                        md.setStartTime(Instant.ofEpochSecond(unix / 1_000_000_000L));
                    }
                }
            }
        }
        if (w.rows() == 0) {
            throw new InputException(file, "data.ndc", "no data records (ndc version 5 layout)");
        }
        w.finish();
    }

    private static long wallClock(String file, String where, ZoneId zone, int y, int mo, int d, int h, int mi, int s) {
        try {
            return LocalDateTime.of(y, mo, d, h, mi, s).atZone(zone).toEpochSecond() * 1_000_000_000L;
        } catch (DateTimeException e) {
            throw new InputException(file, where, "invalid date/time " + y + "-" + mo + "-" + d + " " + h + ":" + mi + ":" + s);
        }
    }
}
