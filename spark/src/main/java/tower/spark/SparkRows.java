package tower.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import tower.core.series.Batch;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.StepType;
import tower.core.series.TestMetadata;

/**
 * A stream as Spark rows in BDF Parquet form (BDF labels, {@code Unix Time / s} as double seconds, step types as
 * their labels, missing values null), with a leading {@code test_id}: for writing generated archives.
 */
public final class SparkRows implements RecordSink {
    private final String testId;
    private final Quantity[] columns;
    private final List<Row> rows;

    public SparkRows(String testId, Set<Quantity> columns, List<Row> rows) {
        this.testId = testId;
        this.columns = columns.toArray(new Quantity[0]);
        this.rows = rows;
    }

    public static StructType schema(Set<Quantity> columns) {
        List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField("test_id", DataTypes.StringType, false));
        for (Quantity q : columns) {
            DataType t = q.kind() == Quantity.Kind.STEP_TYPE ? DataTypes.StringType : DataTypes.DoubleType;
            f.add(DataTypes.createStructField(q.label(), t, true));
        }
        return DataTypes.createStructType(f);
    }

    @Override
    public void begin(Set<Quantity> cols, TestMetadata metadata) {
        if (!cols.equals(Set.of(columns))) {
            throw new IllegalArgumentException("stream columns " + cols + " differ from " + List.of(columns));
        }
    }

    @Override
    public void accept(Batch b) {
        for (int r = 0; r < b.size(); r++) {
            Object[] v = new Object[columns.length + 1];
            v[0] = testId;
            for (int k = 0; k < columns.length; k++) {
                Quantity q = columns[k];
                v[k + 1] = switch (q.kind()) {
                    case REAL, INTEGER -> Double.isNaN(b.column(q)[r]) ? null : b.column(q)[r];
                    case EPOCH -> b.epochNanos()[r] == Batch.NO_TIME ? null : b.epochNanos()[r] / 1e9;
                    case STEP_TYPE -> b.stepTypes()[r] < 0 ? null : StepType.ofOrdinal(b.stepTypes()[r]).label();
                };
            }
            rows.add(RowFactory.create(v));
        }
    }

    @Override
    public void end(TestMetadata metadata) {
    }
}
