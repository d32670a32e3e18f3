package tower.formats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import tower.core.ingest.InputException;

/** Every supported format, in one place. Add a new reader to {@link #ALL}. */
public final class Formats {
    private static final List<Reader> ALL = List.of(
            new tower.formats.bdf.BdfCsvReader(),
            new tower.formats.arbin.ArbinCsvReader(),
            new tower.formats.arbin.ArbinResReader(),
            new tower.formats.arbin.ArbinXlsxReader(),
            new tower.formats.maccor.MaccorTextReader(),
            new tower.formats.maccor.MaccorCsvReader(),
            new tower.formats.pec.PecCsvReader(),
            new tower.formats.neware.NdaReader(),
            new tower.formats.neware.NdaxReader(),
            new tower.formats.neware.NewareCsvReader(),
            new tower.formats.neware.NewareRegularExportReader(),
            new tower.formats.biologic.BiologicMprReader(),
            new tower.formats.biologic.BiologicMptReader(),
            new tower.formats.biologic.BiologicCsvReader(),
            new tower.formats.novonix.NovonixCsvReader(),
            new tower.formats.basytec.BasytecTxtReader(),
            new tower.formats.batteryarchive.BatteryArchiveCsvReader(),
            new tower.formats.batterydata.BatteryDataCsvReader(),
            new tower.formats.generic.GenericCsvReader()
    );

    private Formats() {
    }

    public static List<Reader> all() {
        return ALL;
    }

    public static Optional<Reader> byId(String id) {
        return ALL.stream().filter(r -> r.info().id().equalsIgnoreCase(id)).findFirst();
    }

    /** The reader for a file: the one named by {@code formatId}, else the most confident detector. */
    public static Reader forFile(Path file, Optional<String> formatId) throws IOException {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new InputException(name, "file", Files.exists(file) ? "not a regular file"
                    : longestNameBytes(file) > 255 ? "the file name is too long (" + longestNameBytes(file)
                    + " bytes; file systems allow 255): no such file" : "no such file");
        }
        if (formatId.isPresent()) {
            return byId(formatId.get()).orElseThrow(() -> new InputException(name, "--format",
                    "unknown format id '" + formatId.get() + "' (see tower formats)"));
        }
        Probe probe = Probe.of(file);
        if (probe.size() == 0) {
            throw new InputException(name, "offset 0", "empty file");
        }
        byte[] head = probe.head();
        if (head.length >= 2 && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE) || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF))) {
            throw new InputException(name, "offset 0", "not 8-bit text but UTF-16: save the file as UTF-8 or ANSI text");
        }
        Reader best = null;
        int bestScore = 0;
        for (Reader r : ALL) {
            int s = r.detect(probe);
            if (s > bestScore) {
                bestScore = s;
                best = r;
            }
        }
        if (best == null) {
            throw new InputException(name, "header", "not a recognised instrument format ("
                    + (probe.isText() ? "text starting '" + abbreviate(probe.line(0)) + "'" : "binary, extension ." + probe.extension())
                    + "); see tower formats");
        }
        return best;
    }

    /**
     * Like {@link #forFile(Path, Optional)}, but a mapping file selects the generic CSV reader driven by it
     * ({@code --format generic-csv --mapping FILE}).
     */
    public static Reader forFile(Path file, Optional<String> formatId, Optional<Path> mapping) throws IOException {
        return forFile(file, formatId, mapping, Optional.empty());
    }

    /** Like {@link #forFile(Path, Optional, Optional)}, with the generic reader's step label column. */
    public static Reader forFile(Path file, Optional<String> formatId, Optional<Path> mapping,
                                 Optional<tower.formats.generic.StepLabels> stepLabels) throws IOException {
        if (mapping.isPresent()) {
            if (formatId.isPresent() && !formatId.get().equalsIgnoreCase("generic-csv")) {
                throw new InputException(file.toString(), "--mapping", "--mapping goes with --format generic-csv");
            }
            return new tower.formats.generic.GenericCsvReader(mapping.get(), stepLabels);
        }
        if (stepLabels.isPresent()) {
            throw new InputException(file.toString(), "--step-type-column",
                    "--step-type-column goes with --format generic-csv --mapping FILE");
        }
        return forFile(file, formatId);
    }

    /** Length in UTF-8 bytes of the longest name in the path (file systems refuse names over 255 bytes). */
    public static int longestNameBytes(Path p) {
        int max = 0;
        for (Path part : p) {
            max = Math.max(max, part.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
        return max;
    }

    private static String abbreviate(String s) {
        String t = s.replaceAll("\\p{Cntrl}", " ").strip();
        return t.length() > 60 ? t.substring(0, 60) + "…" : t;
    }
}
