package org.lightbox.storage.internal.query;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.net.dimse.Status;

/** An identifier whose values the node cannot decode is refused, not matched as garbage. */
class IdentifiersTest {

    private static Attributes keys(String charset, byte[] name) {
        Attributes k = new Attributes();
        k.setString(Tag.SpecificCharacterSet, VR.CS, charset);
        k.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
        k.setBytes(Tag.PatientName, VR.PN, name);
        return k;
    }

    @Test
    void anUnknownCharacterSetWithValuesBeyondAsciiIsRefusedNamingTheElement() {
        Identifiers.OffendingElement e = assertThrows(Identifiers.OffendingElement.class,
                () -> Identifiers.requireDecodable(keys("ISO_IR 999", "Müller*".getBytes(StandardCharsets.ISO_8859_1))));
        assertEquals(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, e.status());
        assertEquals(Tag.SpecificCharacterSet, e.tag());
        assertTrue(e.getMessage().contains("ISO_IR 999"), e.getMessage());
    }

    @Test
    void anUnknownCharacterSetWithAsciiValuesOnlyDoesNoHarm() {
        assertDoesNotThrow(() -> Identifiers.requireDecodable(keys("ISO_IR 999",
                "Smith*".getBytes(StandardCharsets.US_ASCII))));
        assertDoesNotThrow(() -> Identifiers.requireDecodable(keys("ISO_IR 100",
                "Müller*".getBytes(StandardCharsets.ISO_8859_1))));
    }
}
