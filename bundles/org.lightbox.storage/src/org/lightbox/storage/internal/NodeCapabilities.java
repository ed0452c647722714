package org.lightbox.storage.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.dict.UidEntry;
import org.lightbox.dicom.core.dict.UidRegistry;
import org.lightbox.dicom.core.dict.UidType;
import org.lightbox.dicom.net.AcceptorPolicy;

/** The SOP classes and transfer syntaxes the node accepts: facts, derived once from the UID registry. */
public final class NodeCapabilities {

    /** Query models answered with C-FIND. */
    public static final List<String> FIND = List.of(UID.PatientRootQueryRetrieveInformationModelFind,
            UID.StudyRootQueryRetrieveInformationModelFind, UID.PatientStudyOnlyQueryRetrieveInformationModelFind);

    /** Retrieve models answered with C-MOVE. */
    public static final List<String> MOVE = List.of(UID.PatientRootQueryRetrieveInformationModelMove,
            UID.StudyRootQueryRetrieveInformationModelMove, UID.PatientStudyOnlyQueryRetrieveInformationModelMove);

    /** Retrieve models answered with C-GET. */
    public static final List<String> GET = List.of(UID.PatientRootQueryRetrieveInformationModelGet,
            UID.StudyRootQueryRetrieveInformationModelGet, UID.PatientStudyOnlyQueryRetrieveInformationModelGet);

    /**
     * Not a data set encoding the node can parse or keep: MIME and XML "transfer syntaxes" describe other
     * encodings than PS3.5 binary data sets.
     */
    private static final Set<String> NOT_KEPT = Set.of(UID.RFC2557MIMEEncapsulation, UID.XMLEncoding);

    private NodeCapabilities() {
    }

    /**
     * Every registered Storage SOP class, current and retired (the seed's retired ones among them), except the
     * Media Storage Directory, which has no study to be catalogued under.
     */
    public static List<String> storageSopClasses() {
        List<String> out = new ArrayList<>();
        for (UidEntry e : UidRegistry.standard().storageSopClasses()) {
            if (!e.uid().equals(UID.MediaStorageDirectoryStorage)) {
                out.add(e.uid());
            }
        }
        return out;
    }

    /**
     * Every transfer syntax the node can store as received: the seed's preference first (lossy JPEG, JPEG
     * lossless, Explicit VR LE, Implicit VR LE), then the other registered ones in registry order.
     */
    public static List<String> transferSyntaxOrder() {
        Set<String> order = new LinkedHashSet<>(AcceptorPolicy.SEED_TRANSFER_SYNTAX_ORDER);
        for (UidEntry e : UidRegistry.standard().ofType(UidType.TRANSFER_SYNTAX)) {
            if (!NOT_KEPT.contains(e.uid())) {
                order.add(e.uid());
            }
        }
        return List.copyOf(order);
    }

    /** Transfer syntaxes for non-storage services (query, commitment): uncompressed, explicit preferred. */
    public static List<String> uncompressed() {
        return List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian);
    }
}
