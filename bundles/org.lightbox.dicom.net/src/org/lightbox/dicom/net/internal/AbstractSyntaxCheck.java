package org.lightbox.dicom.net.internal;

import java.util.Map;
import java.util.Set;

import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.dict.UidRegistry;
import org.lightbox.dicom.core.dict.UidType;

/**
 * Whether a request's Affected (or Requested) SOP Class UID belongs on the presentation context it came on
 * (PS3.7 9.1, 10.1): its abstract syntax, or for a Meta SOP Class one of the SOP classes it groups. The Print
 * Management Meta SOP Classes carry Film Session, Film Box, Image Box and Printer requests (PS3.4 H.3); the retired
 * Meta SOP Classes are not checked (their members are not worth a table; they are accepted, not built upon).
 */
final class AbstractSyntaxCheck {
    /** Meta SOP Class -> the SOP classes its context carries. */
    private static final Map<String, Set<String>> META = Map.of(
            UID.BasicGrayscalePrintManagementMeta, Set.of(UID.BasicFilmSession, UID.BasicFilmBox,
                    UID.BasicGrayscaleImageBox, UID.Printer),
            UID.BasicColorPrintManagementMeta, Set.of(UID.BasicFilmSession, UID.BasicFilmBox,
                    UID.BasicColorImageBox, UID.Printer));

    private AbstractSyntaxCheck() {
    }

    /** True when {@code sopClassUid} may be sent on a context of {@code abstractSyntax}. */
    static boolean fits(String sopClassUid, String abstractSyntax) {
        if (sopClassUid.equals(abstractSyntax)) {
            return true;
        }
        Set<String> members = META.get(abstractSyntax);
        if (members != null) {
            return members.contains(sopClassUid);
        }
        return UidRegistry.standard().entry(abstractSyntax)
                .map(e -> e.type() == UidType.META_SOP_CLASS && e.retired()).orElse(false);
    }

    /** Which SOP class came on which context, by name: the Error Comment (the caller fits it into 64 characters). */
    static String describe(String sopClassUid, int pcid, String abstractSyntax) {
        return name(sopClassUid) + " on context " + pcid + " (" + name(abstractSyntax) + ")";
    }

    /** The registry name without its " SOP Class" tail, which an Error Comment has no room for. */
    private static String name(String uid) {
        String n = UID.nameOf(uid);
        return n.endsWith(" SOP Class") ? n.substring(0, n.length() - " SOP Class".length()) : n;
    }

    /** The same with the UIDs, for the log. */
    static String describeFully(String sopClassUid, int pcid, String abstractSyntax) {
        return "SOP class " + sopClassUid + " sent on presentation context " + pcid + " of abstract syntax "
                + abstractSyntax;
    }
}
