package org.lightbox.dicom.net.dimse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Error Comments fit their LO value and say when they were shortened. */
class ErrorCommentTest {

    @Test
    void aShortTextIsKeptWhole() {
        String s = "x".repeat(ErrorComment.MAX);
        assertEquals(s, ErrorComment.fit(s));
        assertEquals("", ErrorComment.fit(""));
    }

    @Test
    void aLongTextIsCutAtAWordAndSaysSo() {
        String s = "a SERIES-level query in the STUDY_ROOT model needs the STUDY-level unique key as one value";
        String fit = ErrorComment.fit(s);
        assertEquals("a SERIES-level query in the STUDY_ROOT model needs the...", fit);
        assertTrue(fit.length() <= ErrorComment.MAX);
    }

    @Test
    void aLongWordIsCutWhereItMust() {
        String s = "/" + "d".repeat(100);
        String fit = ErrorComment.fit(s);
        assertEquals(ErrorComment.MAX, fit.length());
        assertTrue(fit.endsWith("..."), fit);
    }
}
