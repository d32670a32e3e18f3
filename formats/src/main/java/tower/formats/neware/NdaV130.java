package tower.formats.neware;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.EnumSet;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;

/**
 * Version-130 {@code .nda} of BTS 9.1: a 1024-byte header whose section table gives the extent of the data block,
 * then fixed-size records from byte 1024, each starting 0x55 and a layout byte. A record holds step id, status,
 * index, test time (s + ns), current (mA) and voltage (V) as float32, the signed step capacity and energy (mA·s,
 * mW·s), the 0-based cycle, a UTC Unix time (s + ns) and, in 56-byte records, an auxiliary temperature.
 * The records carry no step time, so no {@code Step Time} column is given. The BTS 9.0 variant of version 130
 * (first data byte other than 0x55, e.g. 0x12) has its own record layout ({@link #readBts90}).
 */
final class NdaV130 {
    static final int DATA_START = 1024;
    private static final int MIN_RECORD = 52;
    private static final int MAX_RECORD = 1024;

    private final String file;
    private final NdaFile in;
    private final ReadOptions options;
    private final TestMetadata md;

    NdaV130(String file, NdaFile in, ReadOptions options, TestMetadata md) {
        this.file = file;
        this.in = in;
        this.options = options;
        this.md = md;
    }

    void read(RecordSink sink) throws IOException {
        byte[] head = new byte[DATA_START + 16];
        int got = in.read(0, head, head.length);
        if (got < DATA_START + 12) {
            throw InputException.atOffset(file, got, "file ends before the first record");
        }
        ByteBuffer hb = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        int kind = head[DATA_START] & 0xff;
        int layout = head[DATA_START + 1] & 0xff;
        if (kind != 0x55) {
            readBts90(sink, head);
            return;
        }
        long firstIndex = hb.getInt(DATA_START + 8) & 0xffffffffL;
        long declared = declaredDataLength();
        int size = recordSize(layout, firstIndex, declared);
        if (size > options.limits().maxRecordBytes()) {
            throw InputException.atOffset(file, DATA_START, "record of " + size + " bytes exceeds the record size limit");
        }
        long dataEnd;
        boolean truncated = false;
        if (declared > 0) {
            if (declared % size != 0) {
                throw InputException.atOffset(file, DATA_START, "data block of " + declared
                        + " bytes is not a whole number of " + size + "-byte records");
            }
            dataEnd = DATA_START + declared;
            if (in.size() < dataEnd) {
                truncated = true;
                dataEnd = DATA_START + (in.size() - DATA_START) / size * size;
            }
        } else {
            dataEnd = -1; // unknown: the data runs to the first record of another kind
        }
        md.putVendor("record_bytes", Integer.toString(size));

        boolean temperature = size >= 56;
        EnumSet<Quantity> cols = EnumSet.of(Quantity.RECORD_INDEX, Quantity.TEST_TIME, Quantity.UNIX_TIME,
                Quantity.VOLTAGE, Quantity.CURRENT, Quantity.CYCLE_COUNT, Quantity.STEP_COUNT, Quantity.STEP_INDEX,
                Quantity.STEP_TYPE, Quantity.STEP_CHARGING_CAPACITY, Quantity.STEP_DISCHARGING_CAPACITY,
                Quantity.STEP_CHARGING_ENERGY, Quantity.STEP_DISCHARGING_ENERGY);
        if (temperature) {
            cols.add(Quantity.TEMPERATURE_T1);
        }
        BatchWriter w = new BatchWriter(cols, sink, md);
        byte[] rec = new byte[size];
        ByteBuffer b = ByteBuffer.wrap(rec).order(ByteOrder.LITTLE_ENDIAN);
        long lastIndex = -1;
        int lastStep = -1;
        long stepCount = 0;
        long rows = 0;
        boolean[] unknownStatus = new boolean[256];
        for (long off = DATA_START; dataEnd < 0 || off < dataEnd; off += size) {
            int n = in.read(off, rec, size);
            if (n < size) {
                if (n > 0 || (dataEnd >= 0 && off < dataEnd)) {
                    truncated = true;
                }
                break;
            }
            if ((rec[0] & 0xff) != 0x55 || (rec[1] & 0xff) != layout) {
                if (dataEnd < 0) {
                    break;
                }
                throw InputException.atOffset(file, off, "unexpected record kind 0x" + Integer.toHexString(rec[0] & 0xff)
                        + " inside the data block");
            }
            long index = b.getInt(8) & 0xffffffffL;
            if (index <= lastIndex) {
                if (index == lastIndex) {
                    continue; // a repeated record: the first one counts
                }
                throw InputException.atOffset(file, off, "record index " + index + " after " + lastIndex + " (out of order)");
            }
            lastIndex = index;
            int step = rec[2] & 0xff;
            int status = rec[3] & 0xff;
            if (step != lastStep) {
                stepCount++;
                lastStep = step;
            }
            double time = (b.getInt(12) & 0xffffffffL) + (b.getInt(16) & 0xffffffffL) * 1e-9;
            double capacity = b.getFloat(28) / 3.6e6; // mA·s -> Ah
            double energy = b.getFloat(32) / 3.6e6; // mW·s -> Wh
            long unix = (b.getInt(44) & 0xffffffffL) * 1_000_000_000L + (b.getInt(48) & 0xffffffffL);
            rows++;
            w.startRow();
            w.set(Quantity.RECORD_INDEX, index);
            w.set(Quantity.TEST_TIME, time);
            w.setEpochNanos(unix);
            w.set(Quantity.CURRENT, b.getFloat(20) / 1000.0);
            w.set(Quantity.VOLTAGE, b.getFloat(24));
            w.set(Quantity.CYCLE_COUNT, (b.getInt(36) & 0xffffffffL) + 1.0);
            w.set(Quantity.STEP_COUNT, stepCount);
            w.set(Quantity.STEP_INDEX, step);
            w.setStepType(NewareStatus.type(status));
            if (!NewareStatus.isKnown(status) && !unknownStatus[status]) {
                unknownStatus[status] = true;
                md.warn("unknown Neware step status code " + status + ": step type 'other'");
            }
            // one signed accumulator per step: its sign tells charge from discharge
            w.set(Quantity.STEP_CHARGING_CAPACITY, Math.max(capacity, 0));
            w.set(Quantity.STEP_DISCHARGING_CAPACITY, Math.max(-capacity, 0));
            w.set(Quantity.STEP_CHARGING_ENERGY, Math.max(energy, 0));
            w.set(Quantity.STEP_DISCHARGING_ENERGY, Math.max(-energy, 0));
            if (temperature) {
                w.set(Quantity.TEMPERATURE_T1, b.getFloat(52));
            }
            if (rows == 1) {
                md.setStartTime(Instant.ofEpochSecond(unix / 1_000_000_000L, unix % 1_000_000_000L));
            }
        }
        if (rows == 0) {
            throw InputException.atOffset(file, DATA_START, "no data records");
        }
        if (truncated) {
            md.warn("file ends inside the data block after " + rows + " rows: the rows before the cut were read");
            md.flag("truncated");
        }
        w.finish();
    }

    private static final int BTS90_RECORD = 88;

    /**
     * The BTS 9.0 variant (first data byte not 0x55, e.g. 0x12): 88-byte records from byte 1024; a data record starts
     * with the same six bytes as the first one, an auxiliary record with {@code 00 00 00 00 65}, and a record starting
     * 0x81 ends the data. From byte 4 a data record holds step id (+5), status (+6), index (+12), test time in µs
     * (+24), voltage V and current mA as float32 (+32, +36), charge capacity, charge energy, discharge capacity,
     * discharge energy in mA·s / mW·s as float32 (+48 … +60) and a UTC Unix time in µs (+64). It has no cycle number.
     */
    private void readBts90(RecordSink sink, byte[] head) throws IOException {
        byte[] ident = java.util.Arrays.copyOfRange(head, DATA_START, DATA_START + 6);
        md.putVendor("record_bytes", Integer.toString(BTS90_RECORD));
        md.putVendor("layout", "BTS 9.0 (nda 130, data byte 0x" + Integer.toHexString(head[DATA_START] & 0xff) + ")");
        EnumSet<Quantity> cols = EnumSet.of(Quantity.RECORD_INDEX, Quantity.TEST_TIME, Quantity.UNIX_TIME,
                Quantity.VOLTAGE, Quantity.CURRENT, Quantity.STEP_COUNT, Quantity.STEP_INDEX,
                Quantity.STEP_TYPE, Quantity.STEP_CHARGING_CAPACITY, Quantity.STEP_DISCHARGING_CAPACITY,
                Quantity.STEP_CHARGING_ENERGY, Quantity.STEP_DISCHARGING_ENERGY);
        BatchWriter w = new BatchWriter(cols, sink, md);
        byte[] rec = new byte[BTS90_RECORD];
        ByteBuffer b = ByteBuffer.wrap(rec).order(ByteOrder.LITTLE_ENDIAN);
        long lastIndex = -1;
        int lastStep = -1;
        long stepCount = 0;
        long aux = 0;
        boolean ended = false;
        boolean[] unknownStatus = new boolean[256];
        long off = DATA_START;
        for (; ; off += BTS90_RECORD) {
            int n = in.read(off, rec, BTS90_RECORD);
            if (n < BTS90_RECORD) {
                break;
            }
            if (java.util.Arrays.equals(rec, 0, 6, ident, 0, 6)) {
                long index = b.getInt(16) & 0xffffffffL;
                if (index <= lastIndex) {
                    if (index == lastIndex) {
                        continue; // a repeated record: the first one counts
                    }
                    throw InputException.atOffset(file, off, "record index " + index + " after " + lastIndex + " (out of order)");
                }
                lastIndex = index;
                int step = rec[9] & 0xff;
                int status = rec[10] & 0xff;
                if (step != lastStep) {
                    stepCount++;
                    lastStep = step;
                }
                long unixMicros = b.getLong(68);
                double qc = b.getFloat(52) / 3.6e6; // mA·s -> Ah
                double ec = b.getFloat(56) / 3.6e6; // mW·s -> Wh
                double qd = b.getFloat(60) / 3.6e6;
                double ed = b.getFloat(64) / 3.6e6;
                w.startRow();
                w.set(Quantity.RECORD_INDEX, index);
                w.set(Quantity.TEST_TIME, b.getLong(28) / 1e6);
                w.setEpochNanos(Math.multiplyExact(unixMicros, 1000L));
                w.set(Quantity.VOLTAGE, b.getFloat(36));
                w.set(Quantity.CURRENT, b.getFloat(40) / 1000.0);
                w.set(Quantity.STEP_COUNT, stepCount);
                w.set(Quantity.STEP_INDEX, step);
                w.setStepType(NewareStatus.type(status));
                if (!NewareStatus.isKnown(status) && !unknownStatus[status]) {
                    unknownStatus[status] = true;
                    md.warn("unknown Neware step status code " + status + ": step type 'other'");
                }
                // the counters are signed by direction; magnitudes go to their own columns
                w.set(Quantity.STEP_CHARGING_CAPACITY, Math.abs(qc));
                w.set(Quantity.STEP_DISCHARGING_CAPACITY, Math.abs(qd));
                w.set(Quantity.STEP_CHARGING_ENERGY, Math.abs(ec));
                w.set(Quantity.STEP_DISCHARGING_ENERGY, Math.abs(ed));
                if (w.rows() == 1) {
                    md.setStartTime(Instant.ofEpochSecond(Math.floorDiv(unixMicros, 1_000_000L), Math.floorMod(unixMicros, 1_000_000L) * 1000L));
                }
            } else if (rec[0] == 0 && rec[1] == 0 && rec[2] == 0 && rec[3] == 0 && (rec[4] & 0xff) == 0x65) {
                aux++;
            } else if ((rec[0] & 0xff) == 0x81) {
                ended = true;
                break;
            } else {
                throw InputException.atOffset(file, off, "unknown BTS 9.0 record kind 0x" + Integer.toHexString(rec[0] & 0xff));
            }
        }
        if (w.rows() == 0) {
            throw InputException.atOffset(file, DATA_START, "no data records (BTS 9.0 layout)");
        }
        if (aux > 0) {
            md.warn(aux + " auxiliary-channel records of the BTS 9.0 layout are not decoded: ignored");
        }
        if (!ended) {
            md.warn("the BTS 9.0 data block has no end record: read to the end of the file");
        }
        md.warn("BTS 9.0 records carry no cycle number: cycles are derived by rule");
        w.finish();
    }

    /** The data block's length from the header's section table (an entry at offset 1024), or -1 when absent. */
    private long declaredDataLength() throws IOException {
        byte[] table = new byte[DATA_START];
        in.read(0, table, DATA_START);
        ByteBuffer t = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);
        for (int p = 0x12; p + 16 <= 0x12 + 19 * 16; p += 16) {
            if (t.getLong(p) == DATA_START) {
                long len = t.getInt(p + 8) & 0xffffffffL;
                return len > 0 ? len : -1;
            }
        }
        return -1;
    }

    /** The record size: the distance to the next record of the same kind whose index follows the first one's. */
    private int recordSize(int layout, long firstIndex, long declared) throws IOException {
        byte[] probe = new byte[12];
        for (int size = MIN_RECORD; size <= MAX_RECORD; size++) {
            if (in.read(DATA_START + size, probe, 12) < 12) {
                break;
            }
            if ((probe[0] & 0xff) == 0x55 && (probe[1] & 0xff) == layout
                    && (ByteBuffer.wrap(probe).order(ByteOrder.LITTLE_ENDIAN).getInt(8) & 0xffffffffL) == firstIndex + 1) {
                return size;
            }
        }
        if (declared >= MIN_RECORD && declared <= MAX_RECORD) {
            return (int) declared; // a single record
        }
        throw InputException.atOffset(file, DATA_START, "cannot determine the record size (no second record follows the first)");
    }
}
