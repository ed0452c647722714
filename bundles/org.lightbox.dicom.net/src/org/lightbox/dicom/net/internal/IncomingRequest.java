package org.lightbox.dicom.net.internal;

import java.io.IOException;
import java.io.InputStream;

import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.DimseRequest;
import org.lightbox.dicom.net.dimse.CommandSet;
import org.lightbox.dicom.net.dimse.CommandTag;
import org.lightbox.dicom.net.dimse.DataWriter;
import org.lightbox.dicom.net.dimse.Status;

/** One incoming request as its service sees it: command, data set, cancellation, and the path of its responses. */
final class IncomingRequest implements DimseRequest {
    private final DimseChannel channel;
    final int pcid;
    final CommandSet command;
    final InputStream data;
    volatile boolean cancelled;
    volatile boolean finalSent;

    IncomingRequest(DimseChannel channel, int pcid, CommandSet command, InputStream data) {
        this.channel = channel;
        this.pcid = pcid;
        this.command = command;
        this.data = data;
    }

    @Override
    public Association association() {
        return channel.association();
    }

    @Override
    public int presentationContextId() {
        return pcid;
    }

    @Override
    public String transferSyntax() {
        return channel.association().transferSyntax(pcid);
    }

    @Override
    public CommandSet command() {
        return command;
    }

    @Override
    public InputStream dataSet() {
        return data;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public CommandSet newResponse(int status) {
        CommandSet rsp = CommandSet.response(command.commandField().response(), command.messageId(), status);
        String cuid = command.sopClassUid();
        if (cuid != null) {
            rsp.setString(CommandTag.AffectedSOPClassUID, cuid);
        }
        String iuid = command.sopInstanceUid();
        if (iuid != null) {
            rsp.setString(CommandTag.AffectedSOPInstanceUID, iuid);
        }
        return rsp;
    }

    @Override
    public void respond(CommandSet response, DataWriter dataSet) throws IOException {
        if (finalSent) {
            throw new IllegalStateException(channel.label() + ": message " + command.messageId() + " already answered");
        }
        if (Status.kindOf(response.status()) != Status.Kind.PENDING) {
            finalSent = true;
        }
        channel.send(pcid, response, dataSet);
    }
}
