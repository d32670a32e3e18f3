package tower.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.store.ContentHash;

class EarlyHashTest {
    @TempDir
    Path tmp;

    @Test
    void givesTheOrdinaryHashForItsFileAndHashesAnythingElseAgain() throws Exception {
        Path a = Files.writeString(tmp.resolve("a.csv"), "Data_Point,Voltage\n1,3.7\n".repeat(5000));
        Path b = Files.writeString(tmp.resolve("b.csv"), "2,3.8\n");
        EarlyHash early = EarlyHash.start(a);
        assertThat(early.of(List.of(a))).isEqualTo(ContentHash.of(a));
        // a test of several files: the hash of their bytes in order, not the early one
        assertThat(early.of(List.of(a, b))).isEqualTo(ContentHash.of(List.of(a, b))).isNotEqualTo(ContentHash.of(a));
        assertThat(early.of(List.of(b))).isEqualTo(ContentHash.of(b));
    }

    @Test
    void aFileThatCannotBeReadFailsAsAnOrdinaryHashDoes() {
        Path missing = tmp.resolve("missing.csv");
        EarlyHash early = EarlyHash.start(missing);
        assertThatThrownBy(() -> early.of(List.of(missing))).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("missing.csv");
    }
}
