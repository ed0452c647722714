package org.lightbox.dicom.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.lightbox.dicom.core.VR;

/** Hand-built little endian encodings, for input no well-behaved writer produces. */
final class Raw {

    static final long UNDEFINED = 0xFFFFFFFFL;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean explicit;

    private Raw(boolean explicit) {
        this.explicit = explicit;
    }

    static Raw explicitVR() {
        return new Raw(true);
    }

    static Raw implicitVR() {
        return new Raw(false);
    }

    /** Preamble, "DICM" and a valid meta information group for {@code tsUid}. */
    Raw fileHeader(String tsUid) {
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        try (DicomWriter w = new DicomWriter(meta)) {
            w.writeFileMetaInformation(TestCorpus.meta(tsUid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.writeBytes(meta.toByteArray());
        return this;
    }

    Raw bytes(int... values) {
        for (int v : values) {
            out.write(v);
        }
        return this;
    }

    Raw ascii(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    Raw zeros(int n) {
        out.writeBytes(new byte[n]);
        return this;
    }

    Raw tag(int tag) {
        return u16(tag >>> 16).u16(tag & 0xFFFF);
    }

    Raw u16(int v) {
        return bytes(v & 0xFF, (v >>> 8) & 0xFF);
    }

    Raw u32(long v) {
        return u16((int) v & 0xFFFF).u16((int) (v >>> 16) & 0xFFFF);
    }

    /** An element header; {@code vr} may be any two characters (only known long-header VRs get 4-byte lengths). */
    Raw header(int tag, String vr, long length) {
        tag(tag);
        if (!explicit) {
            return u32(length);
        }
        ascii(vr);
        VR known = VR.of(vr);
        return known != null && known.hasLongHeader() ? u16(0).u32(length) : u16((int) length);
    }

    /** An element with {@code value} padded to even length (NUL for UI, else space). */
    Raw element(int tag, String vr, String value) {
        if ((value.length() & 1) != 0) {
            value += "UI".equals(vr) ? "\0" : " ";
        }
        byte[] b = value.getBytes(StandardCharsets.ISO_8859_1);
        header(tag, vr, b.length);
        out.writeBytes(b);
        return this;
    }

    Raw item(long length) {
        return tag(0xFFFEE000).u32(length);
    }

    Raw itemEnd() {
        return tag(0xFFFEE00D).u32(0);
    }

    Raw sequenceEnd() {
        return tag(0xFFFEE0DD).u32(0);
    }

    int offset() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
