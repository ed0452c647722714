package org.lightbox.dicom.net.dimse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DIMSE command set: the group 0000 elements of one message, always encoded implicit VR little endian with
 * CommandGroupLength first (PS3.7 6.3.1). Values are typed by the command dictionary: UIDs, AE titles and
 * comments as strings, US/UL as ints, AT lists as int arrays. Retired or unknown group 0000 elements read from
 * the network are kept as raw bytes so they survive a round trip.
 */
public final class CommandSet {
    private final TreeMap<Integer, Object> elements = new TreeMap<>(Integer::compareUnsigned);

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
            elements.remove(tag);
        } else {
            elements.put(tag, value);
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
        elements.put(tag, value);
        return this;
    }

    public CommandSet setTags(int tag, int... tags) {
        if (kind(tag) != CommandTag.Kind.AT) {
            throw new IllegalArgumentException(tagString(tag) + " is not an AT element");
        }
        elements.put(tag, tags.clone());
        return this;
    }

    public CommandSet remove(int tag) {
        elements.remove(tag);
        return this;
    }

    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    public String getString(int tag) {
        Object v = elements.get(tag);
        return v instanceof String s ? s : null;
    }

    /** The integer value, or {@code def} if absent. */
    public int getInt(int tag, int def) {
        Object v = elements.get(tag);
        return v instanceof Integer i ? i : def;
    }

    public int[] getTags(int tag) {
        Object v = elements.get(tag);
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
        ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        for (Map.Entry<Integer, Object> e : elements.entrySet()) {
            int tag = e.getKey();
            if (tag == CommandTag.CommandGroupLength) {
                continue;
            }
            byte[] value = valueBytes(tag, e.getValue());
            header(body, tag, value.length);
            body.write(value, 0, value.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 12);
        header(out, CommandTag.CommandGroupLength, 4);
        le32(out, body.size());
        out.write(body.toByteArray(), 0, body.size());
        return out.toByteArray();
    }

    private static byte[] valueBytes(int tag, Object v) {
        if (v instanceof byte[] raw) {
            return raw;
        }
        CommandTag.Kind k = CommandTag.kindOf(tag);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        switch (k) {
            case US: {
                int i = (Integer) v;
                b.write(i);
                b.write(i >> 8);
                break;
            }
            case UL:
                le32(b, (Integer) v);
                break;
            case AT:
                for (int t : (int[]) v) {
                    b.write(t >> 16);
                    b.write(t >> 24);
                    b.write(t);
                    b.write(t >> 8);
                }
                break;
            default: {
                byte[] s = ((String) v).getBytes(k == CommandTag.Kind.LO ? StandardCharsets.ISO_8859_1 : StandardCharsets.US_ASCII);
                b.write(s, 0, s.length);
                if ((s.length & 1) != 0) {
                    b.write(k == CommandTag.Kind.UI ? 0 : ' ');
                }
            }
        }
        return b.toByteArray();
    }

    private static void header(ByteArrayOutputStream out, int tag, int length) {
        out.write(tag >> 16);
        out.write(tag >> 24);
        out.write(tag);
        out.write(tag >> 8);
        le32(out, length);
    }

    private static void le32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >> 8);
        out.write(v >> 16);
        out.write(v >> 24);
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
                c.elements.put(tag, Arrays.copyOfRange(b, vo, vo + n));
            } else {
                switch (k) {
                    case US:
                        if (n != 2) {
                            throw badLength(where, tag, p - off, n);
                        }
                        c.elements.put(tag, (b[vo] & 0xFF) | (b[vo + 1] & 0xFF) << 8);
                        break;
                    case UL:
                        if (n != 4) {
                            throw badLength(where, tag, p - off, n);
                        }
                        c.elements.put(tag, (b[vo] & 0xFF) | (b[vo + 1] & 0xFF) << 8 | (b[vo + 2] & 0xFF) << 16
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
                        c.elements.put(tag, tags);
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
                        c.elements.put(tag, s.substring(st, e));
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
        for (Map.Entry<Integer, Object> e : elements.entrySet()) {
            int t = e.getKey();
            if (t == CommandTag.CommandField || t == CommandTag.CommandGroupLength) {
                continue;
            }
            Object v = e.getValue();
            sb.append(' ').append(tagString(t)).append('=');
            if (v instanceof int[] a) {
                sb.append(Arrays.toString(a));
            } else if (v instanceof byte[] raw) {
                sb.append(raw.length).append(" bytes");
            } else if (v instanceof Integer i && CommandTag.kindOf(t) == CommandTag.Kind.US && t == CommandTag.Status) {
                sb.append(String.format("%04XH", i));
            } else {
                sb.append(v);
            }
        }
        return sb.toString();
    }
}
