package org.lightbox.dicom.core.charset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.core.VR;
import org.lightbox.testing.DcmtkTool;

/**
 * Our decoding agrees with dcmtk's conversion to UTF-8 ({@code dcmdump +U8}) on files that dump2dcm writes with the
 * raw bytes. Requires dcmtk on PATH. dcmtk 3.6.7 as Debian builds it converts through iconv, which has no ISO-IR 87
 * (JIS X 0208), ISO 2022 IR 13 or ISO_IR 203, so the Japanese examples are checked against the standard's bytes
 * only (SpecificCharacterSetTest).
 */
class DcmtkCharsetAgreementTest {

    private static final String[] SINGLE_BYTE = { "ISO_IR 100", "ISO_IR 101", "ISO_IR 109", "ISO_IR 110",
        "ISO_IR 144", "ISO_IR 127", "ISO_IR 126", "ISO_IR 138", "ISO_IR 148", "ISO_IR 166" };

    @TempDir
    Path dir;

    @TestFactory
    List<DynamicTest> singleByteRepertoireAsDcmtkConvertsIt() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String term : SINGLE_BYTE) {
            tests.add(DynamicTest.dynamicTest(term, () -> {
                SpecificCharacterSet cs = SpecificCharacterSet.of(term);
                ByteArrayOutputStream value = new ByteArrayOutputStream();
                value.writeBytes("Abc ".getBytes(StandardCharsets.US_ASCII));
                for (int b = 0xA1; b <= 0xFF; b++) { // 0xA0 (NBSP) would be trimmed as padding by some readers
                    String s = cs.decode(new byte[] { (byte) b }, 0, 1, VR.LT);
                    if (!s.equals("\uFFFD") && b != 0xAD) { // soft hyphen: dcmdump prints it, terminals do not
                        value.write(b);
                    }
                }
                byte[] bytes = value.toByteArray();
                String dcmtk = dcmtkValue(term, "(0020,4000) LT", bytes);
                assertEquals(cs.decode(bytes, 0, bytes.length, VR.LT), dcmtk, term);
            }));
        }
        return tests;
    }

    @Test
    void latin1PersonName() throws Exception {
        byte[] b = SpecificCharacterSet.of("ISO_IR 100").encode("Müller^Jérôme=Ærøskøbing", VR.PN);
        assertEquals("Müller^Jérôme=Ærøskøbing", dcmtkValue("ISO_IR 100", "(0010,0010) PN", b));
    }

    @Test
    void koreanExample() throws Exception {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 149");
        byte[] b = cs.encode("Hong^Gildong=洪^吉洞=홍^길동", VR.PN);
        assertEquals(cs.decode(b, 0, b.length, VR.PN), dcmtkValue("\\ISO 2022 IR 149", "(0010,0010) PN", b));
    }

    @Test
    void simplifiedChineseExamples() throws Exception {
        SpecificCharacterSet iso2022 = SpecificCharacterSet.of("", "ISO 2022 IR 58");
        byte[] b = iso2022.encode("Zhang^XiaoDong=张^小东=", VR.PN);
        assertEquals("Zhang^XiaoDong=张^小东=", dcmtkValue("\\ISO 2022 IR 58", "(0010,0010) PN", b));
        byte[] gb = SpecificCharacterSet.of("GB18030").encode("Wang^XiaoDong=王^小东=", VR.PN);
        assertEquals("Wang^XiaoDong=王^小东=", dcmtkValue("GB18030", "(0010,0010) PN", gb));
        byte[] gbk = SpecificCharacterSet.of("GBK").encode("Wang^XiaoDong=王^小东=", VR.PN);
        assertEquals("Wang^XiaoDong=王^小东=", dcmtkValue("GBK", "(0010,0010) PN", gbk));
        byte[] utf8 = SpecificCharacterSet.of("ISO_IR 192").encode("Wang^XiaoDong=王^小東=", VR.PN);
        assertEquals("Wang^XiaoDong=王^小東=", dcmtkValue("ISO_IR 192", "(0010,0010) PN", utf8));
    }

    /**
     * Writes a dump2dcm input with (0008,0005) = {@code charset} and the element {@code tagAndVr} holding
     * {@code raw}, converts it to a file and returns the element's value as {@code dcmdump +U8 +L} prints it.
     */
    private String dcmtkValue(String charset, String tagAndVr, byte[] raw) throws IOException, InterruptedException {
        ByteArrayOutputStream dump = new ByteArrayOutputStream();
        dump.writeBytes(("(0008,0005) CS [" + charset + "]\n" + tagAndVr + " [").getBytes(StandardCharsets.US_ASCII));
        dump.writeBytes(raw);
        dump.writeBytes("]\n".getBytes(StandardCharsets.US_ASCII));
        Path in = Files.write(dir.resolve("in.dump"), dump.toByteArray());
        Path dcm = dir.resolve("out.dcm");
        run("dump2dcm", "--write-xfer-little", in.toString(), dcm.toString());
        String out = run("dcmdump", "+U8", "+L", dcm.toString());
        Matcher m = Pattern.compile("^" + Pattern.quote(tagAndVr) + " \\[(.*)\\]\\s+#", Pattern.MULTILINE)
                .matcher(out);
        assertTrue(m.find(), "no " + tagAndVr + " in dcmdump output:\n" + out);
        return m.group(1);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        return new String(DcmtkTool.output(command), StandardCharsets.UTF_8);
    }
}
