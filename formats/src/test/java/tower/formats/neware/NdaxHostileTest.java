package tower.formats.neware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tower.core.ingest.InputException;
import tower.core.ingest.Limits;
import tower.core.ingest.ReadOptions;
import tower.formats.TestFiles;
import tower.formats.Zips;

/** Hostile .ndax containers: XML entity bombs and external entities are never expanded; zip bombs hit the limits. */
@Timeout(60)
class NdaxHostileTest {
    private static final String BILLION_LAUGHS = """
            <?xml version="1.0"?>
            <!DOCTYPE root [
              <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
              <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
              <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
              <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
              <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
              <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
              <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
              <!ENTITY x SYSTEM "file:///etc/passwd">
            ]>
            <root><config><TestInfo Barcode="&g;&x;"/></config></root>
            """;
    private final NdaxReader reader = new NdaxReader();
    @TempDir
    Path dir;

    private static byte[] sample() throws Exception {
        return Files.readAllBytes(Path.of("..", "samples", "TESTCELL0001-Test_Data_Collection_Ndc17.ndax"));
    }

    @Test
    void entityBombInAnXmlPartIsNotExpanded() throws Exception {
        byte[] zip = sample();
        int rows = TestFiles.read(reader, Files.write(dir.resolve("good.ndax"), zip), ReadOptions.DEFAULT).series().size();
        for (String part : new String[] {"TestInfo.xml", "VersionInfo.xml"}) {
            Path f = Files.write(dir.resolve(part + ".ndax"),
                    Zips.rewrite(zip, part, b -> BILLION_LAUGHS.getBytes(StandardCharsets.UTF_8)));
            long t0 = System.nanoTime();
            Throwable t = catchThrowable(() -> {
                var read = TestFiles.read(reader, f, ReadOptions.DEFAULT);
                assertThat(read.series().size()).isEqualTo(rows);
                assertThat(read.series().metadata().warnings()).anyMatch(w -> w.contains(part) && w.contains("DOCTYPE"));
                assertThat(read.series().metadata().vendor().values()).noneMatch(v -> v.contains("aaaa") || v.contains("root:"));
            });
            if (t != null) {
                // refusing the part outright is fine too, as one safe line
                assertThat(t).isInstanceOf(InputException.class);
                assertThat(t.getMessage()).doesNotContain("\n", "Exception", "aaaa");
            }
            assertThat(System.nanoTime() - t0).as("no expansion").isLessThan(5_000_000_000L);
        }
    }

    @Test
    void zipBombsHitTheLimits() throws Exception {
        Map<String, byte[]> m = new LinkedHashMap<>(Zips.entries(sample()));
        m.put("padding.bin", new byte[20 << 20]);
        Path ratio = Files.write(dir.resolve("ratio.ndax"), Zips.zip(m));
        Throwable t = catchThrowable(() -> TestFiles.read(reader, ratio, ReadOptions.DEFAULT));
        assertThat(t).isInstanceOf(InputException.class).hasMessageContaining("zip entry padding.bin: unpacks more than 500 times");
        ReadOptions tiny = new ReadOptions(Optional.empty(), "none", new Limits(1 << 20, 4096, 10_000, 64 << 20, 5, 1 << 30, 500));
        Path good = Files.write(dir.resolve("many.ndax"), sample());
        assertThat(catchThrowable(() -> TestFiles.read(reader, good, tiny))).isInstanceOf(InputException.class)
                .hasMessageContaining("zip directory: more than 5 entries");
        ReadOptions small = new ReadOptions(Optional.empty(), "none", new Limits(1 << 20, 4096, 10_000, 64 << 20, 100, 20_000, 500));
        assertThat(catchThrowable(() -> TestFiles.read(reader, good, small))).isInstanceOf(InputException.class)
                .hasMessageContaining("unpacks to more than 20000 bytes");
    }
}
