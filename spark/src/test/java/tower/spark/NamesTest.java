package tower.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.RecordComponent;
import java.util.List;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import tower.core.analysis.EarlyLifeFeatures;
import tower.core.analysis.FadeResult;
import tower.core.cycling.CycleSummary;

/** Column names and test ids, without a Spark session. */
class NamesTest {
    @Test
    void columnNamesAreTheCliJsonNames() {
        var jackson = new PropertyNamingStrategies.SnakeCaseStrategy();
        for (Class<? extends Record> type : List.of(CycleSummary.class, FadeResult.class, EarlyLifeFeatures.class, FleetRow.class)) {
            StructType schema = RecordRows.schema(type);
            RecordComponent[] comps = type.getRecordComponents();
            assertThat(schema.fieldNames()).hasSize(comps.length);
            for (int i = 0; i < comps.length; i++) {
                assertThat(schema.fieldNames()[i]).isEqualTo(jackson.translate(comps[i].getName()));
            }
        }
        assertThat(RecordRows.snake("dvdqVPerAh")).isEqualTo(jackson.translate("dvdqVPerAh"));
        assertThat(Outputs.CYCLE_SCHEMA.fieldNames()).contains("start_test_time_s", "coulombic_difference_ah", "capacity_loss_ah");
    }

    @Test
    void testIdsComeFromTheDatasetLayoutOrTheRelativePath() {
        List<String> roots = List.of("/data/export/samples");
        assertThat(FleetJob.testIdOf("file:/data/export/samples/test_id=t-0a1b/part-0.parquet", roots)).isEqualTo("t-0a1b");
        assertThat(FleetJob.testIdOf("/data/export/samples/test_id=lab%2Fcell%201.nda/part-00000.parquet", roots))
                .isEqualTo("lab/cell 1.nda");
        assertThat(FleetJob.testIdOf("/data/export/samples/batch-2/cell-7.parquet", roots)).isEqualTo("batch-2/cell-7");
        assertThat(FleetJob.testIdOf("/elsewhere/one.parquet", List.of("/elsewhere/one.parquet"))).isEqualTo("one");
        assertThat(FleetJob.relative("/lab/archive/2024/a.res", "/lab/archive")).isEqualTo("2024/a.res");
        assertThat(FleetJob.relative("/lab/archive/a.res", "/lab/archive/a.res")).isEqualTo("a.res");
    }
}
