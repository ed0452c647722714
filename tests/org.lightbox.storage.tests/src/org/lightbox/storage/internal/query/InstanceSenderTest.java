package org.lightbox.storage.internal.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.net.dimse.ErrorComment;

/** What a retrieve says about a stored file it cannot send, in the 64 characters of an Error Comment. */
class InstanceSenderTest {

    @TempDir
    Path dir;

    @Test
    void aFileOfTheCataloguedSizeIsWholeAndAnyOtherIsNot() throws Exception {
        Path f = Files.write(dir.resolve("x.dcm"), new byte[1000]);
        assertNull(InstanceSender.damage(f, 1000));
        assertEquals("stored file damaged: 1000 of 1200 bytes", InstanceSender.damage(f, 1200));
        Files.delete(f);
        assertEquals("stored file missing", InstanceSender.damage(f, 1000));
    }

    @Test
    void reasonsFitAnErrorCommentWhole() {
        String worst = InstanceSender.damage(write(), 999_999_999_999L);
        assertTrue(worst.length() <= ErrorComment.MAX, worst);
        assertEquals(worst, ErrorComment.fit(worst));
    }

    private Path write() {
        try {
            return Files.write(dir.resolve("y.dcm"), new byte[12345]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
