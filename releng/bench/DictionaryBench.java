import java.nio.charset.StandardCharsets;

import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.charset.SpecificCharacterSet;
import org.lightbox.dicom.core.dict.DataDictionary;
import org.lightbox.dicom.core.dict.UidRegistry;

/**
 * Cold-start cost of the data dictionary and UID registry (first use in a fresh JVM, which is what a command-line
 * run pays), then the steady-state cost of VR lookups and of decoding names in the common and ISO 2022 cases.
 * Run by dictionary-bench.sh; prints one line per figure.
 */
public class DictionaryBench {

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        DataDictionary dict = DataDictionary.standard();
        long t1 = System.nanoTime();
        UidRegistry uids = UidRegistry.standard();
        long t2 = System.nanoTime();
        System.out.printf("dictionary cold load: %.1f ms (%d entries)%n", (t1 - t0) / 1e6, dict.entries().size());
        System.out.printf("uid registry cold load: %.1f ms (%d entries)%n", (t2 - t1) / 1e6, uids.entries().size());
        if (args.length > 0 && args[0].equals("--cold-only")) {
            return;
        }

        int[] tags = new int[dict.entries().size() + 4];
        for (int i = 0; i < dict.entries().size(); i++) {
            tags[i] = dict.entries().get(i).tag();
        }
        tags[tags.length - 4] = 0x00291010; // private
        tags[tags.length - 3] = 0x00290010; // private creator
        tags[tags.length - 2] = 0x60020010; // overlay, masked
        tags[tags.length - 1] = 0x12345678; // unknown
        long sink = 0;
        for (int round = 0; round < 3; round++) {
            long s = System.nanoTime();
            int n = 0;
            for (int k = 0; k < 200; k++) {
                for (int tag : tags) {
                    sink += dict.vrOf(tag).ordinal();
                    n++;
                }
            }
            long e = System.nanoTime();
            System.out.printf("vrOf: %.1f ns per lookup (round %d)%n", (e - s) / (double) n, round);
        }

        decodeBench("Latin-1 PN", SpecificCharacterSet.of("ISO_IR 100"),
                "Müller^Jérôme=Ærøskøbing".getBytes(StandardCharsets.ISO_8859_1), VR.PN);
        SpecificCharacterSet jp = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        decodeBench("ISO 2022 IR 87 PN", jp, jp.encode("Yamada^Tarou=山田^太郎=やまだ^たろう", VR.PN), VR.PN);
        System.out.println("(sink " + (sink & 1) + ", tag " + Tag.toString(tags[0]) + ")");
    }

    private static void decodeBench(String label, SpecificCharacterSet cs, byte[] b, VR vr) {
        long sink = 0;
        for (int round = 0; round < 3; round++) {
            int n = 500_000;
            long s = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += cs.decode(b, 0, b.length, vr).length();
            }
            long e = System.nanoTime();
            System.out.printf("decode %s: %.0f ns per value (round %d)%n", label, (e - s) / (double) n, round);
        }
        if (sink == 42) {
            System.out.println();
        }
    }
}
