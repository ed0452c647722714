package org.lightbox.catalog.internal.index;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.io.DicomFormatException;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.ReadOptions;

/**
 * The per-level attributes as they sit in an ATTRS column: a bare data set in explicit VR little endian, at most
 * the column's size (the largest elements are dropped until it fits: they can still be read from the file).
 */
public final class AttributeBlob {

    private static final System.Logger LOG = System.getLogger(AttributeBlob.class.getName());
    private static final ReadOptions READ = ReadOptions.DEFAULT.withBulkDataByReference(false).withMaxDepth(16);

    private AttributeBlob() {
    }

    public static byte[] encode(Attributes a, int limit) {
        byte[] b = write(a);
        while (b.length > limit && a.size() > 1) {
            int largest = largest(a);
            LOG.log(System.Logger.Level.DEBUG, "attributes of {0} bytes exceed {1}; not keeping {2}", b.length, limit,
                    Tag.toString(a.tagAt(largest)));
            a.remove(a.tagAt(largest));
            b = write(a);
        }
        return b;
    }

    private static int largest(Attributes a) {
        int best = -1;
        long bestSize = -1;
        for (int i = 0; i < a.size(); i++) {
            if (a.tagAt(i) == Tag.SpecificCharacterSet) {
                continue;
            }
            Object v = a.valueAt(i);
            long size = v instanceof byte[] ? ((byte[]) v).length : v instanceof Sequence ? write(item(a, i)).length : 0;
            if (size > bestSize) {
                best = i;
                bestSize = size;
            }
        }
        return best < 0 ? a.size() - 1 : best;
    }

    private static Attributes item(Attributes a, int i) {
        Attributes one = new Attributes(a.isBigEndian(), 1);
        LevelAttributes.copy(a, i, one);
        return one;
    }

    private static byte[] write(Attributes a) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (DicomWriter w = new DicomWriter(out, 1024)) {
            w.writeDataset(a, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding catalog attributes in memory", e);
        }
        return out.toByteArray();
    }

    /** The attributes of a column value; an empty data set for {@code null}. */
    public static Attributes decode(byte[] b) throws DicomFormatException {
        if (b == null || b.length == 0) {
            return new Attributes();
        }
        try {
            return DicomReader.readDataset(new ByteArrayInputStream(b), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, READ);
        } catch (DicomFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("decoding catalog attributes in memory", e);
        }
    }
}
