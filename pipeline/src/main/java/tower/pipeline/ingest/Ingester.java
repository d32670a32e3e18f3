package tower.pipeline.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tower.core.ingest.Progress;
import tower.core.ingest.ReadOptions;
import tower.formats.Reader;
import tower.pipeline.Pipeline;
import tower.pipeline.read.ReadSpec;
import tower.pipeline.read.Sinks;
import tower.store.ContentHash;
import tower.store.IngestRequest;
import tower.store.IngestResult;
import tower.store.Store;

/** Stores files as tests; the CLI's {@code ingest} and the server's upload both come here. */
public final class Ingester {
    private final Pipeline pipeline;

    public Ingester(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * A file to store, with its continuation files and their SHA-256: what an ingest needs before it touches the
     * store, so that a caller can hash while the store opens.
     */
    public record Source(Path file, Reader reader, List<Path> files, String contentHash) {
        public Source {
            files = List.copyOf(files);
        }
    }

    /** Finds a file's continuation files and hashes their bytes (no store needed). */
    public static Source prepare(Path file, Reader reader) throws IOException {
        List<Path> files = reader.companions(file);
        return new Source(file, reader, files, ContentHash.of(files));
    }

    /** As {@link #prepare(Path, Reader)}, taking the hash from {@code early} where it was started for this file. */
    public static Source prepare(Path file, Reader reader, EarlyHash early) throws IOException {
        List<Path> files = reader.companions(file);
        return new Source(file, reader, files, early.of(files));
    }

    /** Stores one file (with its continuation files) with a known reader. */
    public Ingested ingest(Store store, Path file, Reader reader, IngestSpec spec, Progress progress) throws IOException {
        return ingest(store, prepare(file, reader), spec, progress);
    }

    /** Stores a prepared file. */
    public Ingested ingest(Store store, Source source, IngestSpec spec, Progress progress) throws IOException {
        List<Path> files = source.files();
        Reader reader = source.reader();
        String name = spec.displayName().orElse(source.file().getFileName().toString());
        String hash = source.contentHash();
        if (spec.namespace().isPresent()) {
            // the stored hash identifies (namespace, content): SHA-256 of the namespace and the content's SHA-256
            hash = namespaced(spec.namespace().get(), hash);
        }
        // a stated nominal capacity reaches the summary: over_nominal and the capacity_mismatch floor scale with it
        var cycling = spec.read().cycling();
        if (!cycling.hasNominalCapacity() && spec.labels().nominalCapacityAh().isPresent()) {
            cycling = cycling.withNominalCapacity(spec.labels().nominalCapacityAh().getAsDouble());
        }
        IngestRequest request = new IngestRequest(name, hash, spec.cell(), cycling, spec.labels());
        ReadSpec read = (spec.read().storeZone().isPresent() ? spec.read()
                : spec.read().withStoreZone(Pipeline.storeZone(store))).withCycling(cycling);
        ReadOptions options = pipeline.readOptions(read, progress);
        Sinks.MetadataCapture[] capture = new Sinks.MetadataCapture[1];
        IngestResult result = store.ingest(request, sink -> {
            capture[0] = new Sinks.MetadataCapture(sink);
            reader.read(files, options, capture[0]);
        });
        return new Ingested(result, files, capture[0] == null ? new tower.core.series.TestMetadata() : capture[0].metadata());
    }

    static String namespaced(String namespace, String contentHash) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((namespace + "\n" + contentHash).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores one file, detecting its reader. */
    public Ingested ingest(Store store, Path file, IngestSpec spec, Progress progress) throws IOException {
        return ingest(store, file, pipeline.readerFor(file, spec.read()), spec, progress);
    }

    /** The files of an input: itself, or every regular file below a folder, sorted. */
    public static List<Path> expand(Path input) throws IOException {
        if (!Files.isDirectory(input)) {
            return List.of(input);
        }
        try (Stream<Path> s = Files.walk(input)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Total size of files, for progress bars. */
    public static long totalSize(List<Path> files) {
        long n = 0;
        for (Path p : files) {
            try {
                n += Files.size(p);
            } catch (IOException e) {
                // size is only for the progress bar
            }
        }
        return n;
    }
}
