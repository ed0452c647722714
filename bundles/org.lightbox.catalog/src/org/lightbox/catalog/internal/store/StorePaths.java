package org.lightbox.catalog.internal.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Names in the store: {@code <study>/<series>/<sop>.dcm}, each name the UID itself when it is a well-formed UID
 * (digits and single dots: safe on every file system, readable for an administrator) and otherwise 'x' and a
 * SHA-256 prefix of the value, so that a hostile "UID" such as {@code ../../etc} never escapes the store.
 */
public final class StorePaths {

    /** Directories of the store root that are not studies. */
    public static final String INCOMING = "incoming";
    public static final String QUARANTINE = "quarantine";
    public static final String EXTENSION = ".dcm";
    public static final String TEMP_EXTENSION = ".part";

    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    private StorePaths() {
    }

    /** A file or directory name for {@code uid}. */
    public static String name(String uid) {
        if (uid.length() <= 64 && UID.matcher(uid).matches()) {
            return uid;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(uid.getBytes(StandardCharsets.UTF_8));
            return "x" + HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /** The directory of a series, relative to the store root, with '/' separators. */
    public static String seriesDirectory(String studyUid, String seriesUid) {
        return name(studyUid) + "/" + name(seriesUid);
    }

    /** The file name of the {@code copy}-th candidate name of an instance (0: the plain name). */
    public static String fileName(String sopInstanceUid, int copy) {
        return name(sopInstanceUid) + (copy == 0 ? "" : "~" + copy) + EXTENSION;
    }
}
