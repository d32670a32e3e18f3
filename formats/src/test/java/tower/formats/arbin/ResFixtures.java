package tower.formats.arbin;

import com.healthmarketscience.jackcess.ColumnBuilder;
import com.healthmarketscience.jackcess.DataType;
import com.healthmarketscience.jackcess.Database;
import com.healthmarketscience.jackcess.DatabaseBuilder;
import com.healthmarketscience.jackcess.IndexBuilder;
import com.healthmarketscience.jackcess.Table;
import com.healthmarketscience.jackcess.TableBuilder;
import java.io.IOException;
import java.nio.file.Path;

/** Small synthetic Access databases in the .res layout, written with Jackcess. */
final class ResFixtures {
    private ResFixtures() {
    }

    static Path accessWithout(Path file) throws IOException {
        try (Database db = DatabaseBuilder.create(Database.FileFormat.V2003, file.toFile())) {
            Table t = new TableBuilder("Customers")
                    .addColumn(new ColumnBuilder("Id", DataType.LONG))
                    .addColumn(new ColumnBuilder("Name", DataType.TEXT))
                    .toTable(db);
            t.addRow(1, "x");
        }
        return file;
    }

    private static Table normalTable(Database db, boolean indexed) throws IOException {
        TableBuilder b = new TableBuilder("Channel_Normal_Table")
                .addColumn(new ColumnBuilder("Test_ID", DataType.LONG))
                .addColumn(new ColumnBuilder("Data_Point", DataType.LONG))
                .addColumn(new ColumnBuilder("Test_Time", DataType.DOUBLE))
                .addColumn(new ColumnBuilder("Step_Index", DataType.INT))
                .addColumn(new ColumnBuilder("Cycle_Index", DataType.INT))
                .addColumn(new ColumnBuilder("Current", DataType.FLOAT))
                .addColumn(new ColumnBuilder("Voltage", DataType.DOUBLE))
                .addColumn(new ColumnBuilder("Charge_Capacity", DataType.DOUBLE))
                .addColumn(new ColumnBuilder("Discharge_Capacity", DataType.DOUBLE))
                .addColumn(new ColumnBuilder("Internal_Resistance", DataType.FLOAT));
        if (indexed) {
            b.addIndex(new IndexBuilder(IndexBuilder.PRIMARY_KEY_NAME).addColumns("Test_ID", "Data_Point").setPrimaryKey());
        }
        return b.toTable(db);
    }

    private static void globalTable(Database db, int... ids) throws IOException {
        Table g = new TableBuilder("Global_Table")
                .addColumn(new ColumnBuilder("Test_ID", DataType.LONG))
                .addColumn(new ColumnBuilder("Test_Name", DataType.TEXT))
                .addColumn(new ColumnBuilder("Start_DateTime", DataType.DOUBLE))
                .addIndex(new IndexBuilder(IndexBuilder.PRIMARY_KEY_NAME).addColumns("Test_ID").setPrimaryKey())
                .toTable(db);
        for (int id : ids) {
            g.addRow(id, "test " + id, 44000.5);
        }
    }

    /** Two tests; test 1's rows are stored after test 2's and in reverse order, so only the index orders them. */
    static Path twoTests(Path file) throws IOException {
        try (Database db = DatabaseBuilder.create(Database.FileFormat.V2003, file.toFile())) {
            globalTable(db, 2, 1);
            Table t = normalTable(db, true);
            for (int dp = 1; dp <= 3; dp++) {
                t.addRow(2, dp, dp * 10.0, 1, 1, 1.0f, 4.0, 0.0, 0.0, 0.0f);
            }
            double[] qc = {0, 0.1, 0.2, 0.3, 0.3, 0.3};
            double[] qd = {0, 0, 0, 0, 0.1, 0.2};
            int[] cycle = {1, 1, 1, 1, 2, 2};
            for (int dp = 6; dp >= 1; dp--) {
                int i = dp - 1;
                t.addRow(1, dp, dp * 10.0, cycle[i], cycle[i], i < 4 ? 1.0f : -1.0f, 3.0 + i / 10.0, qc[i], qd[i], 0.0f);
            }
        }
        return file;
    }

    /** Charge capacity resets inside a cycle (at a step change). */
    static Path stepResets(Path file) throws IOException {
        try (Database db = DatabaseBuilder.create(Database.FileFormat.V2003, file.toFile())) {
            globalTable(db, 1);
            Table t = normalTable(db, true);
            double[] qc = {0, 0.1, 0.2, 0, 0.1};
            int[] step = {1, 1, 1, 2, 2};
            for (int i = 0; i < qc.length; i++) {
                t.addRow(1, i + 1, i * 10.0, step[i], 1, 1.0f, 3.5, qc[i], 0.0, 0.0f);
            }
        }
        return file;
    }

    /** No index and records stored out of Data_Point order. */
    static Path unordered(Path file) throws IOException {
        try (Database db = DatabaseBuilder.create(Database.FileFormat.V2003, file.toFile())) {
            globalTable(db, 1);
            Table t = normalTable(db, false);
            for (int dp : new int[]{2, 1, 3}) {
                t.addRow(1, dp, dp * 10.0, 1, 1, 1.0f, 3.5, 0.0, 0.0, 0.0f);
            }
        }
        return file;
    }
}
