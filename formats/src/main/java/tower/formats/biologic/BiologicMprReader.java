package tower.formats.biologic;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.StepType;
import tower.core.series.TestMetadata;
import tower.formats.FormatInfo;
import tower.formats.Probe;
import tower.formats.Reader;

/**
 * BioLogic EC-Lab {@code .mpr} binary files: a "BIO-LOGIC MODULAR FILE" container of modules (VMP Set, VMP data,
 * VMP LOG, VMP loop, VMP ExtDev). Records are streamed from the data module; the start time comes from the LOG
 * module (a naive local OLE date).
 *
 * <p>Canonical columns: time/s; Ewe (or &lt;Ewe&gt;) as voltage, and in a three-electrode file (one with Ece) the
 * cell voltage Ewe-Ece (stored, or computed as Ewe − Ece) with Ewe and Ece kept as electrode potentials; I or &lt;I&gt; in mA as current (positive =
 * oxidation, which EC-Lab exports as charge), or, when the file holds neither, the mean current dq/dt exactly as
 * EC-Lab's text export computes it; Ns as step index; the cycle number, or half cycle / 2 as EC-Lab's export does
 * under its default "charge/discharge alternance" cycle definition; test-cumulative charge and discharge capacity
 * from the per-record charge dq (or from the half-cycle accumulator "Q charge/discharge", which restarts at every
 * half cycle and so has no BDF scope of its own); "Energy charge/discharge", which restart at every cycle, as cycle
 * energies; temperature; power; the step type from the mode and ox/red flags.
 */
public final class BiologicMprReader implements Reader {
    public static final String ID = "biologic-mpr";
    static final String VERSION = "1";

    private static final byte[] MAGIC_TEXT = "BIO-LOGIC MODULAR FILE".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_SIZE = 52;
    private static final byte[] MODULE = "MODULE".getBytes(StandardCharsets.US_ASCII);
    private static final int OLD_MODULE_HEADER = 10 + 25 + 4 + 4 + 8;
    private static final int NEW_MODULE_HEADER = 10 + 25 + 4 + 4 + 4 + 4 + 8;
    private static final int LOG_TIMESTAMP = 0x249;
    private static final int LOG_READ = 0x400;
    private static final double OLE_MIN = 32874; // 1990-01-01
    private static final double OLE_MAX = 73051; // 2100-01-01
    private static final LocalDateTime OLE_EPOCH = LocalDateTime.of(1899, 12, 30, 0, 0);
    private static final double MAX_TIME_S = 1e9; // 31 years
    private static final int MAX_MODULES = 64;
    private static final Set<String> KNOWN_MODULES = Set.of("VMP Set", "VMP data", "VMP LOG", "VMP loop", "VMP ExtDev");
    private static final Charset CP1252 = Charset.forName("windows-1252");

    private static final Map<Integer, String> TECHNIQUES = Map.ofEntries(
            Map.entry(0x04, "GCPL"), Map.entry(0x06, "CV"), Map.entry(0x0B, "OCV"), Map.entry(0x16, "MP"),
            Map.entry(0x18, "CA"), Map.entry(0x19, "CP"), Map.entry(0x1C, "WAIT"), Map.entry(0x1D, "PEIS"),
            Map.entry(0x1E, "GEIS"), Map.entry(0x30, "CV"), Map.entry(0x32, "ZIR"), Map.entry(0x33, "CVA"),
            Map.entry(0x6C, "LSV"), Map.entry(0x75, "coV"), Map.entry(0x76, "coC"), Map.entry(0x77, "GCPL"),
            Map.entry(0x7F, "MB"), Map.entry(0x88, "BCD"));
    /** Techniques whose potentiostatic/galvanostatic modes hold a set value (so mode 2 is a CV step, mode 1 CC). */
    private static final Set<Integer> HOLD_TECHNIQUES = Set.of(0x04, 0x0B, 0x16, 0x18, 0x19, 0x1C, 0x75, 0x76, 0x77, 0x7F, 0x88);

    private static final FormatInfo INFO = new FormatInfo(ID, "BioLogic", List.of(".mpr EC-Lab binary"),
            "starts with 'BIO-LOGIC MODULAR FILE'", VERSION);

    @Override
    public FormatInfo info() {
        return INFO;
    }

    @Override
    public int detect(Probe probe) {
        return probe.startsWith(MAGIC_TEXT) ? 100 : 0;
    }

    @Override
    public void read(List<Path> files, ReadOptions options, RecordSink sink) throws IOException {
        sink = tower.formats.audit.TimeAudit.wrap(sink); // unit from the clock, backward time, repeated records
        if (files.size() != 1) {
            throw new InputException(files.isEmpty() ? "" : files.get(1).toString(), "file",
                    "a BioLogic .mpr test is one file; continuation files are not supported");
        }
        Path file = files.get(0);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            new Parse(file.toString(), ch, options).run(file, sink);
        }
    }

    /** One module as found in the container. */
    private record Module(String name, boolean extended, long oldVersion, long newVersion, long headerAt, long dataAt,
                          long length, long available) {
        boolean complete() {
            return available == length;
        }

        String version() {
            return extended ? oldVersion + "/" + newVersion : Long.toString(oldVersion);
        }
    }

    /** The state of one read. */
    private static final class Parse {
        private final String name;
        private final FileChannel ch;
        private final ReadOptions options;
        private final long size;

        Parse(String name, FileChannel ch, ReadOptions options) throws IOException {
            this.name = name;
            this.ch = ch;
            this.options = options;
            this.size = ch.size();
        }

        private InputException fail(long offset, String reason) {
            return InputException.atOffset(name, offset, reason);
        }

        /** Reads up to {@code n} bytes at {@code pos} (fewer at the end of the file), little-endian. */
        private ByteBuffer readAt(long pos, int n) throws IOException {
            int len = (int) Math.max(0, Math.min(n, size - pos));
            ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining()) {
                int r = ch.read(b, pos + b.position());
                if (r < 0) {
                    break;
                }
            }
            b.flip();
            return b;
        }

        void run(Path file, RecordSink sink) throws IOException {
            TestMetadata md = new TestMetadata().setSourceName(file.getFileName().toString()).setSourcePath(file.toString()).setFormat(ID)
                    .setReaderVersion(VERSION);
            ByteBuffer head = readAt(0, HEADER_SIZE);
            if (!validMagic(head)) {
                throw fail(0, "not a BioLogic .mpr file (no 'BIO-LOGIC MODULAR FILE' header of 52 bytes)");
            }
            List<Module> modules = walk();
            Module set = single(modules, "VMP Set");
            Module data = single(modules, "VMP data");
            Module log = single(modules, "VMP LOG");
            Module last = modules.isEmpty() ? null : modules.get(modules.size() - 1);
            if (data == null) {
                throw truncatedOrMissing(last, "no 'VMP data' module");
            }
            if (set == null) {
                throw fail(data.headerAt(), "no 'VMP Set' settings module before the data");
            }
            if (!set.complete()) {
                throw fail(size, "file ends inside the 'VMP Set' module");
            }
            for (Module m : modules) {
                if (!m.complete() && m != data && m.dataAt() < data.dataAt()) {
                    throw fail(size, "file ends inside module '" + m.name() + "'");
                }
            }
            for (Module m : modules) {
                if (m.complete() && !KNOWN_MODULES.contains(m.name())) {
                    md.warn("module '" + m.name() + "' (" + m.length() + " bytes at offset " + m.headerAt() + ") is not known and was skipped");
                }
            }
            requireVersion(set, 0, 10);
            requireVersion(log, 0, 10);
            int technique = technique(set);
            String techName = TECHNIQUES.getOrDefault(technique, "unknown (id " + technique + ")");
            md.putVendor("technique", techName);
            boolean truncated = !data.complete();
            if (last != null && !last.complete() && last != data) {
                truncated = true;
                md.warn("file is truncated inside module '" + last.name() + "' at offset " + size
                        + "; every data record is complete");
            }
            LocalDateTime start = log == null ? null : readLog(log, md);
            if (log == null) {
                md.warn("no 'VMP LOG' module: the acquisition start time is unknown, so there is no Unix time");
            }
            DataModule dm = dataModule(data, md);
            if (truncated) {
                md.flag("truncated");
            }
            ZoneId zone = start == null ? null : options.zoneForNaiveTimes(md);
            long startNanos = 0;
            if (start != null) {
                Instant s = start.atZone(zone).toInstant();
                md.setStartTime(s);
                startNanos = s.getEpochSecond() * 1_000_000_000L + s.getNano();
            }
            new Records(name, ch, dm, technique, start != null, startNanos, md).stream(sink);
        }

        private InputException truncatedOrMissing(Module last, String reason) {
            if (last != null && !last.complete()) {
                return fail(size, "file ends inside module '" + last.name() + "' before the data module");
            }
            return fail(size, reason);
        }

        private static boolean validMagic(ByteBuffer head) {
            if (head.remaining() < HEADER_SIZE) {
                return false;
            }
            for (int i = 0; i < MAGIC_TEXT.length; i++) {
                if (head.get(i) != MAGIC_TEXT[i]) {
                    return false;
                }
            }
            if (head.get(22) != 0x1A) {
                return false;
            }
            for (int i = 23; i < 48; i++) {
                if (head.get(i) != ' ') {
                    return false;
                }
            }
            return head.getInt(48) == 0;
        }

        /** Walks the module chain; a module whose end lies past the end of the file ends the walk (truncation). */
        private List<Module> walk() throws IOException {
            List<Module> out = new ArrayList<>();
            long pos = HEADER_SIZE;
            while (pos < size) {
                ByteBuffer h = readAt(pos, MODULE.length + NEW_MODULE_HEADER);
                if (h.remaining() < MODULE.length + 39) {
                    if (startsWith(h, MODULE, h.remaining())) {
                        out.add(new Module("(module header)", false, 0, 0, pos, size, 1, 0));
                        return out;
                    }
                    throw fail(pos, "expected 'MODULE', found " + h.remaining() + " stray bytes at the end of the file");
                }
                if (!startsWith(h, MODULE, MODULE.length)) {
                    throw fail(pos, "expected 'MODULE' (start of the next module)");
                }
                String shortName = ascii(h, 6, 10, pos);
                ascii(h, 16, 25, pos);
                long marker = h.getInt(41) & 0xFFFFFFFFL;
                boolean ext = marker == 0xFFFFFFFFL;
                int hl = ext ? NEW_MODULE_HEADER : OLD_MODULE_HEADER;
                if (h.remaining() < MODULE.length + hl) {
                    out.add(new Module("(header of '" + shortName + "')", ext, 0, 0, pos, size, 1, 0));
                    return out;
                }
                long length = ext ? h.getInt(45) & 0xFFFFFFFFL : marker;
                long oldVer = h.getInt(ext ? 49 : 45) & 0xFFFFFFFFL;
                long newVer = ext ? h.getInt(53) & 0xFFFFFFFFL : 0;
                long dataAt = pos + MODULE.length + hl;
                long available = Math.min(length, size - dataAt);
                Module m = new Module(shortName, ext, oldVer, newVer, pos, dataAt, length, available);
                if (out.size() == MAX_MODULES) {
                    throw fail(pos, "more than " + MAX_MODULES + " modules");
                }
                out.add(m);
                if (!m.complete()) {
                    return out;
                }
                pos = dataAt + length;
            }
            return out;
        }

        private static boolean startsWith(ByteBuffer b, byte[] magic, int n) {
            for (int i = 0; i < Math.min(n, magic.length); i++) {
                if (b.get(i) != magic[i]) {
                    return false;
                }
            }
            return true;
        }

        private String ascii(ByteBuffer b, int from, int len, long pos) {
            StringBuilder s = new StringBuilder(len);
            for (int i = from; i < from + len; i++) {
                int c = b.get(i) & 0xFF;
                if (c == 0) {
                    continue;
                }
                if (c < 0x20 || c > 0x7E) {
                    throw fail(pos + i, "module header holds a non-text byte in its name");
                }
                s.append((char) c);
            }
            return s.toString().strip();
        }

        private Module single(List<Module> modules, String moduleName) {
            Module found = null;
            for (Module m : modules) {
                if (m.name().equals(moduleName)) {
                    if (found != null) {
                        throw fail(m.headerAt(), "second '" + moduleName + "' module");
                    }
                    found = m;
                }
            }
            return found;
        }

        /** Accepts version {@code oldFormat} in the old header and {@code 0/newFormat} in the extended one. */
        private void requireVersion(Module m, long oldFormat, long newFormat) {
            if (m == null) {
                return;
            }
            boolean ok = m.extended() ? m.oldVersion() == 0 && m.newVersion() == newFormat : m.oldVersion() == oldFormat;
            if (!ok) {
                throw fail(m.headerAt(), "module '" + m.name() + "' has version " + m.version() + ", which this reader does not know");
            }
        }

        private int technique(Module set) throws IOException {
            ByteBuffer b = readAt(set.dataAt(), 1);
            if (set.length() < 1 || b.remaining() < 1) {
                throw fail(set.dataAt(), "empty 'VMP Set' module");
            }
            return b.get(0) & 0xFF;
        }

        /** Start time and instrument fields from the LOG module. */
        private LocalDateTime readLog(Module log, TestMetadata md) throws IOException {
            ByteBuffer b = readAt(log.dataAt(), (int) Math.min(LOG_READ, log.available()));
            int n = b.remaining();
            if (n > 0x09) {
                md.putVendor("channel", Integer.toString((b.get(0x09) & 0xFF) + 1));
            }
            pascal(b, 0x3B7, 6).ifPresent(v -> md.putVendor("ec_lab_version", v));
            pascal(b, 0x3BE, 6).ifPresent(v -> md.putVendor("server_version", v));
            pascal(b, 0x3CF, 16).ifPresent(v -> md.putVendor("device_serial", v));
            pascal(b, 0x251, 255).ifPresent(v -> md.putVendor("original_file", v));
            if (n < LOG_TIMESTAMP + 8) {
                md.warn("the 'VMP LOG' module is too short to hold the start time: there is no Unix time");
                return null;
            }
            double ole = b.getDouble(LOG_TIMESTAMP);
            if (!(ole >= OLE_MIN && ole <= OLE_MAX)) {
                md.warn("the 'VMP LOG' module holds no start date at offset " + (log.dataAt() + LOG_TIMESTAMP)
                        + " (layout not recognised): there is no Unix time");
                return null;
            }
            // an OLE date in days resolves about 1 us; EC-Lab records the start to the millisecond
            long millis = Math.round(ole * 86_400e3);
            return OLE_EPOCH.plusSeconds(Math.floorDiv(millis, 1000L)).plusNanos(Math.floorMod(millis, 1000L) * 1_000_000L);
        }

        private static Optional<String> pascal(ByteBuffer b, int at, int maxLen) {
            if (at >= b.remaining()) {
                return Optional.empty();
            }
            int len = b.get(at) & 0xFF;
            if (len == 0 || len > maxLen || at + 1 + len > b.remaining()) {
                return Optional.empty();
            }
            byte[] bytes = new byte[len];
            b.get(at + 1, bytes);
            String s = new String(bytes, CP1252);
            for (int i = 0; i < s.length(); i++) {
                if (Character.isISOControl(s.charAt(i))) {
                    return Optional.empty();
                }
            }
            return Optional.of(s.strip());
        }

        /** The data module's header: record count, column ids, where the records start and how many are there. */
        private DataModule dataModule(Module data, TestMetadata md) throws IOException {
            boolean lowByteDialect;
            int recordsAt;
            if (!data.extended() && (data.oldVersion() == 2 || data.oldVersion() == 3)) {
                lowByteDialect = false;
                recordsAt = data.oldVersion() == 2 ? 405 : 406;
            } else if (data.extended() && data.oldVersion() == 0 && data.newVersion() == 11) {
                lowByteDialect = true;
                recordsAt = 1007;
            } else {
                throw fail(data.headerAt(), "data module version " + data.version() + " is not supported (known: 2, 3, 0/11)");
            }
            long at = data.dataAt();
            if (data.length() < recordsAt) {
                throw fail(data.headerAt(), "data module of " + data.length() + " bytes is shorter than its header");
            }
            if (data.available() < recordsAt) {
                throw fail(size, "file ends inside the data module header (before the first record)");
            }
            ByteBuffer h = readAt(at, recordsAt);
            long n = h.getInt(0) & 0xFFFFFFFFL;
            int ncols = h.get(4) & 0xFF;
            if (5 + 2 * ncols > recordsAt) {
                throw fail(at + 4, ncols + " column ids do not fit before the records at offset " + (at + recordsAt));
            }
            if (ncols > options.limits().maxColumns()) {
                throw fail(at + 4, ncols + " columns exceed the limit of " + options.limits().maxColumns());
            }
            int[] ids = new int[ncols];
            h.order(lowByteDialect ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < ncols; i++) {
                ids[i] = h.getShort(5 + 2 * i) & 0xFFFF;
            }
            MprLayout layout = MprLayout.of(ids, lowByteDialect, reason -> fail(at + 5, reason));
            int rs = layout.recordSize();
            if (n > 0 && rs == 0) {
                throw fail(at, n + " records declared but no columns");
            }
            if (rs > options.limits().maxRecordBytes()) {
                throw fail(at + 5, "records of " + rs + " bytes exceed the limit of " + options.limits().maxRecordBytes());
            }
            if (recordsAt + n * rs != data.length()) {
                throw fail(data.headerAt(), "data module length " + data.length() + " does not fit " + n + " records of "
                        + rs + " bytes after a header of " + recordsAt + " bytes");
            }
            if (n > 0 && !layout.has(MprColumns.Role.TIME)) {
                throw fail(at + 5, "the data module has no time/s column");
            }
            long whole = n;
            if (!data.complete()) {
                whole = Math.min(n, (data.available() - recordsAt) / rs);
                md.warn("file is truncated at offset " + size + " inside the data module: " + whole + " of " + n
                        + " records are complete and were read");
            }
            StringJoiner idList = new StringJoiner(",");
            for (int id : ids) {
                idList.add(Integer.toString(id));
            }
            md.putVendor("mpr_data_version", data.version());
            md.putVendor("column_ids", idList.toString());
            md.putVendor("columns", String.join("; ", layout.columnNames()));
            layout.warnings().forEach(md::warn);
            return new DataModule(layout, at + recordsAt, whole);
        }
    }

    private record DataModule(MprLayout layout, long recordsAt, long records) {
    }

    /** Streams the records of the data module into canonical rows. */
    private static final class Records {
        private final String file;
        private final FileChannel channel;
        private final DataModule dm;
        private final MprLayout l;
        private final boolean hold;
        private final boolean hasUnix;
        private final long startNanos;
        private final TestMetadata md;
        private final MprLayout.Slot time;
        private final MprLayout.Slot voltage;
        private final MprLayout.Slot ewe;
        private final MprLayout.Slot ece;
        private final boolean cellFromElectrodes;
        private final MprLayout.Slot current;
        private final MprLayout.Slot dq;
        private final MprLayout.Slot q;
        private final MprLayout.Slot halfCycle;
        private final MprLayout.Slot cycleNumber;
        private final MprLayout.Slot ns;
        private final MprLayout.Slot energyCharge;
        private final MprLayout.Slot energyDischarge;
        private final MprLayout.Slot temperature;
        private final MprLayout.Slot power;
        private final MprLayout.Slot freq;
        private final int modeMask;
        private final int oxRedMask;
        private final boolean currentFromDq;
        private final boolean capacityFromDq;
        private final boolean capacityFromQ;

        Records(String file, FileChannel channel, DataModule dm, int technique, boolean hasUnix, long startNanos,
                TestMetadata md) {
            this.file = file;
            this.channel = channel;
            this.dm = dm;
            this.l = dm.layout();
            this.hold = HOLD_TECHNIQUES.contains(technique);
            this.hasUnix = hasUnix;
            this.startNanos = startNanos;
            this.md = md;
            time = l.slot(MprColumns.Role.TIME);
            // a three-electrode file: the cell voltage (Ewe-Ece, or Ewe - Ece) is the voltage; Ewe and Ece stay beside it
            ece = l.slot(MprColumns.Role.ECE);
            ewe = ece != null ? l.slot(MprColumns.Role.EWE) : null;
            cellFromElectrodes = ewe != null && !l.has(MprColumns.Role.EWE_ECE);
            voltage = ece != null && l.has(MprColumns.Role.EWE_ECE) ? l.slot(MprColumns.Role.EWE_ECE)
                    : cellFromElectrodes ? null : first(MprColumns.Role.EWE, MprColumns.Role.EWE_AVG);
            current = first(MprColumns.Role.I, MprColumns.Role.I_AVG);
            dq = l.slot(MprColumns.Role.DQ);
            q = l.slot(MprColumns.Role.Q_HALF_CYCLE);
            halfCycle = l.slot(MprColumns.Role.HALF_CYCLE);
            cycleNumber = l.slot(MprColumns.Role.CYCLE_NUMBER);
            ns = l.slot(MprColumns.Role.NS);
            boolean cycles = cycleNumber != null || halfCycle != null;
            energyCharge = cycles ? l.slot(MprColumns.Role.ENERGY_CHARGE) : null;
            energyDischarge = cycles ? l.slot(MprColumns.Role.ENERGY_DISCHARGE) : null;
            temperature = l.slot(MprColumns.Role.TEMPERATURE);
            power = l.slot(MprColumns.Role.POWER);
            freq = l.slot(MprColumns.Role.FREQUENCY);
            modeMask = l.flagMasks().getOrDefault(MprColumns.FLAG_MODE, 0);
            oxRedMask = l.flagMasks().getOrDefault(MprColumns.FLAG_OX_RED, 0);
            currentFromDq = current == null && dq != null;
            capacityFromDq = dq != null;
            capacityFromQ = !capacityFromDq && q != null && halfCycle != null;
        }

        private MprLayout.Slot first(MprColumns.Role a, MprColumns.Role b) {
            return l.has(a) ? l.slot(a) : l.slot(b);
        }

        private Set<Quantity> columns() {
            EnumSet<Quantity> c = EnumSet.of(Quantity.TEST_TIME, Quantity.VOLTAGE, Quantity.CURRENT);
            if (hasUnix) {
                c.add(Quantity.UNIX_TIME);
            }
            if (ewe != null) {
                c.add(Quantity.WORKING_ELECTRODE_POTENTIAL);
            }
            if (ece != null) {
                c.add(Quantity.COUNTER_ELECTRODE_POTENTIAL);
            }
            if (cycleNumber != null || halfCycle != null) {
                c.add(Quantity.CYCLE_COUNT);
            }
            if (ns != null) {
                c.add(Quantity.STEP_INDEX);
            }
            if (modeMask != 0) {
                c.add(Quantity.STEP_TYPE);
            }
            if (capacityFromDq || capacityFromQ) {
                c.add(Quantity.CHARGING_CAPACITY);
                c.add(Quantity.DISCHARGING_CAPACITY);
            }
            if (energyCharge != null) {
                c.add(Quantity.CYCLE_CHARGING_ENERGY);
            }
            if (energyDischarge != null) {
                c.add(Quantity.CYCLE_DISCHARGING_ENERGY);
            }
            if (temperature != null) {
                c.add(Quantity.TEMPERATURE_T1);
            }
            if (power != null) {
                c.add(Quantity.POWER);
            }
            return c;
        }

        private void describeSources() {
            if (current != null) {
                md.putVendor("current_source", current.id() == 8 ? "I/mA" : "<I>/mA");
            } else if (currentFromDq) {
                md.putVendor("current_source", "dq/dt (mean current since the previous record, as EC-Lab exports <I>)");
            } else {
                md.putVendor("current_source", "none: 0 A on open-circuit (mode 3) records, else missing");
                md.warn("the file records no current: open-circuit records get 0 A, other records none");
            }
            if (ece != null) {
                md.putVendor("voltage_source", voltage != null ? "Ewe-Ece/V (cell voltage of a three-electrode set-up)"
                        : "Ewe/V - Ece/V (cell voltage of a three-electrode set-up)");
            }
            if (voltage == null && !cellFromElectrodes) {
                md.warn("the file records no working-electrode or cell voltage");
            }
            if (cycleNumber == null && halfCycle != null) {
                md.putVendor("cycle_source", "half cycle / 2 (EC-Lab 'charge/discharge alternance')");
            }
            if (capacityFromDq) {
                md.putVendor("capacity_source", "sum of dq/mA.h split by sign");
            } else if (capacityFromQ) {
                md.putVendor("capacity_source", "Q charge/discharge/mA.h increments, restarting each half cycle");
            }
        }

        void stream(RecordSink sink) throws IOException {
            describeSources();
            BatchWriter w = new BatchWriter(columns(), sink, md);
            int rs = l.recordSize();
            int per = Math.max(1, (1 << 16) / rs);
            ByteBuffer buf = ByteBuffer.allocate(per * rs).order(ByteOrder.LITTLE_ENDIAN);
            double prevTime = Double.NaN;
            long prevHalf = -1;
            double prevQ = 0;
            double chg = 0;
            double dchg = 0;
            long done = 0;
            long pos = dm.recordsAt();
            while (done < dm.records()) {
                int batch = (int) Math.min(per, dm.records() - done);
                buf.clear().limit(batch * rs);
                while (buf.hasRemaining()) {
                    if (channel.read(buf, pos + buf.position()) < 0) {
                        throw InputException.atOffset(file, pos + buf.position(), "file ended while reading records");
                    }
                }
                for (int k = 0; k < batch; k++) {
                    int o = k * rs;
                    double t = value(buf, o, time);
                    if (!(Math.abs(t) <= MAX_TIME_S)) {
                        throw InputException.atOffset(file, pos + o,
                                "record " + (done + k + 1) + ": time " + t + " s is not a valid test time");
                    }
                    w.startRow();
                    w.set(Quantity.TEST_TIME, t);
                    if (hasUnix) {
                        w.setEpochNanos(startNanos + Math.round(t * 1e9));
                    }
                    if (voltage != null) {
                        w.set(Quantity.VOLTAGE, value(buf, o, voltage));
                    }
                    if (ewe != null) {
                        w.set(Quantity.WORKING_ELECTRODE_POTENTIAL, value(buf, o, ewe));
                    }
                    if (ece != null) {
                        w.set(Quantity.COUNTER_ELECTRODE_POTENTIAL, value(buf, o, ece));
                    }
                    if (cellFromElectrodes) {
                        w.set(Quantity.VOLTAGE, value(buf, o, ewe) - value(buf, o, ece));
                    }
                    int flags = l.flagsOffset() >= 0 ? buf.get(o + l.flagsOffset()) & 0xFF : 0;
                    boolean impedance = freq != null && value(buf, o, freq) > 0;
                    int mode = modeMask != 0 ? flags & modeMask : -1;
                    double dqv = dq != null ? value(buf, o, dq) : Double.NaN;
                    if (current != null) {
                        w.set(Quantity.CURRENT, value(buf, o, current) * 1e-3);
                    } else if (currentFromDq) {
                        w.set(Quantity.CURRENT, meanCurrent(dqv, t - prevTime, done + k == 0));
                    } else if (mode == 3 && !impedance) {
                        w.set(Quantity.CURRENT, 0.0);
                    }
                    long half = halfCycle != null ? (long) value(buf, o, halfCycle) : -1;
                    if (cycleNumber != null) {
                        w.set(Quantity.CYCLE_COUNT, value(buf, o, cycleNumber));
                    } else if (halfCycle != null) {
                        w.set(Quantity.CYCLE_COUNT, half / 2);
                    }
                    if (ns != null) {
                        w.set(Quantity.STEP_INDEX, value(buf, o, ns));
                    }
                    if (modeMask != 0) {
                        w.setStepType(stepType(mode, oxRedMask == 0 ? -1 : (flags & oxRedMask) != 0 ? 1 : 0, impedance));
                    }
                    if (capacityFromDq || capacityFromQ) {
                        double inc;
                        if (capacityFromDq) {
                            inc = dqv;
                        } else {
                            double qv = value(buf, o, q);
                            inc = half != prevHalf ? qv : qv - prevQ;
                            prevQ = qv;
                        }
                        if (inc > 0) {
                            chg += inc * 1e-3;
                        } else if (inc < 0) {
                            dchg -= inc * 1e-3;
                        }
                        w.set(Quantity.CHARGING_CAPACITY, chg);
                        w.set(Quantity.DISCHARGING_CAPACITY, dchg);
                    }
                    prevHalf = half;
                    if (energyCharge != null) {
                        w.set(Quantity.CYCLE_CHARGING_ENERGY, value(buf, o, energyCharge));
                    }
                    if (energyDischarge != null) {
                        w.set(Quantity.CYCLE_DISCHARGING_ENERGY, value(buf, o, energyDischarge));
                    }
                    if (temperature != null) {
                        w.set(Quantity.TEMPERATURE_T1, value(buf, o, temperature));
                    }
                    if (power != null) {
                        w.set(Quantity.POWER, value(buf, o, power));
                    }
                    prevTime = t;
                }
                done += batch;
                pos += (long) batch * rs;
            }
            w.finish();
        }

        /** EC-Lab's exported {@code <I>}: the charge since the previous record over the time since it, in A. */
        private static double meanCurrent(double dqMah, double dt, boolean firstRecord) {
            if (firstRecord) {
                return dqMah == 0 ? 0.0 : Double.NaN;
            }
            return dt > 0 ? dqMah * 3.6 / dt : Double.NaN;
        }

        private StepType stepType(int mode, int oxidation, boolean impedance) {
            if (impedance) {
                return StepType.OTHER;
            }
            if (mode == 3) {
                return StepType.REST;
            }
            if (!hold || oxidation < 0) {
                return StepType.OTHER;
            }
            boolean charge = oxidation == 1;
            return switch (mode) {
                case 1 -> charge ? StepType.CC_CHARGE : StepType.CC_DISCHARGE;
                case 2 -> charge ? StepType.CV_CHARGE : StepType.CV_DISCHARGE;
                default -> StepType.OTHER;
            };
        }

        private static double value(ByteBuffer b, int recordOffset, MprLayout.Slot s) {
            int at = recordOffset + s.offset();
            return switch (s.type()) {
                case F8 -> b.getDouble(at);
                case F4 -> b.getFloat(at);
                case U4 -> b.getInt(at) & 0xFFFFFFFFL;
                case U2 -> b.getShort(at) & 0xFFFF;
                case U1 -> b.get(at) & 0xFF;
            };
        }
    }

}
