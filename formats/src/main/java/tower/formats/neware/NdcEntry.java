package tower.formats.neware;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import tower.core.ingest.InputException;

/**
 * Streams the rows of one paged {@code .ndc} file inside an {@code .ndax}. The file is a 4096-byte header page
 * (file type at byte 0, ndc version at byte 2) followed by 4096-byte data pages: page type (file type + 1) and
 * row count as u16 at bytes 0 and 2, a bitmask of occupied row slots from byte 4, fixed-size rows from byte 132,
 * and the CRC-32 of bytes 0..4091 in the last four bytes. One page is held at a time.
 */
final class NdcEntry implements Closeable {
    static final int PAGE = 4096;
    private static final int ROWS_AT = 132;
    private static final int CRC_AT = PAGE - 4;

    private final String file;
    private final String name;
    private final int fileType;
    private final int version;
    private final CheckedInputStream in;
    private final long expectedCrc;
    private final byte[] page = new byte[PAGE];
    private final ByteBuffer buf = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32 pageCrc = new CRC32();
    private int rowSize;
    private int rowsPerPage;
    private long pageNo;
    private int slot;
    private int remaining;
    private long row;
    private boolean end;

    private NdcEntry(String file, String name, int fileType, int version, CheckedInputStream in, long expectedCrc) {
        this.file = file;
        this.name = name;
        this.fileType = fileType;
        this.version = version;
        this.in = in;
        this.expectedCrc = expectedCrc;
    }

    /** Opens an entry and reads its header page. */
    static NdcEntry open(String file, java.io.InputStream data, ZipEntry entry) throws IOException {
        CheckedInputStream in = new CheckedInputStream(data, new CRC32());
        byte[] head = new byte[PAGE];
        int n = in.readNBytes(head, 0, PAGE);
        if (n < PAGE) {
            in.close();
            throw new InputException(file, entry.getName() + " offset " + n, "ndc header page is cut short");
        }
        int type = (head[0] & 0xff) | (head[1] & 0xff) << 8;
        int version = (head[2] & 0xff) | (head[3] & 0xff) << 8;
        NdcEntry e = new NdcEntry(file, entry.getName(), type, version, in, entry.getCrc());
        e.pageNo = 0;
        return e;
    }

    String name() {
        return name;
    }

    int fileType() {
        return fileType;
    }

    int version() {
        return version;
    }

    /** Sets the row size of this file's layout; rows never reach into the CRC. */
    void layout(int rowSize) {
        this.rowSize = rowSize;
        this.rowsPerPage = (CRC_AT - ROWS_AT) / rowSize;
    }

    /** Little-endian view of the current page; the current row starts at {@link #at()}. */
    ByteBuffer buf() {
        return buf;
    }

    /** Offset of the current row in {@link #buf()}. */
    int at() {
        return ROWS_AT + slot * rowSize;
    }

    /** 1-based ordinal of the current row in this file. */
    long row() {
        return row;
    }

    /** Where the current row is, for error messages. */
    String where() {
        return name + " page " + pageNo + " row " + (slot + 1);
    }

    /** Moves to the next occupied row; false at the end of the file. */
    boolean next() throws IOException {
        if (end) {
            return false;
        }
        while (remaining == 0) {
            if (!readPage()) {
                end = true;
                return false;
            }
            slot = -1;
        }
        do {
            slot++;
        } while ((page[4 + (slot >> 3)] & (1 << (slot & 7))) == 0);
        remaining--;
        row++;
        return true;
    }

    private boolean readPage() throws IOException {
        int n = in.readNBytes(page, 0, PAGE);
        if (n == 0) {
            if (expectedCrc != -1 && in.getChecksum().getValue() != expectedCrc) {
                throw new InputException(file, name, "zip entry CRC mismatch (corrupt file)");
            }
            return false;
        }
        pageNo++;
        String where = name + " page " + pageNo;
        if (n < PAGE) {
            throw new InputException(file, where, "page cut short after " + n + " of " + PAGE + " bytes");
        }
        pageCrc.reset();
        pageCrc.update(page, 0, CRC_AT);
        if ((int) pageCrc.getValue() != buf.getInt(CRC_AT)) {
            throw new InputException(file, where, "page CRC mismatch (corrupt data)");
        }
        int pageType = buf.getShort(0) & 0xffff;
        if (pageType != fileType + 1) {
            throw new InputException(file, where, "unexpected page type " + pageType + " in a file of type " + fileType);
        }
        int count = buf.getShort(2) & 0xffff;
        if (count > rowsPerPage) {
            throw new InputException(file, where, "page claims " + count + " rows; at most " + rowsPerPage + " fit");
        }
        int set = 0;
        for (int s = 0; s < rowsPerPage; s++) {
            if ((page[4 + (s >> 3)] & (1 << (s & 7))) != 0) {
                set++;
            }
        }
        if (set != count) {
            throw new InputException(file, where, "row bitmask has " + set + " rows but the page claims " + count);
        }
        remaining = count;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
