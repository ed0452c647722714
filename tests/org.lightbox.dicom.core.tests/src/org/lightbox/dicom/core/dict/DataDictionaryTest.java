package org.lightbox.dicom.core.dict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.VR;

class DataDictionaryTest {

    private final DataDictionary dict = DataDictionary.standard();

    @Test
    void wellKnownTags() {
        DictionaryEntry pn = dict.entry(Tag.PatientName).orElseThrow();
        assertEquals(0x00100010, pn.tag());
        assertEquals("PatientName", pn.keyword());
        assertEquals("Patient's Name", pn.name());
        assertEquals(List.of(VR.PN), pn.vrs());
        assertEquals("1", pn.vm());
        assertFalse(pn.retired());

        assertEquals(VR.US, dict.vrOf(0x00280010));
        assertEquals("Rows", dict.keywordOf(0x00280010));
        assertEquals(VR.UI, dict.vrOf(0x0020000D));
        assertEquals("StudyInstanceUID", dict.keywordOf(0x0020000D));
        assertEquals(VR.SQ, dict.vrOf(0x00081115));
        assertEquals("2-n", dict.entry(Tag.ImageType).orElseThrow().vm());
        assertEquals("1-n", dict.entry(Tag.OtherPatientIDs).orElseThrow().vm());
        assertEquals(VR.UL, dict.vrOf(Tag.FileMetaInformationGroupLength));
        assertEquals(VR.CS, dict.vrOf(Tag.SpecificCharacterSet));
    }

    @Test
    void multipleVrsKeepTheStandardOrder() {
        assertEquals(List.of(VR.OB, VR.OW), dict.entry(Tag.PixelData).orElseThrow().vrs());
        assertEquals(VR.OB, dict.vrOf(Tag.PixelData));
        assertEquals(List.of(VR.US, VR.SS), dict.entry(Tag.SmallestImagePixelValue).orElseThrow().vrs());
        assertEquals(List.of(VR.US, VR.OW), dict.entry(Tag.LUTData).orElseThrow().vrs());
    }

    @Test
    void retiredTag() {
        // (0008,0040) Data Set Type, retired ACR-NEMA element; keyword has no RETIRED_ prefix
        DictionaryEntry e = dict.entry(0x00281080).orElseThrow();
        assertEquals("GrayScale", e.keyword());
        assertTrue(e.retired());
        assertTrue(dict.entry("RETIRED_GrayScale").isEmpty());
        assertTrue(dict.entry(Tag.OverlayPlanes).orElseThrow().retired());
    }

    @Test
    void overlayGroupsResolveThroughTheMask() {
        for (int group = 0x6000; group <= 0x601E; group += 2) {
            int tag = (group << 16) | 0x0010;
            DictionaryEntry e = dict.entry(tag).orElseThrow(() -> new AssertionError(Tag.toString(tag)));
            assertEquals("OverlayRows", e.keyword(), Tag.toString(tag));
            assertEquals(VR.US, dict.vrOf(tag));
        }
        assertEquals(VR.OB, dict.vrOf(0x60023000)); // Overlay Data, OB or OW
        assertEquals(Tag.OverlayRows, dict.entry("OverlayRows").orElseThrow().tag());
        assertEquals(0x00280410, Tag.RowsForNthOrderCoefficients); // not (0028,0400), which is Transform Label
        assertEquals(0xFF01FFFF, dict.entry("OverlayRows").orElseThrow().mask());
        // odd groups are private, not overlays
        assertTrue(dict.entry(0x60010010).isEmpty());
        assertEquals(VR.LO, dict.vrOf(0x60010010));
    }

    @Test
    void curveGroupsAndOtherMasks() {
        DictionaryEntry curve = dict.entry(0x50060005).orElseThrow();
        assertEquals("CurveDimensions", curve.keyword());
        assertTrue(curve.retired());
        assertEquals(VR.US, dict.vrOf(0x50FE0005));
        assertEquals("CurveData", dict.keywordOf(0x50203000));
        // (0028,04x0) Rows For Nth Order Coefficients, (1000,xxx5) Shift Table Triplet, (0020,31xx), (7Fxx,0010)
        assertEquals("RowsForNthOrderCoefficients", dict.keywordOf(0x00280430));
        assertEquals("CoefficientCodingPointers", dict.keywordOf(0x002804F3));
        assertEquals("ShiftTableTriplet", dict.keywordOf(0x10001235));
        assertEquals("ZonalMap", dict.keywordOf(0x1010ABCD));
        assertEquals("SourceImageIDs", dict.keywordOf(0x002031A7));
        assertEquals("VariablePixelData", dict.keywordOf(0x7F020010));
        // exact entries win over masks: (7FE0,0010) is Pixel Data, not Variable Pixel Data
        assertEquals("PixelData", dict.keywordOf(0x7FE00010));
        assertEquals("TransformLabel", dict.keywordOf(0x00280400));
    }

    @Test
    void groupLengthPrivateCreatorAndUnknown() {
        assertEquals(VR.UL, dict.vrOf(0x00080000));
        assertEquals(VR.UL, dict.vrOf(0x00290000));
        assertEquals(VR.UL, dict.vrOf(0x60000000));
        assertEquals(VR.LO, dict.vrOf(0x00290010));
        assertEquals(VR.LO, dict.vrOf(0x000900FF));
        assertEquals(VR.UN, dict.vrOf(0x00291010));
        assertEquals(VR.UN, dict.vrOf(0x00290100));
        assertEquals(VR.UN, dict.vrOf(0x00080001 + 0x7FFE));
        assertEquals(VR.UN, dict.vrOf(0x12345678));
        assertEquals("", dict.keywordOf(0x12345678));
        assertEquals("", dict.keywordOf(0x00290010));
        assertTrue(dict.entry(0x12345678).isEmpty());
    }

    @Test
    void itemsHaveNoVr() {
        DictionaryEntry item = dict.entry(Tag.Item).orElseThrow();
        assertTrue(item.vrs().isEmpty());
        assertEquals(null, item.vr());
        assertEquals(VR.UN, dict.vrOf(Tag.SequenceDelimitationItem));
        assertEquals("ItemDelimitationItem", dict.keywordOf(0xFFFEE00D));
    }

    @Test
    void sizeAndUniqueKeywords() {
        List<DictionaryEntry> all = dict.entries();
        assertTrue(all.size() > 4_000 && all.size() < 10_000, "entries: " + all.size());
        Set<String> keywords = new HashSet<>();
        long masked = 0;
        for (DictionaryEntry e : all) {
            assertFalse(e.keyword().isEmpty(), Tag.toString(e.tag()));
            assertFalse(e.keyword().startsWith("RETIRED_"), e.keyword());
            assertTrue(keywords.add(e.keyword()), "duplicate keyword " + e.keyword());
            assertFalse(e.name().isBlank(), e.keyword());
            assertTrue(e.matches(e.tag()), e.keyword());
            if (e.mask() != -1) {
                masked++;
            }
        }
        assertTrue(masked > 80, "masked entries: " + masked);
        for (int i = 1; i < all.size(); i++) {
            assertTrue(Integer.compareUnsigned(all.get(i - 1).tag(), all.get(i).tag()) < 0, "tag order at " + i);
        }
        assertTrue(all.stream().filter(DictionaryEntry::retired).count() > 400);
    }

    @Test
    void keywordAndTagRoundTripThroughTheGeneratedConstants() throws IllegalAccessException {
        int constants = 0;
        for (Field f : Tag.class.getFields()) {
            if (f.getType() != int.class || !Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            int tag = f.getInt(null);
            DictionaryEntry byKeyword = dict.entry(f.getName()).orElseThrow(() -> new AssertionError(f.getName()));
            assertEquals(tag, byKeyword.tag(), f.getName());
            assertSame(byKeyword, dict.entry(tag).orElseThrow(), f.getName());
            assertEquals(f.getName(), dict.keywordOf(tag));
            constants++;
        }
        assertEquals(dict.entries().size(), constants);
    }

    @Test
    void standardIsLoadedOnce() {
        assertSame(DataDictionary.standard(), DataDictionary.standard());
    }
}
