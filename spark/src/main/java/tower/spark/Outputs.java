package tower.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import tower.core.analysis.EarlyLifeFeatures;
import tower.core.analysis.FadeResult;
import tower.core.analysis.SohPoint;
import tower.core.cycling.CycleSummary;

/**
 * The executors' output: one wide row type with a {@code kind} and one struct per kind, so that one pass over the
 * input feeds every table; the driver splits it by kind.
 */
public final class Outputs {
    private Outputs() {
    }

    public static final String CYCLE = "cycle";
    public static final String ANALYSIS = "analysis";
    public static final String FEATURES = "features";
    public static final String FLEET = "fleet";
    public static final String ERROR = "error";
    public static final String MANIFEST = "manifest";
    /** A test whose hash and options match the manifest: nothing was computed. */
    public static final String UNCHANGED = "unchanged";

    /** {@code tower cycles --json}'s per-cycle fields (the core's summary, differences of definitions §7 included). */
    public static final StructType CYCLE_SCHEMA = RecordRows.schema(CycleSummary.class);

    public static final StructType SCHEMA = new StructType(new StructField[]{
            DataTypes.createStructField("test_id", DataTypes.StringType, false),
            DataTypes.createStructField("kind", DataTypes.StringType, false),
            DataTypes.createStructField(CYCLE, CYCLE_SCHEMA, true),
            DataTypes.createStructField(ANALYSIS, RecordRows.schema(FadeResult.class), true),
            DataTypes.createStructField(FEATURES, RecordRows.schema(EarlyLifeFeatures.class), true),
            DataTypes.createStructField(FLEET, RecordRows.schema(FleetRow.class), true),
            DataTypes.createStructField(ERROR, RecordRows.schema(ErrorRow.class), true),
            DataTypes.createStructField(MANIFEST, RecordRows.schema(ManifestRow.class), true)});

    private static Row of(String testId, String kind, int slot, Row value) {
        Object[] v = new Object[8];
        v[0] = testId;
        v[1] = kind;
        if (value != null) {
            v[slot] = value;
        }
        return RowFactory.create(v);
    }

    public static List<Row> results(String testId, String source, String hash, String options, TestAnalysis.Result r) {
        List<Row> out = new ArrayList<>();
        for (CycleSummary c : r.loaded().cycles().cycles()) {
            out.add(of(testId, CYCLE, 2, RecordRows.row(c))); // same code as tower cycles: no formula of its own
        }
        out.add(of(testId, ANALYSIS, 3, RecordRows.row(r.fade())));
        out.add(of(testId, FEATURES, 4, RecordRows.row(r.features())));
        out.add(of(testId, FLEET, 5, RecordRows.row(fleet(source, hash, r))));
        out.add(of(testId, MANIFEST, 7, RecordRows.row(new ManifestRow(source, hash, options, "ok"))));
        return out;
    }

    public static List<Row> error(String testId, String source, String hash, String options, String stage, Throwable e) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
        return List.of(of(testId, ERROR, 6, RecordRows.row(new ErrorRow(source, stage, message))),
                of(testId, MANIFEST, 7, RecordRows.row(new ManifestRow(source, hash, options, "error"))));
    }

    public static Row unchanged(String testId) {
        return of(testId, UNCHANGED, 0, null);
    }

    static FleetRow fleet(String source, String hash, TestAnalysis.Result r) {
        FadeResult f = r.fade();
        EarlyLifeFeatures e = r.features();
        List<SohPoint> soh = f.soh();
        var md = r.loaded().metadata();
        var table = r.loaded().cycles();
        return new FleetRow(source, r.loaded().format(), hash, md.rows(), table.cycles().size(), e.regularCycles(),
                soh.isEmpty() ? Double.NaN : soh.get(soh.size() - 1).soh(), f.eolCycle(), f.censoredAt(),
                f.kneeCycle(), f.kneeOnsetCycle(), f.fadeRateAhPerCycle(), f.referenceCapacityAh(), e.cycleLife(),
                table.cycleRule(), table.ceConvention(), md.timezone().map(Object::toString),
                List.copyOf(md.flags()), md.warnings());
    }
}
