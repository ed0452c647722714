package org.lightbox.dicom.net.dimse;

/**
 * The text of an Error Comment (0000,0902), whose VR (LO) holds 64 characters: a longer reason is cut at a word and
 * ended with "..." so that the peer sees it was shortened, instead of losing its end mid-word. Log the whole text.
 */
public final class ErrorComment {

    /** The longest Error Comment. */
    public static final int MAX = 64;

    private ErrorComment() {
    }

    public static String fit(String text) {
        if (text.length() <= MAX) {
            return text;
        }
        int cut = text.lastIndexOf(' ', MAX - 3);
        return text.substring(0, cut > MAX / 2 ? cut : MAX - 3).stripTrailing() + "...";
    }
}
