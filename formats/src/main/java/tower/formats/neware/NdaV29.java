package tower.formats.neware;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;

/**
 * Version-29 {@code .nda} (BTS 7.x): a header, then 86-byte records to the end of the file. Record kinds by their
 * first byte: 0x55 data, 0x65 auxiliary channel (joined to data by record index), 0xAA (not sample data, skipped).
 * Data records hold index, 0-based cycle, step id, status, step time (ms), voltage (0.1 mV), current and step
 * accumulators in counts scaled by the record's current range, and a naive local wall-clock time to the second.
 */
final class NdaV29 {
    static final int RECORD = 86;
    private static final int DATA = 0x55;
    private static final int AUX = 0x65;
    private static final int OTHER = 0xAA;

    private final String file;
    private final NdaFile in;
    private final ReadOptions options;
    private final TestMetadata md;
    private final byte[] rec = new byte[RECORD];
    private final ByteBuffer b = ByteBuffer.wrap(rec).order(ByteOrder.LITTLE_ENDIAN);

    // the data row waiting for its auxiliary records
    private boolean pending;
    private long pIndex;
    private double pCycle;
    private int pStepIndex;
    private int pStatus;
    private long pStepKey;
    private double pStepTime;
    private double pVolts;
    private double pAmps;
    private final double[] pCaps = new double[4];
    private long pUnix;
    private final double[] pTemp = new double[256];
    private final double[] pVolt = new double[256];
    // auxiliary records that arrived before their data record
    private long fIndex = -1;
    private final double[] fTemp = new double[256];
    private final double[] fVolt = new double[256];

    private long lastIndex = -1;
    private long stepKey = Long.MIN_VALUE;
    private long stepCount;
    private double base;
    private double lastStepTime;
    private long rows;
    private final boolean[] unknownStatus = new boolean[256];
    private int[] tempChannel = new int[0];
    private int voltChannel = -1;

    // naive wall-clock time, converted per hour
    private ZoneId zone;
    private int clockKey = -1;
    private long clockHourEpoch;

    NdaV29(String file, NdaFile in, ReadOptions options, TestMetadata md) {
        this.file = file;
        this.in = in;
        this.options = options;
        this.md = md;
    }

    void read(RecordSink sink) throws IOException {
        if (RECORD > options.limits().maxRecordBytes()) {
            throw InputException.atOffset(file, 0, "records of " + RECORD + " bytes exceed the record size limit");
        }
        long start = findStart();
        if (start < 0) {
            throw new InputException(file, "offset 0", "no data records found (version 29 layout)");
        }
        long whole = (in.size() - start) / RECORD;
        long tail = (in.size() - start) % RECORD;
        boolean[] auxSeen = scanAux(start, whole);
        int temps = 0;
        int[] channels = new int[Quantity.TEMPERATURES.length];
        for (int c = 0; c < 256; c++) {
            if (auxSeen[c]) {
                if (voltChannel < 0) {
                    voltChannel = c;
                }
                if (temps < channels.length) {
                    channels[temps++] = c;
                } else {
                    md.warn("auxiliary channel " + c + ": more than " + temps + " temperature channels, ignored");
                }
            }
        }
        tempChannel = Arrays.copyOf(channels, temps);
        EnumSet<Quantity> cols = EnumSet.of(Quantity.RECORD_INDEX, Quantity.TEST_TIME, Quantity.UNIX_TIME,
                Quantity.VOLTAGE, Quantity.CURRENT, Quantity.CYCLE_COUNT, Quantity.STEP_COUNT, Quantity.STEP_INDEX,
                Quantity.STEP_TYPE, Quantity.STEP_TIME, Quantity.STEP_CHARGING_CAPACITY,
                Quantity.STEP_DISCHARGING_CAPACITY, Quantity.STEP_CHARGING_ENERGY, Quantity.STEP_DISCHARGING_ENERGY);
        for (int k = 0; k < temps; k++) {
            cols.add(Quantity.TEMPERATURES[k]);
        }
        if (voltChannel >= 0) {
            cols.add(Quantity.AUX_VOLTAGE);
        }
        zone = options.zoneForNaiveTimes(md);
        BatchWriter w = new BatchWriter(cols, sink, md);
        Arrays.fill(fTemp, Double.NaN);
        Arrays.fill(fVolt, Double.NaN);
        for (long r = 0; r < whole; r++) {
            long off = start + r * RECORD;
            in.read(off, rec, RECORD);
            int kind = rec[0] & 0xff;
            if (kind == DATA) {
                data(off, w);
            } else if (kind == AUX) {
                aux();
            }
        }
        if (pending) {
            emit(w);
        }
        if (tail != 0) {
            md.warn("file ends inside a record after " + rows + " rows: the rows before the cut were read");
            md.flag("truncated");
        }
        w.finish();
    }

    /** The first data record: a 0x55 record after four zero bytes, well-formed, and followed by a well-formed record. */
    private long findStart() throws IOException {
        byte[] pattern = {0, 0, 0, 0, (byte) DATA, 0};
        long from = 0;
        while (true) {
            long p = in.find(pattern, from, in.size());
            if (p < 0) {
                return -1;
            }
            long start = p + 4;
            if (wellFormed(start) && (start + 2L * RECORD > in.size() || wellFormed(start + RECORD))) {
                in.read(start, rec, RECORD);
                if ((rec[12] & 0xff) != 0 && b.getInt(2) != 0) {
                    return start;
                }
            }
            from = p + 1;
        }
    }

    private boolean wellFormed(long off) throws IOException {
        if (in.read(off, rec, RECORD) < RECORD) {
            return false;
        }
        int kind = rec[0] & 0xff;
        return (kind == DATA || kind == AUX || kind == OTHER) && b.getInt(82) == 0;
    }

    /** Checks every record's kind and collects the auxiliary channel numbers, before any row is passed on. */
    private boolean[] scanAux(long start, long whole) throws IOException {
        boolean[] seen = new boolean[256];
        for (long r = 0; r < whole; r++) {
            long off = start + r * RECORD;
            in.read(off, rec, RECORD);
            int kind = rec[0] & 0xff;
            if (kind == AUX) {
                seen[rec[1] & 0xff] = true;
            } else if (kind != DATA && kind != OTHER && !allZero()) {
                throw InputException.atOffset(file, off, "unknown record kind 0x" + Integer.toHexString(kind));
            }
            if (b.getInt(82) != 0) {
                throw InputException.atOffset(file, off, "malformed record (non-zero trailer)");
            }
        }
        return seen;
    }

    private boolean allZero() {
        for (byte x : rec) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private void data(long off, BatchWriter w) {
        long index = b.getInt(2) & 0xffffffffL;
        int status = rec[12] & 0xff;
        if (index == 0 || status == 0) {
            return; // an empty slot
        }
        if (index <= lastIndex) {
            if (index == lastIndex) {
                return; // a repeated record: the first one counts
            }
            throw InputException.atOffset(file, off, "record index " + index + " after " + lastIndex + " (out of order)");
        }
        int range = b.getInt(78);
        double perCount = CurrentRange.milliampsPerCount(range);
        if (Double.isNaN(perCount)) {
            throw InputException.atOffset(file, off, "unknown current range " + range);
        }
        if (pending) {
            emit(w);
        }
        lastIndex = index;
        pending = true;
        pIndex = index;
        pCycle = (b.getInt(6) & 0xffffffffL) + 1.0;
        pStepIndex = b.getShort(10) & 0xffff;
        pStatus = status;
        pStepKey = b.getInt(10) & 0xffffffffL;
        pStepTime = b.getLong(14) / 1000.0;
        pVolts = b.getInt(22) / 10000.0;
        pAmps = b.getInt(26) * perCount / 1000.0;
        for (int k = 0; k < 4; k++) {
            pCaps[k] = b.getLong(38 + 8 * k) * perCount / 3.6e6; // mA·s counts -> Ah (or Wh)
        }
        pUnix = wallClock(off, b.getShort(70) & 0xffff, rec[72] & 0xff, rec[73] & 0xff, rec[74] & 0xff, rec[75] & 0xff,
                rec[76] & 0xff);
        if (fIndex == index) {
            System.arraycopy(fTemp, 0, pTemp, 0, 256);
            System.arraycopy(fVolt, 0, pVolt, 0, 256);
        } else {
            Arrays.fill(pTemp, Double.NaN);
            Arrays.fill(pVolt, Double.NaN);
        }
        fIndex = -1;
        Arrays.fill(fTemp, Double.NaN);
        Arrays.fill(fVolt, Double.NaN);
    }

    private void aux() {
        int channel = rec[1] & 0xff;
        long index = b.getInt(2) & 0xffffffffL;
        double volts = b.getInt(22) / 10000.0;
        double temp = b.getShort(34) / 10.0;
        if (pending && index == pIndex) {
            pTemp[channel] = temp;
            pVolt[channel] = volts;
        } else if (index > lastIndex) {
            if (fIndex != index) {
                fIndex = index;
                Arrays.fill(fTemp, Double.NaN);
                Arrays.fill(fVolt, Double.NaN);
            }
            fTemp[channel] = temp;
            fVolt[channel] = volts;
        }
    }

    private void emit(BatchWriter w) {
        if (pStepKey != stepKey) {
            if (stepKey != Long.MIN_VALUE) {
                base += lastStepTime; // Neware's total time runs on as the sum of the steps' durations
            }
            stepKey = pStepKey;
            stepCount++;
        }
        lastStepTime = pStepTime;
        rows++;
        w.startRow();
        w.set(Quantity.RECORD_INDEX, pIndex);
        w.set(Quantity.TEST_TIME, base + pStepTime);
        w.setEpochNanos(pUnix);
        w.set(Quantity.VOLTAGE, pVolts);
        w.set(Quantity.CURRENT, pAmps);
        w.set(Quantity.CYCLE_COUNT, pCycle);
        w.set(Quantity.STEP_COUNT, stepCount);
        w.set(Quantity.STEP_INDEX, pStepIndex);
        w.setStepType(NewareStatus.type(pStatus));
        if (!NewareStatus.isKnown(pStatus) && !unknownStatus[pStatus]) {
            unknownStatus[pStatus] = true;
            md.warn("unknown Neware step status code " + pStatus + ": step type 'other'");
        }
        w.set(Quantity.STEP_TIME, pStepTime);
        w.set(Quantity.STEP_CHARGING_CAPACITY, pCaps[0]);
        w.set(Quantity.STEP_DISCHARGING_CAPACITY, pCaps[1]);
        w.set(Quantity.STEP_CHARGING_ENERGY, pCaps[2]);
        w.set(Quantity.STEP_DISCHARGING_ENERGY, pCaps[3]);
        for (int k = 0; k < tempChannel.length; k++) {
            w.set(Quantity.TEMPERATURES[k], pTemp[tempChannel[k]]);
        }
        if (voltChannel >= 0) {
            w.set(Quantity.AUX_VOLTAGE, pVolt[voltChannel]);
        }
        if (rows == 1) {
            md.setStartTime(Instant.ofEpochSecond(pUnix / 1_000_000_000L));
        }
    }

    private long wallClock(long off, int y, int mo, int d, int h, int mi, int s) {
        int key = ((y * 13 + mo) * 32 + d) * 24 + h;
        try {
            if (key != clockKey) {
                LocalDateTime hour = LocalDateTime.of(y, mo, d, h, 0);
                clockHourEpoch = ZonedDateTime.ofLocal(hour, zone, null).toEpochSecond();
                clockKey = key;
            }
            if (mi < 0 || mi > 59 || s < 0 || s > 59) {
                throw new DateTimeException("minute " + mi + " second " + s);
            }
        } catch (DateTimeException e) {
            throw InputException.atOffset(file, off, "invalid date/time " + y + "-" + mo + "-" + d + " " + h + ":" + mi + ":" + s);
        }
        return (clockHourEpoch + mi * 60L + s) * 1_000_000_000L;
    }
}
