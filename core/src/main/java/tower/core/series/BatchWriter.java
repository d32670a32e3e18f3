package tower.core.series;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Row-at-a-time front end for readers: fills a {@link Batch} and passes it to the sink whenever it is full.
 * Allocates nothing per row. Every batch passes the {@link ValueGuard} before the sink sees it, so no reader can
 * hand on a non-finite or physically absurd value.
 */
public final class BatchWriter {
    /** The rows being written; made at the first row (a writer that only passes whole batches on needs none). */
    private Batch batch;
    private final Set<Quantity> columns;
    private final int capacity;
    private boolean handOff;
    private final RecordSink sink;
    private final TestMetadata metadata;
    private int row = -1;
    private long rows;
    private boolean begun;
    private ValueGuard guard;

    public BatchWriter(Set<Quantity> columns, RecordSink sink, TestMetadata metadata) {
        this(columns, sink, metadata, Batch.DEFAULT_CAPACITY);
    }

    public BatchWriter(Set<Quantity> columns, RecordSink sink, TestMetadata metadata, int capacity) {
        this.columns = Collections.unmodifiableSet(columns.isEmpty() ? EnumSet.noneOf(Quantity.class) : EnumSet.copyOf(columns));
        this.capacity = capacity;
        this.sink = sink;
        this.metadata = metadata;
        this.guard = new ValueGuard(metadata.sourcePath().isEmpty() ? metadata.sourceName() : metadata.sourcePath());
    }

    public Set<Quantity> columns() {
        return columns;
    }

    public boolean has(Quantity q) {
        return columns.contains(q);
    }

    /** The metadata of the test being written (for warnings found while reading rows). */
    public TestMetadata metadata() {
        return metadata;
    }

    /** Starts a row; every column is missing until set. */
    public void startRow() {
        if (!begun) {
            sink.begin(columns, metadata);
            begun = true;
        }
        if (batch == null) {
            batch = new Batch(columns, capacity);
        } else if (batch.isFull()) {
            flush();
        }
        row = batch.addRow();
        rows++;
    }

    public void set(Quantity q, double value) {
        batch.set(q, row, value);
    }

    public void setEpochNanos(long nanos) {
        batch.setEpochNanos(row, nanos);
    }

    public void setStepType(StepType type) {
        batch.setStepType(row, type);
    }

    /**
     * Passes a whole batch of rows (with the same columns) straight to the sink, after the rows written so far:
     * for readers that parse chunks in parallel and deliver them in order.
     */
    public void writeBatch(Batch rowsBatch) {
        if (!rowsBatch.columns().equals(columns)) {
            throw new IllegalArgumentException("batch columns differ from the writer's");
        }
        if (!begun) {
            sink.begin(columns, metadata);
            begun = true;
        }
        flush();
        if (rowsBatch.size() > 0) {
            if (guard != null) {
                guard.check(rowsBatch, rows + 1);
            }
            sink.accept(rowsBatch);
            rows += rowsBatch.size();
        }
    }

    public long rows() {
        return rows;
    }

    /**
     * Gives each full batch away instead of reusing it: the sink may keep it (for parsers that collect batches on
     * one thread and deliver them on another).
     */
    public BatchWriter handOff() {
        handOff = true;
        guard = null; // the batches are checked by the writer that finally delivers them (writeBatch)
        return this;
    }

    private void flush() {
        if (batch != null && batch.size() > 0) {
            if (guard != null) {
                guard.check(batch, rows - batch.size() + 1);
            }
            sink.accept(batch);
            if (handOff) {
                batch = new Batch(columns, capacity);
            } else {
                batch.clear();
            }
        }
    }

    /** Passes the last rows on and ends the stream. */
    public void finish() {
        if (!begun) {
            sink.begin(columns, metadata);
            begun = true;
        }
        flush();
        if (guard != null) {
            guard.finish(metadata);
        }
        metadata.setRows(rows);
        sink.end(metadata);
    }
}
