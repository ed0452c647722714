package org.lightbox.query.internal.send;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.lightbox.catalog.FileStore;
import org.lightbox.catalog.InstanceFile;
import org.lightbox.catalog.InstanceOutcome;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.io.DicomFile;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.core.io.ReadOptions;
import org.lightbox.dicom.imageio.CodecException;
import org.lightbox.dicom.imageio.PixelCodecs;
import org.lightbox.dicom.imageio.Transcoder;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.StoreRequest;
import org.lightbox.dicom.net.dimse.DataWriter;
import org.lightbox.dicom.net.dimse.DimseResponse;
import org.lightbox.dicom.net.dimse.Status;

/**
 * Sends one stored instance by C-STORE. When the peer accepted the stored transfer syntax the data set streams
 * from the file as it is (never parsed, never in memory); otherwise it is re-encoded to the accepted uncompressed
 * syntax, compressed pixel data decoded frame by frame by the image codecs. A problem of this instance (file
 * missing, no codec, refused syntax, failure status) fails it alone with the reason; only a broken association
 * throws, so that the attempt ends and the queue retries.
 */
final class InstanceStore {

    /** How one instance went: the outcome, the bytes sent and the reason of a failure or warning. */
    record Result(InstanceOutcome.Result outcome, long bytes, String reason) {
    }

    private final FileStore store;
    private final Transcoder transcoder = new Transcoder();

    InstanceStore(FileStore store) {
        this.store = store;
    }

    Result send(Association a, InstanceFile f) throws IOException {
        Path path;
        StoreRequest rq;
        try {
            if (!f.file().storeId().equals(store.storeId())) {
                return failed("stored in another file store (" + f.file().storeId() + ")");
            }
            path = store.resolve(f.file());
            String damage = store.damage(f.file());
            if (damage != null) {
                return failed(damage + " (" + path + ")");
            }
            String stored = f.file().transferSyntaxUid();
            if (a.presentationContextId(f.sopClassUid(), stored) >= 0) {
                rq = StoreRequest.of(f.sopClassUid(), f.sopInstanceUid(), stored,
                        StoreRequest.dataSetOf(path, f.file().size()));
            } else {
                String target = uncompressedTarget(a.acceptedTransferSyntaxes(f.sopClassUid()));
                if (target == null) {
                    String why = a.rejectionReason(f.sopClassUid());
                    return failed("the peer accepts none of the transfer syntaxes proposed for " + f.sopClassUid()
                            + (why == null ? " in " + name(stored) : " (" + why + ")"));
                }
                if (!StoreContexts.isNative(stored) && TransferSyntax.of(stored).encapsulated()
                        && PixelCodecs.forTransferSyntax(stored) == null) {
                    return failed("no codec to decompress " + name(stored) + ", which the peer refused (it accepts "
                            + name(target) + ")");
                }
                rq = StoreRequest.of(f.sopClassUid(), f.sopInstanceUid(), target, decompressed(path));
            }
        } catch (IOException | RuntimeException e) {
            return failed(e.getMessage());
        }
        DimseResponse rsp;
        try {
            rsp = a.store(rq);
        } catch (IOException e) {
            CodecException codec = codecCause(e);
            if (codec == null) {
                throw e; // the association broke: the attempt ends
            }
            // our own data could not be decoded: this instance fails; the sender reopens if the message was cut
            return failed("cannot decompress: " + codec.getMessage());
        }
        Status s = rsp.status();
        String comment = rsp.errorComment();
        if (s.isSuccess()) {
            return new Result(InstanceOutcome.Result.SENT, f.file().size(), null);
        }
        if (s.isWarning()) {
            return new Result(InstanceOutcome.Result.WARNING, f.file().size(), s + (comment == null ? ""
                    : " (" + comment + ")"));
        }
        return failed("the peer answered " + s + (comment == null ? "" : " (" + comment + ")"));
    }

    private static CodecException codecCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CodecException ce) {
                return ce;
            }
        }
        return null;
    }

    private static Result failed(String reason) {
        return new Result(InstanceOutcome.Result.FAILED, 0, reason);
    }

    private static String name(String ts) {
        return TransferSyntax.isRegistered(ts) ? TransferSyntax.of(ts).name() + " (" + ts + ")" : ts;
    }

    /** Explicit VR LE if accepted, else Implicit VR LE, else null. */
    static String uncompressedTarget(List<String> accepted) {
        for (String ts : StoreContexts.UNCOMPRESSED) {
            if (accepted.contains(ts)) {
                return ts;
            }
        }
        return null;
    }

    /** The data set re-encoded when sent: bulk data stay in the file and stream, compressed frames one by one. */
    private DataWriter decompressed(Path path) {
        return (out, ts) -> {
            DicomFile df = DicomReader.readFile(path, ReadOptions.DEFAULT.withAcceptOddLengths(true));
            transcoder.writeDataset(df.dataset(), df.transferSyntax(), TransferSyntax.of(ts), out);
        };
    }
}
