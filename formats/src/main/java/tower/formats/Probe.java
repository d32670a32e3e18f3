package tower.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The first bytes of a file, for content-based format detection. */
public final class Probe {
    public static final int HEAD_BYTES = 64 * 1024;

    private final Path path;
    private final byte[] head;
    private final long size;
    private List<String> lines;

    private Probe(Path path, byte[] head, long size) {
        this.path = path;
        this.head = head;
        this.size = size;
    }

    public static Probe of(Path path) throws IOException {
        long size = Files.size(path);
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(HEAD_BYTES);
        }
        return new Probe(path, head, size);
    }

    public Path path() {
        return path;
    }

    public String fileName() {
        return path.getFileName().toString();
    }

    public String extension() {
        String n = fileName().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1);
    }

    public long size() {
        return size;
    }

    public byte[] head() {
        return head;
    }

    public boolean startsWith(byte[] magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** True when the head holds no NUL byte: a text file. */
    public boolean isText() {
        if (text == 0) {
            text = head.length > 0 ? 1 : -1;
            for (byte b : head) {
                if (b == 0) {
                    text = -1;
                    break;
                }
            }
        }
        return text > 0; // asked by every text format's detector: the head is scanned once (interpreted, at start)
    }

    private int text;

    /**
     * The head decoded as text lines (UTF-8, or windows-1252 where it is not valid UTF-8), without a BOM; the last,
     * possibly cut, line is dropped when the file is longer than the head.
     */
    public List<String> lines() {
        if (lines == null) {
            String text = decode(head);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            List<String> out = new ArrayList<>();
            for (String l : text.split("\r\n|\n|\r", -1)) {
                out.add(l);
            }
            if (size > head.length && !out.isEmpty()) {
                out.remove(out.size() - 1);
            }
            while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
                out.remove(out.size() - 1);
            }
            lines = List.copyOf(out);
        }
        return lines;
    }

    public String line(int i) {
        return i < lines().size() ? lines().get(i) : "";
    }

    static String decode(byte[] bytes) {
        var dec = StandardCharsets.UTF_8.newDecoder();
        try {
            return dec.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            // a multi-byte character cut at the end of the head is not an encoding error
            for (int cut = 1; cut <= 3 && cut < bytes.length; cut++) {
                try {
                    return StandardCharsets.UTF_8.newDecoder()
                            .decode(java.nio.ByteBuffer.wrap(bytes, 0, bytes.length - cut)).toString();
                } catch (java.nio.charset.CharacterCodingException ignored) {
                    // try a shorter cut
                }
            }
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }
}
