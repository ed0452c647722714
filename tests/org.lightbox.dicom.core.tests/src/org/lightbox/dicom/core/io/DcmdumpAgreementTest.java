package org.lightbox.dicom.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.testing.DcmtkTool;

/**
 * Our dump and dcmtk's {@code dcmdump} of the same generated files (every VR, nested sequences, private elements,
 * Latin-1 and UTF-8 names, every transfer syntax including big endian, encapsulated pixel data, bare data sets)
 * agree line by line: nesting, tag, VR, value, length, VM and keyword. dcmdump prints text bytes undecoded, so its
 * values are decoded with the file's character set before comparing; floating point values are compared as
 * numbers, since dcmtk's own float printing is not always the shortest exact form.
 */
class DcmdumpAgreementTest {

    private static final Pattern LINE = Pattern.compile(
            "^( *)\\(([0-9a-f]{4},[0-9a-f]{4})\\) (\\S\\S) (.*?) *# +(u/l|\\d+), *(\\d+) (.*)$");
    private static final Set<String> TEXT_VRS = Set.of("SH", "LO", "ST", "LT", "UC", "UT", "PN");
    private static final Set<String> FLOAT_VRS = Set.of("FL", "OF", "FD", "OD");

    @TempDir
    Path dir;

    private record Case(String name, byte[] bytes, Charset charset) {
    }

    @TestFactory
    List<DynamicTest> generatedCorpus() {
        List<Case> cases = new ArrayList<>();
        for (TransferSyntax ts : TestCorpus.NATIVE) {
            cases.add(new Case("Latin-1, " + ts.name(), TestCorpus.part10(TestCorpus.everyVR(false, "ISO_IR 100",
                    "Müller^Jörg^^Dr.", true), ts.uid()), StandardCharsets.ISO_8859_1));
            cases.add(new Case("UTF-8, big endian model, " + ts.name(), TestCorpus.part10(TestCorpus.everyVR(true,
                    "ISO_IR 192", "Yamada^Tarou=山田^太郎=やまだ^たろう", true), ts.uid()), StandardCharsets.UTF_8));
        }
        cases.add(new Case("encapsulated", TestCorpus.part10(TestCorpus.encapsulated(), TestCorpus.JPEG_BASELINE),
                StandardCharsets.US_ASCII));
        cases.add(new Case("bare implicit", TestCorpus.bare(TestCorpus.everyVR(false, "ISO_IR 100", "Ørsted^Hans",
                false), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN), StandardCharsets.ISO_8859_1));
        cases.add(new Case("bare explicit", TestCorpus.bare(TestCorpus.everyVR(false, "ISO_IR 100", "Ørsted^Hans",
                true), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), StandardCharsets.ISO_8859_1));
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (Case c : cases) {
            String file = "corpus" + n++ + ".dcm";
            tests.add(dynamicTest(c.name(), () -> compare(TestCorpus.write(dir, file, c.bytes()), c.charset())));
        }
        return tests;
    }

    private static void compare(Path file, Charset charset) throws Exception {
        StringBuilder ours = new StringBuilder();
        new DicomDump(false, true).print(DicomReader.readFile(file), ours);
        String theirs = new String(DcmtkTool.output("dcmdump", "-q", "-Un", "+L", file.toString()),
                StandardCharsets.ISO_8859_1);
        List<String[]> a = parse(ours.toString(), null);
        List<String[]> b = parse(theirs, charset);
        assertTrue(a.size() > 5, "our dump has elements:\n" + ours);
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String[] x = a.get(i);
            String[] y = b.get(i);
            String where = "line " + i + "\n ours:    " + String.join(" | ", x) + "\n dcmdump: "
                    + String.join(" | ", y);
            assertEquals(y[0], x[0], "nesting, " + where);
            assertEquals(y[1], x[1], "tag, " + where);
            assertEquals(y[2], x[2], "VR, " + where);
            assertEquals(y[4], x[4], "length, " + where);
            assertEquals(y[5], x[5], "VM, " + where);
            assertEquals(y[6], x[6], "keyword, " + where);
            if (FLOAT_VRS.contains(x[2])) {
                assertSameNumbers(y[3], x[3], x[2].equals("FL") || x[2].equals("OF") ? 1e-7 : 1e-14, where);
            } else {
                assertEquals(y[3], x[3], "value, " + where);
            }
        }
        assertEquals(b.size(), a.size(), "number of lines");
        if (!TransferSyntax.of(TestCorpus.JPEG_BASELINE).equals(DicomReader.readFile(file).transferSyntax())) {
            // dcmtk's names of the compressed syntaxes are its own ("JPEG Baseline"); ours are the registry's
            assertEquals(headers(theirs), headers(ours.toString()), "section headers");
        }
    }

    /** Element lines as {indent, tag, VR, value, length, VM, keyword}; text values decoded with {@code charset}. */
    private static List<String[]> parse(String dump, Charset charset) {
        List<String[]> lines = new ArrayList<>();
        for (String line : dump.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches(), "unexpected line: " + line);
            String value = m.group(4);
            if (charset != null && TEXT_VRS.contains(m.group(3))) {
                value = new String(value.getBytes(StandardCharsets.ISO_8859_1), charset);
            }
            lines.add(new String[] { m.group(1), m.group(2), m.group(3), value, m.group(5), m.group(6), m.group(7) });
        }
        return lines;
    }

    private static List<String> headers(String dump) {
        List<String> h = new ArrayList<>();
        for (String line : dump.split("\n")) {
            if (line.startsWith("#")) {
                h.add(line.strip());
            }
        }
        return h;
    }

    private static void assertSameNumbers(String expected, String actual, double relative, String where) {
        String[] e = expected.split("\\\\");
        String[] a = actual.split("\\\\");
        assertEquals(e.length, a.length, "number of values, " + where);
        for (int i = 0; i < e.length; i++) {
            double x = Double.parseDouble(e[i]);
            double y = Double.parseDouble(a[i]);
            assertTrue(Math.abs(x - y) <= relative * Math.max(Math.abs(x), Math.abs(y)), e[i] + " vs " + a[i]
                    + ", " + where);
        }
    }

}
