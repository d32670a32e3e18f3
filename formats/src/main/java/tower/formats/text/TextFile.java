package tower.formats.text;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import tower.core.ingest.InputException;
import tower.core.ingest.Limits;

/** Opens a text file for a reader: a {@link LineReader} positioned by the caller, plus header helpers. */
public final class TextFile {
    private TextFile() {
    }

    /** A line reader over the file; UTF-16 text is refused here, as its bytes would split into garbled lines. */
    public static LineReader open(Path path, Limits limits) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        try {
            in.mark(4);
            byte[] head = in.readNBytes(4);
            in.reset();
            utf16(head).ifPresent(kind -> {
                throw InputException.atLine(path.toString(), 1, "not 8-bit text but UTF-16 (" + kind
                        + "): save the file as UTF-8 or ANSI text");
            });
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return new LineReader(in, path.toString(), limits.maxLineChars());
    }

    private static Optional<String> utf16(byte[] h) {
        if (h.length >= 2 && (h[0] & 0xff) == 0xFF && (h[1] & 0xff) == 0xFE) {
            return Optional.of("little-endian, with a byte order mark");
        }
        if (h.length >= 2 && (h[0] & 0xff) == 0xFE && (h[1] & 0xff) == 0xFF) {
            return Optional.of("big-endian, with a byte order mark");
        }
        if (h.length == 4 && h[0] != 0 && h[1] == 0 && h[2] != 0 && h[3] == 0) {
            return Optional.of("little-endian");
        }
        if (h.length == 4 && h[0] == 0 && h[1] != 0 && h[2] == 0 && h[3] != 0) {
            return Optional.of("big-endian");
        }
        return Optional.empty();
    }

    /** Advances to line {@code number} (1-based) and returns it decoded; error if the file ends first. */
    public static String skipTo(LineReader lines, long number, Charset cs, String file) throws IOException {
        while (lines.lineNumber() < number) {
            if (!lines.next()) {
                throw InputException.atLine(file, lines.lineNumber(), "file ends before the table header");
            }
        }
        return stripBom(lines.text(cs));
    }

    /** The current line decoded as UTF-8, or as windows-1252 where it is not valid UTF-8; without a BOM. */
    public static String decode(LineReader lines) {
        byte[] b = lines.buffer();
        try {
            return stripBom(java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(b, lines.start, lines.end - lines.start)).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(b, lines.start, lines.end - lines.start, Charset.forName("windows-1252"));
        }
    }

    public static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** Splits a header line (decoded) on a separator, honouring double quotes. */
    public static String[] splitHeader(String line, char sep) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == sep && !quoted) {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().strip());
        return out.toArray(new String[0]);
    }

    /** Index of the first header equal (by {@link Header#key}) to one of the names, or -1. */
    public static int indexOf(String[] headers, String... names) {
        for (String n : names) {
            String k = Header.key(n);
            for (int i = 0; i < headers.length; i++) {
                if (Header.key(Header.parse(headers[i]).name()).equals(k) || Header.key(headers[i]).equals(k)) {
                    return i;
                }
            }
        }
        return -1;
    }
}
