package org.lightbox.dicom.core.charset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.lightbox.dicom.core.VR;

/**
 * The worked examples of PS3.5 annexes H (Japanese), I (Korean), J (UTF-8, GB18030) and K (GB 2312): their exact
 * bytes decode to the standard's strings and the strings encode back to the same bytes.
 */
class SpecificCharacterSetTest {

    /** "1b 24 42 ..." to bytes. */
    static byte[] hex(String s) {
        String[] parts = s.trim().split("\\s+");
        byte[] b = new byte[parts.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return b;
    }

    private static void assertExample(String[] terms, VR vr, String text, byte[] bytes) {
        SpecificCharacterSet cs = SpecificCharacterSet.of(terms);
        assertEquals(text, cs.decode(bytes, 0, bytes.length, vr), "decode");
        assertArrayEquals(bytes, cs.encode(text, vr), "encode");
        assertTrue(cs.canEncode(text));
    }

    @Test
    void annexH31JapaneseKanjiAndHiragana() {
        // PS3.5 H.3.1: (0008,0005) \ISO 2022 IR 87
        assertExample(new String[] { "", "ISO 2022 IR 87" }, VR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう",
                hex("59 61 6d 61 64 61 5e 54 61 72 6f 75 3d 1b 24 42 3b 33 45 44 1b 28 42 5e 1b 24 42 42 40 4f 3a"
                        + " 1b 28 42 3d 1b 24 42 24 64 24 5e 24 40 1b 28 42 5e 1b 24 42 24 3f 24 6d 24 26 1b 28 42"));
    }

    @Test
    void annexH32JapaneseKatakanaAndKanji() {
        // PS3.5 H.3.2: (0008,0005) ISO 2022 IR 13\ISO 2022 IR 87; half-width katakana in G1 without escape
        assertExample(new String[] { "ISO 2022 IR 13", "ISO 2022 IR 87" }, VR.PN,
                "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう",
                hex("d4 cf c0 de 5e c0 db b3 3d 1b 24 42 3b 33 45 44 1b 28 4a 5e 1b 24 42 42 40 4f 3a 1b 28 4a 3d"
                        + " 1b 24 42 24 64 24 5e 24 40 1b 28 4a 5e 1b 24 42 24 3f 24 6d 24 26 1b 28 4a"));
    }

    @Test
    void annexI2Korean() {
        // PS3.5 I.2: (0008,0005) \ISO 2022 IR 149; KS X 1001 designated to G1 again after each delimiter
        assertExample(new String[] { "", "ISO 2022 IR 149" }, VR.PN, "Hong^Gildong=洪^吉洞=홍^길동",
                hex("48 6f 6e 67 5e 47 69 6c 64 6f 6e 67 3d 1b 24 29 43 fb f3 5e 1b 24 29 43 d1 ce d4 d7 3d"
                        + " 1b 24 29 43 c8 ab 5e 1b 24 29 43 b1 e6 b5 bf"));
    }

    @Test
    void annexJUtf8AndGb18030() {
        // PS3.5 J.1 (ISO_IR 192) and J.3 (GB18030)
        assertExample(new String[] { "ISO_IR 192" }, VR.PN, "Wang^XiaoDong=王^小東=",
                hex("57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d e7 8e 8b 5e e5 b0 8f e6 9d b1 3d"));
        assertExample(new String[] { "GB18030" }, VR.PN, "Wang^XiaoDong=王^小东=",
                hex("57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d cd f5 5e d0 a1 b6 ab 3d"));
        // J.2/J.4: text with CR LF
        String text = "The first line includes中文.\r\nThe second line includes中文, too.\r\nThe third line.\r\n";
        SpecificCharacterSet gb = SpecificCharacterSet.of("GB18030");
        byte[] encoded = gb.encode(text, VR.LT);
        assertArrayEquals(hex("54 68 65 20 66 69 72 73 74 20 6c 69 6e 65 20 69 6e 63 6c 75 64 65 73 d6 d0 ce c4 2e 0d 0a"),
                java.util.Arrays.copyOf(encoded, 30));
        assertEquals(text, gb.decode(encoded, 0, encoded.length, VR.LT));
    }

    @Test
    void annexKSimplifiedChineseGb2312() {
        // PS3.5 K.2 (PN) and K.3 (LT): ISO 2022 IR 58, G1 designated again after each delimiter / line end
        assertExample(new String[] { "", "ISO 2022 IR 58" }, VR.PN, "Zhang^XiaoDong=张^小东=",
                hex("5a 68 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d 1b 24 29 41 d5 c5 5e 1b 24 29 41 d0 a1 b6 ab 3d"));
        assertExample(new String[] { "", "ISO 2022 IR 58" }, VR.LT, "1.第一行文字。\r\n2.第二行文字。\r\n3.第三行文字。\r\n",
                hex("31 2e 1b 24 29 41 b5 da d2 bb d0 d0 ce c4 d7 d6 a1 a3 0d 0a 32 2e 1b 24 29 41 b5 da b6 fe d0"
                        + " d0 ce c4 d7 d6 a1 a3 0d 0a 33 2e 1b 24 29 41 b5 da c8 fd d0 d0 ce c4 d7 d6 a1 a3 0d 0a"));
    }

    @Test
    void valueDelimiterResetsTheCodeElements() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        byte[] b = cs.encode("山田\\太郎", VR.LO);
        assertArrayEquals(hex("1b 24 42 3b 33 45 44 1b 28 42 5c 1b 24 42 42 40 4f 3a 1b 28 42"), b);
        assertEquals("山田\\太郎", cs.decode(b, 0, b.length, VR.LO));
        // in LT the backslash is an ordinary character; JIS X 0208 lacks it, so ASCII is designated for it
        byte[] lt = cs.encode("山\\", VR.LT);
        assertArrayEquals(hex("1b 24 42 3b 33 1b 28 42 5c"), lt);
        assertEquals("山\\", cs.decode(lt, 0, lt.length, VR.LT));
    }

    @Test
    void byte5cInsideATwoByteCharacterIsNotADelimiter() {
        // JIS X 0208 row 0x5C holds kanji: 0x5C 0x21 is one character, not '\' followed by '!'
        String kanji = new String(new byte[] { (byte) 0xDC, (byte) 0xA1 }, java.nio.charset.Charset.forName("EUC-JP"));
        assertEquals(1, kanji.length());
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        byte[] b = hex("1b 24 42 5c 21 3b 33 1b 28 42 5e 41");
        assertEquals(kanji + "山^A", cs.decode(b, 0, b.length, VR.PN));
        assertArrayEquals(b, cs.encode(kanji + "山^A", VR.PN));
    }

    @Test
    void jisX0212AndAsciiAfterKanji() {
        // U+4E02 is in JIS X 0212 (0x30 0x21) but not in JIS X 0208
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87", "ISO 2022 IR 159");
        assertTrue(cs.containsIso2022());
        byte[] b = cs.encode("山\u4E02A", VR.LO);
        assertArrayEquals(hex("1b 24 42 3b 33 1b 24 28 44 30 21 1b 28 42 41"), b);
        assertEquals("山\u4E02A", cs.decode(b, 0, b.length, VR.LO));
    }

    @Test
    void iso2022SingleByteSetsSwitchG1() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 100", "ISO 2022 IR 144");
        String name = "Müller^Люк";
        byte[] b = cs.encode(name, VR.PN);
        assertArrayEquals(hex("4d fc 6c 6c 65 72 5e 1b 2d 4c bb ee da 1b 2d 41"), b);
        assertEquals(name, cs.decode(b, 0, b.length, VR.PN));
        // a component delimiter after Cyrillic returns to the initial Latin-1 G1 first
        byte[] b2 = cs.encode("Люк^é", VR.PN);
        assertArrayEquals(hex("1b 2d 4c bb ee da 1b 2d 41 5e e9"), b2);
        assertEquals("Люк^é", cs.decode(b2, 0, b2.length, VR.PN));
    }

    @Test
    void undeclaredDesignationsStillDecode() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 6");
        byte[] b = hex("61 62 63 1b 2d 4c bb ee da 1b 24 42 3b 33 1b 28 42 64");
        assertEquals("abcЛюк山d", cs.decode(b, 0, b.length, VR.LO));
    }

    @Test
    void koreanWithoutRedesignationAfterDelimiterIsReadLeniently() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 149");
        byte[] b = hex("48 6f 6e 67 3d 1b 24 29 43 fb f3 5e d1 ce d4 d7");
        assertEquals("Hong=洪^吉洞", cs.decode(b, 0, b.length, VR.PN));
    }

    @Test
    void unknownEscapeStaysVisible() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        byte[] b = hex("41 1b 28 5a 42");
        assertEquals("A\u001b(ZB", cs.decode(b, 0, b.length, VR.LO));
    }

    @Test
    void charactersNoDeclaredSetHasBecomeQuestionMarks() {
        SpecificCharacterSet latin1 = SpecificCharacterSet.of("ISO_IR 100");
        assertArrayEquals("A?B".getBytes(StandardCharsets.US_ASCII), latin1.encode("A\u0416B", VR.LO));
        assertFalse(latin1.canEncode("A\u0416B"));
        SpecificCharacterSet jp = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        assertArrayEquals("A?".getBytes(StandardCharsets.US_ASCII), jp.encode("A\uD83D\uDE00", VR.LO));
        assertFalse(jp.canEncode("Ж\uD83D\uDE00"));
        assertTrue(jp.canEncode("Ж山")); // JIS X 0208 has Cyrillic
    }

    @Test
    void definedTerms() {
        assertSame(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.of());
        assertSame(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.of(""));
        assertSame(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.of(" ISO_IR 6 "));
        assertSame(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.of((String) null));
        assertArrayEquals(new String[] { "" }, SpecificCharacterSet.DEFAULT.definedTerms());
        assertFalse(SpecificCharacterSet.DEFAULT.containsIso2022());

        SpecificCharacterSet latin1 = SpecificCharacterSet.of("ISO_IR 100 ");
        assertArrayEquals(new String[] { "ISO_IR 100" }, latin1.definedTerms());
        assertFalse(latin1.containsIso2022());
        assertEquals(latin1, SpecificCharacterSet.of("ISO_IR 100"));

        SpecificCharacterSet jp = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        assertTrue(jp.containsIso2022());
        assertArrayEquals(new String[] { "", "ISO 2022 IR 87" }, jp.definedTerms());
        assertFalse(SpecificCharacterSet.of("ISO_IR 192").containsIso2022());
        assertFalse(SpecificCharacterSet.of("ISO_IR 13").containsIso2022());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpecificCharacterSet.of("ISO_IR 100", "ISO 2022 IR 999"));
        assertTrue(e.getMessage().contains("ISO 2022 IR 999"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SpecificCharacterSet.of("LATIN1"));
        // a trailing empty value (seen as "ISO_IR 100\") changes nothing
        SpecificCharacterSet trailing = SpecificCharacterSet.of("ISO 2022 IR 100", "");
        byte[] b = trailing.encode("Müller", VR.PN);
        assertArrayEquals(hex("4d fc 6c 6c 65 72"), b);
    }

    @Test
    void defaultRepertoireKeepsUndeclaredHighBytes() {
        byte[] b = hex("4d fc 6c 6c 65 72");
        assertEquals("Müller", SpecificCharacterSet.DEFAULT.decode(b, 0, b.length, VR.PN));
        assertArrayEquals(b, SpecificCharacterSet.DEFAULT.encode("Müller", VR.PN));
    }

    @Test
    void isoIr13WithoutExtensions() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 13");
        byte[] b = hex("d4 cf c0 de 5e 59 61 6d 61 64 61");
        assertEquals("ﾔﾏﾀﾞ^Yamada", cs.decode(b, 0, b.length, VR.PN));
        assertArrayEquals(b, cs.encode("ﾔﾏﾀﾞ^Yamada", VR.PN));
    }

    @Test
    void decodesASliceOfALargerArray() {
        byte[] b = hex("00 00 c4 e9 ef ed 00");
        assertEquals("Διον", SpecificCharacterSet.of("ISO_IR 126").decode(b, 2, 4, VR.PN));
        byte[] k = hex("ff 1b 24 29 43 fb f3 ff");
        assertEquals("洪", SpecificCharacterSet.of("", "ISO 2022 IR 149").decode(k, 1, 6, VR.PN));
    }
}
