package org.lightbox.storage.internal.query;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
            String damage = damage(path, f.file().size());
            if (damage != null) {
                return failed(f, damage, path);
            }
            rq = fit(a, StoreRequest.of(f.sopClassUid(), f.sopInstanceUid(), f.file().transferSyntaxUid(),
                    dataSetOf(path)), path);
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

    /**
     * What is wrong with a stored file before it is sent, or null: missing, or not of the size catalogued when it
     * was stored (cut short by a disk fault or by hand). A damaged file must fail its sub-operation, not go out as
     * a complete instance.
     */
    static String damage(Path file, long cataloguedSize) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return "stored file missing";
        } catch (IOException e) {
            return "stored file unreadable: " + e.getMessage();
        }
        return size == cataloguedSize ? null : "stored file damaged: " + size + " of " + cataloguedSize + " bytes";
    }

    /**
     * The data set of a stored Part 10 file: everything after its meta information, whose end its group length
     * (0002,0000) gives, so that only 144 bytes are read before the data streams; a file without the group length
     * is parsed.
     */
    static DataWriter dataSetOf(Path file) throws IOException {
        long size = Files.size(file);
        byte[] head = new byte[144];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, head.length) == head.length && head[128] == 'D' && head[129] == 'I'
                    && head[130] == 'C' && head[131] == 'M' && head[132] == 0x02 && head[133] == 0 && head[134] == 0
                    && head[135] == 0 && head[136] == 'U' && head[137] == 'L') {
                long groupLength = (head[140] & 0xFFL) | (head[141] & 0xFFL) << 8 | (head[142] & 0xFFL) << 16
                        | (head[143] & 0xFFL) << 24;
                long offset = 144 + groupLength;
                if (offset <= size) {
                    return DataWriter.ofFile(file, offset, size - offset);
                }
            }
        }
        return StoreRequest.ofFile(file).data();
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
