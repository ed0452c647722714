package org.lightbox.dicom.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class AttributesTest {

    @Test
    void keepsElementsSortedWhateverTheInsertionOrder() {
        Attributes a = new Attributes();
        int[] tags = { 0x00100020, 0x00080016, 0x7FE00010, 0xFFFAFFFA, 0x00100010, 0x00080005 };
        for (int t : tags) {
            a.setNull(t, VR.UN);
        }
        assertEquals(6, a.size());
        for (int i = 1; i < a.size(); i++) {
            assertTrue(Integer.compareUnsigned(a.tagAt(i - 1), a.tagAt(i)) < 0, "ascending, unsigned");
        }
        assertEquals(0xFFFAFFFA, a.tagAt(5));
        a.setString(0x00100010, VR.PN, "Doe^John");
        assertEquals(6, a.size(), "replaced, not added");
        assertEquals("Doe^John", a.getString(0x00100010));
        assertNull(a.remove(0x00100020));
        assertFalse(a.contains(0x00100020));
        assertTrue(a.indexOf(0x00100020) < 0);
    }

    @Test
    void stringValuesAreSplitAndTrimmedByVR() {
        Attributes a = new Attributes();
        a.setBytes(0x00080008, VR.CS, " ORIGINAL \\PRIMARY ".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(new String[] { "ORIGINAL", "PRIMARY" }, a.getStrings(0x00080008));
        a.setString(0x00080018, VR.UI, "1.2.3");
        assertEquals(6, a.getBytes(0x00080018).length);
        assertEquals(0, a.getBytes(0x00080018)[5], "UI is padded with NUL");
        assertEquals("1.2.3", a.getString(0x00080018));
        a.setString(0x001021B0, VR.LT, "  two\\lines ");
        assertEquals("  two\\lines", a.getString(0x001021B0), "LT: one value, leading spaces significant");
        a.setString(0x00100020, VR.LO, "");
        assertEquals(0, a.getStrings(0x00100020).length);
        assertEquals("x", a.getString(0x00100020, "x"));
        assertEquals("B", a.getString(0x00080008, 5, "B"));
        assertNull(a.getString(0x00100010));
    }

    @Test
    void textUsesTheSpecificCharacterSetInheritedByItems() {
        Attributes ds = new Attributes();
        ds.setString(0x00080005, VR.CS, "ISO_IR 100");
        ds.setString(0x00100010, VR.PN, "Müller^Jörg");
        assertArrayEquals("Müller^Jörg ".getBytes(StandardCharsets.ISO_8859_1), ds.getBytes(0x00100010));
        Attributes item = ds.newSequence(0x00081115).addItem();
        item.setString(0x00100010, VR.PN, "Ærø");
        assertArrayEquals("Ærø ".getBytes(StandardCharsets.ISO_8859_1), item.getBytes(0x00100010));
        assertSame(ds, item.parent());

        Attributes utf8 = new Attributes();
        utf8.setString(0x00080005, VR.CS, "ISO_IR 192");
        Attributes nested = utf8.newSequence(0x00081115).addItem();
        nested.setBytes(0x00100010, VR.PN, "山田^太郎".getBytes(StandardCharsets.UTF_8));
        assertEquals("山田^太郎", nested.getString(0x00100010));
        nested.setString(0x00080005, VR.CS, "ISO_IR 100"); // the item's own declaration wins
        assertNotEquals("山田^太郎", nested.getString(0x00100010));
    }

    @Test
    void numbers() {
        Attributes a = new Attributes();
        a.setInt(0x00280010, VR.US, 65535);
        a.setInt(0x00289503, VR.SS, -3, 7);
        a.setLong(0x00209057, VR.UL, 4_000_000_000L);
        a.setLong(0x00720083, VR.UV, -1L);
        a.setString(0x00200013, VR.IS, "+42");
        a.setString(0x00280030, VR.DS, "0.5", " 1e2 ", "junk");
        a.setDouble(0x00189328, VR.FD, 0.1, 2.5);
        a.setFloat(0x00700262, VR.FL, 1.5f);
        assertEquals(65535, a.getInt(0x00280010, 0));
        assertArrayEquals(new int[] { -3, 7 }, a.getInts(0x00289503));
        assertEquals(4_000_000_000L, a.getLong(0x00209057, 0));
        assertEquals(-1L, a.getLongs(0x00720083)[0]);
        assertEquals(42, a.getInt(0x00200013, 0));
        assertEquals(100.0, a.getDouble(0x00280030, 1, 0));
        assertTrue(Double.isNaN(a.getDoubles(0x00280030)[2]), "an unparsable DS is NaN in arrays");
        assertEquals(-1, a.getDouble(0x00280030, 2, -1), "and the default for single values");
        assertEquals(2.5, a.getDouble(0x00189328, 1, 0));
        assertEquals(1.5f, a.getFloat(0x00700262, 0));
        assertEquals(7, a.getInt(0x00101010, 7), "absent: default");
        assertNull(a.getInts(0x00101010));
        a.setDouble(0x00181050, VR.DS, 1.0 / 3);
        assertTrue(a.getString(0x00181050).length() <= 16, a.getString(0x00181050));
        assertEquals(1.0 / 3, a.getDouble(0x00181050, 0), 1e-13);
        assertThrows(IllegalArgumentException.class, () -> a.setInt(0x00100010, VR.PN, 1));
    }

    @Test
    void bigEndianValues() {
        Attributes a = new Attributes(true, 4);
        a.setInt(0x00280010, VR.US, 0x0102);
        assertArrayEquals(new byte[] { 1, 2 }, a.getBytes(0x00280010));
        assertEquals(0x0102, a.getInt(0x00280010, 0));
        assertTrue(a.newSequence(0x00081115).addItem().isBigEndian(), "items take the data set's byte order");
    }

    @Test
    void datesTimesAndDateTimes() {
        Attributes a = new Attributes();
        a.setDate(0x00080020, LocalDate.of(2024, 1, 31));
        a.setTime(0x00080030, LocalTime.of(12, 34, 56, 789_000_000));
        assertEquals("20240131", a.getString(0x00080020));
        assertEquals("123456.789000", a.getString(0x00080030));
        assertEquals(LocalDateTime.of(2024, 1, 31, 12, 34, 56, 789_000_000), a.getDateTime(0x00080020, 0x00080030));
        a.setString(0x00080021, VR.DA, "2024.02.29");
        assertEquals(LocalDate.of(2024, 2, 29), a.getDate(0x00080021), "ACR-NEMA form");
        a.setString(0x00080022, VR.DA, "20240230");
        assertNull(a.getDate(0x00080022), "malformed: null");
        a.setString(0x00080031, VR.TM, "10");
        assertEquals(LocalTime.of(10, 0), a.getTime(0x00080031));
        assertEquals(LocalTime.of(10, 59, 59, 999_999_000), a.getTimeRange(0x00080031).upper());

        a.setString(0x0008002A, VR.DT, "20240131123456.5-0500");
        assertEquals(OffsetDateTime.of(2024, 1, 31, 12, 34, 56, 500_000_000, ZoneOffset.ofHours(-5)),
                a.getOffsetDateTime(0x0008002A));
        Attributes item = a.newSequence(0x00081115).addItem();
        item.setString(0x0008002A, VR.DT, "2024013112");
        assertNull(item.getOffsetDateTime(0x0008002A), "no offset anywhere");
        a.setString(0x00080201, VR.SH, "+0100");
        assertEquals(ZoneOffset.ofHours(1), item.getOffsetDateTime(0x0008002A).getOffset(),
                "Timezone Offset From UTC of the enclosing data set");
        a.setDateTime(0x0018A002, OffsetDateTime.of(2024, 1, 31, 1, 2, 3, 0, ZoneOffset.ofHoursMinutes(5, 30)));
        assertEquals("20240131010203+0530", a.getString(0x0018A002));
    }

    @Test
    void rangesForQueryMatching() {
        Attributes a = new Attributes();
        a.setString(0x00080020, VR.DA, "20240101-20240131");
        TemporalRange<LocalDate> r = a.getDateRange(0x00080020);
        assertTrue(r.contains(LocalDate.of(2024, 1, 31)));
        assertFalse(r.contains(LocalDate.of(2024, 2, 1)));
        a.setString(0x00080020, VR.DA, "-20240131");
        assertNull(a.getDateRange(0x00080020).lower());
        a.setString(0x00080020, VR.DA, "20240101-");
        assertNull(a.getDateRange(0x00080020).upper());

        a.setString(0x0008002A, VR.DT, "2023-202402");
        TemporalRange<LocalDateTime> dt = a.getDateTimeRange(0x0008002A);
        assertEquals(LocalDateTime.of(2023, 1, 1, 0, 0), dt.lower());
        assertEquals(LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_999_000), dt.upper(), "partial upper bound");
        a.setString(0x0008002A, VR.DT, "20240101-0500");
        TemporalRange<LocalDateTime> single = a.getDateTimeRange(0x0008002A);
        assertEquals(LocalDateTime.of(2024, 1, 1, 0, 0), single.lower(), "a trailing -ZZXX is an offset");
        assertEquals(LocalDateTime.of(2024, 1, 1, 23, 59, 59, 999_999_000), single.upper());

        a.setString(0x00080030, VR.TM, "0800-1230");
        assertTrue(a.getTimeRange(0x00080030).contains(LocalTime.of(12, 30, 59)));
    }

    @Test
    void privateElementsByCreator() {
        Attributes a = new Attributes();
        a.setString(0x00290010, VR.LO, "OTHER");
        int tag = a.reservePrivateTag("ACME 1.0", 0x00290005);
        assertEquals(0x00291105, tag, "first free block is 0x11");
        assertEquals("ACME 1.0", a.getString(0x00290011));
        a.setString(tag, VR.LO, "value");
        assertEquals(0x00291105, a.privateTag("ACME 1.0", 0x00290005));
        assertEquals(-1, a.privateTag("NOBODY", 0x00290005));
        assertEquals("ACME 1.0", a.privateCreatorOf(0x00291105));
        assertEquals("OTHER", a.privateCreatorOf(0x00291042));
        assertNull(a.privateCreatorOf(0x00100010));
        assertEquals(tag, a.reservePrivateTag("ACME 1.0", 0x00290005), "reserving again finds the block");
    }

    @Test
    void sequencesLinkParentsAndCopiesAreDeep() {
        Attributes a = new Attributes();
        Sequence s = a.newSequence(0x00081115);
        Attributes item = s.addItem();
        item.setString(0x0020000E, VR.UI, "1.2.3");
        assertSame(s, item.parentSequence());
        assertSame(a, item.parent());
        assertSame(s, a.getSequence(0x00081115));
        assertSame(item, a.getNestedDataset(0x00081115));

        Attributes copy = new Attributes(a);
        assertEquals(a, copy);
        copy.getNestedDataset(0x00081115).setString(0x0020000E, VR.UI, "9.9");
        assertEquals("1.2.3", item.getString(0x0020000E), "the copy does not share items");
        assertNotEquals(a, copy);

        Attributes other = new Attributes();
        assertThrows(IllegalStateException.class, () -> other.newSequence(0x00081115).add(item));
        s.remove(0);
        assertNull(item.parentSequence());
        other.newSequence(0x00081115).add(item);
        assertSame(other, item.parent());
    }
}
