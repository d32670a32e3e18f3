package tower.core.series;

/**
 * Receives a time series chunk by chunk. Readers call {@link #begin} once with the columns they will fill,
 * {@link #accept} for every full (or final) batch, and {@link #end} once at the end of a successful read.
 */
public interface RecordSink {
    void begin(java.util.Set<Quantity> columns, TestMetadata metadata);

    /** The batch is reused after this call returns: copy what you keep. */
    void accept(Batch batch);

    void end(TestMetadata metadata);
}
