package org.lightbox.dicom.net.dimse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A DIMSE command set: the group 0000 elements of one message, always encoded implicit VR little endian with
 * CommandGroupLength first (PS3.7 6.3.1). Values are typed by the command dictionary: UIDs, AE titles and
 * comments as strings, US/UL as ints, AT lists as int arrays. Retired or unknown group 0000 elements read from
 * the network are kept as raw bytes so they survive a round trip. Elements are kept in two small arrays sorted by
 * tag: a command has about ten, and one is built and parsed for every message.
 */
public final class CommandSet {
    private int[] tags = new int[12];
    private Object[] values = new Object[12];
    private int size;

    /** Index of {@code tag}, or {@code -(insertion point + 1)}. */
    private int indexOf(int tag) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Integer.compareUnsigned(tags[mid], tag);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    private void put(int tag, Object value) {
        int i = indexOf(tag);
        if (i >= 0) {
            values[i] = value;
            return;
        }
        i = -i - 1;
        if (size == tags.length) {
            tags = Arrays.copyOf(tags, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        System.arraycopy(tags, i, tags, i + 1, size - i);
        System.arraycopy(values, i, values, i + 1, size - i);
        tags[i] = tag;
        values[i] = value;
        size++;
    }

    private Object get(int tag) {
        int i = indexOf(tag);
        return i >= 0 ? values[i] : null;
    }

    public static CommandSet request(CommandField field, int messageId) {
        CommandSet c = new CommandSet();
        c.setInt(CommandTag.CommandField, field.code);
        c.setInt(CommandTag.MessageID, messageId);
        c.setInt(CommandTag.CommandDataSetType, CommandTag.NO_DATA_SET);
        return c;
    }

    public static CommandSet response(CommandField field, int respondedMessageId, int status) {
        CommandSet c = new CommandSet();
        c.setInt(CommandTag.CommandField, field.code);
        c.setInt(CommandTag.MessageIDBeingRespondedTo, respondedMessageId);
        c.setInt(CommandTag.CommandDataSetType, CommandTag.NO_DATA_SET);
        c.setInt(CommandTag.Status, status);
        return c;
    }

    public CommandSet setString(int tag, String value) {
        CommandTag.Kind k = kind(tag);
        if (k != CommandTag.Kind.UI && k != CommandTag.Kind.AE && k != CommandTag.Kind.LO && k != CommandTag.Kind.CS) {
            throw new IllegalArgumentException(tagString(tag) + " is not a string element");
        }
        if (value == null) {
            remove(tag);
        } else {
            put(tag, value);
        }
        return this;
    }

    public CommandSet setInt(int tag, int value) {
        CommandTag.Kind k = kind(tag);
        if (k == CommandTag.Kind.US && (value < 0 || value > 0xFFFF)) {
            throw new IllegalArgumentException(tagString(tag) + " value out of US range: " + value);
        }
        if (k != CommandTag.Kind.US && k != CommandTag.Kind.UL) {
            throw new IllegalArgumentException(tagString(tag) + " is not an integer element");
        }
        put(tag, value);
        return this;
    }

    public CommandSet setTags(int tag, int... tags) {
        if (kind(tag) != CommandTag.Kind.AT) {
            throw new IllegalArgumentException(tagString(tag) + " is not an AT element");
        }
        put(tag, tags.clone());
        return this;
    }

    public CommandSet remove(int tag) {
        int i = indexOf(tag);
        if (i >= 0) {
            System.arraycopy(tags, i + 1, tags, i, size - i - 1);
            System.arraycopy(values, i + 1, values, i, size - i - 1);
            values[--size] = null;
        }
        return this;
    }

    public boolean contains(int tag) {
        return indexOf(tag) >= 0;
    }

    public String getString(int tag) {
        Object v = get(tag);
        return v instanceof String s ? s : null;
    }

    /** The integer value, or {@code def} if absent. */
    public int getInt(int tag, int def) {
        Object v = get(tag);
        return v instanceof Integer i ? i : def;
    }

    public int[] getTags(int tag) {
        Object v = get(tag);
        return v instanceof int[] a ? a.clone() : null;
    }

    public CommandField commandField() {
        return CommandField.of(getInt(CommandTag.CommandField, -1));
    }

    public int messageId() {
        return getInt(CommandTag.MessageID, -1);
    }

    public int messageIdBeingRespondedTo() {
        return getInt(CommandTag.MessageIDBeingRespondedTo, -1);
    }

    public boolean hasDataSet() {
        return getInt(CommandTag.CommandDataSetType, CommandTag.NO_DATA_SET) != CommandTag.NO_DATA_SET;
    }

    public CommandSet hasDataSet(boolean present) {
        return setInt(CommandTag.CommandDataSetType, present ? CommandTag.DATA_SET_PRESENT : CommandTag.NO_DATA_SET);
    }

    public int status() {
        return getInt(CommandTag.Status, -1);
    }

    /** Affected SOP class UID, or the requested one (N-GET/N-SET/N-ACTION/N-DELETE requests). */
    public String sopClassUid() {
        String s = getString(CommandTag.AffectedSOPClassUID);
        return s != null ? s : getString(CommandTag.RequestedSOPClassUID);
    }

    public String sopInstanceUid() {
        String s = getString(CommandTag.AffectedSOPInstanceUID);
        return s != null ? s : getString(CommandTag.RequestedSOPInstanceUID);
    }

    private static CommandTag.Kind kind(int tag) {
        CommandTag.Kind k = CommandTag.kindOf(tag);
        if (k == null) {
            throw new IllegalArgumentException(tagString(tag) + " is not a command element");
        }
        return k;
    }

    static String tagString(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }

    /** Encodes implicit VR little endian, computing CommandGroupLength. */
    public byte[] encode() {
        // strings are converted once: their byte length is needed before they are written
        byte[][] text = new byte[size][];
        int body = 0;
        for (int i = 0; i < size; i++) {
            if (tags[i] != CommandTag.CommandGroupLength) {
                body += 8 + valueLength(i, text);
            }
        }
        byte[] out = new byte[12 + body];
        int p = header(out, 0, CommandTag.CommandGroupLength, 4);
        p = le32(out, p, body);
        for (int i = 0; i < size; i++) {
            if (tags[i] != CommandTag.CommandGroupLength) {
                p = element(out, p, i, text);
            }
        }
        return out;
    }

    private int valueLength(int i, byte[][] text) {
        Object v = values[i];
        if (v instanceof byte[] raw) {
            return raw.length;
        }
        CommandTag.Kind k = CommandTag.kindOf(tags[i]);
        switch (k) {
            case US:
                return 2;
            case UL:
                return 4;
            case AT:
                return 4 * ((int[]) v).length;
            default: {
                byte[] t = ((String) v).getBytes(k == CommandTag.Kind.LO ? StandardCharsets.ISO_8859_1
                        : StandardCharsets.US_ASCII);
                text[i] = t;
                return t.length + (t.length & 1);
            }
        }
    }

    private int element(byte[] out, int p, int i, byte[][] text) {
        int tag = tags[i];
        Object v = values[i];
        if (v instanceof byte[] raw) {
            p = header(out, p, tag, raw.length);
            System.arraycopy(raw, 0, out, p, raw.length);
            return p + raw.length;
        }
        CommandTag.Kind k = CommandTag.kindOf(tag);
        switch (k) {
            case US: {
                int u = (Integer) v;
                p = header(out, p, tag, 2);
                out[p] = (byte) u;
                out[p + 1] = (byte) (u >> 8);
                return p + 2;
            }
            case UL:
                return le32(out, header(out, p, tag, 4), (Integer) v);
            case AT: {
                int[] a = (int[]) v;
                p = header(out, p, tag, 4 * a.length);
                for (int t : a) {
                    out[p] = (byte) (t >> 16);
                    out[p + 1] = (byte) (t >> 24);
                    out[p + 2] = (byte) t;
                    out[p + 3] = (byte) (t >> 8);
                    p += 4;
                }
                return p;
            }
            default: {
                byte[] t = text[i];
                int padded = t.length + (t.length & 1);
                p = header(out, p, tag, padded);
                System.arraycopy(t, 0, out, p, t.length);
                if (padded != t.length) {
                    out[p + t.length] = (byte) (k == CommandTag.Kind.UI ? 0 : ' ');
                }
                return p + padded;
            }
        }
    }

    private static int header(byte[] out, int p, int tag, int length) {
        out[p] = (byte) (tag >> 16);
        out[p + 1] = (byte) (tag >> 24);
        out[p + 2] = (byte) tag;
        out[p + 3] = (byte) (tag >> 8);
        return le32(out, p + 4, length);
    }

    private static int le32(byte[] out, int p, int v) {
        out[p] = (byte) v;
        out[p + 1] = (byte) (v >> 8);
        out[p + 2] = (byte) (v >> 16);
        out[p + 3] = (byte) (v >> 24);
        return p + 4;
    }

    /**
     * Decodes an implicit VR little endian command set.
     *
     * @param where names the association and message for error text
     * @throws DimseFormatException with the byte offset when an element is malformed
     */
    public static CommandSet decode(byte[] b, int off, int len, String where) throws DimseFormatException {
        CommandSet c = new CommandSet();
        int p = off;
        int end = off + len;
        while (p < end) {
            if (end - p < 8) {
                throw new DimseFormatException(where + ": command set truncated at byte " + (p - off));
            }
            int group = (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
            int elem = (b[p + 2] & 0xFF) | (b[p + 3] & 0xFF) << 8;
            long vl = ((b[p + 4] & 0xFFL) | (b[p + 5] & 0xFFL) << 8 | (b[p + 6] & 0xFFL) << 16 | (b[p + 7] & 0xFFL) << 24);
            int tag = group << 16 | elem;
            if (group != 0) {
                throw new DimseFormatException(where + ": element " + tagString(tag) + " at byte " + (p - off)
                        + " is outside the command group");
            }
            if (vl > end - p - 8) {
                throw new DimseFormatException(where + ": element " + tagString(tag) + " at byte " + (p - off)
                        + " has length " + vl + " beyond the command set");
            }
            int vo = p + 8;
            int n = (int) vl;
            CommandTag.Kind k = CommandTag.kindOf(tag);
            if (k == null) {
                c.put(tag, Arrays.copyOfRange(b, vo, vo + n));
            } else {
                switch (k) {
                    case US:
                        if (n != 2) {
                            throw badLength(where, tag, p - off, n);
                        }
                        c.put(tag, (b[vo] & 0xFF) | (b[vo + 1] & 0xFF) << 8);
                        break;
                    case UL:
                        if (n != 4) {
                            throw badLength(where, tag, p - off, n);
                        }
                        c.put(tag, (b[vo] & 0xFF) | (b[vo + 1] & 0xFF) << 8 | (b[vo + 2] & 0xFF) << 16
                                | (b[vo + 3] & 0xFF) << 24);
                        break;
                    case AT: {
                        if (n % 4 != 0) {
                            throw badLength(where, tag, p - off, n);
                        }
                        int[] tags = new int[n / 4];
                        for (int i = 0; i < tags.length; i++) {
                            int q = vo + 4 * i;
                            tags[i] = ((b[q] & 0xFF) | (b[q + 1] & 0xFF) << 8) << 16 | (b[q + 2] & 0xFF)
                                    | (b[q + 3] & 0xFF) << 8;
                        }
                        c.put(tag, tags);
                        break;
                    }
                    default: {
                        String s = new String(b, vo, n, k == CommandTag.Kind.LO ? StandardCharsets.ISO_8859_1
                                : StandardCharsets.US_ASCII);
                        int e = s.length();
                        while (e > 0 && (s.charAt(e - 1) == 0 || s.charAt(e - 1) == ' ')) {
                            e--;
                        }
                        int st = 0;
                        if (k == CommandTag.Kind.AE) {
                            while (st < e && s.charAt(st) == ' ') {
                                st++;
                            }
                        }
                        c.put(tag, s.substring(st, e));
                    }
                }
            }
            p = vo + n;
        }
        if (c.commandField() == null) {
            throw new DimseFormatException(where + ": command set without a known CommandField ("
                    + c.getInt(CommandTag.CommandField, -1) + ")");
        }
        return c;
    }

    private static DimseFormatException badLength(String where, int tag, int off, int n) {
        return new DimseFormatException(where + ": element " + tagString(tag) + " at byte " + off + " has invalid length " + n);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        CommandField f = commandField();
        sb.append(f == null ? "?" : f.label());
        for (int i = 0; i < size; i++) {
            int t = tags[i];
            if (t == CommandTag.CommandField || t == CommandTag.CommandGroupLength) {
                continue;
            }
            Object v = values[i];
            sb.append(' ').append(tagString(t)).append('=');
            if (v instanceof int[] a) {
                sb.append(Arrays.toString(a));
            } else if (v instanceof byte[] raw) {
                sb.append(raw.length).append(" bytes");
            } else if (v instanceof Integer st && CommandTag.kindOf(t) == CommandTag.Kind.US && t == CommandTag.Status) {
                sb.append(String.format("%04XH", st));
            } else {
                sb.append(v);
            }
        }
        return sb.toString();
    }
}
