package tower.formats.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WordsTest {
    @Test
    void eightBytesAreReadLittleEndianAndNeverOutsideTheArray() {
        Random r = new Random(3);
        for (int len = 8; len < 40; len++) {
            byte[] b = new byte[len];
            r.nextBytes(b);
            ByteBuffer view = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i + 8 <= len; i++) {
                assertThat(Words.le(b, i)).isEqualTo(view.getLong(i));
            }
            int last = len - 7;
            assertThatThrownBy(() -> Words.le(b, last)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> Words.le(b, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        }
        assertThatThrownBy(() -> Words.le(new byte[7], 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
