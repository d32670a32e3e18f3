package tower.formats.text;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tower.core.ingest.InputException;
import tower.core.ingest.Progress;
import tower.core.series.Batch;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;

/**
 * Parses the data lines of a table on several threads while the calling thread consumes the rows in file order
 * (normalising, summarising, storing), the way DuckDB's CSV scanner splits a file: the calling thread cuts the
 * stream into blocks of whole lines, workers parse each block with their own {@link TableReader} (from
 * {@code factory}, so bindings keep no shared state), and the blocks' rows are written in order. Memory is bounded
 * by the blocks in flight. Only for formats whose lines parse independently (no row hook carrying state from line to
 * line); line numbers in errors are exact.
 */
public final class ParallelTableReader {
    private static final int BLOCK_BYTES = 1 << 20;
    private static final Pattern LINE = Pattern.compile("line (\\d+)");

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

    private record Parsed(List<Batch> batches, long lines, InputException error, TestMetadata notes) {
    }

    /** Reads every remaining line of {@code lines} into {@code out}, on the options' shared pool if they have one. */
    public static void readAll(LineReader lines, Supplier<TableReader> factory, BatchWriter out,
                               tower.core.ingest.ReadOptions options) throws IOException {
        if (options.parsePool().isPresent()) {
            tower.core.ingest.ParsePool p = options.parsePool().get();
            readAll(lines, factory, out, options.progress(), p.threads(), p.executor());
        } else {
            readAll(lines, factory, out, options.progress(), defaultThreads());
        }
    }

    /** Reads every remaining line of {@code lines} into {@code out} on a pool of its own. */
    public static void readAll(LineReader lines, Supplier<TableReader> factory, BatchWriter out, Progress progress,
                               int threads) throws IOException {
        if (threads <= 1 || lines.sawLoneCr()) {
            factory.get().readAll(lines, out, progress);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tower-parse");
            t.setDaemon(true);
            return t;
        });
        try {
            readAll(lines, factory, out, progress, threads, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void readAll(LineReader lines, Supplier<TableReader> factory, BatchWriter out, Progress progress,
                                int threads, ExecutorService pool) throws IOException {
        if (threads <= 1 || lines.sawLoneCr()) {
            factory.get().readAll(lines, out, progress);
            return;
        }
        Set<Quantity> columns = out.columns();
        int inFlight = threads * 2;
        ArrayBlockingQueue<byte[]> buffers = new ArrayBlockingQueue<>(inFlight + 2);
        // Batches the consumer is done with go back to the parsers: no new arrays to zero and collect per block.
        ArrayBlockingQueue<Batch> spare = new ArrayBlockingQueue<>(4 * inFlight);
        ThreadLocal<Worker> readers = ThreadLocal.withInitial(() -> Worker.of(factory.get()));
        ArrayDeque<Future<Parsed>> pending = new ArrayDeque<>();
        long[] lineBase = {lines.lineNumber(), 0};
        RowProgress rowProgress = progress instanceof RowProgress rp ? rp : null;
        try {
            while (true) {
                byte[] block = buffers.poll();
                if (block == null) {
                    block = new byte[BLOCK_BYTES];
                }
                int length = lines.nextBlock(block);
                if (length == 0) {
                    break;
                }
                byte[] data = block;
                boolean unterminated = lines.blockUnterminated();
                pending.add(pool.submit(() -> parse(readers.get(), columns, data, length, unterminated, buffers, spare)));
                drain(pending, out, inFlight, lineBase, spare);
                if (rowProgress != null) {
                    rowProgress.rows(lineBase[1]);
                }
                progress.update(lines.bytesRead());
            }
            drain(pending, out, 0, lineBase, spare);
        } finally {
            for (Future<?> f : pending) {
                f.cancel(true);
            }
        }
    }

    /** A parsing thread's table reader, and its column-by-column parser when the table suits one. */
    private record Worker(TableReader table, java.util.Optional<BlockParser> block) {
        static Worker of(TableReader table) {
            return new Worker(table, BlockParser.of(table));
        }
    }

    private static Parsed parse(Worker worker, Set<Quantity> columns, byte[] data, int length,
                                boolean lastUnterminated, ArrayBlockingQueue<byte[]> buffers,
                                ArrayBlockingQueue<Batch> spare) {
        List<Batch> out = new ArrayList<>();
        RecordSink collect = new RecordSink() {
            @Override
            public void begin(Set<Quantity> c, TestMetadata m) {
            }

            @Override
            public void accept(Batch b) {
                out.add(b);
            }

            @Override
            public void end(TestMetadata m) {
            }
        };
        TestMetadata notes = new TestMetadata();
        BatchWriter w = new BatchWriter(columns, collect, notes).handOff();
        long line = 0;
        int s = 0;
        TableReader reader = worker.table();
        try {
            if (worker.block().isPresent()) {
                line = worker.block().get().parse(data, length, lastUnterminated, w, spare);
                s = length;
            }
            while (s < length) {
                int i = Fields.next(data, s, length, (byte) '\n'); // eight bytes per step
                if (i == length) {
                    break; // nextBlock ends every block with a line end: nothing is left over
                }
                line++;
                int e = i > s && data[i - 1] == '\r' ? i - 1 : i;
                reader.processLine(data, s, e, line, !(lastUnterminated && i == length - 1), w);
                s = i + 1;
            }
            w.finish();
            return new Parsed(out, line, null, notes);
        } catch (InputException e) {
            return new Parsed(List.of(), line, e, notes);
        } finally {
            buffers.offer(data);
        }
    }

    /** Writes finished blocks in order until at most {@code keep} are in flight ({@code lineBase}: lines, rows). */
    private static void drain(ArrayDeque<Future<Parsed>> pending, BatchWriter out, int keep, long[] lineBase,
                              ArrayBlockingQueue<Batch> spare)
            throws IOException {
        while (pending.size() > keep) {
            Parsed p;
            try {
                p = pending.poll().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IOException(e.getCause());
            }
            if (p.error() != null) {
                // the worker counted lines from its block's start: make the line number absolute
                InputException e = p.error();
                Matcher m = LINE.matcher(e.where());
                if (m.matches()) {
                    throw new InputException(e.file(), "line " + (lineBase[0] + Long.parseLong(m.group(1))), e.reason(), e);
                }
                throw e;
            }
            for (Batch b : p.batches()) {
                out.writeBatch(b);
                lineBase[1] += b.size();
                b.clear(); // the sinks have copied what they keep (RecordSink's contract)
                spare.offer(b);
            }
            p.notes().warnings().forEach(out.metadata()::warn);
            p.notes().flags().forEach(out.metadata()::flag);
            lineBase[0] += p.lines();
        }
    }
}
