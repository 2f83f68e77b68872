package dev.infradash.prometheus;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts bytes as they are read and fails once more than {@code limit} arrive. Needed because
 * chunked and transparently gunzipped bodies carry no usable Content-Length.
 */
final class LimitedInputStream extends FilterInputStream {

    /** An IOException so it travels unchanged through Jackson's parser. */
    static final class TooLargeException extends IOException {
        TooLargeException(long limit) {
            super("response body exceeds " + limit + " bytes");
        }
    }

    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        // Ask for at most one byte beyond the limit: enough to notice, never a big overshoot.
        int n = super.read(buf, off, (int) Math.min(len, limit - count + 1));
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, limit - count + 1));
        counted(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void counted(long n) throws TooLargeException {
        count += n;
        if (count > limit) {
            throw new TooLargeException(limit);
        }
    }
}
