package org.lightbox.storage.internal.query;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.lightbox.catalog.FindQuery;
import org.lightbox.catalog.InformationModel;
import org.lightbox.catalog.InvalidQueryException;
import org.lightbox.catalog.QueryOptions;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.charset.SpecificCharacterSet;
import org.lightbox.dicom.core.io.DicomFormatException;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.ReadOptions;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.DimseRequest;
import org.lightbox.dicom.net.DimseStatusException;
import org.lightbox.dicom.net.dimse.DataWriter;
import org.lightbox.dicom.net.dimse.Status;
import org.lightbox.dicom.net.pdu.ExtendedNegotiation;

/**
 * Reading C-FIND, C-MOVE and C-GET identifiers, writing response identifiers, and the query options an
 * association negotiated (relational queries by SOP class extended negotiation, PS3.4 C.5.1.1.1).
 */
public final class Identifiers {

    private Identifiers() {
    }

    /** The request's identifier; a missing or unreadable one is a "cannot understand" failure. */
    public static Attributes read(DimseRequest rq) throws IOException, DimseStatusException {
        InputStream in = rq.dataSet();
        if (in == null) {
            throw new DimseStatusException(Status.CANNOT_UNDERSTAND, "the request has no identifier");
        }
        Attributes keys;
        try {
            keys = DicomReader.readDataset(in, TransferSyntax.of(rq.transferSyntax()),
                    ReadOptions.DEFAULT.withBulkDataByReference(false));
        } catch (DicomFormatException e) {
            throw new DimseStatusException(Status.CANNOT_UNDERSTAND, "malformed identifier: " + e.getMessage());
        }
        requireDecodable(keys);
        return keys;
    }

    /**
     * Values beyond ASCII need a Specific Character Set the node knows: decoded in another, a name would match the
     * wrong patients or none, silently. An unknown set with ASCII values only does no harm and is let through.
     */
    static void requireDecodable(Attributes keys) throws DimseStatusException {
        try {
            SpecificCharacterSet.of(keys.getStrings(Tag.SpecificCharacterSet));
        } catch (IllegalArgumentException e) {
            if (beyondAscii(keys)) {
                throw new OffendingElement(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, e.getMessage()
                        + ": the identifier's values cannot be read", Tag.SpecificCharacterSet);
            }
        }
    }

    private static boolean beyondAscii(Attributes a) {
        for (int i = 0; i < a.size(); i++) {
            Object v = a.valueAt(i);
            if (v instanceof byte[] b) {
                for (byte x : b) {
                    if (x < 0 || x == 0x1B) { // 0x1B: an ISO 2022 escape
                        return true;
                    }
                }
            } else if (v instanceof Sequence seq) {
                for (Attributes item : seq) {
                    if (beyondAscii(item)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The query for the request's identifier, or the failure status that answers it. */
    public static FindQuery query(DimseRequest rq, Attributes keys, QueryOptions base) throws DimseStatusException {
        String cuid = rq.command().sopClassUid();
        InformationModel model = InformationModel.ofSopClass(cuid);
        if (model == null) {
            throw new DimseStatusException(Status.SOP_CLASS_NOT_SUPPORTED, "not a query/retrieve model: " + cuid);
        }
        try {
            return FindQuery.of(model, keys, base.withRelational(relational(rq.association(), cuid)));
        } catch (InvalidQueryException e) {
            throw invalid(e);
        }
    }

    /** An identifier the catalog refuses: A900 (identifier does not match SOP class) naming the element. */
    public static DimseStatusException invalid(InvalidQueryException e) {
        return new OffendingElement(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, e.getMessage(), e.tag());
    }

    /** True when the association negotiated relational queries or retrievals for {@code sopClassUid}. */
    static boolean relational(Association a, String sopClassUid) {
        if (a.acceptance() == null) {
            return false;
        }
        List<ExtendedNegotiation> ext = a.acceptance().userInformation().extendedNegotiations();
        for (ExtendedNegotiation e : ext) {
            if (e.sopClassUid().equals(sopClassUid)) {
                byte[] info = e.applicationInformation();
                return info.length > 0 && info[0] == 1;
            }
        }
        return false;
    }

    /**
     * Our answer to a query/retrieve class's extended negotiation: relational queries and retrievals are supported,
     * the other options (combined date-time matching, fuzzy semantic matching, timezone adjustment) are not.
     */
    public static byte[] answerExtendedNegotiation(String sopClassUid, byte[] requested) {
        if (InformationModel.ofSopClass(sopClassUid) == null || requested == null || requested.length == 0) {
            return null;
        }
        byte[] answer = new byte[Math.min(requested.length, 4)];
        answer[0] = (byte) (requested[0] == 1 ? 1 : 0);
        return answer;
    }

    /** Encodes a response identifier in the context's transfer syntax. */
    public static DataWriter writer(Attributes identifier) {
        return (out, ts) -> {
            DicomWriter w = new DicomWriter(out, 4096);
            w.writeDataset(identifier, TransferSyntax.of(ts));
            w.flush(); // never close: the stream is the association's P-DATA stream
        };
    }

    /** A failure with Offending Element (0000,0901). */
    public static final class OffendingElement extends DimseStatusException {
        private static final long serialVersionUID = 1L;
        private final int tag;

        OffendingElement(int status, String message, int tag) {
            super(status, message);
            this.tag = tag;
        }

        public int tag() {
            return tag;
        }
    }
}
