package tower.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * The executor side of raw cycler files: each file is hashed (SHA-256 of its bytes), skipped when the manifest
 * has the same hash and options, else read by our own readers ({@link tower.formats.Formats}, detected from
 * content) and analysed. Readers need a local path: a {@code file:} URI (a local or shared file system mounted
 * on every executor) is read in place, with its companion files (e.g. Maccor {@code .002}); any other scheme
 * ({@code s3a:}, {@code hdfs:}, ...) is first copied to a temporary local file, alone.
 */
final class RawFiles implements FlatMapFunction<Iterator<Tuple2<String, PortableDataStream>>, Row>, Serializable {
    private final String root;
    private final Map<String, String> previous;
    private final JobSpec spec;

    /**
     * @param root     the input folder (decoded path): test ids are paths relative to it
     * @param previous test id to "hash options" of the manifest's entries (empty for a full run)
     */
    RawFiles(String root, Map<String, String> previous, JobSpec spec) {
        this.root = root;
        this.previous = Map.copyOf(previous);
        this.spec = spec;
    }

    @Override
    public Iterator<Row> call(Iterator<Tuple2<String, PortableDataStream>> files) throws IOException {
        List<Row> out = new ArrayList<>();
        while (files.hasNext()) {
            Tuple2<String, PortableDataStream> f = files.next();
            out.addAll(process(f._1(), f._2()));
        }
        return out.iterator();
    }

    private List<Row> process(String uri, PortableDataStream stream) throws IOException {
        URI u = new org.apache.hadoop.fs.Path(uri).toUri();
        String path = u.getPath();
        String testId = FleetJob.relative(path, root);
        String source = FleetJob.fileName(path);
        String options = spec.fingerprint();
        Path local;
        Path temp = null;
        String hash;
        try {
            if ("file".equals(u.getScheme()) || u.getScheme() == null) {
                local = Path.of(path);
                try (InputStream in = Files.newInputStream(local)) {
                    hash = sha256(in, OutputStream.nullOutputStream());
                }
            } else {
                temp = Files.createTempFile("tower-spark-", "-" + source);
                try (InputStream in = stream.open(); OutputStream os = Files.newOutputStream(temp)) {
                    hash = sha256(in, os);
                }
                local = temp;
            }
        } catch (IOException e) {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
            return Outputs.error(testId, source, "", options, "read", e);
        }
        try {
            if (!spec.full() && (hash + " " + options).equals(previous.get(testId))) {
                return List.of(Outputs.unchanged(testId));
            }
            TestAnalysis.Loaded loaded;
            try {
                loaded = TestAnalysis.readFile(local, spec);
            } catch (IOException | RuntimeException e) {
                return Outputs.error(testId, source, hash, options, "read", e);
            }
            try {
                return Outputs.results(testId, source, hash, options, TestAnalysis.analyze(loaded, spec));
            } catch (RuntimeException e) {
                return Outputs.error(testId, source, hash, options, "analyze", e);
            }
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    static String sha256(InputStream in, OutputStream copy) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        try (DigestInputStream d = new DigestInputStream(in, md)) {
            for (int n; (n = d.read(buf)) > 0; ) {
                copy.write(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
