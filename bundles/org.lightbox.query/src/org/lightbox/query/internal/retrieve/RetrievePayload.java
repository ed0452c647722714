package org.lightbox.query.internal.retrieve;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.lightbox.catalog.InformationModel;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.config.RemoteAe;
import org.lightbox.config.RetrieveMethod;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.ReadOptions;
import org.lightbox.query.RetrieveRequest;
import org.lightbox.query.transfer.RetrieveJob;

/**
 * A retrieve job as stored in the job table: a small versioned record (magic, version, the source AE with its
 * retrieve method, model, level, and the identifier's unique keys as an Explicit VR Little Endian data set), read
 * back after a restart.
 */
public final class RetrievePayload {
    private static final int MAGIC = 0x4C425254; // "LBRT"
    private static final int VERSION = 1;
    /** An identifier of unique keys is small; more is a corrupt payload. */
    private static final int MAX_IDENTIFIER = 16 * 1024 * 1024;

    private RetrievePayload() {
    }

    public static byte[] encode(RetrieveJob job) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            RemoteAe s = job.source();
            out.writeUTF(s.aeTitle());
            out.writeUTF(s.host());
            out.writeInt(s.port());
            out.writeBoolean(s.tls());
            out.writeUTF(s.description());
            out.writeUTF(s.retrieve().name());
            out.writeUTF(job.request().model().name());
            out.writeUTF(job.request().level().name());
            ByteArrayOutputStream ds = new ByteArrayOutputStream();
            DicomWriter w = new DicomWriter(ds);
            w.writeDataset(job.request().identifier(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            w.flush();
            out.writeInt(ds.size());
            ds.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** Reads a payload; a malformed one is an IOException saying what is wrong. */
    public static RetrieveJob decode(byte[] payload) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            if (payload.length < 8 || in.readInt() != MAGIC) {
                throw new IOException("not a retrieve payload (" + payload.length + " bytes)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException("retrieve payload version " + version + " is not supported (only " + VERSION
                        + ")");
            }
            RemoteAe source = new RemoteAe(in.readUTF(), in.readUTF(), in.readInt(), in.readBoolean(), in.readUTF())
                    .withRetrieve(RetrieveMethod.valueOf(in.readUTF()));
            InformationModel model = InformationModel.valueOf(in.readUTF());
            QueryLevel level = QueryLevel.valueOf(in.readUTF());
            int n = in.readInt();
            if (n < 0 || n > MAX_IDENTIFIER || n > payload.length) {
                throw new IOException("retrieve payload names an identifier of " + n + " bytes in " + payload.length);
            }
            byte[] ds = in.readNBytes(n);
            if (ds.length != n) {
                throw new IOException("retrieve payload is truncated inside its identifier");
            }
            Attributes keys = DicomReader.readDataset(new ByteArrayInputStream(ds),
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, ReadOptions.DEFAULT);
            return new RetrieveJob(source, RetrieveRequest.of(model, level, keys));
        } catch (java.io.EOFException e) {
            throw new IOException("retrieve payload is truncated (" + payload.length + " bytes)", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("retrieve payload is invalid: " + e.getMessage(), e);
        }
    }
}
