package tower.formats.neware;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** A NewareNDA reference table (CSV conversion of its feather file), column by column. */
final class RefTable {
    private static final DateTimeFormatter NAIVE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");
    private static final DateTimeFormatter ZONED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]XXX");

    final List<String> header;
    final Map<String, double[]> numbers = new HashMap<>();
    final String[] status;
    /** Timestamps as epoch nanoseconds; naive ones read as UTC. */
    final long[] timestamp;
    final boolean naiveTimestamps;
    final int rows;

    private RefTable(List<String> header, List<String[]> data) {
        this.header = header;
        this.rows = data.size();
        int st = header.indexOf("Status");
        int ts = header.indexOf("Timestamp");
        status = new String[rows];
        timestamp = new long[rows];
        boolean naive = false;
        for (int c = 0; c < header.size(); c++) {
            if (c == st || c == ts) {
                continue;
            }
            double[] col = new double[rows];
            for (int r = 0; r < rows; r++) {
                String v = data.get(r)[c];
                col[r] = v.isEmpty() ? Double.NaN : Double.parseDouble(v);
            }
            numbers.put(header.get(c), col);
        }
        for (int r = 0; r < rows; r++) {
            status[r] = data.get(r)[st];
            String t = data.get(r)[ts];
            if (t.length() > 19 && (t.endsWith("Z") || t.charAt(t.length() - 6) == '+' || t.charAt(t.length() - 6) == '-')) {
                OffsetDateTime o = OffsetDateTime.parse(t, ZONED);
                timestamp[r] = o.toEpochSecond() * 1_000_000_000L + o.getNano();
            } else {
                naive = true;
                LocalDateTime l = LocalDateTime.parse(t, NAIVE);
                timestamp[r] = l.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + l.getNano();
            }
        }
        naiveTimestamps = naive;
    }

    double[] col(String name) {
        return numbers.get(name);
    }

    static RefTable read(Path csvGz) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(csvGz)),
                StandardCharsets.UTF_8))) {
            List<String> header = List.of(r.readLine().split(",", -1));
            List<String[]> data = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isEmpty()) {
                    data.add(line.split(",", -1));
                }
            }
            return new RefTable(header, data);
        }
    }
}
