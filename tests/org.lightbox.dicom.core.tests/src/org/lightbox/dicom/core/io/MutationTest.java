package org.lightbox.dicom.core.io;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.TransferSyntax;

/**
 * Thousands of deterministically damaged copies of valid files (bit flips, truncations, corrupted length and VR
 * fields, deleted and repeated ranges): each must either parse (and then dump and decode without error) or raise
 * DicomFormatException, within a time bound. Anything else (a runtime exception, an OutOfMemoryError, a hang) fails.
 */
class MutationTest {

    /** Fixed, so that a failure reproduces; -Dlightbox.mutation.seed/count explore further by hand. */
    private static final long SEED = Long.getLong("lightbox.mutation.seed", 0x5EED_D1C0L);
    private static final int MUTANTS = Integer.getInteger("lightbox.mutation.count", 4000);
    private static final long TIME_BOUND_SECONDS = 10;

    @TempDir
    Path dir;

    @Test
    void damagedFilesParseOrFailCleanly() throws Exception {
        List<byte[]> bases = new ArrayList<>();
        for (TransferSyntax ts : TestCorpus.NATIVE) {
            bases.add(TestCorpus.part10(TestCorpus.everyVR(false, "ISO_IR 192", "Ærø^Ünïcode", true), ts.uid()));
        }
        bases.add(TestCorpus.part10(TestCorpus.encapsulated(), TestCorpus.JPEG_BASELINE));
        bases.add(TestCorpus.bare(TestCorpus.everyVR(false, "ISO_IR 100", "Doe^John", true),
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));
        bases.add(TestCorpus.bare(TestCorpus.everyVR(true, "ISO_IR 100", "Doe^John", true),
                TransferSyntax.EXPLICIT_VR_BIG_ENDIAN));
        Random random = new Random(SEED);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mutant-parser");
            t.setDaemon(true); // a hung parse must not keep the test JVM alive
            return t;
        });
        int parsed = 0;
        int rejected = 0;
        try {
            for (int i = 0; i < MUTANTS; i++) {
                byte[] mutant = mutate(bases.get(i % bases.size()), random);
                Path file = null;
                if (i % 3 == 0) {
                    file = dir.resolve("mutant.dcm");
                    Files.write(file, mutant);
                }
                Path f = file;
                Future<Boolean> outcome = executor.submit(() -> parseAndUse(mutant, f));
                try {
                    if (outcome.get(TIME_BOUND_SECONDS, TimeUnit.SECONDS)) {
                        parsed++;
                    } else {
                        rejected++;
                    }
                } catch (TimeoutException e) {
                    fail("mutant " + i + " (seed " + SEED + ") did not finish within " + TIME_BOUND_SECONDS + " s");
                } catch (ExecutionException e) {
                    throw new AssertionError("mutant " + i + " (seed " + SEED + ", " + (f != null ? "file" : "stream")
                            + ") raised " + e.getCause(), e.getCause());
                }
            }
        } finally {
            executor.shutdownNow();
        }
        assertTrue(parsed > MUTANTS / 20, "too few mutants parsed (" + parsed + "): the mutations are too blunt");
        assertTrue(rejected > MUTANTS / 5, "too few mutants rejected (" + rejected + ")");
    }

    /** True when the input parsed (and its dump and decoded values worked), false on DicomFormatException. */
    private static boolean parseAndUse(byte[] bytes, Path file) throws IOException {
        DicomFile f;
        try {
            f = file != null ? DicomReader.readFile(file) : TestCorpus.read(bytes);
        } catch (DicomFormatException e) {
            if (e.getOffset() < 0 || e.getReason().isEmpty()) {
                throw new AssertionError("exception without position or reason: " + e.getMessage());
            }
            return false;
        }
        new DicomDump().print(f, new StringBuilder());
        decodeAll(f.dataset());
        return true;
    }

    private static void decodeAll(Attributes a) {
        for (int i = 0; i < a.size(); i++) {
            int tag = a.tagAt(i);
            Object v = a.valueAt(i);
            if (v instanceof Sequence) {
                for (Attributes item : (Sequence) v) {
                    decodeAll(item);
                }
            } else if (a.vrAt(i).isStringLike()) {
                a.getStrings(tag);
                a.getDateRange(tag);
                a.getDateTime(tag);
                a.getDoubles(tag);
            } else {
                a.getLongs(tag);
            }
        }
    }

    static byte[] mutate(byte[] base, Random random) {
        byte[] b = base.clone();
        int n = b.length;
        switch (random.nextInt(7)) {
            case 0: // flip a few bits
                for (int k = 1 + random.nextInt(4); k > 0; k--) {
                    int p = random.nextInt(n);
                    b[p] ^= (byte) (1 << random.nextInt(8));
                }
                return b;
            case 1: // truncate
                return Arrays.copyOf(b, random.nextInt(n));
            case 2: { // a 32-bit length field gone wrong
                int p = random.nextInt(n - 4) & ~1;
                long[] values = { 0xFFFFFFFFL, 0x7FFFFFFFL, 0xFFFFFFF0L, random.nextInt(1 << 20),
                    1 + 2 * random.nextInt(50), 0, random.nextInt() & 0xFFFFFFFFL };
                long v = values[random.nextInt(values.length)];
                for (int k = 0; k < 4; k++) {
                    b[p + k] = (byte) (v >>> (8 * k));
                }
                return b;
            }
            case 3: { // a 16-bit length field gone wrong
                int p = random.nextInt(n - 2) & ~1;
                int v = random.nextBoolean() ? 0xFFFF : random.nextInt(1 << 16);
                b[p] = (byte) v;
                b[p + 1] = (byte) (v >>> 8);
                return b;
            }
            case 4: { // bytes lost
                int p = random.nextInt(n);
                int len = Math.min(n - p, 1 + random.nextInt(16));
                byte[] out = new byte[n - len];
                System.arraycopy(b, 0, out, 0, p);
                System.arraycopy(b, p + len, out, p, n - p - len);
                return out;
            }
            case 5: { // a range repeated
                int p = random.nextInt(n);
                int len = Math.min(n - p, 1 + random.nextInt(64));
                byte[] out = new byte[n + len];
                System.arraycopy(b, 0, out, 0, p + len);
                System.arraycopy(b, p, out, p + len, n - p);
                return out;
            }
            default: { // two letters where a VR may be
                int p = random.nextInt(n - 2);
                b[p] = (byte) ('A' + random.nextInt(26));
                b[p + 1] = (byte) ('A' + random.nextInt(26));
                return b;
            }
        }
    }
}
