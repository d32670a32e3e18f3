package tower.formats.text;

import java.util.EnumSet;
import java.util.Set;
import tower.core.series.Batch;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;

/**
 * Parses a block of whole lines column by column, as a vectorised scanner does: a first pass finds the fields of up
 * to {@link #CHUNK} lines, then each bound column is parsed down those lines in one tight loop (a plain number column
 * straight into the batch's array). Each loop does one kind of work on one kind of text, so it runs fast and the JIT
 * compiles it small and early; the row-by-row path keeps a scratch row, a call per field and a copy per value.
 *
 * <p>Only for tables without a row hook whose bindings fill distinct columns ({@link #suits}). A chunk the fast pass
 * cannot take as it is (a field count the table refuses, a value that does not parse, the cut last line of a file)
 * goes through {@link TableReader#processLine} instead, so errors, warnings and values are exactly those of the
 * row-by-row path.
 */
final class BlockParser {
    /** Lines per chunk: their text and field offsets stay in the core's cache while the columns are parsed. */
    static final int CHUNK = 1024;

    private final TableReader table;
    private final byte separator;
    private final boolean decimalComma;
    /** The bound columns: their index in the line, binding, and for plain numbers the row slot, scale and offset. */
    private final int[] column;
    /** The inverse of {@link #column}: per column of the line, its bound index, or −1. */
    private final int[] slotOfColumn;
    private final Binding[] binding;
    private final int[] plainSlot;
    private final double[] scale;
    private final double[] offset;
    /** Field offsets of the chunk's lines, column-major ({@code [k * CHUNK + row]}); start −1: the line ends before. */
    private final int[] starts;
    private final int[] ends;
    private final Numbers numbers = new Numbers();
    private final Row row = new Row();
    private final double[] discard = new double[CHUNK];

    private BlockParser(TableReader table) {
        this.table = table;
        this.separator = table.separator();
        this.decimalComma = table.decimalComma();
        Binding[] all = table.bindings();
        int n = 0;
        for (Binding b : all) {
            if (b != null) {
                n++;
            }
        }
        column = new int[n];
        binding = new Binding[n];
        plainSlot = new int[n];
        scale = new double[n];
        offset = new double[n];
        for (int c = 0, k = 0; c < all.length; c++) {
            if (all[c] == null) {
                continue;
            }
            column[k] = c;
            binding[k] = all[c];
            plainSlot[k] = -1;
            if (all[c] instanceof Bindings.PlainNumber p) {
                plainSlot[k] = p.quantity.ordinal();
                scale[k] = p.scale;
                offset[k] = p.offset;
            }
            k++;
        }
        slotOfColumn = new int[all.length];
        java.util.Arrays.fill(slotOfColumn, -1);
        for (int k = 0; k < n; k++) {
            slotOfColumn[column[k]] = k;
        }
        starts = new int[n * CHUNK];
        ends = new int[n * CHUNK];
    }

    /** A block parser for {@code table}, if its lines can be parsed column by column. */
    static java.util.Optional<BlockParser> of(TableReader table) {
        return suits(table) ? java.util.Optional.of(new BlockParser(table)) : java.util.Optional.empty();
    }

    /**
     * True when no row hook finishes rows and each binding fills at most one column, no two the same: then a
     * column's values do not depend on the other columns of their line.
     */
    static boolean suits(TableReader table) {
        if (table.hasHook()) {
            return false;
        }
        EnumSet<Quantity> seen = EnumSet.noneOf(Quantity.class);
        for (Binding b : table.bindings()) {
            if (b != null) {
                if (b.produces().size() > 1) {
                    return false;
                }
                for (Quantity q : b.produces()) {
                    if (!seen.add(q)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * Parses the lines of {@code data[0, length)} (each ending in LF; {@code lastUnterminated}: the last one had no
     * line end in the file) into {@code out} and returns the number of lines; line numbers in errors count from the
     * block's start. Batches are taken from {@code spare} when it has one (cleared, with these columns).
     */
    long parse(byte[] data, int length, boolean lastUnterminated, BatchWriter out, java.util.Queue<Batch> spare) {
        Set<Quantity> columns = out.columns();
        Batch batch = null;
        lines = 0;
        int s = 0;
        while (s < length) {
            int chunkStart = s;
            long chunkLine = lines;
            int rows = split(data, s, length, lastUnterminated);
            s = next;
            boolean rowByRow = refused;
            if (!rowByRow && rows > 0) {
                if (batch == null) {
                    batch = spare.poll(); // one the consumer is done with, else a new one
                    if (batch == null || batch.capacity() != Batch.DEFAULT_CAPACITY || !batch.columns().equals(columns)) {
                        batch = new Batch(columns, Batch.DEFAULT_CAPACITY);
                    }
                }
                int first = batch.addRows(rows);
                if (fill(data, rows, batch, first)) {
                    table.rememberLine(data, lastRowStart, lastRowEnd);
                    if (batch.capacity() - batch.size() < CHUNK) {
                        out.writeBatch(batch);
                        batch = null;
                    }
                } else {
                    batch.truncate(first);
                    rowByRow = true;
                }
            }
            if (rowByRow) {
                if (batch != null) {
                    out.writeBatch(batch);
                    batch = null;
                }
                rowByRow(data, chunkStart, s, chunkLine, lastUnterminated, length, out);
            }
        }
        if (batch != null) {
            out.writeBatch(batch);
        }
        return lines;
    }

    // What split found besides the rows: where the chunk ends, lines so far, whether its last line is refused, and
    // the last row's extent.
    private int next;
    private long lines;
    private boolean refused;
    private int lastRowStart;
    private int lastRowEnd;

    /**
     * Finds the fields of up to {@link #CHUNK} lines from {@code data[s]} and returns how many rows they hold (blank
     * lines hold none). Stops after a line the fast pass cannot take ({@link #refused}).
     */
    private int split(byte[] data, int s, int length, boolean lastUnterminated) {
        int rows = 0;
        refused = false;
        while (s < length && rows < CHUNK) {
            int n = scan(data, s, length, rows);
            int i = lineEnd; // the line's LF
            lines++;
            int e = i > s && data[i - 1] == '\r' ? i - 1 : i;
            if (n < 0 || (lastUnterminated && i == length - 1)) {
                // a quote (fields that may hold separators), or the cut-last-line check, which compares it with
                // the line above: the row path
                refused = true;
                s = i + 1;
                break;
            }
            if (!TableReader.isBlank(data, s, e)) {
                if (!table.fieldCountFits(n, lastFieldStart, lastFieldEnd, data)) {
                    refused = true;
                    s = i + 1;
                    break;
                }
                for (int k = column.length - 1; k >= 0 && column[k] >= n; k--) {
                    starts[k * CHUNK + rows] = -1; // the line ends before this column
                }
                rows++;
                lastRowStart = s;
                lastRowEnd = e;
            }
            s = i + 1;
        }
        next = s;
        return rows;
    }

    // scan's results besides the field count
    private int lineEnd;
    private int lastFieldStart;
    private int lastFieldEnd;

    /**
     * One pass over the line at {@code data[s]}: eight bytes per step, separators and the line end taken from one
     * mask; each bound column's field is recorded for row {@code row}. Returns the number of fields, or −1 when the
     * line has a double quote; {@link #lineEnd} is its LF (every block ends with one).
     */
    private int scan(byte[] data, int s, int length, int row) {
        long sepPattern = Fields.ONES * (separator & 0xFF);
        int[] slot = slotOfColumn;
        int field = 0;
        int start = s;
        int i = s;
        while (true) {
            long hits;
            int step;
            if (length - i >= 8) {
                long w = Words.le(data, i);
                if (Fields.equalBytes(w, Fields.QUOTES) != 0) {
                    lineEnd = Fields.next(data, i, length, (byte) '\n');
                    return -1;
                }
                hits = Fields.equalBytes(w, sepPattern) | Fields.equalBytes(w, NEWLINES);
                step = 8;
            } else {
                byte b = data[i];
                if (b == '"') {
                    lineEnd = Fields.next(data, i, length, (byte) '\n');
                    return -1;
                }
                hits = b == separator || b == '\n' ? 0x80 : 0;
                step = 1;
            }
            for (; hits != 0; hits &= hits - 1) {
                int at = i + (Long.numberOfTrailingZeros(hits) >>> 3);
                boolean end = data[at] == '\n';
                int fieldEnd = end && at > s && data[at - 1] == '\r' ? at - 1 : at;
                if (field < slot.length && slot[field] >= 0) {
                    int k = slot[field] * CHUNK + row;
                    starts[k] = start;
                    ends[k] = Math.max(start, fieldEnd);
                }
                if (end) {
                    lineEnd = at;
                    lastFieldStart = start;
                    lastFieldEnd = Math.max(start, fieldEnd);
                    return field + 1;
                }
                field++;
                start = at + 1;
            }
            i += step;
        }
    }

    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

    /** Parses every bound column of the chunk's {@code rows} lines into {@code batch} from row {@code first}. */
    private boolean fill(byte[] data, int rows, Batch batch, int first) {
        try {
            for (int k = 0; k < column.length; k++) {
                if (plainSlot[k] >= 0) {
                    Quantity q = Quantity.values()[plainSlot[k]];
                    double[] dst = batch.has(q) ? batch.column(q) : discard;
                    numbers(data, k * CHUNK, rows, dst, dst == discard ? 0 : first, scale[k], offset[k]);
                } else {
                    other(data, k, rows, batch, first);
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false; // the row-by-row pass says which line and column, as it always has
        }
    }

    /** One plain number column: text to SI in one loop. */
    private void numbers(byte[] data, int base, int rows, double[] dst, int first, double scale, double offset) {
        boolean dc = decimalComma;
        for (int r = 0; r < rows; r++) {
            int s = starts[base + r];
            dst[first + r] = s < 0 ? Double.NaN : numbers.parse(data, s, ends[base + r], dc) * scale + offset;
        }
    }

    /** Any other binding: its row slots are read back after each value. */
    private void other(byte[] data, int k, int rows, Batch batch, int first) {
        Binding b = binding[k];
        Set<Quantity> produces = b.produces();
        int base = k * CHUNK;
        for (Quantity q : produces) {
            if (!batch.has(q)) {
                continue;
            }
            switch (q.kind()) {
                case REAL, INTEGER -> {
                    double[] dst = batch.column(q);
                    int o = q.ordinal();
                    for (int r = 0; r < rows; r++) {
                        row.values[o] = Double.NaN;
                        parseInto(b, data, base + r);
                        dst[first + r] = row.values[o];
                    }
                }
                case EPOCH -> {
                    long[] dst = batch.epochNanos();
                    for (int r = 0; r < rows; r++) {
                        row.epochNanos = Batch.NO_TIME;
                        parseInto(b, data, base + r);
                        dst[first + r] = row.epochNanos;
                    }
                }
                case STEP_TYPE -> {
                    byte[] dst = batch.stepTypes();
                    for (int r = 0; r < rows; r++) {
                        row.stepType = -1;
                        parseInto(b, data, base + r);
                        if (row.stepType >= 0) {
                            dst[first + r] = (byte) row.stepType;
                        }
                    }
                }
            }
            return; // a binding fills at most one column (see suits)
        }
        for (int r = 0; r < rows; r++) {
            parseInto(b, data, base + r); // a column the output does not keep is still checked
        }
    }

    private void parseInto(Binding b, byte[] data, int at) {
        int s = starts[at];
        if (s >= 0) {
            b.parse(data, s, ends[at], row, numbers, decimalComma);
        }
    }

    /** The lines of {@code data[from, to)} through the row-by-row path (line numbers from {@code lineBefore} + 1). */
    private void rowByRow(byte[] data, int from, int to, long lineBefore, boolean lastUnterminated, int length,
                          BatchWriter out) {
        long line = lineBefore;
        int s = from;
        while (s < to) {
            int i = Fields.next(data, s, length, (byte) '\n');
            line++;
            int e = i > s && data[i - 1] == '\r' ? i - 1 : i;
            table.processLine(data, s, e, line, !(lastUnterminated && i == length - 1), out);
            s = i + 1;
        }
    }
}
