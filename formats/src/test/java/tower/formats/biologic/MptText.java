package tower.formats.biologic;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A minimal reader of EC-Lab's own text export ({@code .mpt}), the reference for the binary: windows-1252,
 * 'Nb header lines : N', tab-separated columns, decimal point or decimal comma.
 */
record MptText(Map<String, double[]> columns, int rows, Optional<LocalDateTime> acquisitionStart) {

    static MptText read(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), Charset.forName("windows-1252"));
        String[] lines = text.split("\r\n|\n", -1);
        if (!lines[0].strip().equals("EC-Lab ASCII FILE")) {
            throw new IllegalArgumentException(file + ": not an EC-Lab text file");
        }
        String nb = lines[1].strip();
        if (!nb.startsWith("Nb header lines :")) {
            throw new IllegalArgumentException(file + ": no 'Nb header lines'");
        }
        int headerLines = Integer.parseInt(nb.substring(nb.indexOf(':') + 1).strip());
        Optional<LocalDateTime> start = Optional.empty();
        for (int i = 2; i < headerLines - 1; i++) {
            if (lines[i].startsWith("Acquisition started on :")) {
                String v = lines[i].substring(lines[i].indexOf(':') + 1).strip();
                String pattern = v.contains(".") ? "MM/dd/yyyy HH:mm:ss.SSS" : "MM/dd/yyyy HH:mm:ss";
                start = Optional.of(LocalDateTime.parse(v, DateTimeFormatter.ofPattern(pattern)));
            }
        }
        String[] names = lines[headerLines - 1].split("\t", -1);
        List<String[]> data = new ArrayList<>();
        for (int i = headerLines; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                data.add(lines[i].split("\t", -1));
            }
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (int c = 0; c < names.length; c++) {
            String name = names[c].strip();
            if (name.isEmpty() || cols.containsKey(name)) {
                continue;
            }
            double[] v = new double[data.size()];
            for (int r = 0; r < data.size(); r++) {
                String cell = c < data.get(r).length ? data.get(r)[c].strip() : "";
                v[r] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell.replace(',', '.'));
            }
            cols.put(name, v);
        }
        return new MptText(cols, data.size(), start);
    }

    /** The first of the named columns the file has. */
    Optional<double[]> column(String... names) {
        for (String n : names) {
            if (columns.containsKey(n)) {
                return Optional.of(columns.get(n));
            }
        }
        return Optional.empty();
    }
}
