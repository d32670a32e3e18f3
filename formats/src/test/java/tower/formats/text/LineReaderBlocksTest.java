package tower.formats.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Blocks of whole lines ({@link LineReader#nextBlock}): every byte once, in order, each block ending with a line end. */
class LineReaderBlocksTest {
    private static byte[] text(Random r, int lines, boolean finalEol) {
        StringBuilder sb = new StringBuilder("header,line\n");
        for (int k = 0; k < lines; k++) {
            int len = r.nextInt(10) == 0 ? r.nextInt(3000) : r.nextInt(120);
            for (int c = 0; c < len; c++) {
                sb.append((char) ('0' + r.nextInt(40)));
            }
            sb.append(r.nextInt(5) == 0 ? "\r\n" : "\n");
        }
        sb.append("last,line");
        if (finalEol) {
            sb.append('\n');
        }
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Returns fewer bytes than asked for now and then, as pipes and some file systems do. */
    private static InputStream shortReads(byte[] b, Random r) {
        return new FilterInputStream(new ByteArrayInputStream(b)) {
            @Override
            public int read(byte[] buf, int off, int len) throws java.io.IOException {
                return super.read(buf, off, r.nextInt(3) == 0 ? Math.max(1, r.nextInt(len + 1)) : len);
            }
        };
    }

    @Test
    void blocksHoldEveryLineOnceAndTheLastLineStaysWithTheOneBefore() throws Exception {
        Random r = new Random(17);
        for (int round = 0; round < 24; round++) {
            boolean finalEol = round % 2 == 0;
            byte[] file = text(r, 2_000 + r.nextInt(40_000), finalEol);
            int blockSize = new int[]{1 << 20, 200_000, 70_000, 5_000}[round % 4];
            try (LineReader lines = new LineReader(round % 3 == 0 ? shortReads(file, r) : new ByteArrayInputStream(file),
                    "f.csv", 1 << 20)) {
                assertThat(lines.next()).isTrue(); // the header, read line by line first
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                got.write(file, 0, lines.end + 1);
                byte[] block = new byte[blockSize];
                boolean sawUnterminated = false;
                int n;
                while ((n = lines.nextBlock(block)) > 0) {
                    assertThat(sawUnterminated).isFalse(); // only the last block may carry the cut line
                    assertThat(block[n - 1]).isEqualTo((byte) '\n');
                    if (lines.blockUnterminated()) {
                        sawUnterminated = true;
                        String b = new String(block, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
                        assertThat(b).endsWith("last,line\n");
                        if (n < blockSize / 2) {
                            assertThat(b.length()).isGreaterThan("last,line\n".length()); // with a line above it
                        }
                        got.write(block, 0, n - 1);
                    } else {
                        got.write(block, 0, n);
                    }
                }
                assertThat(sawUnterminated).isEqualTo(!finalEol);
                assertThat(got.toByteArray()).isEqualTo(file);
                assertThat(lines.bytesRead()).isEqualTo(file.length);
            }
        }
    }
}
