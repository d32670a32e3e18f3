package tower.formats.neware;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.util.List;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;
import tower.formats.FormatInfo;
import tower.formats.Probe;
import tower.formats.Reader;

/**
 * Neware {@code .nda} binaries: the file starts "NEWARE" and carries its layout version in byte 14. Supported:
 * version 29 (BTS 7.x; {@link NdaV29}) and version 130 as written by BTS 9.1 ({@link NdaV130}); others are refused.
 *
 * <p>Canonical columns: the vendor's record index, cycle (stored 1-based), step id, status as step type, step
 * count (one more at every change of step), step time where the file has it, test time, Unix time, voltage,
 * current, the step-scoped capacity and energy accumulators, and auxiliary temperatures and voltage.
 */
public final class NdaReader implements Reader {
    public static final String ID = "neware-nda";
    static final String VERSION = "1";
    private static final FormatInfo INFO = new FormatInfo(ID, "Neware",
            List.of(".nda binary (version 29 of BTS 7.x, version 130 of BTS 9.1)"),
            "starts with the bytes 'NEWARE'; layout version in byte 14", VERSION);
    private static final byte[] MAGIC = "NEWARE".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_SCAN = 1 << 20;

    @Override
    public FormatInfo info() {
        return INFO;
    }

    @Override
    public int detect(Probe probe) {
        return probe.startsWith(MAGIC) && probe.size() > 15 ? 100 : 0;
    }

    @Override
    public void read(List<Path> files, ReadOptions options, RecordSink sink) throws IOException {
        sink = tower.formats.audit.TimeAudit.wrap(sink); // unit from the clock, backward time, repeated records
        if (files.size() != 1) {
            throw new IllegalArgumentException("an .nda test is one file, got " + files.size());
        }
        Path path = files.get(0);
        String name = path.toString();
        TestMetadata md = new TestMetadata().setSourceName(path.getFileName().toString()).setSourcePath(path.toString()).setFormat(ID)
                .setReaderVersion(VERSION);
        try (NdaFile in = new NdaFile(path)) {
            byte[] head = new byte[16];
            int n = in.read(0, head, head.length);
            if (n < 16 || !new String(head, 0, 6, StandardCharsets.ISO_8859_1).equals("NEWARE")) {
                throw InputException.atOffset(name, 0, n < 16 ? "file too short for an nda header" : "not a Neware nda file (no 'NEWARE' signature)");
            }
            int version = head[14] & 0xff;
            md.putVendor("nda_version", Integer.toString(version));
            versions(in, md);
            switch (version) {
                case 29 -> new NdaV29(name, in, options, md).read(sink);
                case 130 -> new NdaV130(name, in, options, md).read(sink);
                default -> throw InputException.atOffset(name, 14, "nda version " + version
                        + " is not supported (supported: 29, 130 of BTS 9.1)");
            }
        } catch (IndexOutOfBoundsException | BufferUnderflowException | IllegalArgumentException | DateTimeException
                 | ArithmeticException e) {
            throw new InputException(name, "content", "malformed nda content" + NdaFile.detail(e), e);
        }
    }

    /** Server and client versions, where the header names them. */
    private static void versions(NdaFile in, TestMetadata md) throws IOException {
        long at = in.find("BTSServer".getBytes(StandardCharsets.US_ASCII), 0, Math.min(in.size(), HEADER_SCAN));
        if (at >= 0) {
            md.putVendor("server_version", printable(in.text(at, 50)));
            md.putVendor("client_version", printable(in.text(at + 100, 50)));
        }
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "");
    }
}
