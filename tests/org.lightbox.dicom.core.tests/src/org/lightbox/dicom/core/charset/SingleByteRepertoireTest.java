package org.lightbox.dicom.core.charset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.lightbox.dicom.core.VR;

/** Every single-byte character set round-trips its printable repertoire, with and without code extensions. */
class SingleByteRepertoireTest {

    /** Defined term to one known character of its right half: byte and Unicode (facts of the ISO 8859 tables). */
    static final Map<String, int[]> SETS = Map.ofEntries(Map.entry("ISO_IR 100", new int[] { 0xE9, 'é' }),
            Map.entry("ISO_IR 101", new int[] { 0xB1, 'ą' }), Map.entry("ISO_IR 109", new int[] { 0xA1, 'Ħ' }),
            Map.entry("ISO_IR 110", new int[] { 0xA2, 'ĸ' }), Map.entry("ISO_IR 144", new int[] { 0xBB, 'Л' }),
            Map.entry("ISO_IR 127", new int[] { 0xC7, 'ا' }), Map.entry("ISO_IR 126", new int[] { 0xC4, 'Δ' }),
            Map.entry("ISO_IR 138", new int[] { 0xF9, 'ש' }), Map.entry("ISO_IR 148", new int[] { 0xFD, 'ı' }),
            Map.entry("ISO_IR 166", new int[] { 0xA1, 'ก' }), Map.entry("ISO_IR 203", new int[] { 0xA4, '€' }),
            Map.entry("ISO_IR 13", new int[] { 0xB1, 'ｱ' }));

    /** Printable ASCII without the delimiters, then every byte 0xA0..0xFF that the set maps to a character. */
    static byte[] printableRepertoire(SpecificCharacterSet cs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = 0x20; b < 0x7F; b++) {
            if (b != '\\' && b != '^' && b != '=') {
                out.write(b);
            }
        }
        for (int b = 0xA0; b <= 0xFF; b++) {
            String s = cs.decode(new byte[] { (byte) b }, 0, 1, VR.LO);
            if (!s.equals("\uFFFD")) {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    @TestFactory
    List<DynamicTest> plainTermsRoundTrip() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, int[]> e : SETS.entrySet()) {
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                SpecificCharacterSet cs = SpecificCharacterSet.of(e.getKey());
                int b = e.getValue()[0];
                assertEquals(String.valueOf((char) e.getValue()[1]), cs.decode(new byte[] { (byte) b }, 0, 1, VR.PN));
                byte[] all = printableRepertoire(cs);
                assertTrue(all.length > 94 + 40, e.getKey() + " has only " + all.length + " printable bytes");
                String text = cs.decode(all, 0, all.length, VR.PN);
                assertEquals(all.length, text.length());
                assertTrue(text.indexOf('\uFFFD') < 0);
                assertArrayEquals(all, cs.encode(text, VR.PN));
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> codeExtensionTermsRoundTrip() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, int[]> e : SETS.entrySet()) {
            String term = e.getKey().replace("ISO_IR", "ISO 2022 IR");
            tests.add(DynamicTest.dynamicTest(term, () -> {
                // value 1 of the set: no escape needed for its own repertoire
                SpecificCharacterSet own = SpecificCharacterSet.of(term);
                byte[] all = printableRepertoire(SpecificCharacterSet.of(e.getKey()));
                String text = own.decode(all, 0, all.length, VR.PN);
                assertArrayEquals(all, own.encode(text, VR.PN));

                // as a second value: the G1 set is designated by its escape sequence, and designated back
                SpecificCharacterSet second = SpecificCharacterSet.of("", term);
                byte[] encoded = second.encode(text, VR.PN);
                assertEquals(0x1B, encoded[all.length - countHigh(all)], term + ": escape before the first G1 byte");
                assertEquals(text, second.decode(encoded, 0, encoded.length, VR.PN));
            }));
        }
        return tests;
    }

    private static int countHigh(byte[] b) {
        int n = 0;
        for (byte x : b) {
            if (x < 0) {
                n++;
            }
        }
        return n;
    }
}
