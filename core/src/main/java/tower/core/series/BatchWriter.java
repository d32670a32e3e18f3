package tower.core.series;

import java.util.Set;

/**
 * Row-at-a-time front end for readers: fills a {@link Batch} and passes it to the sink whenever it is full.
 * Allocates nothing per row.
 */
public final class BatchWriter {
    private final Batch batch;
    private final RecordSink sink;
    private final TestMetadata metadata;
    private int row = -1;
    private long rows;
    private boolean begun;

    public BatchWriter(Set<Quantity> columns, RecordSink sink, TestMetadata metadata) {
        this(columns, sink, metadata, Batch.DEFAULT_CAPACITY);
    }

    public BatchWriter(Set<Quantity> columns, RecordSink sink, TestMetadata metadata, int capacity) {
        this.batch = new Batch(columns, capacity);
        this.sink = sink;
        this.metadata = metadata;
    }

    public Set<Quantity> columns() {
        return batch.columns();
    }

    public boolean has(Quantity q) {
        return batch.has(q);
    }

    /** The metadata of the test being written (for warnings found while reading rows). */
    public TestMetadata metadata() {
        return metadata;
    }

    /** Starts a row; every column is missing until set. */
    public void startRow() {
        if (!begun) {
            sink.begin(batch.columns(), metadata);
            begun = true;
        }
        if (batch.isFull()) {
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

    public long rows() {
        return rows;
    }

    private void flush() {
        if (batch.size() > 0) {
            sink.accept(batch);
            batch.clear();
        }
    }

    /** Passes the last rows on and ends the stream. */
    public void finish() {
        if (!begun) {
            sink.begin(batch.columns(), metadata);
            begun = true;
        }
        flush();
        metadata.setRows(rows);
        sink.end(metadata);
    }
}
