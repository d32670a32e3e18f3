package tower.server.api;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import tower.pipeline.errors.ErrorKind;
import tower.pipeline.errors.TowerException;
import tower.server.auth.Tokens;

/**
 * The file of an upload on disk: streamed (Jetty keeps only small parts in memory and spools the rest into the
 * store's {@code uploads/} folder), then moved to a name of ours. The user's file name never reaches the file
 * system: only a short alphanumeric extension of it is kept (some readers know continuation files by it).
 */
final class Uploads {
    private Uploads() {
    }

    private static final Pattern EXT = Pattern.compile("\\.([A-Za-z0-9]{1,8})$");

    /** An uploaded file in our temporary file, with the name the user gave it (for messages and the test). */
    record Upload(Path file, String displayName, long size) {
    }

    static Path folder(Path storeDir) throws IOException {
        return Files.createDirectories(storeDir.resolve("uploads"));
    }

    static void requireMultipart(Context ctx, long maxBytes) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new TowerException(ErrorKind.UNSUPPORTED_MEDIA_TYPE,
                    "an upload must be multipart/form-data with the file in the part 'file'");
        }
        long length = ctx.req().getContentLengthLong();
        if (length > maxBytes) {
            throw tooLarge(maxBytes);
        }
    }

    static TowerException tooLarge(long maxBytes) {
        return new TowerException(ErrorKind.TOO_LARGE, "the upload is larger than the limit of "
                + (maxBytes >> 20) + " MB (tower serve --max-upload-mb)");
    }

    static Upload receive(Context ctx, Path storeDir, long maxBytes) throws IOException {
        UploadedFile part;
        try {
            part = ctx.uploadedFile("file");
        } catch (Exception e) { // Jetty's ServletException arrives unchecked through Kotlin
            for (Throwable c = e; c != null; c = c.getCause()) {
                String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
                if (m.contains("max") || m.contains("exceed") || m.contains("too large")) {
                    throw tooLarge(maxBytes);
                }
            }
            throw TowerException.badParameter("the multipart body could not be read (malformed parts or file name)");
        }
        if (part == null) {
            throw TowerException.badParameter("the upload has no part named 'file'");
        }
        if (part.size() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        String name = displayName(part.filename());
        var ext = EXT.matcher(name);
        String suffix = ext.find() ? "." + ext.group(1).toLowerCase(Locale.ROOT) : "";
        Path target = folder(storeDir).resolve("upload-" + Tokens.newSessionId().substring(0, 20).replace('-', 'x')
                .replace('_', 'y') + suffix);
        try (InputStream in = part.content()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return new Upload(target, name, Files.size(target));
    }

    /** The last path segment of the user's name, control characters removed, for display only. */
    static String displayName(String raw) {
        String n = raw == null ? "" : raw;
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        n = n.substring(slash + 1).replaceAll("[\\p{Cntrl}]", "").trim();
        if (n.isEmpty() || n.equals(".") || n.equals("..")) {
            n = "upload";
        }
        return n.length() > 200 ? n.substring(0, 200) : n;
    }

    /** Text about our temporary file told with the user's name instead. */
    static String renamed(String message, Upload upload) {
        return message.replace(upload.file().toAbsolutePath().toString(), upload.displayName())
                .replace(upload.file().toString(), upload.displayName())
                .replace(upload.file().getFileName().toString(), upload.displayName());
    }

    static Optional<String> field(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }
}
