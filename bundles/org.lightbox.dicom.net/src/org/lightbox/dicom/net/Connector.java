package org.lightbox.dicom.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.lightbox.dicom.net.internal.AssociationEvents;
import org.lightbox.dicom.net.internal.AssociationEstablishment;
import org.lightbox.dicom.net.internal.UpperLayer;
import org.lightbox.dicom.net.pdu.AAssociateRq;

/**
 * Opens associations as requestor (SCU). Holds the connection options, the listeners, the services for
 * requests the peer sends back (C-STORE during C-GET, N-EVENT-REPORT) and where reading threads run.
 */
public final class Connector {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ConnectionOptions options;
    private final AssociationEvents events = new AssociationEvents();
    private DicomServiceRegistry services = new DicomServiceRegistry();
    private Executor executor;

    public Connector(ConnectionOptions options) {
        this.options = options;
    }

    public Connector addListener(AssociationListener l) {
        events.add(l);
        return this;
    }

    public Connector removeListener(AssociationListener l) {
        events.remove(l);
        return this;
    }

    /** Services for requests arriving on our associations (e.g. a store service for C-GET). */
    public Connector services(DicomServiceRegistry registry) {
        this.services = registry;
        return this;
    }

    /** Where reading loops and service calls run; by default each association gets its own daemon thread. */
    public Connector executor(Executor e) {
        this.executor = e;
        return this;
    }

    public ConnectionOptions options() {
        return options;
    }

    /**
     * Connects and negotiates. Our implementation class UID, version name and maximum PDU length are filled in
     * when the request does not name them.
     *
     * @throws AssociationRejectedException when the peer rejects
     * @throws AssociationAbortedException when the peer aborts or the exchange breaks
     */
    public Association open(String host, int port, AAssociateRq rq) throws IOException {
        if (rq.userInformation().implementationClassUid() == null) {
            rq.userInformation().implementationClassUid(Implementation.CLASS_UID)
                    .implementationVersionName(Implementation.VERSION_NAME);
        }
        if (rq.userInformation().maxPduLength() == 0) {
            rq.userInformation().maxPduLength(options.maxPduReceive());
        }
        Executor ex = executor != null ? executor : r -> {
            Thread t = new Thread(r, "dicom-scu-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            t.start();
        };
        Association a = new Association(true, rq.calledAeTitle() + "@" + host + ":" + port,
                InetSocketAddress.createUnresolved(host, port), events, services, ex);
        a.requested(rq);
        events.fire(l -> l.requested(a, rq));
        UpperLayer ul;
        try {
            ul = AssociationEstablishment.request(options, host, port, rq, a.label());
        } catch (AssociationRejectedException e) {
            events.fire(l -> l.rejected(a, e.reject()));
            throw e;
        } catch (IOException e) {
            events.fire(l -> l.failed(a, e));
            throw e;
        }
        ul.maxPduReceive(rq.userInformation().maxPduLength());
        a.established(ul, rq, ul.acceptance());
        events.fire(l -> l.accepted(a));
        ex.execute(a::serve);
        return a;
    }
}
