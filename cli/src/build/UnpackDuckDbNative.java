import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Build step (cli/pom.xml, package phase; run as a single-file program): DuckDB's JDBC jar carries its native
 * library for four platforms and, when it finds the one for this platform among its resources, inflates 60 MB of
 * it into a temporary file on every start (about 0.25 s per process, measured in README, Benchmarks). This step
 * writes, once per build, the library for the build machine's platform to {@code OUT_DIR/native/} and a copy of the
 * jar without the bundled libraries to {@code OUT_DIR}; the driver then loads the library from
 * {@code java.library.path}. The driver's own classes are unchanged. It rewrites the launcher's class path file to
 * name the slim jar and writes {@code OUT_DIR/java.args} (class path and library path, a java argument file) for the
 * class-data-sharing training run. On a platform the jar has no library for, the stock jar stays.
 *
 * <p>Arguments: {@code DUCKDB_JAR OUT_DIR CLASSPATH_FILE MAIN_JAR}.
 */
public final class UnpackDuckDbNative {
    private static final String PREFIX = "libduckdb_java.so_";

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: UnpackDuckDbNative DUCKDB_JAR OUT_DIR CLASSPATH_FILE MAIN_JAR");
        }
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path outDir = Path.of(args[1]).toAbsolutePath();
        Path classpath = Path.of(args[2]);
        Path mainJar = Path.of(args[3]).toAbsolutePath();
        Path slim = outDir.resolve(jar.getFileName().toString().replaceFirst("\\.jar$", "-nonative.jar"));
        Path nativeDir = outDir.resolve("native");
        String wanted = PREFIX + platform();
        Path library = nativeDir.resolve(System.mapLibraryName("duckdb_java"));
        Files.createDirectories(nativeDir);
        Path slimTmp = slim.resolveSibling(slim.getFileName() + ".tmp");
        Path libTmp = library.resolveSibling(library.getFileName() + ".tmp");
        boolean found = false;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(slimTmp))) {
            byte[] buf = new byte[1 << 16];
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().startsWith(PREFIX)) {
                    if (e.getName().equals(wanted)) {
                        try (OutputStream lib = Files.newOutputStream(libTmp)) {
                            in.transferTo(lib);
                        }
                        found = true;
                    }
                    continue;
                }
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(e.getTime());
                out.putNextEntry(copy);
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                }
                out.closeEntry();
            }
        }
        String cp = Files.readString(classpath).trim();
        StringBuilder javaArgs = new StringBuilder();
        if (found) {
            Files.move(libTmp, library, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(slimTmp, slim, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            String stock = jar.toString();
            if (!cp.contains(stock)) {
                throw new IllegalStateException(classpath + " does not name " + stock);
            }
            cp = cp.replace(stock, slim.toString());
            Files.writeString(classpath, cp);
            javaArgs.append("-Djava.library.path=").append(quoted(nativeDir.toString())).append('\n');
        } else {
            Files.deleteIfExists(slimTmp);
            System.out.println("UnpackDuckDbNative: " + jar.getFileName() + " has no " + wanted
                    + "; the stock jar stays");
        }
        javaArgs.append("-cp ").append(quoted(mainJar + java.io.File.pathSeparator + cp)).append('\n');
        Files.writeString(outDir.resolve("java.args"), javaArgs);
    }

    /** A java argument-file token: quoted, with backslashes and quotes escaped. */
    private static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The platform suffix the driver looks for (its own rule: os name, then architecture). */
    private static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT).trim();
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT).trim();
        if (os.startsWith("mac") || os.startsWith("osx")) {
            return "osx_universal";
        }
        String a = switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
        return (os.startsWith("windows") ? "windows" : os.startsWith("linux") ? "linux" : os) + "_" + a;
    }
}
