package org.lightbox.query.internal.send;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.lightbox.config.RemoteAe;
import org.lightbox.query.transfer.SendRequest;

/**
 * A send request as stored in the job table: a small versioned binary record (magic, version, destination, our AE
 * title, UID lists, commitment flag), so a job written by this version is read back after a restart and a future
 * version can still read it.
 */
public final class SendPayload {
    private static final int MAGIC = 0x4C425344; // "LBSD"
    private static final int VERSION = 1;
    /** More UIDs than a job can sensibly name: a longer list is a corrupt payload, not a request. */
    private static final int MAX_UIDS = 1_000_000;

    private SendPayload() {
    }

    public static byte[] encode(SendRequest r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            RemoteAe d = r.destination();
            out.writeUTF(d.aeTitle());
            out.writeUTF(d.host());
            out.writeInt(d.port());
            out.writeBoolean(d.tls());
            out.writeUTF(d.description());
            out.writeUTF(r.callingAet() == null ? "" : r.callingAet());
            list(out, r.studyUids());
            list(out, r.seriesUids());
            list(out, r.instanceUids());
            out.writeBoolean(r.commit());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** Reads a payload; a malformed one is an IOException saying what is wrong. */
    public static SendRequest decode(byte[] payload) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            if (payload.length < 8 || in.readInt() != MAGIC) {
                throw new IOException("not a send request payload (" + payload.length + " bytes)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException("send request payload version " + version + " is not supported (only "
                        + VERSION + ")");
            }
            RemoteAe d = new RemoteAe(in.readUTF(), in.readUTF(), in.readInt(), in.readBoolean(), in.readUTF());
            String calling = in.readUTF();
            List<String> studies = list(in, "studies");
            List<String> series = list(in, "series");
            List<String> instances = list(in, "instances");
            boolean commit = in.readBoolean();
            return new SendRequest(d, calling.isEmpty() ? null : calling, studies, series, instances, commit);
        } catch (java.io.EOFException e) {
            throw new IOException("send request payload is truncated (" + payload.length + " bytes)", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("send request payload is invalid: " + e.getMessage(), e);
        }
    }

    private static void list(DataOutputStream out, List<String> uids) throws IOException {
        out.writeInt(uids.size());
        for (String u : uids) {
            out.writeUTF(u);
        }
    }

    private static List<String> list(DataInputStream in, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_UIDS || n > in.available() / 2) {
            throw new IOException("send request payload: bad count " + n + " of " + what);
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.readUTF());
        }
        return out;
    }
}
