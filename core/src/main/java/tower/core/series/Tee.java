package tower.core.series;

import java.util.List;
import java.util.Set;

/** Passes one stream to several sinks, in order. */
public record Tee(List<RecordSink> sinks) implements RecordSink {
    public static Tee of(RecordSink... sinks) {
        return new Tee(List.of(sinks));
    }

    @Override
    public void begin(Set<Quantity> columns, TestMetadata metadata) {
        for (RecordSink s : sinks) {
            s.begin(columns, metadata);
        }
    }

    @Override
    public void accept(Batch batch) {
        for (RecordSink s : sinks) {
            s.accept(batch);
        }
    }

    @Override
    public void end(TestMetadata metadata) {
        for (RecordSink s : sinks) {
            s.end(metadata);
        }
    }
}
