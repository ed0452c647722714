package org.lightbox.cli.internal;

import java.io.PrintStream;
import java.util.List;

import org.lightbox.cli.Command;
import org.lightbox.cli.UsageException;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.Connector;
import org.lightbox.dicom.net.DicomServiceRegistry;
import org.lightbox.dicom.net.dimse.Status;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.osgi.service.component.annotations.Component;

/** {@code lightbox echo [options] AET@host:port}: C-ECHO (verification), printing the status and round trip. */
@Component(service = Command.class)
public final class EchoCommand implements Command {

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public String summary() {
        return "verify a DICOM peer with C-ECHO";
    }

    @Override
    public String usage() {
        return "lightbox echo [options] AET@host:port\n" + NetworkOptions.USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        NetworkOptions o = NetworkOptions.parse(args);
        if (!o.rest.isEmpty()) {
            throw new UsageException("unexpected argument " + o.rest.get(0));
        }
        AAssociateRq rq = new AAssociateRq().calledAeTitle(o.calledAet).callingAeTitle(o.callingAet);
        rq.addPresentationContext(DicomServiceRegistry.VERIFICATION, "1.2.840.10008.1.2");
        long t0 = System.nanoTime();
        Association a = new Connector(o.connectionOptions()).open(o.host, o.port, rq);
        Status s;
        try {
            s = a.echo();
        } finally {
            if (a.isOpen()) {
                a.release();
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (!s.isSuccess()) {
            err.println("echo " + o.calledAet + "@" + o.host + ":" + o.port + ": " + s);
            return 1;
        }
        out.println("echo " + o.calledAet + "@" + o.host + ":" + o.port + ": " + s + " (" + ms + " ms)");
        return 0;
    }
}
