package org.lightbox.query.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.DuplicateInstanceException;
import org.lightbox.catalog.FileStore;
import org.lightbox.catalog.IncomingFile;
import org.lightbox.catalog.IndexingListener;
import org.lightbox.catalog.InvalidInstanceException;
import org.lightbox.catalog.StoredInstance;
import org.lightbox.dicom.net.DimseRequest;
import org.lightbox.dicom.net.DimseService;
import org.lightbox.dicom.net.dimse.CommandSet;
import org.lightbox.dicom.net.dimse.CommandTag;
import org.lightbox.dicom.net.dimse.ErrorComment;
import org.lightbox.dicom.net.dimse.Status;
import org.lightbox.query.RetrieveListener;

/**
 * The storage SCP side of a C-GET: each C-STORE sub-operation is written through the file store exactly as
 * received (file meta information plus the data set bytes in the context's transfer syntax), the way the node's
 * storage service stores, and answered success once the file is durable; the store catalogues it right after (the
 * C-GET returns only when all of it is catalogued). A data set the store cannot parse is refused and nothing is
 * kept; one whose SOP class or instance differs from the command is kept (it is what the peer holds) and logged.
 */
public final class GetStoreService implements DimseService {
    private static final System.Logger LOG = System.getLogger(GetStoreService.class.getName());
    private static final int BUFFER = 64 * 1024;

    private final FileStore store;
    private final RetrieveListener listener;
    private final AtomicInteger received = new AtomicInteger();

    public GetStoreService(FileStore store, RetrieveListener listener) {
        this.store = store;
        this.listener = listener;
    }

    /** Instances stored so far. */
    public int received() {
        return received.get();
    }

    @Override
    public void onRequest(DimseRequest rq) throws IOException {
        CommandSet cmd = rq.command();
        String cuid = cmd.sopClassUid();
        String iuid = cmd.sopInstanceUid();
        InputStream data = rq.dataSet();
        if (data == null || cuid == null || iuid == null) {
            refuse(rq, Status.CANNOT_UNDERSTAND, data == null ? "the C-STORE request has no data set"
                    : "the C-STORE request lacks the affected SOP class or instance UID");
            return;
        }
        try (IncomingFile in = create(rq, cuid, iuid)) {
            if (in == null) {
                return;
            }
            copy(data, in.output());
            try {
                in.commitThenIndex(catalogued(rq.association().label(), cuid, iuid));
            } catch (DuplicateInstanceException e) {
                refuse(rq, Status.DUPLICATE_SOP_INSTANCE, e.getMessage());
                return;
            } catch (InvalidInstanceException e) {
                refuse(rq, Status.CANNOT_UNDERSTAND, e.getMessage());
                return;
            } catch (CatalogException e) {
                refuse(rq, Status.PROCESSING_FAILURE, "cannot catalogue: " + e.getMessage());
                return;
            }
        }
        received.incrementAndGet();
        rq.respond(Status.SUCCESS); // the file is durable; the store's indexer catalogues it next
    }

    /** Tells the listener once the instance is in the catalog; a data set that is not what the command said is logged. */
    private IndexingListener catalogued(String association, String cuid, String iuid) {
        return new IndexingListener() {
            @Override
            public void indexed(StoredInstance stored) {
                if (!iuid.equals(stored.indexed().sopInstanceUid()) || !cuid.equals(stored.indexed().sopClassUid())) {
                    LOG.log(System.Logger.Level.WARNING, "{0}: the data set is {1} {2}, the command said {3} {4}",
                            association, stored.indexed().sopClassUid(), stored.indexed().sopInstanceUid(), cuid, iuid);
                }
                listener.received(stored);
            }

            @Override
            public void failed(Path file, CatalogException cause) {
                listener.refused(iuid, "stored in " + file + " but not catalogued: " + cause.getMessage());
            }
        };
    }

    private IncomingFile create(DimseRequest rq, String cuid, String iuid) throws IOException {
        try {
            return store.create(cuid, iuid, rq.transferSyntax(), rq.association().remoteAeTitle());
        } catch (IOException e) {
            refuse(rq, Status.OUT_OF_RESOURCES, "cannot create the file: " + e.getMessage());
            return null;
        }
    }

    /**
     * Copies the data set. Either failure propagates and the partial file is removed: a read failure means the
     * association broke; a write failure (disk full) is answered "processing failure" by the framework.
     */
    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] b = new byte[BUFFER];
        int n;
        while ((n = in.read(b)) > 0) {
            out.write(b, 0, n);
        }
        out.flush();
    }

    private void refuse(DimseRequest rq, int status, String reason) throws IOException {
        String iuid = rq.command().sopInstanceUid();
        LOG.log(System.Logger.Level.INFO, "{0}: refused {1}: {2}", rq.association().label(), iuid, reason);
        CommandSet rsp = rq.newResponse(status);
        rsp.setString(CommandTag.ErrorComment, ErrorComment.fit(reason));
        rq.respond(rsp, null);
        listener.refused(iuid, reason);
    }
}
