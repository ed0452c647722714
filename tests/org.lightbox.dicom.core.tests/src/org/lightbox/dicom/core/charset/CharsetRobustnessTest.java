package org.lightbox.dicom.core.charset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.lightbox.dicom.core.VR;

/** Deterministic random inputs: decoding never fails on garbage, and encoding round-trips mixed scripts. */
class CharsetRobustnessTest {

    private static final String[][] TERM_SETS = { { "" }, { "ISO_IR 100" }, { "ISO_IR 192" }, { "GB18030" },
        { "GBK" }, { "ISO_IR 13" }, { "ISO_IR 166" }, { "", "ISO 2022 IR 87" },
        { "ISO 2022 IR 13", "ISO 2022 IR 87", "ISO 2022 IR 159" }, { "", "ISO 2022 IR 149" },
        { "", "ISO 2022 IR 58" }, { "ISO 2022 IR 100", "ISO 2022 IR 126", "ISO 2022 IR 144" } };

    private static final VR[] VRS = { VR.PN, VR.LO, VR.LT, VR.SH, VR.UC, VR.UT };

    @Test
    void randomBytesDecodeWithoutError() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random random = new Random(20240603L);
            byte[] escapes = { 0x1B, '$', '(', ')', '-', 'B', 'J', 'I', 'C', 'A', 'D', 'L', '@' };
            for (String[] terms : TERM_SETS) {
                SpecificCharacterSet cs = SpecificCharacterSet.of(terms);
                for (int n = 0; n < 2_000; n++) {
                    byte[] b = new byte[random.nextInt(40)];
                    for (int i = 0; i < b.length; i++) {
                        // bias towards escape sequence bytes so that designations are hit often
                        b[i] = random.nextInt(4) == 0 ? escapes[random.nextInt(escapes.length)]
                                : (byte) random.nextInt(256);
                    }
                    VR vr = VRS[random.nextInt(VRS.length)];
                    int off = b.length == 0 ? 0 : random.nextInt(b.length);
                    String s = cs.decode(b, off, b.length - off, vr);
                    cs.encode(s, vr); // must not throw either
                }
            }
        });
    }

    @Test
    void mixedScriptsRoundTripThroughCodeExtensions() {
        String[] pieces = { "Yamada", "Hong", "Ab", "^", "=", "\\", " ", "é", "Ü", "Люк", "Δ", "山田", "太郎", "やまだ",
            "ﾔﾏﾀﾞ", "홍", "길동", "洪", "张", "\u4E02", "\r\n", "\t", "?" };
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 100", "ISO 2022 IR 144", "ISO 2022 IR 126",
                "ISO 2022 IR 13", "ISO 2022 IR 87", "ISO 2022 IR 159", "ISO 2022 IR 149", "ISO 2022 IR 58");
        Random random = new Random(42L);
        for (int n = 0; n < 3_000; n++) {
            StringBuilder sb = new StringBuilder();
            int count = 1 + random.nextInt(8);
            for (int i = 0; i < count; i++) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = sb.toString();
            for (VR vr : VRS) {
                byte[] b = cs.encode(text, vr);
                assertEquals(text, cs.decode(b, 0, b.length, vr), () -> vr + " " + text);
            }
        }
    }
}
