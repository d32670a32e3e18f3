package tower.formats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Detection as {@link Formats#forFile} does it, over the registered readers plus readers not yet registered, so a
 * new reader's tests hold before and after it joins {@link Formats}.
 */
public final class Detection {
    private Detection() {
    }

    /** The id of the most confident reader, or "" when none claims the file. */
    public static String best(Path file, Reader... extra) throws IOException {
        List<Reader> all = new ArrayList<>(Formats.all());
        for (Reader r : extra) {
            if (all.stream().noneMatch(a -> a.info().id().equals(r.info().id()))) {
                all.add(r);
            }
        }
        Probe p = Probe.of(file);
        String best = "";
        int score = 0;
        for (Reader r : all) {
            int s = r.detect(p);
            if (s > score) {
                score = s;
                best = r.info().id();
            }
        }
        return best;
    }

    /** Every reader this project is adding on this branch. */
    public static Reader[] newReaders() {
        return new Reader[] {new tower.formats.maccor.MaccorTextReader(), new tower.formats.maccor.MaccorCsvReader(),
                new tower.formats.pec.PecCsvReader(), new tower.formats.arbin.ArbinXlsxReader()};
    }
}
