package org.lightbox.dicom.net.pdu;

import java.util.List;

/**
 * A proposed presentation context (PS3.8 9.3.2.2): an odd id 1..255, an abstract syntax (SOP class) and the
 * transfer syntaxes the requestor offers, in its order of preference.
 */
public record PresentationContext(int id, String abstractSyntax, List<String> transferSyntaxes) {
    public PresentationContext {
        if (id < 1 || id > 255 || (id & 1) == 0) {
            throw new IllegalArgumentException("presentation context id must be odd in 1..255: " + id);
        }
        if (abstractSyntax == null || abstractSyntax.isEmpty()) {
            throw new IllegalArgumentException("presentation context " + id + " lacks an abstract syntax");
        }
        transferSyntaxes = List.copyOf(transferSyntaxes);
        if (transferSyntaxes.isEmpty()) {
            throw new IllegalArgumentException("presentation context " + id + " lacks transfer syntaxes");
        }
    }

    public static PresentationContext of(int id, String abstractSyntax, String... transferSyntaxes) {
        return new PresentationContext(id, abstractSyntax, List.of(transferSyntaxes));
    }
}
