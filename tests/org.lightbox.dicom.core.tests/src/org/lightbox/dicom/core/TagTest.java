package org.lightbox.dicom.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TagTest {

    @Test
    void groupElementAndText() {
        assertEquals(0x7FE0, Tag.group(Tag.PixelData));
        assertEquals(0x0010, Tag.element(Tag.PixelData));
        assertEquals(0xFFFE, Tag.group(Tag.Item));
        assertEquals(0xE000, Tag.element(Tag.Item));
        // dcmdump prints lower-case hex
        assertEquals("(0010,0010)", Tag.toString(Tag.PatientName));
        assertEquals("(7fe0,0010)", Tag.toString(Tag.PixelData));
        assertEquals("(fffe,e0dd)", Tag.toString(Tag.SequenceDelimitationItem));
        assertEquals("(0029,10ab)", Tag.toString(0x002910AB));
        assertEquals("(0000,0000)", Tag.toString(0));
    }

    @Test
    void privateTags() {
        assertTrue(Tag.isPrivate(0x00291010));
        assertTrue(Tag.isPrivate(0x00090010));
        assertFalse(Tag.isPrivate(Tag.PatientName));
        assertFalse(Tag.isPrivate(Tag.Item));
        assertTrue(Tag.isPrivateCreator(0x00290010));
        assertTrue(Tag.isPrivateCreator(0x002900FF));
        assertFalse(Tag.isPrivateCreator(0x0029000F));
        assertFalse(Tag.isPrivateCreator(0x00290100));
        assertFalse(Tag.isPrivateCreator(0x00291010));
        assertFalse(Tag.isPrivateCreator(0x00280010)); // Rows: even group
        assertEquals(0x00290010, Tag.privateCreatorOf(0x002910AB));
        assertEquals(0x000900FF, Tag.privateCreatorOf(0x0009FF01));
    }

    @Test
    void groupLength() {
        assertTrue(Tag.isGroupLength(0x00080000));
        assertTrue(Tag.isGroupLength(Tag.FileMetaInformationGroupLength));
        assertTrue(Tag.isGroupLength(Tag.CommandGroupLength));
        assertFalse(Tag.isGroupLength(Tag.SpecificCharacterSet));
    }

    @Test
    void constantsAreTheStandardTags() {
        assertEquals(0x00100010, Tag.PatientName);
        assertEquals(0x00280010, Tag.Rows);
        assertEquals(0x00020010, Tag.TransferSyntaxUID);
        assertEquals(0x00080005, Tag.SpecificCharacterSet);
        assertEquals(0x60000010, Tag.OverlayRows);
        assertEquals(0x50000005, Tag.CurveDimensions);
        assertEquals(0xFFFEE00D, Tag.ItemDelimitationItem);
        assertEquals(0x7FE00010, Tag.PixelData);
    }
}
