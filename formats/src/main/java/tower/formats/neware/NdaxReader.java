package tower.formats.neware;

import java.io.EOFException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;
import tower.formats.FormatInfo;
import tower.formats.Probe;
import tower.formats.Reader;

/**
 * Neware {@code .ndax} (BTS 8.x): a zip holding {@code data.ndc} (voltage and current of every record),
 * {@code data_runInfo.ndc} (step time, time step, step accumulators and Unix time, written at step starts and then
 * every so many records), {@code data_step.ndc} (cycle, step id, status and start time of every step), auxiliary
 * channel files and XML parts. Supported ndc versions: 14, 16 and 17 (including BTS 8's "Ndc17" layout), and 5, whose
 * data.ndc holds complete records by itself ({@link NdcV5}).
 *
 * <p>Rows between two run-information records are completed the way Neware's record interval implies (and as
 * NewareNDA does): step time and Unix time advance by the last time step; the step accumulators grow by
 * I·Δt (and I·V·Δt) of each row. Cycle numbers are the vendor's (0-based in the file, stored 1-based).
 */
public final class NdaxReader implements Reader {
    public static final String ID = "neware-ndax";
    static final String VERSION = "1";
    private static final FormatInfo INFO = new FormatInfo(ID, "Neware",
            List.of(".ndax zip container (BTS 8.x; ndc versions 5, 14, 16, 17)"),
            "zip container whose entries include data.ndc and Neware's XML parts (Step.xml, TestInfo.xml, VersionInfo.xml)",
            VERSION);
    private static final byte[] ZIP_LOCAL = {'P', 'K', 3, 4};
    private static final Pattern AUX_NAME = Pattern.compile("data_AUX_(\\d{1,9})_(\\d{1,9})_(\\d{1,9})\\.ndc");
    private static final Pattern AUX_NAME_SHORT = Pattern.compile("data_(\\d{1,9})\\.ndc");
    private static final int CHL_TEMPERATURE = 103;

    @Override
    public FormatInfo info() {
        return INFO;
    }

    @Override
    public int detect(Probe probe) {
        if (!probe.startsWith(ZIP_LOCAL)) {
            return 0;
        }
        List<String> names = localNames(probe.head());
        if (names.contains("data.ndc")) {
            return 100;
        }
        try (ZipFile zip = new ZipFile(probe.path().toFile())) {
            if (zip.getEntry("data.ndc") != null) {
                return zip.getEntry("TestInfo.xml") != null || zip.getEntry("VersionInfo.xml") != null
                        || zip.getEntry("Step.xml") != null ? 100 : 90;
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** Entry names of the zip local headers that lie wholly inside the head. */
    private static List<String> localNames(byte[] h) {
        List<String> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(h).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int p = 0;
        while (p + 30 <= h.length && b.getInt(p) == 0x04034b50) {
            int flags = b.getShort(p + 6) & 0xffff;
            long csize = b.getInt(p + 18) & 0xffffffffL;
            int nlen = b.getShort(p + 26) & 0xffff;
            int xlen = b.getShort(p + 28) & 0xffff;
            if (p + 30 + nlen > h.length) {
                break;
            }
            out.add(new String(h, p + 30, nlen, StandardCharsets.ISO_8859_1));
            if ((flags & 8) != 0) {
                break; // sizes follow the data: the next header cannot be located from here
            }
            long next = p + 30L + nlen + xlen + csize;
            if (next > h.length) {
                break;
            }
            p = (int) next;
        }
        return out;
    }

    @Override
    public void read(List<Path> files, ReadOptions options, RecordSink sink) throws IOException {
        sink = tower.formats.audit.TimeAudit.wrap(sink); // unit from the clock, backward time, repeated records
        if (files.size() != 1) {
            throw new IllegalArgumentException("an .ndax test is one file, got " + files.size());
        }
        Path path = files.get(0);
        String name = path.toString();
        TestMetadata md = new TestMetadata().setSourceName(path.getFileName().toString()).setSourcePath(name).setFormat(ID)
                .setReaderVersion(VERSION);
        ZipFile zip = tower.formats.ZipGuard.openZip(name, path);
        try (zip) {
            new Join(name, zip, tower.formats.ZipGuard.check(name, zip, options.limits()), options, md).run(sink);
        } catch (ZipException | EOFException e) {
            throw new InputException(name, "zip data", e instanceof EOFException
                    ? "the compressed data is cut short (truncated file)" : "the compressed data is damaged", e);
        } catch (IndexOutOfBoundsException | BufferUnderflowException | IllegalArgumentException | DateTimeException
                 | ArithmeticException e) {
            throw new InputException(name, "content", "malformed ndax content" + NdaFile.detail(e), e);
        }
    }

    /** One auxiliary channel file and the columns it feeds. */
    private static final class Aux {
        final NdcEntry entry;
        final boolean combined; // ndc 16: flag byte, voltage and temperature in each row
        Quantity temperature;
        Quantity voltage;
        boolean exhausted;

        Aux(NdcEntry entry, boolean combined) {
            this.entry = entry;
            this.combined = combined;
        }
    }

    /** Streams data.ndc and joins run information, steps and auxiliary channels on the record index. */
    private static final class Join {
        private final String file;
        private final ZipFile zip;
        private final tower.formats.ZipGuard guard;
        private final ReadOptions options;
        private final TestMetadata md;
        private final List<NdcEntry> open = new ArrayList<>();
        private final NdaxXml xml;

        // run information: the record ahead of the data cursor, and the one in force
        private NdcEntry ri;
        private boolean riCapsInAh;
        private boolean riAhead;
        private long riIndex;
        private long riStepRaw = Long.MIN_VALUE;
        private long riStepOrdinal;
        private long aheadOrdinal;
        private long aheadStepMs;
        private long aheadDtMs;
        private final double[] aheadCaps = new double[4];
        private long aheadUnix;
        private boolean keyed;
        private long keyOrdinal;
        private long keyStepMs;
        private long keyDtMs;
        private final double[] keyCaps = new double[4];
        private long keyUnix;

        // step table
        private NdcEntry steps;
        private long stepOrdinal;
        private double stepCycle = Double.NaN;
        private double stepIndex = Double.NaN;
        private int stepStatus = -1;
        private long stepStartMs;
        private boolean stepsEnded;

        Join(String file, ZipFile zip, tower.formats.ZipGuard guard, ReadOptions options, TestMetadata md) throws IOException {
            this.file = file;
            this.zip = zip;
            this.guard = guard;
            this.options = options;
            this.md = md;
            this.xml = NdaxXml.read(file, zip, options.limits(), md);
        }

        void run(RecordSink sink) throws IOException {
            try {
                join(sink);
            } finally {
                for (NdcEntry e : open) {
                    try {
                        e.close();
                    } catch (IOException ignored) {
                        // closing a half-read entry of a file that already failed
                    }
                }
            }
        }

        private NdcEntry openEntry(String entryName, int type, boolean required) throws IOException {
            ZipEntry e = zip.getEntry(entryName);
            if (e == null) {
                if (required) {
                    throw new InputException(file, entryName, "missing: not an ndax layout this reader supports");
                }
                return null;
            }
            if (NdcEntry.PAGE > options.limits().maxRecordBytes()) {
                throw new InputException(file, entryName, "ndc pages of " + NdcEntry.PAGE + " bytes exceed the record size limit");
            }
            NdcEntry n = NdcEntry.open(file, guard.open(zip, e), e);
            open.add(n);
            if (type >= 0 && n.fileType() != type) {
                throw new InputException(file, entryName, "ndc file type " + n.fileType() + ", expected " + type);
            }
            return n;
        }

        private void unsupported(NdcEntry e) {
            throw new InputException(file, e.name(), "ndc version " + e.version() + " file type " + e.fileType()
                    + " is not supported (supported: 5, 14, 16, 17)");
        }

        private void join(RecordSink sink) throws IOException {
            NdcEntry data = openEntry("data.ndc", 1, true);
            int v = data.version();
            if (v == 5) {
                md.putVendor("ndc_version", "5");
                if (!openAuxNames().isEmpty()) {
                    md.warn("auxiliary channel files of an ndc version 5 container are not decoded: ignored");
                }
                NdcV5.read(file, zip, zip.getEntry("data.ndc"), options, md, sink);
                return;
            }
            if (v != 14 && v != 16 && v != 17) {
                unsupported(data);
            }
            data.layout(8);
            boolean scaledVolts = v == 16; // ndc 16: voltage in 0.1 mV and current in mA; 14/17: V and A
            md.putVendor("ndc_version", Integer.toString(v));

            ri = openEntry("data_runInfo.ndc", 18, true);
            switch (ri.version()) {
                case 14 -> ri.layout(55);
                case 16, 17 -> ri.layout(100);
                default -> unsupported(ri);
            }
            riCapsInAh = ri.version() != 16; // ndc 16 holds mA·s and mW·s
            steps = openEntry("data_step.ndc", 7, true);
            switch (steps.version()) {
                case 14 -> steps.layout(37);
                case 16, 17 -> steps.layout(100);
                default -> unsupported(steps);
            }
            List<Aux> aux = openAux();

            EnumSet<Quantity> cols = EnumSet.of(Quantity.RECORD_INDEX, Quantity.TEST_TIME, Quantity.UNIX_TIME,
                    Quantity.VOLTAGE, Quantity.CURRENT, Quantity.CYCLE_COUNT, Quantity.STEP_COUNT, Quantity.STEP_INDEX,
                    Quantity.STEP_TYPE, Quantity.STEP_TIME, Quantity.STEP_CHARGING_CAPACITY,
                    Quantity.STEP_DISCHARGING_CAPACITY, Quantity.STEP_CHARGING_ENERGY, Quantity.STEP_DISCHARGING_ENERGY);
            for (Aux a : aux) {
                if (a.temperature != null) {
                    cols.add(a.temperature);
                }
                if (a.voltage != null) {
                    cols.add(a.voltage);
                }
            }
            BatchWriter w = new BatchWriter(cols, sink, md);

            advanceRunInfo();
            long interpolated = 0;
            long rows = 0;
            long sinceKey = 0;
            double incQ = 0;
            double incE = 0;
            double fallbackBase = 0;
            double lastStepTime = 0;
            long lastOrdinal = Long.MIN_VALUE;
            boolean missingStepWarned = false;
            boolean[] unknownStatus = new boolean[256];
            ByteBuffer d = data.buf();
            while (data.next()) {
                rows++;
                int at = data.at();
                double volts = d.getFloat(at);
                double amps = d.getFloat(at + 4);
                double milliamps;
                if (scaledVolts) {
                    volts *= 1e-4;
                    milliamps = amps;
                    amps = milliamps / 1000.0;
                } else {
                    milliamps = amps * 1000.0;
                }
                if (riAhead && riIndex < rows) {
                    throw new InputException(file, ri.where(), "run information for record " + riIndex
                            + " is out of order (data is at record " + rows + ")");
                }
                if (riAhead && riIndex == rows) {
                    keyed = true;
                    keyOrdinal = aheadOrdinal;
                    keyStepMs = aheadStepMs;
                    keyDtMs = aheadDtMs;
                    System.arraycopy(aheadCaps, 0, keyCaps, 0, 4);
                    keyUnix = aheadUnix;
                    sinceKey = 0;
                    incQ = 0;
                    incE = 0;
                    do {
                        advanceRunInfo(); // later records for the same index repeat it: the first one counts
                    } while (riAhead && riIndex == rows);
                } else if (!keyed) {
                    throw new InputException(file, data.where(), "record " + rows + " comes before any run information");
                } else {
                    sinceKey++;
                    interpolated++;
                    double dq = keyDtMs / 1000.0 * milliamps / 3600.0;
                    incQ += dq;
                    incE += dq * volts;
                }
                long stepMs = keyStepMs + sinceKey * keyDtMs;
                double stepTime = stepMs / 1000.0;
                long unix = keyUnix + sinceKey * keyDtMs * 1_000_000L;
                if (keyOrdinal != lastOrdinal) {
                    if (lastOrdinal != Long.MIN_VALUE) {
                        fallbackBase += lastStepTime;
                    }
                    lastOrdinal = keyOrdinal;
                    seekStep(keyOrdinal);
                }
                lastStepTime = stepTime;
                boolean haveStep = stepOrdinal == keyOrdinal && !stepsEnded;
                if (!haveStep && !missingStepWarned) {
                    md.warn("data_step.ndc has no entry for step " + keyOrdinal + ": cycle, step id and step type left empty");
                    missingStepWarned = true;
                }

                w.startRow();
                w.set(Quantity.RECORD_INDEX, rows);
                w.set(Quantity.TEST_TIME, haveStep ? (stepStartMs + stepMs) / 1000.0 : fallbackBase + stepTime);
                w.setEpochNanos(unix);
                w.set(Quantity.VOLTAGE, volts);
                w.set(Quantity.CURRENT, amps);
                w.set(Quantity.STEP_COUNT, keyOrdinal);
                w.set(Quantity.STEP_TIME, stepTime);
                if (haveStep) {
                    w.set(Quantity.CYCLE_COUNT, stepCycle);
                    w.set(Quantity.STEP_INDEX, stepIndex);
                    w.setStepType(NewareStatus.type(stepStatus));
                    if (!NewareStatus.isKnown(stepStatus) && !unknownStatus[stepStatus & 0xff]) {
                        unknownStatus[stepStatus & 0xff] = true;
                        md.warn("unknown Neware step status code " + stepStatus + ": step type 'other'");
                    }
                }
                w.set(Quantity.STEP_CHARGING_CAPACITY, (Math.abs(keyCaps[0]) + Math.max(incQ, 0)) / 1000.0);
                w.set(Quantity.STEP_DISCHARGING_CAPACITY, (Math.abs(keyCaps[1]) + Math.max(-incQ, 0)) / 1000.0);
                w.set(Quantity.STEP_CHARGING_ENERGY, (Math.abs(keyCaps[2]) + Math.max(incE, 0)) / 1000.0);
                w.set(Quantity.STEP_DISCHARGING_ENERGY, (Math.abs(keyCaps[3]) + Math.max(-incE, 0)) / 1000.0);
                for (Aux a : aux) {
                    readAux(a, w);
                }
                if (rows == 1) {
                    md.setStartTime(Instant.ofEpochSecond(Math.floorDiv(unix, 1_000_000_000L), Math.floorMod(unix, 1_000_000_000L)));
                }
            }
            if (riAhead) {
                md.warn("run information refers to records beyond the last data record " + rows + ": ignored");
            }
            for (Aux a : aux) {
                if (!a.exhausted && a.entry.next()) {
                    md.warn(a.entry.name() + " has more rows than data.ndc: extra rows ignored");
                } else if (a.exhausted) {
                    md.warn(a.entry.name() + " has fewer rows than data.ndc: later rows have no value");
                }
            }
            md.putVendor("interpolated_rows", Long.toString(interpolated));
            w.finish();
        }

        private void readAux(Aux a, BatchWriter w) throws IOException {
            if (a.exhausted || !a.entry.next()) {
                a.exhausted = true;
                return;
            }
            ByteBuffer b = a.entry.buf();
            int at = a.entry.at();
            if (a.combined) {
                int flag = b.get(at) & 0xff;
                if (flag != 0x65) {
                    throw new InputException(file, a.entry.where(), "unknown auxiliary row kind 0x" + Integer.toHexString(flag));
                }
                if (a.voltage != null) {
                    w.set(a.voltage, b.getFloat(at + 1) * 1e-4);
                }
                if (a.temperature != null) {
                    w.set(a.temperature, b.getShort(at + 5) / 10.0);
                }
            } else if (a.temperature != null) {
                w.set(a.temperature, b.getFloat(at));
            }
        }

        /** Reads the next run-information record with a non-zero index into the "ahead" slot. */
        private void advanceRunInfo() throws IOException {
            ByteBuffer b = ri.buf();
            while (ri.next()) {
                int at = ri.at();
                long index = b.getInt(at + 41) & 0xffffffffL;
                long stepRaw = b.getInt(at + 37);
                if (stepRaw != riStepRaw) {
                    riStepOrdinal++;
                    riStepRaw = stepRaw;
                }
                if (index == 0) {
                    continue;
                }
                riAhead = true;
                riIndex = index;
                aheadOrdinal = riStepOrdinal;
                aheadStepMs = b.getInt(at);
                double scale = riCapsInAh ? 1000.0 : 1.0 / 3600.0;
                for (int k = 0; k < 4; k++) {
                    aheadCaps[k] = b.getFloat(at + 5 + 4 * k) * scale;
                }
                aheadDtMs = b.getInt(at + 29);
                long seconds = b.getInt(at + 33) & 0xffffffffL;
                aheadUnix = seconds * 1_000_000_000L + b.getShort(at + 45) * 1_000_000L;
                return;
            }
            riAhead = false;
        }

        /** Moves the step cursor to the {@code ordinal}-th step. */
        private void seekStep(long ordinal) throws IOException {
            while (!stepsEnded && stepOrdinal < ordinal) {
                if (!steps.next()) {
                    stepsEnded = true;
                    return;
                }
                stepOrdinal = steps.row();
                ByteBuffer b = steps.buf();
                int at = steps.at();
                stepCycle = (b.getInt(at) & 0xffffffffL) + 1.0;
                stepIndex = b.getInt(at + 4) & 0xffffffffL;
                stepStatus = b.get(at + 24) & 0xff;
                stepStartMs = b.getLong(at + 25);
            }
        }

        private List<String> openAuxNames() {
            List<String> names = new ArrayList<>();
            Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                String n = en.nextElement().getName();
                if (AUX_NAME.matcher(n).matches() || AUX_NAME_SHORT.matcher(n).matches()) {
                    names.add(n);
                }
            }
            return names;
        }

        private List<Aux> openAux() throws IOException {
            List<String> names = new ArrayList<>();
            Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                String n = en.nextElement().getName();
                if (AUX_NAME.matcher(n).matches() || AUX_NAME_SHORT.matcher(n).matches()) {
                    names.add(n);
                }
            }
            names.sort((a, b) -> compareNumbers(numbers(a), numbers(b)));
            List<Aux> out = new ArrayList<>();
            int temps = 0;
            boolean volts = false;
            for (String n : names) {
                NdcEntry e = openEntry(n, -1, true);
                if (e.fileType() != 5) {
                    md.warn(n + ": ndc file type " + e.fileType() + " is not an auxiliary channel: ignored");
                    continue;
                }
                Aux a;
                switch (e.version()) {
                    case 14, 17 -> {
                        e.layout(4);
                        a = new Aux(e, false);
                        int chlType = channelType(n);
                        if (chlType != CHL_TEMPERATURE) {
                            md.warn(n + ": auxiliary channel type " + (chlType < 0 ? "unknown" : Integer.toString(chlType))
                                    + " is not decoded");
                            continue;
                        }
                        if (temps == Quantity.TEMPERATURES.length) {
                            md.warn(n + ": more than " + temps + " temperature channels: ignored");
                            continue;
                        }
                        a.temperature = Quantity.TEMPERATURES[temps++];
                    }
                    case 16 -> {
                        e.layout(7);
                        a = new Aux(e, true);
                        if (temps < Quantity.TEMPERATURES.length) {
                            a.temperature = Quantity.TEMPERATURES[temps++];
                        } else {
                            md.warn(n + ": more than " + temps + " temperature channels: temperature ignored");
                        }
                        if (!volts) {
                            a.voltage = Quantity.AUX_VOLTAGE;
                            volts = true;
                        } else {
                            md.warn(n + ": only the first auxiliary voltage is kept");
                        }
                    }
                    default -> {
                        md.warn(n + ": ndc version " + e.version() + " auxiliary layout is not supported: ignored");
                        continue;
                    }
                }
                out.add(a);
            }
            return out;
        }

        /** The TestInfo.xml channel type of an auxiliary file, matched by channel id and type in its name; -1 if unknown. */
        private int channelType(String name) {
            Matcher m = AUX_NAME.matcher(name);
            if (m.matches()) {
                long realChannel = Long.parseLong(m.group(1));
                long typeCode = Long.parseLong(m.group(2));
                for (NdaxXml.AuxInfo a : xml.aux()) {
                    // the name carries the channel type less 100 (data_AUX_9_3_1.ndc is channel 9 of type 103)
                    if (a.realChannel() == realChannel && a.channelType() == typeCode + 100) {
                        return a.channelType();
                    }
                }
                return -1;
            }
            Matcher s = AUX_NAME_SHORT.matcher(name);
            if (s.matches()) {
                long id = Long.parseLong(s.group(1));
                int found = -1;
                int hits = 0;
                for (NdaxXml.AuxInfo a : xml.aux()) {
                    if (a.auxId() == id) {
                        found = a.channelType();
                        hits++;
                    }
                }
                return hits == 1 ? found : -1;
            }
            return -1;
        }

        private static long[] numbers(String name) {
            Matcher m = AUX_NAME.matcher(name);
            if (m.matches()) {
                return new long[]{Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
            }
            Matcher s = AUX_NAME_SHORT.matcher(name);
            s.matches();
            return new long[]{Long.parseLong(s.group(1)), 0, 0};
        }

        private static int compareNumbers(long[] a, long[] b) {
            for (int i = 0; i < 3; i++) {
                int c = Long.compare(a[i], b[i]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
    }
}
