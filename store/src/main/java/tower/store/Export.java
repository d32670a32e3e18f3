package tower.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.duckdb.DuckDBConnection;
import tower.core.series.Quantity;
import tower.core.series.TestMetadata;

/**
 * Parquet out of the store (and out of {@link ParquetSink}): BDF-labelled, typed columns and key-value metadata
 * that says where the data came from. Files appear complete or not at all and follow the user's umask.
 */
final class Export {
    private Export() {
    }

    /** Key-value metadata of a stored test's Parquet file. */
    static Map<String, String> metadata(StoredTest t, Map<String, String> extra) {
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("tower.test_id", t.testId());
        kv.put("tower.source_file", t.fileName());
        kv.put("tower.source_sha256", t.contentHash());
        t.cellId().ifPresent(c -> kv.put("tower.cell", c));
        kv.put("tower.labels", Json.write(t.labels().toMap()));
        kv.putAll(streamMetadata(t.metadata(), t.columns()));
        kv.putAll(extra);
        return kv;
    }

    /** What a stream's metadata says: format, reader version, zone, flags and the unit of every column. */
    static Map<String, String> streamMetadata(TestMetadata md, Set<Quantity> columns) {
        Map<String, String> kv = new LinkedHashMap<>();
        if (md.sourceName() != null) {
            kv.putIfAbsent("tower.source_file", md.sourceName());
        }
        kv.put("tower.format", String.valueOf(md.format()));
        kv.put("tower.reader_version", String.valueOf(md.readerVersion()));
        md.timezone().ifPresent(z -> kv.put("tower.timezone", z.getId()));
        kv.put("tower.timezone_assumed", Boolean.toString(md.timezoneAssumed()));
        kv.put("tower.flags", Json.write(List.copyOf(md.flags())));
        Map<String, String> units = new LinkedHashMap<>();
        for (Quantity q : columns) {
            int slash = q.label().lastIndexOf(" / ");
            units.put(q.label(), slash < 0 ? "" : q.label().substring(slash + 3));
        }
        if (columns.contains(Quantity.UNIX_TIME)) {
            units.put(Columns.TIMESTAMP_LABEL, "UTC timestamp");
        }
        kv.put("tower.units", Json.write(units));
        return kv;
    }

    static void testToParquet(DuckDBConnection c, StoredTest t, Path target, Map<String, String> extra)
            throws SQLException, IOException {
        String select = "SELECT " + selectList(t.columns()) + " FROM " + SampleIngest.table(t.testId()) + " ORDER BY ord";
        copyAtomically(c, select, target, metadata(t, extra));
    }

    /**
     * Every test as a dataset in {@code dir} (absent or empty): {@code samples/test_id=<id>/part-0.parquet},
     * {@code tests.parquet} (the fields of {@code tower list --json}) and {@code cycles.parquet}.
     */
    static void dataset(DuckDBConnection c, List<StoredTest> tests, Path dir, Map<String, String> extra)
            throws SQLException, IOException {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(target)) {
                if (ds.iterator().hasNext()) {
                    throw new FileAlreadyExistsException(target.toString(), null, "the dataset directory is not empty");
                }
            }
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        // createDirectory, not createTempDirectory: that one is 0700 whatever the umask
        Path tmp = Files.createDirectory(parent.resolve("." + target.getFileName() + ".tmp-"
                + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime())));
        try {
            Set<Quantity> union = EnumSet.noneOf(Quantity.class);
            tests.forEach(t -> union.addAll(t.columns()));
            Path samples = Files.createDirectories(tmp.resolve("samples"));
            for (StoredTest t : tests) {
                Path part = Files.createDirectories(samples.resolve("test_id=" + t.testId())).resolve("part-0.parquet");
                copy(c, "SELECT " + selectList(union) + " FROM " + padded(t, union) + " ORDER BY ord", part,
                        metadata(t, extra));
            }
            copy(c, testsSelect(), tmp.resolve("tests.parquet"), extra);
            copy(c, "SELECT * FROM cycles ORDER BY test_id, cycle_index", tmp.resolve("cycles.parquet"), extra);
            Files.deleteIfExists(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(tmp);
        }
    }

    /** The tests table under the names of {@code tower list --json} (labels as columns, flags as a list). */
    static String testsSelect() {
        return "SELECT test_id AS id, file_name, format, row_count AS \"rows\", cycle_count AS cycles, cell_id AS cell,"
                + " ingested_at, reader_version, content_hash, timezone, timezone_assumed, start_time, cycle_rule,"
                + " CAST(json_extract(metadata, '$.flags') AS VARCHAR[]) AS flags,"
                + " CAST(json_extract(metadata, '$.warnings') AS VARCHAR[]) AS warnings,"
                + " CAST(json_extract(metadata, '$.labels.nominal_capacity_ah') AS DOUBLE) AS nominal_capacity_ah,"
                + " json_extract_string(metadata, '$.labels.chemistry') AS chemistry,"
                + " CAST(json_extract(metadata, '$.labels.active_mass_g') AS DOUBLE) AS active_mass_g,"
                + " CAST(json_extract(metadata, '$.labels.area_cm2') AS DOUBLE) AS area_cm2,"
                + " CAST(json_extract(metadata, '$.labels.temperature_c') AS DOUBLE) AS temperature_c,"
                + " CAST(coalesce(json_extract(metadata, '$.labels.tags'), '{}') AS VARCHAR) AS tags"
                + " FROM tests ORDER BY test_id";
    }

    /** A select list that is never empty (a test without columns still exports its row count). */
    /** A test's samples with a NULL column for each quantity of {@code union} it lacks (one schema per dataset). */
    static String padded(StoredTest t, Set<Quantity> union) {
        StringBuilder b = new StringBuilder("(SELECT *");
        for (Quantity q : union) {
            if (!t.columns().contains(q)) {
                b.append(", CAST(NULL AS ").append(Columns.sqlType(q)).append(") AS ").append(Columns.sqlName(q));
            }
        }
        return b.append(" FROM ").append(SampleIngest.table(t.testId())).append(')').toString();
    }

    static String selectList(Set<Quantity> columns) {
        return columns.isEmpty() ? "ord AS \"Row\"" : Columns.labelledSelect(columns);
    }

    static void copy(DuckDBConnection c, String select, Path file, Map<String, String> kv) throws SQLException {
        StringJoiner meta = new StringJoiner(", ", ", KV_METADATA {", "}");
        meta.setEmptyValue("");
        kv.forEach((k, v) -> meta.add(Columns.quote(k) + ": " + Columns.literal(v)));
        try (Statement s = c.createStatement()) {
            s.execute("COPY (" + select + ") TO " + Columns.literal(file.toAbsolutePath().toString())
                    + " (FORMAT PARQUET" + meta + ")");
        }
    }

    /** COPY into a temporary file beside the target, then rename it over the target. */
    static void copyAtomically(DuckDBConnection c, String select, Path target, Map<String, String> kv)
            throws SQLException, IOException {
        Path abs = target.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = abs.resolveSibling(".tower-" + ProcessHandle.current().pid() + "-"
                + Long.toHexString(System.nanoTime()) + ".part");
        try {
            copy(c, select, tmp, kv);
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
