package tower.formats.text;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import tower.core.ingest.Progress;
import tower.core.series.Batch;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;

/**
 * Parses the data lines of a table on several threads while the calling thread consumes the rows in file order
 * (normalising, summarising, storing): the main thread cuts the stream into chunks of whole lines, workers parse
 * each chunk with their own {@link TableReader} (from {@code factory}, so bindings keep no shared state), and the
 * results are written in order. Memory is bounded by the chunks in flight. Only for formats whose lines parse
 * independently of each other (no row hook that carries state from line to line).
 */
public final class ParallelTableReader {
    private static final int CHUNK_BYTES = 2 << 20;

    private ParallelTableReader() {
    }

    /** Parsing threads: the system property {@code tower.threads}, else the processors (at most 4). */
    public static int defaultThreads() {
        String p = System.getProperty("tower.threads");
        if (p != null && p.matches("[0-9]+")) {
            return Math.max(1, Integer.parseInt(p));
        }
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** Reads every remaining line of {@code lines} into {@code out}. */
    public static void readAll(LineReader lines, Supplier<TableReader> factory, BatchWriter out, Progress progress,
                               int threads) throws IOException {
        if (threads <= 1) {
            factory.get().readAll(lines, out, progress);
            return;
        }
        Set<Quantity> columns = out.columns();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tower-parse");
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<TableReader> readers = ThreadLocal.withInitial(factory);
        ArrayDeque<Future<List<Batch>>> pending = new ArrayDeque<>();
        try {
            byte[] chunk = new byte[CHUNK_BYTES + 4096];
            int used = 0;
            long firstLine = -1;
            while (lines.next()) {
                int len = lines.end - lines.start;
                if (used > 0 && used + len + 1 > CHUNK_BYTES) {
                    pending.add(submit(pool, readers, columns, chunk, used, firstLine));
                    drain(pending, out, threads * 2);
                    progress.update(lines.bytesRead());
                    chunk = new byte[Math.max(CHUNK_BYTES + 4096, len + 1)];
                    used = 0;
                }
                if (used == 0) {
                    firstLine = lines.lineNumber();
                    if (chunk.length < len + 1) {
                        chunk = new byte[len + 1];
                    }
                }
                System.arraycopy(lines.buffer(), lines.start, chunk, used, len);
                used += len;
                chunk[used++] = '\n';
            }
            if (used > 0) {
                pending.add(submit(pool, readers, columns, chunk, used, firstLine));
            }
            drain(pending, out, 0);
        } finally {
            for (Future<?> f : pending) {
                f.cancel(true);
            }
            pool.shutdownNow();
        }
    }

    private static Future<List<Batch>> submit(ExecutorService pool, ThreadLocal<TableReader> readers,
                                              Set<Quantity> columns, byte[] data, int length, long firstLine) {
        return pool.submit(() -> {
            TableReader reader = readers.get();
            List<Batch> out = new ArrayList<>();
            RecordSink collect = new RecordSink() {
                @Override
                public void begin(Set<Quantity> c, TestMetadata m) {
                }

                @Override
                public void accept(Batch b) {
                    out.add(b.copy());
                }

                @Override
                public void end(TestMetadata m) {
                }
            };
            BatchWriter w = new BatchWriter(columns, collect, new TestMetadata());
            long line = firstLine;
            int s = 0;
            for (int i = 0; i < length; i++) {
                if (data[i] == '\n') {
                    reader.processLine(data, s, i, line++, w);
                    s = i + 1;
                }
            }
            w.finish();
            return out;
        });
    }

    /** Writes finished chunks in order until at most {@code keep} are in flight. */
    private static void drain(ArrayDeque<Future<List<Batch>>> pending, BatchWriter out, int keep) throws IOException {
        while (pending.size() > keep) {
            List<Batch> batches;
            try {
                batches = pending.poll().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IOException(e.getCause());
            }
            for (Batch b : batches) {
                out.writeBatch(b);
            }
        }
    }
}
