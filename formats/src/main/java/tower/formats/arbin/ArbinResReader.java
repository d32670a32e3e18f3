package tower.formats.arbin;

import com.healthmarketscience.jackcess.Column;
import com.healthmarketscience.jackcess.Cursor;
import com.healthmarketscience.jackcess.CursorBuilder;
import com.healthmarketscience.jackcess.DataType;
import com.healthmarketscience.jackcess.Database;
import com.healthmarketscience.jackcess.DatabaseBuilder;
import com.healthmarketscience.jackcess.Index;
import com.healthmarketscience.jackcess.Row;
import com.healthmarketscience.jackcess.Table;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.Batch;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;
import tower.core.units.Dimension;
import tower.core.units.Unit;
import tower.core.units.Units;
import tower.formats.FormatInfo;
import tower.formats.Probe;
import tower.formats.Reader;

/**
 * Arbin MITS Pro {@code .res} results files (MS Access / Jet 4 databases), read with Jackcess.
 *
 * <p>One output row per {@code Channel_Normal_Table} record of the test, in {@code Data_Point} order (read through
 * the table's {@code (Test_ID, Data_Point)} index). Arbin stores SI values (A, V, Ah, Wh, s, ohm) and local
 * wall-clock OLE dates. The file is read twice: a first pass over a few columns decides the scope of each capacity
 * and energy accumulator (test, cycle or schedule: Arbin resets them where the schedule says) and which auxiliary
 * channels exist, so that the column set is known before the first row is streamed.
 */
public final class ArbinResReader implements Reader {
    public static final String ID = "arbin-res";
    static final String VERSION = "1";
    private static final FormatInfo INFO = new FormatInfo(ID, "Arbin",
            List.of(".res results database (MS Access / Jet 4, MITS Pro)"),
            "'Standard Jet DB' / 'Standard ACE DB' signature at offset 4 and a Channel_Normal_Table", VERSION);

    static final String NORMAL = "Channel_Normal_Table";
    static final String GLOBAL = "Global_Table";
    static final String AUX = "Auxiliary_Table";
    static final String AUX_GLOBAL = "Aux_Global_Data_Table";
    static final String VERSION_TABLE = "Version_Table";

    private static final byte[] JET = "Standard Jet DB\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACE = "Standard ACE DB\0".getBytes(StandardCharsets.US_ASCII);
    private static final int SIGNATURE_END = 0x15; // the signature, then the Jet version byte at 0x14
    /** Most auxiliary channels of one test we accept (Arbin systems have up to a few hundred). */
    private static final int MAX_AUX_CHANNELS = 4096;
    private static final int MAX_TEXT = 1000;

    private static final String[] GLOBAL_FIELDS = {"Test_Name", "Channel_Index", "Channel_Number", "Channel_Type",
            "Creator", "Comments", "Schedule_File_Name", "Schedule_Version", "Software_Version", "Serial_Number",
            "Item_ID", "DAQ_Index", "MASS", "Specific_Capacity", "Capacity"};

    /** The accumulators and their canonical column per scope: test, cycle, schedule. */
    private static final String[] ACC_COLUMNS = {"Charge_Capacity", "Discharge_Capacity", "Charge_Energy", "Discharge_Energy"};
    private static final Quantity[][] ACC_TARGETS = {
            {Quantity.CHARGING_CAPACITY, Quantity.CYCLE_CHARGING_CAPACITY, Quantity.SCHEDULE_CHARGING_CAPACITY},
            {Quantity.DISCHARGING_CAPACITY, Quantity.CYCLE_DISCHARGING_CAPACITY, Quantity.SCHEDULE_DISCHARGING_CAPACITY},
            {Quantity.CHARGING_ENERGY, Quantity.CYCLE_CHARGING_ENERGY, Quantity.SCHEDULE_CHARGING_ENERGY},
            {Quantity.DISCHARGING_ENERGY, Quantity.CYCLE_DISCHARGING_ENERGY, Quantity.SCHEDULE_DISCHARGING_ENERGY},
    };
    private static final String[] SCOPE_NAMES = {"test", "cycle", "schedule"};

    @Override
    public FormatInfo info() {
        return INFO;
    }

    @Override
    public int detect(Probe probe) {
        if (!hasSignature(probe.head())) {
            return 0;
        }
        try (Database db = open(probe.path())) {
            return db.getTable(NORMAL) != null ? 100 : 40;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return 40; // an Access database all the same: read() will say what is wrong with it
        }
    }

    static boolean hasSignature(byte[] head) {
        if (head.length < SIGNATURE_END || head[0] != 0 || head[1] != 1 || head[2] != 0 || head[3] != 0) {
            return false;
        }
        return matches(head, JET) || matches(head, ACE);
    }

    private static boolean matches(byte[] head, byte[] sig) {
        for (int i = 0; i < sig.length; i++) {
            if (head[4 + i] != sig[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Jackcess logs what it finds odd in a damaged file, which would break the one-line error of a bad input; it is
     * quiet unless {@code tower.debug} is set ({@code --debug}). Held in a field: a logger nobody references may be
     * collected, and its level with it. Made on first use (a holder class), so commands that read no Access file pay
     * nothing for java.util.logging (20 ms of a start).
     */
    private static final class JackcessLog {
        static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger("com.healthmarketscience");
    }

    private static Database open(Path file) throws IOException {
        if (!Boolean.getBoolean("tower.debug")) {
            JackcessLog.LOG.setLevel(java.util.logging.Level.OFF);
        }
        return new DatabaseBuilder(file.toFile()).setReadOnly(true).open();
    }

    @Override
    public void read(List<Path> files, ReadOptions options, RecordSink sink) throws IOException {
        sink = tower.formats.audit.TimeAudit.wrap(sink); // unit from the clock, backward time, repeated records
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no file given");
        }
        Path file = files.get(0);
        String name = file.toString();
        if (files.size() > 1) {
            throw new InputException(files.get(1).toString(), "file",
                    "an Arbin .res test is a single file; continuation files are not supported");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SIGNATURE_END);
        }
        if (!hasSignature(head)) {
            throw new InputException(name, "offset 0",
                    "not an MS Access database (no 'Standard Jet DB' / 'Standard ACE DB' signature at offset 4), so not an Arbin .res file");
        }
        Session session = new Session(file, name, options, new GuardedSink(sink));
        Optional<String> partial = partialPage(file, head);
        if (partial.isPresent()) {
            // the pages read may all be whole, but the copy is not: say so rather than pass it as complete
            session.md.warn(partial.get() + ": the file looks truncated; what its whole pages hold was read");
            session.md.flag("truncated");
        }
        try (Database db = open(file)) {
            session.run(db);
        } catch (SinkFailure f) {
            throw f.original;
        } catch (InputException e) {
            throw e;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // Jackcess reports damaged pages with IOException, IllegalStateException, IndexOutOfBounds, ...
            throw new InputException(name, session.where, "damaged or unsupported Access database: " + describe(e)
                    + truncationHint(file, head), e);
        }
    }

    /** Access files are whole pages (2 KiB for Jet 3, 4 KiB for Jet 4 / ACE): a partial page means a cut-off copy. */
    private static String truncationHint(Path file, byte[] head) {
        return partialPage(file, head).map(p -> " (" + p + ": is the file truncated?)").orElse("");
    }

    private static Optional<String> partialPage(Path file, byte[] head) {
        try {
            long size = Files.size(file);
            int page = head.length > 0x14 && head[0x14] == 0 ? 2048 : 4096;
            return size % page == 0 ? Optional.empty() : Optional.of("the file size " + size
                    + " is not a whole number of " + page + "-byte pages");
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** What a library failure means, in words; the library's own text stays in the cause for --debug. */
    private static String describe(Throwable e) {
        if (e instanceof StackOverflowError) {
            return "its index or page chain loops";
        }
        if (e instanceof IOException) {
            return "a page cannot be read (damaged or cut-off file)";
        }
        return "inconsistent internal structure (damaged file)";
    }

    /** Marks exceptions thrown by the downstream sink so they pass through unchanged. */
    private static final class SinkFailure extends RuntimeException {
        final RuntimeException original;

        SinkFailure(RuntimeException original) {
            super(original.getMessage(), original, false, false);
            this.original = original;
        }
    }

    private record GuardedSink(RecordSink delegate) implements RecordSink {
        @Override
        public void begin(Set<Quantity> columns, TestMetadata metadata) {
            try {
                delegate.begin(columns, metadata);
            } catch (RuntimeException e) {
                throw new SinkFailure(e);
            }
        }

        @Override
        public void accept(Batch batch) {
            try {
                delegate.accept(batch);
            } catch (RuntimeException e) {
                throw new SinkFailure(e);
            }
        }

        @Override
        public void end(TestMetadata metadata) {
            try {
                delegate.end(metadata);
            } catch (RuntimeException e) {
                throw new SinkFailure(e);
            }
        }
    }

    /** An auxiliary channel mapped to a canonical column. */
    private record AuxChannel(int auxIndex, int dataType, Quantity quantity, Unit unit) {
    }

    /** One read of one file. */
    private static final class Session {
        final String name;
        final ReadOptions options;
        final RecordSink sink;
        final TestMetadata md;
        String where = "database header";
        long testId;
        Table normal;
        Index normalIndex;
        // Channel_Normal_Table columns (null when the file lacks an optional one)
        Column nTestId;
        Column nDataPoint;
        Column nTestTime;
        Column nStepTime;
        Column nDateTime;
        Column nStep;
        Column nCycle;
        Column nCurrent;
        Column nVoltage;
        Column nIr;
        final Column[] nAcc = new Column[ACC_COLUMNS.length];
        final Quantity[] accTarget = new Quantity[ACC_COLUMNS.length];
        boolean hasIr;
        OleClock clock;
        long scannedRows;
        // Auxiliary_Table, when the test has mapped aux channels
        Table aux;
        Index auxIndex;
        Column aTestId;
        Column aDataPoint;
        Column aIndex;
        Column aType;
        Column aX;
        AuxChannel[] channels = new AuxChannel[0];

        Session(Path file, String name, ReadOptions options, RecordSink sink) {
            this.name = name;
            this.options = options;
            this.sink = sink;
            Path fn = file.getFileName();
            this.md = new TestMetadata().setSourceName(fn == null ? name : fn.toString()).setSourcePath(name).setFormat(ID)
                    .setReaderVersion(VERSION);
        }

        void run(Database db) throws IOException {
            where = "database catalog";
            normal = db.getTable(NORMAL);
            if (normal == null) {
                throw new InputException(name, "database catalog",
                        "an Access database without a " + NORMAL + ", so not an Arbin .res results file");
            }
            where = "table " + NORMAL;
            nTestId = numericColumn(normal, "Test_ID", true);
            nDataPoint = numericColumn(normal, "Data_Point", true);
            nTestTime = numericColumn(normal, "Test_Time", true);
            nVoltage = numericColumn(normal, "Voltage", true);
            nCurrent = numericColumn(normal, "Current", true);
            nStepTime = numericColumn(normal, "Step_Time", false);
            nDateTime = numericColumn(normal, "DateTime", false);
            nStep = numericColumn(normal, "Step_Index", false);
            nCycle = numericColumn(normal, "Cycle_Index", false);
            nIr = numericColumn(normal, "Internal_Resistance", false);
            for (int a = 0; a < ACC_COLUMNS.length; a++) {
                nAcc[a] = numericColumn(normal, ACC_COLUMNS[a], false);
            }
            normalIndex = dataPointIndex(normal);
            readVersion(db);
            readGlobal(db);
            scanNormal();
            setUpAux(db);
            stream();
        }

        private Column numericColumn(Table t, String column, boolean required) {
            Column c = findColumn(t, column);
            if (c == null) {
                if (required) {
                    throw new InputException(name, "table " + t.getName(), "no column " + column);
                }
                return null;
            }
            if (!isNumeric(c.getType())) {
                throw new InputException(name, "table " + t.getName(),
                        "column " + column + " has type " + c.getType() + ", not a number: unknown .res layout");
            }
            return c;
        }

        /** The column of that name (Access names are case-insensitive), or null; Jackcess's getColumn throws instead. */
        private static Column findColumn(Table t, String column) {
            for (Column c : t.getColumns()) {
                if (c.getName().equalsIgnoreCase(column)) {
                    return c;
                }
            }
            return null;
        }

        private static boolean isNumeric(DataType t) {
            return switch (t) {
                case BYTE, INT, LONG, BIG_INT, FLOAT, DOUBLE, NUMERIC, MONEY -> true;
                default -> false;
            };
        }

        private static Object field(Row r, Table t, String column) {
            Column c = findColumn(t, column);
            return c == null ? null : r.get(c.getName());
        }

        private void readVersion(Database db) throws IOException {
            where = "table " + VERSION_TABLE;
            Table v = db.getTable(VERSION_TABLE);
            if (v != null) {
                Row r = CursorBuilder.createCursor(v).getNextRow();
                Object version = r == null ? null : field(r, v, "Version_Schema_Field");
                if (version != null) {
                    md.putVendor("results_file_version", text(version));
                }
            }
        }

        private void readGlobal(Database db) throws IOException {
            where = "table " + GLOBAL;
            Table g = db.getTable(GLOBAL);
            List<Long> ids = new ArrayList<>();
            Row first = null;
            long firstId = 0;
            if (g != null && findColumn(g, "Test_ID") != null) {
                Cursor c = CursorBuilder.createCursor(g);
                Row r;
                int n = 0;
                while ((r = c.getNextRow()) != null && n++ < 1000) {
                    if (field(r, g, "Test_ID") instanceof Number num) {
                        ids.add(num.longValue());
                        if (first == null || num.longValue() < firstId) {
                            first = r;
                            firstId = num.longValue();
                        }
                    }
                }
            }
            if (first == null) {
                where = "table " + NORMAL;
                Cursor c = normalIndex != null ? CursorBuilder.createCursor(normalIndex) : CursorBuilder.createCursor(normal);
                if (!c.moveToNextRow() || !(c.getCurrentRowValue(nTestId) instanceof Number num)) {
                    throw new InputException(name, "table " + NORMAL, "no data rows");
                }
                testId = num.longValue();
                md.warn("the file has no " + GLOBAL + " entry: read Test_ID " + testId + " without test metadata");
            } else {
                testId = firstId;
                if (ids.size() > 1) {
                    ids.sort(null);
                    md.warn("the file holds " + ids.size() + " tests (Test_ID " + abbreviate(ids)
                            + "): only Test_ID " + testId + " was read");
                }
                for (String f : GLOBAL_FIELDS) {
                    Object v = field(first, g, f);
                    if (v != null) {
                        md.putVendor(f.toLowerCase(Locale.ROOT), text(v));
                    }
                }
                if (field(first, g, "Start_DateTime") instanceof Number s && s.doubleValue() != 0) {
                    double days = s.doubleValue();
                    if (!OleClock.inRange(days)) {
                        throw new InputException(name, "table " + GLOBAL, "Start_DateTime " + days
                                + " is not an OLE Automation date (days since 1899-12-30) between 1970 and 2200");
                    }
                    long ns = clock().toEpochNanos(days);
                    md.setStartTime(Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L)));
                }
            }
            md.putVendor("test_id", Long.toString(testId));
        }

        private OleClock clock() {
            if (clock == null) {
                ZoneId zone = options.zoneForNaiveTimes(md);
                clock = new OleClock(zone);
            }
            return clock;
        }

        private static String abbreviate(List<Long> ids) {
            if (ids.size() <= 10) {
                return ids.toString().replaceAll("[\\[\\]]", "");
            }
            return ids.subList(0, 10).toString().replaceAll("[\\[\\]]", "") + ", …";
        }

        private static String text(Object v) {
            String s = String.valueOf(v).replaceAll("\\p{Cntrl}", " ").strip();
            return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
        }

        /** The ascending (Test_ID, Data_Point, ...) index, preferring the primary key; null when there is none. */
        private static Index dataPointIndex(Table t) {
            Index best = null;
            for (Index ix : t.getIndexes()) {
                List<? extends Index.Column> cs = ix.getColumns();
                if (cs.size() >= 2 && cs.get(0).getName().equalsIgnoreCase("Test_ID")
                        && cs.get(1).getName().equalsIgnoreCase("Data_Point")
                        && cs.get(0).isAscending() && cs.get(1).isAscending()) {
                    if (best == null || ix.isPrimaryKey() && !best.isPrimaryKey()) {
                        best = ix;
                    }
                }
            }
            return best;
        }

        /** A cursor over the test's rows in Data_Point order (or table order when there is no index). */
        private Cursor cursor(Table t, Index ix) throws IOException {
            if (ix == null) {
                return CursorBuilder.createCursor(t);
            }
            Object key = testId >= Integer.MIN_VALUE && testId <= Integer.MAX_VALUE ? (Object) (int) testId : (Object) testId;
            return new CursorBuilder(t).setIndex(ix).setStartEntry(key).setEndEntry(key).toCursor();
        }

        /**
         * Moves to the test's next row; false at its end. Without an index, rows of other tests are skipped;
         * with one, the cursor's range holds only this test.
         */
        private boolean nextRow(Cursor c, Column idColumn, long row) throws IOException {
            while (c.moveToNextRow()) {
                long id = longOf(c.getCurrentRowValue(idColumn), idColumn.getName(), row);
                if (id == testId) {
                    return true;
                }
            }
            return false;
        }

        private static Object value(Cursor c, Column col) throws IOException {
            return col == null ? null : c.getCurrentRowValue(col);
        }

        /**
         * First pass: checks the record order and decides per accumulator whether Arbin reset it at every cycle
         * boundary (cycle scope), never (test scope), or elsewhere (schedule scope), and whether internal
         * resistance was ever measured.
         */
        private void scanNormal() throws IOException {
            where = "table " + NORMAL;
            int k = ACC_COLUMNS.length;
            double[] prev = new double[k];
            Arrays.fill(prev, Double.NaN);
            long[] resetAtCycle = new long[k];
            long[] resetInCycle = new long[k];
            long[] carryAtCycle = new long[k];
            double prevCycle = Double.NaN;
            boolean anyIr = false;
            RowOrder order = new RowOrder();
            Cursor c = cursor(normal, normalIndex);
            while (nextRow(c, nTestId, order.rows + 1)) {
                long dp = order.next(c.getCurrentRowValue(nDataPoint));
                double cyc = num(value(c, nCycle));
                boolean cycleChanged = nCycle != null && order.rows > 1 && !same(cyc, prevCycle);
                for (int a = 0; a < k; a++) {
                    double v = num(value(c, nAcc[a]));
                    if (Double.isNaN(v)) {
                        continue;
                    }
                    double p = prev[a];
                    if (!Double.isNaN(p)) {
                        if (v < p) {
                            if (cycleChanged) {
                                resetAtCycle[a]++;
                            } else {
                                resetInCycle[a]++;
                            }
                        } else if (cycleChanged && p > 0) {
                            carryAtCycle[a]++;
                        }
                    }
                    prev[a] = v;
                }
                if (!anyIr && nIr != null) {
                    double ir = num(c.getCurrentRowValue(nIr));
                    anyIr = !Double.isNaN(ir) && ir != 0;
                }
                if (nDateTime != null) {
                    checkDate(num(c.getCurrentRowValue(nDateTime)), order, dp);
                }
                prevCycle = cyc;
            }
            scannedRows = order.rows;
            if (scannedRows == 0) {
                throw new InputException(name, "table " + NORMAL, "no data rows for Test_ID " + testId);
            }
            int total = normal.getRowCount();
            if (total > scannedRows) {
                md.warn(NORMAL + " holds " + (total - scannedRows) + " rows of other tests than Test_ID " + testId
                        + ": not read");
            }
            hasIr = anyIr;
            for (int a = 0; a < k; a++) {
                if (nAcc[a] == null) {
                    continue;
                }
                int scope;
                if (resetAtCycle[a] == 0 && resetInCycle[a] == 0) {
                    scope = 0;
                } else if (resetInCycle[a] == 0 && carryAtCycle[a] == 0) {
                    scope = 1;
                } else {
                    scope = 2;
                }
                accTarget[a] = ACC_TARGETS[a][scope];
                md.putVendor("scope." + ACC_COLUMNS[a], SCOPE_NAMES[scope]);
            }
            if (nDateTime != null) {
                clock();
            }
        }

        /** An OLE date, or 0 / empty for none; anything else is refused rather than guessed. */
        private boolean checkDate(double days, RowOrder order, long dp) {
            if (Double.isNaN(days) || days == 0) {
                return false;
            }
            if (!OleClock.inRange(days)) {
                throw new InputException(name, order.where(dp), "DateTime " + days
                        + " is not an OLE Automation date (days since 1899-12-30) between 1970 and 2200");
            }
            return true;
        }

        /** Finds the auxiliary channels of the test and maps temperatures to T1..T5 and the first voltage. */
        private void setUpAux(Database db) throws IOException {
            where = "table " + AUX;
            Table t = db.getTable(AUX);
            if (t == null || t.getRowCount() == 0) {
                return;
            }
            Column[] cols = new Column[5];
            String[] names = {"Test_ID", "Data_Point", "Auxiliary_Index", "Data_Type", "X"};
            for (int i = 0; i < names.length; i++) {
                cols[i] = findColumn(t, names[i]);
                if (cols[i] == null || !isNumeric(cols[i].getType())) {
                    md.warn(AUX + " has no numeric column " + names[i] + ": auxiliary channels not read");
                    return;
                }
            }
            aTestId = cols[0];
            aDataPoint = cols[1];
            aIndex = cols[2];
            aType = cols[3];
            aX = cols[4];
            auxIndex = dataPointIndex(t);
            TreeMap<Long, int[]> found = new TreeMap<>();
            Cursor c = cursor(t, auxIndex);
            long n = 0;
            while (nextRow(c, aTestId, n + 1)) {
                n++;
                int idx = (int) longOf(c.getCurrentRowValue(aIndex), "Auxiliary_Index", n);
                int type = (int) longOf(c.getCurrentRowValue(aType), "Data_Type", n);
                long key = ((long) idx << 32) | (type & 0xffffffffL);
                if (!found.containsKey(key)) {
                    if (found.size() >= MAX_AUX_CHANNELS) {
                        throw new InputException(name, "table " + AUX, "more than " + MAX_AUX_CHANNELS + " auxiliary channels");
                    }
                    found.put(key, new int[]{idx, type});
                }
            }
            if (found.isEmpty()) {
                return;
            }
            where = "table " + AUX_GLOBAL;
            TreeMap<Long, String[]> declared = new TreeMap<>();
            Table ag = db.getTable(AUX_GLOBAL);
            if (ag != null) {
                Cursor gc = CursorBuilder.createCursor(ag);
                Row r;
                int m = 0;
                while ((r = gc.getNextRow()) != null && m++ < MAX_AUX_CHANNELS) {
                    if (field(r, ag, "Auxiliary_Index") instanceof Number i && field(r, ag, "Data_Type") instanceof Number ty) {
                        Object nick = field(r, ag, "Nickname");
                        Object unit = field(r, ag, "Unit");
                        declared.putIfAbsent((i.longValue() << 32) | (ty.intValue() & 0xffffffffL), new String[]{
                                nick == null ? "" : text(nick), unit == null ? "" : text(unit)});
                    }
                }
            }
            List<AuxChannel> mapped = new ArrayList<>();
            int temperatures = 0;
            boolean voltage = false;
            for (var e : found.entrySet()) {
                int idx = e.getValue()[0];
                int type = e.getValue()[1];
                String[] decl = declared.getOrDefault(e.getKey(), new String[]{"", ""});
                String label = "auxiliary channel " + idx + " (Data_Type " + type
                        + (decl[0].isEmpty() ? "" : ", '" + decl[0] + "'") + (decl[1].isEmpty() ? "" : ", unit '" + decl[1] + "'") + ")";
                Dimension dim = auxDimension(type, decl[1]);
                if (dim == null) {
                    md.warn(label + " is not a temperature or voltage channel: not read");
                    continue;
                }
                Unit unit = decl[1].isEmpty() ? Units.si(dim) : Units.require(decl[1], dim);
                Quantity q;
                if (dim == Dimension.TEMPERATURE) {
                    if (temperatures >= Quantity.TEMPERATURES.length) {
                        md.warn(label + ": more than " + Quantity.TEMPERATURES.length + " temperature channels, not read");
                        continue;
                    }
                    q = Quantity.TEMPERATURES[temperatures++];
                } else {
                    if (voltage) {
                        md.warn(label + ": only the first auxiliary voltage is read");
                        continue;
                    }
                    voltage = true;
                    q = Quantity.AUX_VOLTAGE;
                }
                mapped.add(new AuxChannel(idx, type, q, unit));
                md.putVendor("aux." + q.label(), label);
            }
            channels = mapped.toArray(new AuxChannel[0]);
            if (channels.length > 0) {
                aux = t;
            }
        }

        /**
         * The dimension of an aux channel from its unit (Aux_Global_Data_Table), else from Arbin's data type,
         * numbered in the order of Global_Table's Mapped_Aux_* fields: 0 voltage, 1 temperature. Null when the
         * two disagree or the channel is of another kind (pressure, pH, flow, ...).
         */
        private static Dimension auxDimension(int dataType, String unit) {
            Dimension byType = dataType == 0 ? Dimension.VOLTAGE : dataType == 1 ? Dimension.TEMPERATURE : null;
            if (unit.isEmpty()) {
                return byType;
            }
            Dimension byUnit = Units.parse(unit, Dimension.TEMPERATURE).isPresent() ? Dimension.TEMPERATURE
                    : Units.parse(unit, Dimension.VOLTAGE).isPresent() ? Dimension.VOLTAGE : null;
            if (byUnit == null || byType != null && byType != byUnit) {
                return null;
            }
            return byUnit;
        }

        private void stream() throws IOException {
            where = "table " + NORMAL;
            EnumSet<Quantity> q = EnumSet.of(Quantity.RECORD_INDEX, Quantity.TEST_TIME, Quantity.VOLTAGE, Quantity.CURRENT);
            if (nDateTime != null) {
                q.add(Quantity.UNIX_TIME);
            }
            if (nStepTime != null) {
                q.add(Quantity.STEP_TIME);
            }
            if (nStep != null) {
                q.add(Quantity.STEP_INDEX);
            }
            if (nCycle != null) {
                q.add(Quantity.CYCLE_COUNT);
            }
            for (Quantity t : accTarget) {
                if (t != null) {
                    q.add(t);
                }
            }
            if (hasIr) {
                q.add(Quantity.INTERNAL_RESISTANCE);
            }
            for (AuxChannel ch : channels) {
                q.add(ch.quantity());
            }
            AuxMerge merge = aux == null ? null : new AuxMerge(cursor(aux, auxIndex));

            BatchWriter w = new BatchWriter(q, sink, md);
            RowOrder order = new RowOrder();
            Cursor c = cursor(normal, normalIndex);
            while (nextRow(c, nTestId, order.rows + 1)) {
                long dp = order.next(c.getCurrentRowValue(nDataPoint));
                w.startRow();
                w.set(Quantity.RECORD_INDEX, dp);
                w.set(Quantity.TEST_TIME, num(c.getCurrentRowValue(nTestTime)));
                w.set(Quantity.VOLTAGE, num(c.getCurrentRowValue(nVoltage)));
                w.set(Quantity.CURRENT, num(c.getCurrentRowValue(nCurrent)));
                if (nStepTime != null) {
                    w.set(Quantity.STEP_TIME, num(c.getCurrentRowValue(nStepTime)));
                }
                if (nStep != null) {
                    w.set(Quantity.STEP_INDEX, num(c.getCurrentRowValue(nStep)));
                }
                if (nCycle != null) {
                    w.set(Quantity.CYCLE_COUNT, num(c.getCurrentRowValue(nCycle)));
                }
                for (int a = 0; a < accTarget.length; a++) {
                    if (accTarget[a] != null) {
                        w.set(accTarget[a], num(c.getCurrentRowValue(nAcc[a])));
                    }
                }
                if (hasIr) {
                    double ir = num(c.getCurrentRowValue(nIr));
                    w.set(Quantity.INTERNAL_RESISTANCE, ir == 0 ? Double.NaN : ir); // Arbin writes 0 where nothing was measured
                }
                if (nDateTime != null) {
                    double days = num(c.getCurrentRowValue(nDateTime));
                    if (checkDate(days, order, dp)) {
                        w.setEpochNanos(clock.toEpochNanos(days));
                    }
                }
                if (merge != null) {
                    merge.fill(w, dp);
                    where = "table " + NORMAL;
                }
            }
            if (order.rows != scannedRows) {
                throw new InputException(name, "table " + NORMAL, "the test's row count changed between passes ("
                        + scannedRows + " then " + order.rows + "): damaged index");
            }
            if (merge != null) {
                merge.finish();
            }
            where = "end of data";
            w.finish();
        }

        /** Joins Auxiliary_Table rows to the normal records by Data_Point; both come in Data_Point order. */
        private final class AuxMerge {
            final Cursor cursor;
            long rows;
            long orphans;
            long dp = Long.MIN_VALUE;

            AuxMerge(Cursor cursor) throws IOException {
                this.cursor = cursor;
                advance();
            }

            private void advance() throws IOException {
                where = "table " + AUX;
                if (!nextRow(cursor, aTestId, rows + 1)) {
                    dp = Long.MAX_VALUE;
                    return;
                }
                rows++;
                long next = longOf(cursor.getCurrentRowValue(aDataPoint), "Data_Point", rows);
                if (next < dp) {
                    throw new InputException(name, "table " + AUX + " row " + rows, "Data_Point " + next + " after " + dp
                            + ": rows are not in Data_Point order" + (auxIndex == null ? " and the table has no Data_Point index" : ""));
                }
                dp = next;
            }

            void fill(BatchWriter w, long recordDp) throws IOException {
                while (dp < recordDp) {
                    orphans++;
                    advance();
                }
                while (dp == recordDp) {
                    if (cursor.getCurrentRowValue(aIndex) instanceof Number i && cursor.getCurrentRowValue(aType) instanceof Number t) {
                        int idx = i.intValue();
                        int type = t.intValue();
                        for (AuxChannel ch : channels) {
                            if (ch.auxIndex() == idx && ch.dataType() == type) {
                                double x = num(cursor.getCurrentRowValue(aX));
                                w.set(ch.quantity(), Double.isNaN(x) ? x : ch.unit().toSi(x));
                                break;
                            }
                        }
                    }
                    advance();
                }
            }

            void finish() throws IOException {
                while (dp != Long.MAX_VALUE) {
                    orphans++;
                    advance();
                }
                if (orphans > 0) {
                    md.warn(AUX + " holds " + orphans + " rows whose Data_Point has no " + NORMAL + " record: not read");
                }
            }
        }

        private long longOf(Object v, String column, long row) {
            if (v instanceof Number n) {
                double d = n.doubleValue();
                if (d == Math.rint(d) && Math.abs(d) < 9e15) {
                    return n.longValue();
                }
            }
            throw new InputException(name, where + " row " + row, column + " is " + (v == null ? "empty" : "'" + v + "'")
                    + ", not a whole number");
        }

        private static double num(Object v) {
            return v instanceof Number n ? n.doubleValue() : Double.NaN;
        }

        private static boolean same(double a, double b) {
            return a == b || Double.isNaN(a) && Double.isNaN(b);
        }

        /** Checks that Data_Point strictly increases: repeated or backward records mean a damaged or unordered table. */
        private final class RowOrder {
            long rows;
            long previous = Long.MIN_VALUE;

            long next(Object dataPoint) {
                rows++;
                long dp = longOf(dataPoint, "Data_Point", rows);
                if (dp <= previous) {
                    throw new InputException(name, where(dp), "Data_Point " + dp + " after " + previous
                            + ": records are not in Data_Point order"
                            + (normalIndex == null ? " and the table has no (Test_ID, Data_Point) index" : " (damaged index)"));
                }
                previous = dp;
                return dp;
            }

            String where(long dp) {
                return "record " + rows + " (Data_Point " + dp + ")";
            }
        }
    }
}
