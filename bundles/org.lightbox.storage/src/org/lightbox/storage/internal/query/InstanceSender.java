package org.lightbox.storage.internal.query;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.lightbox.catalog.FileStore;
import org.lightbox.catalog.InstanceFile;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.ReadOptions;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.StoreRequest;
import org.lightbox.dicom.net.dimse.DataWriter;
import org.lightbox.dicom.net.dimse.DimseResponse;
import org.lightbox.dicom.net.dimse.Status;

/**
 * Sends stored instances as C-STORE sub-operations. The data set goes as stored, streamed from the file; when the
 * peer did not accept the stored transfer syntax and the data is native, it is re-encoded to an accepted native
 * syntax (compressed data is not transcoded here, so such a sub-operation fails).
 */
final class InstanceSender {
    private static final System.Logger LOG = System.getLogger(InstanceSender.class.getName());

    /** How one sub-operation ended. */
    enum Outcome { COMPLETED, WARNING, FAILED }

    /** The outcome with the reason of a failure, and the bytes sent. */
    record Result(Outcome outcome, String reason, long bytes) {
    }

    private final FileStore store;

    InstanceSender(FileStore store) {
        this.store = store;
    }

    /**
     * Sends one instance. Never throws for a problem with this instance; throws only when the association broke,
     * so that the caller stops.
     *
     * @param originatorAet for C-MOVE the move originator's AE title (with its message id), else null
     */
    Result send(Association a, InstanceFile f, String originatorAet, int originatorMessageId) throws IOException {
        StoreRequest rq;
        Path path;
        try {
            if (!f.file().storeId().equals(store.storeId())) {
                return failed(f, "stored in another file store (" + f.file().storeId() + ")", null);
            }
            path = store.resolve(f.file());
            String damage = store.damage(f.file());
            if (damage != null) {
                return failed(f, damage, path);
            }
            rq = fit(a, StoreRequest.of(f.sopClassUid(), f.sopInstanceUid(), f.file().transferSyntaxUid(),
                    StoreRequest.dataSetOf(path, f.file().size())), path);
        } catch (IOException | RuntimeException e) {
            return failed(f, "stored file unreadable: " + e.getMessage(), null);
        }
        if (rq == null) {
            return failed(f, "peer accepts no syntax it can go in", null);
        }
        if (originatorAet != null) {
            rq = rq.withMoveOriginator(originatorAet, originatorMessageId);
        }
        DimseResponse rsp = a.store(rq);
        Status s = rsp.status();
        if (s.isSuccess()) {
            return new Result(Outcome.COMPLETED, null, f.file().size());
        }
        if (s.isWarning()) {
            return new Result(Outcome.WARNING, s.toString(), f.file().size());
        }
        String comment = rsp.errorComment();
        return failed(f, "refused: " + s + (comment == null ? "" : " (" + comment + ")"), null);
    }

    /**
     * A failed sub-operation. The reason goes to the peer as the final response's Error Comment (64 characters at
     * most, so it says what, briefly, and never where on this machine); the log line has the instance and the file.
     */
    private static Result failed(InstanceFile f, String reason, Path file) {
        LOG.log(System.Logger.Level.WARNING, "cannot send {0}: {1}{2}", f.sopInstanceUid(), reason,
                file == null ? "" : " (" + file + ")");
        return new Result(Outcome.FAILED, reason, 0);
    }

    /** The request as stored when accepted, else re-encoded to an accepted native syntax, else null. */
    private static StoreRequest fit(Association a, StoreRequest s, Path file) {
        if (a.presentationContextId(s.sopClassUid(), s.transferSyntax()) >= 0) {
            return s;
        }
        if (TransferSyntax.of(s.transferSyntax()).encapsulated()) {
            return null;
        }
        List<String> accepted = a.acceptedTransferSyntaxes(s.sopClassUid());
        String target = null;
        for (String ts : accepted) {
            TransferSyntax t = TransferSyntax.of(ts);
            if (!t.encapsulated() && !t.deflated()) {
                target = ts;
                break;
            }
        }
        if (target == null) {
            return null;
        }
        DataWriter converted = (out, ts) -> {
            Attributes ds;
            try (DicomReader r = new DicomReader(file, ReadOptions.DEFAULT.withBulkDataByReference(false)
                    .withAcceptOddLengths(true))) {
                r.readFileMetaInformation();
                ds = r.readDataset();
            }
            DicomWriter w = new DicomWriter(out);
            w.writeDataset(ds, TransferSyntax.of(ts));
            w.flush();
        };
        return new StoreRequest(s.sopClassUid(), s.sopInstanceUid(), target, converted, s.priority(), null, -1);
    }

    /** Maps a result onto the counts. */
    static void count(SubOperations ops, InstanceFile f, Result r) {
        switch (r.outcome()) {
            case COMPLETED -> ops.completed();
            case WARNING -> ops.warning();
            default -> ops.failed(f.sopInstanceUid());
        }
    }
}
