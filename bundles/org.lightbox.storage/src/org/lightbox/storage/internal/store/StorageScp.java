package org.lightbox.storage.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;

import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.DuplicateInstanceException;
import org.lightbox.catalog.FileStore;
import org.lightbox.catalog.IncomingFile;
import org.lightbox.catalog.IndexingListener;
import org.lightbox.catalog.InvalidInstanceException;
import org.lightbox.catalog.StoredFile;
import org.lightbox.catalog.StoredInstance;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.io.DicomFormatException;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.DimseRequest;
import org.lightbox.dicom.net.DimseService;
import org.lightbox.dicom.net.dimse.CommandSet;
import org.lightbox.dicom.net.dimse.CommandTag;
import org.lightbox.dicom.net.dimse.ErrorComment;
import org.lightbox.dicom.net.dimse.Status;
import org.lightbox.storage.NodeEvent;
import org.lightbox.storage.internal.NodeEvents;
import org.lightbox.storage.internal.ReceiveLog;

/**
 * The Storage SCP: stores each C-STORE data set exactly as received (file meta information plus the data set
 * bytes in the presentation context's transfer syntax) through the file store, and answers success once the
 * file is durable under its final name; the store catalogues it right after, on its indexing thread (queries of
 * the node wait for that, and so does the release of the association, so a sender that has released finds
 * everything it sent). A malformed data set, a data set that contradicts its command, a refused
 * duplicate or a store failure is answered with a failure status, and the partial file is removed.
 */
public final class StorageScp implements DimseService {
    private static final System.Logger LOG = System.getLogger(StorageScp.class.getName());

    private final FileStore store;
    private final NodeEvents events;
    private final ReceiveLog receives;

    public StorageScp(FileStore store, NodeEvents events, ReceiveLog receives) {
        this.store = store;
        this.events = events;
        this.receives = receives;
    }

    /** A refusal: status and reason, for the response and the logs. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Refusal(int status, String reason, Throwable cause) {
            super(reason, cause);
            this.status = status;
        }
    }

    @Override
    public void onRequest(DimseRequest rq) throws IOException {
        CommandSet cmd = rq.command();
        Association a = rq.association();
        String cuid = cmd.sopClassUid();
        String iuid = cmd.sopInstanceUid();
        String ts = rq.transferSyntax();
        ReceivedHeader header = null;
        try {
            InputStream data = rq.dataSet();
            if (data == null) {
                throw new Refusal(Status.CANNOT_UNDERSTAND, "the C-STORE request has no data set", null);
            }
            if (cuid == null || iuid == null) {
                throw new Refusal(Status.CANNOT_UNDERSTAND, "the C-STORE request lacks the affected SOP "
                        + (cuid == null ? "class" : "instance") + " UID", null);
            }
            StoredFile stored;
            try (IncomingFile in = create(cuid, iuid, ts, a.callingAeTitle())) {
                header = copy(data, in, ts);
                check(header, cuid, iuid);
                stored = commit(in, catalogued(a, cuid, iuid, ts, header));
            }
            rq.respond(Status.SUCCESS);
            receives.stored(a, header.studyUid(), header.patientId(), header.patientName(), stored.size());
        } catch (Refusal r) {
            refuse(rq, header, r.status, r.getMessage(), r.getCause());
        }
    }

    private IncomingFile create(String cuid, String iuid, String ts, String aet) throws Refusal {
        try {
            return store.create(cuid, iuid, ts, aet);
        } catch (IOException e) {
            throw new Refusal(Status.OUT_OF_RESOURCES, "cannot create the file: " + e.getMessage(), e);
        }
    }

    private ReceivedHeader copy(InputStream data, IncomingFile in, String ts) throws Refusal, IOException {
        try {
            return DataSetCopy.copy(data, in.output(), TransferSyntax.of(ts));
        } catch (DicomFormatException e) {
            throw new Refusal(Status.CANNOT_UNDERSTAND, "malformed data set: " + e.getMessage(), e);
        } catch (DataSetCopy.WriteFailure e) {
            throw new Refusal(Status.OUT_OF_RESOURCES, "cannot write the file: " + e.getMessage(), e);
        }
        // any other IOException: the association broke; nothing to answer, the partial file is removed on close
    }

    /** Reports the instance once it is in the catalog (shortly after its success was sent). */
    private IndexingListener catalogued(Association a, String cuid, String iuid, String ts, ReceivedHeader h) {
        return new IndexingListener() {
            @Override
            public void indexed(StoredInstance s) {
                events.fire(new NodeEvent.InstanceReceived(Instant.now(), a.label(), a.callingAeTitle(), cuid, iuid,
                        s.indexed().studyUid(), h.patientId(), h.patientName(), ts, s.file().size(),
                        s.indexed().duplicateNumber()));
            }

            @Override
            public void failed(Path file, CatalogException cause) {
                events.fire(new NodeEvent.Failure(Instant.now(), "catalog", a.label() + ": " + iuid
                        + " is stored in " + file + " but not catalogued (" + cause.getMessage()
                        + "); the next start's recovery scan catalogues it"));
            }
        };
    }

    /** The file is durable when this returns; the catalog follows (see {@link IncomingFile#commitThenIndex}). */
    private static StoredFile commit(IncomingFile in, IndexingListener catalogued) throws Refusal {
        try {
            return in.commitThenIndex(catalogued);
        } catch (DuplicateInstanceException e) {
            throw new Refusal(Status.DUPLICATE_SOP_INSTANCE, e.getMessage(), e);
        } catch (InvalidInstanceException e) {
            throw new Refusal(Status.CANNOT_UNDERSTAND, e.getMessage(), e);
        } catch (CatalogException e) {
            throw new Refusal(Status.PROCESSING_FAILURE, "cannot catalogue: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new Refusal(Status.OUT_OF_RESOURCES, "cannot store the file: " + e.getMessage(), e);
        }
    }

    /** A data set must be the instance its command announces (the stored meta information says so). */
    private static void check(ReceivedHeader h, String cuid, String iuid) throws Refusal {
        if (h.sopClassUid() != null && !h.sopClassUid().equals(cuid)) {
            throw new Refusal(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, "the data set's SOP Class UID "
                    + h.sopClassUid() + " differs from the command's " + cuid, null);
        }
        if (h.sopInstanceUid() == null || !h.sopInstanceUid().equals(iuid)) {
            throw new Refusal(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, h.sopInstanceUid() == null
                    ? "the data set has no SOP Instance UID (0008,0018)"
                    : "the data set's SOP Instance UID " + h.sopInstanceUid() + " differs from the command's " + iuid,
                    null);
        }
    }

    private void refuse(DimseRequest rq, ReceivedHeader h, int status, String reason, Throwable cause)
            throws IOException {
        Association a = rq.association();
        String iuid = rq.command().sopInstanceUid();
        LOG.log(System.Logger.Level.INFO, "{0}: refused {1}: {2}", a.label(), iuid, reason);
        if (cause != null && !(cause instanceof DicomFormatException)) {
            LOG.log(System.Logger.Level.DEBUG, a.label() + ": refusal of " + iuid, cause);
        }
        CommandSet rsp = rq.newResponse(status);
        rsp.setString(CommandTag.ErrorComment, ErrorComment.fit(reason));
        rq.respond(rsp, null);
        receives.refused(a, h == null ? null : h.studyUid(), status, reason);
        events.fire(new NodeEvent.InstanceRefused(Instant.now(), a.label(), a.callingAeTitle(), iuid, status, reason));
    }
}
