package tower.pipeline.read;

import java.util.Set;
import tower.core.series.Batch;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;

/** Small sinks the pipeline needs. */
public final class Sinks {
    private Sinks() {
    }

    /** A sink that keeps nothing (when only the summary is wanted). */
    public static final RecordSink DISCARD = new RecordSink() {
        @Override
        public void begin(Set<Quantity> columns, TestMetadata metadata) {
        }

        @Override
        public void accept(Batch batch) {
        }

        @Override
        public void end(TestMetadata metadata) {
        }
    };

    /** Passes the stream on and remembers the last metadata it saw (the reader's, with its warnings). */
    public static final class MetadataCapture implements RecordSink {
        private final RecordSink next;
        private TestMetadata metadata = new TestMetadata();

        public MetadataCapture(RecordSink next) {
            this.next = next;
        }

        @Override
        public void begin(Set<Quantity> columns, TestMetadata md) {
            metadata = md;
            next.begin(columns, md);
        }

        @Override
        public void accept(Batch batch) {
            next.accept(batch);
        }

        @Override
        public void end(TestMetadata md) {
            metadata = md;
            next.end(md);
        }

        public TestMetadata metadata() {
            return metadata;
        }
    }
}
