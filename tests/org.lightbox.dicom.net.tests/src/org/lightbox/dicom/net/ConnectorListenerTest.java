package org.lightbox.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.net.pdu.AAssociateRq;

/**
 * A connector's listeners see the associations it opens from the request on: requested, then accepted and
 * released, or failed when nothing answers, with the peer's address known throughout.
 */
@Timeout(60)
class ConnectorListenerTest {
    @TempDir
    Path tmp;

    private static AAssociateRq echoRq() {
        AAssociateRq rq = new AAssociateRq().calledAeTitle("LIGHTBOX").callingAeTitle("SCU");
        rq.addPresentationContext(DicomServiceRegistry.VERIFICATION, "1.2.840.10008.1.2");
        return rq;
    }

    /** Writes "event calling->called@port" lines. */
    private static final class Recorder implements AssociationListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        private volatile AAssociateRq request;

        private void add(String what, Association a) {
            InetSocketAddress peer = a.remoteAddress();
            events.add(what + " " + request.callingAeTitle() + "->" + request.calledAeTitle() + "@"
                    + peer.getHostString() + ":" + peer.getPort() + (a.isRequestor() ? "" : " as acceptor"));
        }

        @Override
        public void requested(Association a, AAssociateRq rq) {
            request = rq;
            add("requested", a);
        }

        @Override
        public void accepted(Association a) {
            add("accepted", a);
        }

        @Override
        public void failed(Association a, IOException cause) {
            add("failed", a);
        }

        @Override
        public void released(Association a) {
            add("released", a);
        }
    }

    @Test
    void anEstablishedAssociationIsRequestedAcceptedAndReleased() throws Exception {
        try (TestScp scp = new TestScp(tmp).start(ConnectionOptions.defaults())) {
            Recorder r = new Recorder();
            Association a = new Connector(ConnectionOptions.defaults()).addListener(r).open("127.0.0.1", scp.port(),
                    echoRq());
            assertTrue(a.echo().isSuccess());
            a.release();
            String at = "SCU->LIGHTBOX@127.0.0.1:" + scp.port();
            assertEquals(List.of("requested " + at, "accepted " + at, "released " + at), r.events);
        }
    }

    @Test
    void aPortNobodyListensOnIsRequestedThenFailed() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Recorder r = new Recorder();
        IOException e = assertThrows(IOException.class, () -> new Connector(ConnectionOptions.defaults())
                .addListener(r).open("127.0.0.1", closed, echoRq()));
        assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
        String at = "SCU->LIGHTBOX@127.0.0.1:" + closed;
        assertEquals(List.of("requested " + at, "failed " + at), r.events);
    }
}
