package org.lightbox.dicom.net.dimse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

class CommandSetTest {

    @Test
    void encodesImplicitLittleEndianWithGroupLength() throws Exception {
        CommandSet c = CommandSet.request(CommandField.C_ECHO_RQ, 7);
        c.setString(CommandTag.AffectedSOPClassUID, "1.2.840.10008.1.1");
        byte[] b = c.encode();
        // (0000,0000) UL 4 <length>
        assertArrayEquals(new byte[] { 0, 0, 0, 0, 4, 0, 0, 0 }, java.util.Arrays.copyOf(b, 8));
        int groupLength = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        assertEquals(b.length - 12, groupLength);
        // the UID (17 chars) is padded with NUL to 18
        assertEquals(18, b[16]);
        CommandSet back = CommandSet.decode(b, 0, b.length, "t");
        assertEquals(CommandField.C_ECHO_RQ, back.commandField());
        assertEquals(7, back.messageId());
        assertEquals("1.2.840.10008.1.1", back.sopClassUid());
        assertFalse(back.hasDataSet());
    }

    @Test
    void roundTripOfMoveAndNActionFields() throws Exception {
        CommandSet c = CommandSet.response(CommandField.C_MOVE_RSP, 3, Status.PENDING);
        c.setInt(CommandTag.NumberOfRemainingSuboperations, 5).setInt(CommandTag.NumberOfCompletedSuboperations, 2)
                .setInt(CommandTag.NumberOfFailedSuboperations, 1).setInt(CommandTag.NumberOfWarningSuboperations, 0)
                .setString(CommandTag.ErrorComment, "odd").setTags(CommandTag.OffendingElement, 0x00100010, 0x7FE00010);
        CommandSet back = CommandSet.decode(c.encode(), 0, c.encode().length, "t");
        assertEquals(5, back.getInt(CommandTag.NumberOfRemainingSuboperations, -1));
        assertEquals(1, back.getInt(CommandTag.NumberOfFailedSuboperations, -1));
        assertEquals("odd", back.getString(CommandTag.ErrorComment));
        assertArrayEquals(new int[] { 0x00100010, 0x7FE00010 }, back.getTags(CommandTag.OffendingElement));
        assertEquals(3, back.messageIdBeingRespondedTo());
    }

    @Test
    void rejectsElementsOutsideGroupZeroAndBadLengths() {
        byte[] b = CommandSet.request(CommandField.C_ECHO_RQ, 1).encode();
        byte[] bad = b.clone();
        bad[12] = 8; // first element after the group length moves to group 0008
        assertTrue(assertThrows(DimseFormatException.class, () -> CommandSet.decode(bad, 0, bad.length, "x"))
                .getMessage().contains("outside the command group"));
        byte[] bad2 = b.clone();
        bad2[16] = 0x7F; // element length far beyond the buffer
        assertTrue(assertThrows(DimseFormatException.class, () -> CommandSet.decode(bad2, 0, bad2.length, "x"))
                .getMessage().contains("beyond the command set"));
        assertThrows(IllegalArgumentException.class, () -> new CommandSet().setInt(CommandTag.MessageID, 70000));
        assertThrows(IllegalArgumentException.class, () -> new CommandSet().setInt(0x00100010, 1));
    }

    @Test
    void statusesCarryTheirMeaning() {
        assertEquals(Status.Kind.SUCCESS, Status.of(0).kind());
        assertEquals(Status.Kind.PENDING, Status.of(0xFF01).kind());
        assertEquals(Status.Kind.CANCEL, Status.of(0xFE00).kind());
        assertEquals(Status.Kind.WARNING, Status.of(0xB007).kind());
        assertEquals(Status.Kind.FAILURE, Status.of(0xA702).kind());
        assertEquals(Status.Kind.FAILURE, Status.of(0xC123).kind());
        assertEquals("A801H Refused: move destination unknown", Status.of(0xA801).toString());
        assertTrue(Status.of(0xA7FE).meaning().contains("out of resources"));
        assertTrue(Status.of(0xC0DE).meaning().contains("cannot understand"));
        assertTrue(Status.of(0x0122).meaning().contains("SOP class not supported"));
        assertTrue(Status.of(0xB000).isSuccessOrWarning());
    }

    @Test
    void failedSopInstanceListBothLittleEndianSyntaxes() throws Exception {
        for (String ts : new String[] { "1.2.840.10008.1.2", "1.2.840.10008.1.2.1" }) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            FailedSopInstanceList.writer(List.of("1.2.3", "1.2.45")).writeTo(out, ts);
            assertEquals(List.of("1.2.3", "1.2.45"), FailedSopInstanceList.parse(out.toByteArray(), ts));
        }
    }
}
