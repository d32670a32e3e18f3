package tower.formats.text;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import tower.core.ingest.InputException;
import tower.core.ingest.Progress;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;

/**
 * Reads the data lines of a delimited table into a {@link BatchWriter}: splits each line, lets each bound column
 * parse its field into a scratch {@link Row}, lets the format finish the row, and copies it out. Allocation-free per
 * record apart from what bindings choose to do.
 */
public final class TableReader {
    /** Format-specific completion of a parsed row; return false to skip the line (e.g. a summary line). */
    public interface RowHook {
        boolean finish(Row row, long line);
    }

    private final String file;
    private final byte separator;
    private final boolean decimalComma;
    private final Binding[] bindings;
    private final String[] names;
    private final RowHook hook;
    private int minFields;
    private int maxFields = Integer.MAX_VALUE;

    public TableReader(String file, byte separator, boolean decimalComma, Binding[] bindings, String[] names, RowHook hook) {
        this.file = file;
        this.separator = separator;
        this.decimalComma = decimalComma;
        this.bindings = bindings;
        this.names = names;
        this.hook = hook;
        for (int c = 0; c < bindings.length; c++) {
            if (bindings[c] != null) {
                minFields = c + 1;
            }
        }
    }

    /**
     * Refuses lines with more fields than the header has columns (one trailing empty field is allowed), so that a
     * stray separator cannot shift values into the wrong columns. Off by default.
     */
    public TableReader strictFieldCount() {
        maxFields = bindings.length;
        return this;
    }

    /**
     * Skips parsing the columns the caller does not need (empty {@code wanted} = all). Bindings that fill no
     * canonical column (e.g. a state code a row hook reads) are kept.
     */
    public TableReader project(Set<Quantity> wanted) {
        if (wanted.isEmpty()) {
            return this;
        }
        for (int c = 0; c < bindings.length; c++) {
            Binding b = bindings[c];
            // the record index stays: the time audit tells a repeated record from a distinct one by it
            if (b != null && !b.produces().isEmpty() && java.util.Collections.disjoint(b.produces(), wanted)
                    && !b.produces().contains(Quantity.RECORD_INDEX)) {
                bindings[c] = null;
            }
        }
        return this;
    }

    /** The canonical columns the bindings fill. */
    public Set<Quantity> produces() {
        EnumSet<Quantity> set = EnumSet.noneOf(Quantity.class);
        for (Binding b : bindings) {
            if (b != null) {
                set.addAll(b.produces());
            }
        }
        return set;
    }

    private final Fields fields = new Fields();
    private final Numbers numbers = new Numbers();
    private final Row row = new Row();
    private Quantity[] cols;
    /** Output columns by kind, as ordinals (computed once: no enum switch per value). */
    private int[] realCols;
    private boolean epochCol;
    private boolean stepTypeCol;
    /** The row slots to clear before each line: those bindings and output read, unless a hook may use others. */
    private int[] resetSlots;
    /** Per column: the row slot of a plain number binding, {@link #OTHER} for any other binding, {@link #NONE}. */
    private int[] plainSlot;
    private double[] plainScale;
    private double[] plainOffset;
    private static final int NONE = -2;
    private static final int OTHER = -1;
    private long written;
    private int previousFields;
    private int previousLastLength;

    /** Reads every remaining line of {@code lines}; blank lines are skipped. Returns the number of rows written. */
    public long readAll(LineReader lines, BatchWriter out, Progress progress) throws IOException {
        while (lines.next()) {
            process(lines, out, progress);
        }
        return written;
    }

    /** Like {@link #readAll} but starts with the line the reader is on (one the caller already peeked at). */
    public long readCurrentAndRest(LineReader lines, BatchWriter out, Progress progress) throws IOException {
        process(lines, out, progress);
        return readAll(lines, out, progress);
    }

    /**
     * Reads only the line the reader is on (for formats that interleave table lines with other lines, e.g. Neware's
     * nested export, or a line wrapped in quotes as a whole); blank lines are skipped. Returns true when a row was written.
     */
    public boolean readCurrent(LineReader lines, BatchWriter out, Progress progress) {
        long before = written;
        process(lines, out, progress);
        return written > before;
    }

    private void process(LineReader lines, BatchWriter out, Progress progress) {
        processLine(lines.buffer(), lines.start, lines.end, lines.lineNumber(), lines.terminated(), out);
        if (progress != null && (written & 0xFFF) == 0) {
            if (progress instanceof RowProgress rp) {
                rp.rows(written);
            }
            progress.update(lines.bytesRead());
        }
    }

    /**
     * Parses one line {@code buf[start, end)} (1-based line number {@code line}; {@code terminated} false for a last
     * line without a line end) into {@code out}.
     */
    void processLine(byte[] buf, int start, int end, long line, boolean terminated, BatchWriter out) {
        if (cols == null) {
            prepare(out);
        }
        if (isBlank(buf, start, end)) {
            return;
        }
        int n = fields.split(buf, start, end, separator);
        if (n < minFields) {
            throw InputException.atLine(file, line,
                    "expected " + bindings.length + " fields, found " + n + " (truncated or malformed line)");
        }
        if (n > maxFields && !(n == maxFields + 1 && fields.isBlank(n - 1))) {
            throw InputException.atLine(file, line,
                    "expected " + bindings.length + " fields, found " + n + " (stray separator or malformed line)");
        }
        if (!terminated && previousFields > 0 && looksCut(line, out, n)) {
            return;
        }
        previousFields = n;
        previousLastLength = trimmedLength(n - 1);
        if (resetSlots == null) {
            row.reset();
        } else {
            double[] v = row.values;
            for (int o : resetSlots) {
                v[o] = Double.NaN;
            }
            row.epochNanos = tower.core.series.Batch.NO_TIME;
            row.stepType = -1;
            row.code = 0;
            row.aux = Double.NaN;
        }
        double[] values = row.values;
        for (int c = 0, last = Math.min(bindings.length, n); c < last; c++) {
            int slot = plainSlot[c];
            if (slot == NONE) {
                continue;
            }
            try {
                if (slot >= 0) {
                    values[slot] = numbers.parse(buf, fields.start(c), fields.end(c), decimalComma) * plainScale[c]
                            + plainOffset[c];
                } else {
                    bindings[c].parse(buf, fields.start(c), fields.end(c), row, numbers, decimalComma);
                }
            } catch (RuntimeException e) {
                String value = new String(buf, fields.start(c), Math.min(40, fields.end(c) - fields.start(c)),
                        java.nio.charset.StandardCharsets.ISO_8859_1);
                throw new InputException(file, "line " + line,
                        "column '" + names[c] + "': cannot read '" + value.strip() + "'"
                                + (e instanceof Numbers.NotFinite ? " (not a finite number)"
                                : ownWords(e) ? " (" + e.getMessage() + ")" : ""), e);
            }
        }
        if (hook != null && !hook.finish(row, line)) {
            return;
        }
        out.startRow();
        double[] v = row.values;
        for (int o : realCols) {
            out.set(cols[o], v[o]);
        }
        if (epochCol) {
            out.setEpochNanos(row.epochNanos);
        }
        if (stepTypeCol && row.stepType >= 0) {
            out.setStepType(tower.core.series.StepType.ofOrdinal(row.stepType));
        }
        written++;
    }

    private void prepare(BatchWriter out) {
        Quantity[] all = Quantity.values();
        cols = all;
        plainSlot = new int[bindings.length];
        plainScale = new double[bindings.length];
        plainOffset = new double[bindings.length];
        for (int c = 0; c < bindings.length; c++) {
            if (bindings[c] == null) {
                plainSlot[c] = NONE;
            } else if (bindings[c] instanceof Bindings.PlainNumber p) {
                plainSlot[c] = p.quantity.ordinal();
                plainScale[c] = p.scale;
                plainOffset[c] = p.offset;
            } else {
                plainSlot[c] = OTHER;
            }
        }
        java.util.List<Integer> reals = new java.util.ArrayList<>();
        for (Quantity q : out.columns()) {
            switch (q.kind()) {
                case REAL, INTEGER -> reals.add(q.ordinal());
                case EPOCH -> epochCol = true;
                case STEP_TYPE -> stepTypeCol = true;
            }
        }
        realCols = reals.stream().mapToInt(Integer::intValue).toArray();
        if (hook == null) {
            // Without a hook only bindings write the row and only output columns are read from it.
            EnumSet<Quantity> slots = EnumSet.noneOf(Quantity.class);
            slots.addAll(produces());
            slots.addAll(out.columns());
            resetSlots = slots.stream().mapToInt(Quantity::ordinal).toArray();
        }
    }

    /**
     * A last line without a line end may be complete (some writers omit the final line end) or cut by a truncated
     * file. Fewer fields than the line before is a cut: refused. A last field shorter than the line before's may be
     * a number cut short, so the line is skipped with a warning rather than read as a wrong value.
     */
    private boolean looksCut(long line, BatchWriter out, int n) {
        if (n < previousFields) {
            throw InputException.atLine(file, line, "the file ends inside this line (" + n + " of "
                    + previousFields + " fields): it looks truncated");
        }
        if (trimmedLength(n - 1) < previousLastLength) {
            out.metadata().warn("the last line has no line end and its last field is "
                    + "shorter than the line before's: the file looks truncated, so the line was skipped");
            out.metadata().flag("truncated");
            return true;
        }
        return false;
    }

    private int trimmedLength(int i) {
        byte[] b = fields.buffer();
        int s = fields.start(i);
        int e = fields.end(i);
        s = Blanks.skip(b, s, e);
        e = Blanks.trimEnd(b, s, e);
        return e - s;
    }

    static boolean isBlank(byte[] b, int s, int e) {
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != ',' && c != ';') {
                return false;
            }
        }
        return true;
    }

    /**
     * True when a line of {@code n} fields, the last {@code buf[lastStart, lastEnd)}, has a field count
     * {@link #processLine} accepts.
     */
    boolean fieldCountFits(int n, int lastStart, int lastEnd, byte[] buf) {
        return n >= minFields && (n <= maxFields || (n == maxFields + 1 && Blanks.skip(buf, lastStart, lastEnd) == lastEnd));
    }

    /** Records the line {@code buf[start, end)} as the last one read (for the cut-last-line check of the next). */
    void rememberLine(byte[] buf, int start, int end) {
        previousFields = fields.split(buf, start, end, separator);
        previousLastLength = trimmedLength(previousFields - 1);
    }

    byte separator() {
        return separator;
    }

    boolean decimalComma() {
        return decimalComma;
    }

    /** The bindings by column (null: not read), as {@link #project} left them. */
    Binding[] bindings() {
        return bindings;
    }

    boolean hasHook() {
        return hook != null;
    }

    /** Our bindings' own IllegalArgumentExceptions are worded for users; library exceptions are not shown. */
    private static boolean ownWords(RuntimeException e) {
        return e.getClass() == IllegalArgumentException.class && e.getMessage() != null;
    }
}
