package org.lightbox.storage.internal.query;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.lightbox.catalog.Catalog;
import org.lightbox.catalog.CatalogCursor;
import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.FindQuery;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.net.DimseStatusException;
import org.lightbox.dicom.net.dimse.Status;

/**
 * The matches of a C-FIND, read from the catalog's cursor and encoded on another thread while the service sends
 * the ones already encoded: fetching a row and sending a response take about as long each, so overlapping them
 * nearly halves the time of a large answer. The queue between them is bounded; {@link #close} stops the reading
 * side (after a C-CANCEL, or when sending failed) and closes the cursor.
 */
final class MatchStream implements AutoCloseable {
    private static final byte[] END = new byte[0];
    private static final int QUEUED = 128;

    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUED);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopped;
    private volatile Exception failure;

    private MatchStream() {
    }

    /** Starts reading the matches of {@code query}, encoded in {@code transferSyntax}, on {@code executor}. */
    static MatchStream start(Catalog catalog, FindQuery query, String transferSyntax, Executor executor)
            throws DimseStatusException {
        MatchStream s = new MatchStream();
        try {
            executor.execute(() -> s.read(catalog, query, TransferSyntax.of(transferSyntax)));
        } catch (RejectedExecutionException e) {
            throw new DimseStatusException(Status.OUT_OF_RESOURCES, "the node is stopping");
        }
        return s;
    }

    private void read(Catalog catalog, FindQuery query, TransferSyntax ts) {
        try (CatalogCursor<Attributes> c = catalog.find(query)) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
            DicomWriter writer = new DicomWriter(buffer, 4096);
            for (Attributes m = c.next(); m != null && !stopped; m = c.next()) {
                buffer.reset();
                writer.writeDataset(m, ts);
                writer.flush();
                offer(buffer.toByteArray());
            }
        } catch (CatalogException | IOException | RuntimeException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                offer(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.countDown();
        }
    }

    private void offer(byte[] b) throws InterruptedException {
        while (!stopped && !queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
            // the sender is slow (or gone): wait, unless stopped
        }
    }

    /** The next encoded match, or {@code null} after the last one. */
    byte[] take() throws InterruptedIOException {
        try {
            byte[] b = queue.take();
            return b == END ? null : b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for C-FIND matches");
        }
    }

    /** What stopped the reading side early (after {@link #take} returned null), or {@code null}. */
    Exception failure() {
        return failure;
    }

    /** Stops reading and waits until the cursor is closed. */
    @Override
    public void close() {
        stopped = true;
        queue.clear();
        try {
            finished.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
