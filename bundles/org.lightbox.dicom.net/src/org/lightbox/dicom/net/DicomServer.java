package org.lightbox.dicom.net;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.lightbox.dicom.net.internal.AssociationEvents;
import org.lightbox.dicom.net.internal.AssociationEstablishment;
import org.lightbox.dicom.net.pdu.AAssociateRj;
import org.lightbox.dicom.net.pdu.AAssociateRq;

/**
 * The acceptor: listens on a port, negotiates each incoming association with the {@link AcceptorPolicy} and
 * serves it with the {@link DicomServiceRegistry}. Every association runs on the injected executor (one task
 * for its whole life, plus one per non-C-STORE request), so the executor must not be smaller than the number of
 * concurrent associations plus their requests: a cached pool fits. A broken association never disturbs the
 * others.
 * <p>
 * Besides the port of {@link #start}, the server may listen on a DICOM TLS port ({@link #startTls}, PS3.15 B.1):
 * both ports share the policy, the services, the listeners and the association limit. The TLS handshake runs on
 * the association's executor task, not on the accepting thread, bounded by the ARTIM timeout; a failed handshake is
 * reported to {@link AssociationListener#failed} and closes only that connection.
 */
public final class DicomServer implements Closeable {
    private static final System.Logger LOG = System.getLogger(DicomServer.class.getName());

    private final ConnectionOptions options;
    private final AcceptorPolicy policy;
    private final DicomServiceRegistry registry;
    private final ExecutorService executor;
    private final AssociationEvents events = new AssociationEvents();
    private final Set<Association> active = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile int maxAssociations = 50;
    /** Why new requests are refused (transiently) while the running associations finish; null when accepting. */
    private volatile String refusing;
    /** How long a shutdown abort waits for the peer to close before closing the transport itself. */
    private static final int SHUTDOWN_LINGER_MILLIS = 500;
    /** The port of {@link #start}, and the TLS port of {@link #startTls}. */
    private volatile Listener main;
    private volatile Listener secure;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** One listening socket, its accepting thread, and the options its connections get. */
    private record Listener(ServerSocket socket, Thread thread, ConnectionOptions options) {
    }

    public DicomServer(ConnectionOptions options, AcceptorPolicy policy, DicomServiceRegistry registry,
            ExecutorService executor) {
        this.options = options;
        this.policy = policy.maxPduReceive(options.maxPduReceive());
        this.registry = registry;
        this.executor = executor;
    }

    public DicomServer addListener(AssociationListener l) {
        events.add(l);
        return this;
    }

    public DicomServer removeListener(AssociationListener l) {
        events.remove(l);
        return this;
    }

    /** Beyond this many concurrent associations, requests are rejected (transient, local limit exceeded). */
    public DicomServer maxAssociations(int max) {
        this.maxAssociations = Math.max(1, max);
        return this;
    }

    /**
     * While {@code why} is not null, every new A-ASSOCIATE-RQ is rejected as transient (service-provider,
     * temporary congestion) so that the caller retries later, and {@code why} (e.g. {@code "node stopping"}) is the
     * {@linkplain Association#rejectionDetail() detail} the listeners see; the running associations go on. The owner
     * sets it before it lets them finish and {@linkplain #close() closes}; {@code null} accepts again.
     */
    public DicomServer refuseNewAssociations(String why) {
        this.refusing = why;
        return this;
    }

    /**
     * Binds (port 0 picks a free one, see {@link #port()}) and starts accepting, with the TLS of the options if they
     * have one.
     */
    public synchronized DicomServer start(InetAddress bindAddress, int port) throws IOException {
        if (main != null) {
            throw new IllegalStateException("already started on port " + main.socket().getLocalPort());
        }
        main = listen(bindAddress, port, options, "DICOM");
        return this;
    }

    /**
     * Also binds {@code port} (0 picks a free one, see {@link #tlsPort()}) and accepts DICOM TLS connections there
     * with {@code tls} (our certificate, the trusted peers, whether a client certificate is required).
     */
    public synchronized DicomServer startTls(InetAddress bindAddress, int port, TlsOptions tls) throws IOException {
        if (tls == null) {
            throw new IllegalArgumentException("a TLS port needs TLS options");
        }
        if (secure != null) {
            throw new IllegalStateException("already listening for TLS on port " + secure.socket().getLocalPort());
        }
        secure = listen(bindAddress, port, options.withTls(tls), "DICOM TLS");
        return this;
    }

    private Listener listen(InetAddress bindAddress, int port, ConnectionOptions o, String what) throws IOException {
        ServerSocket ss = new ServerSocket();
        try {
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(bindAddress, port), 50);
        } catch (IOException e) {
            ss.close();
            throw e;
        }
        Thread t = new Thread(() -> acceptLoop(ss, o), "dicom-acceptor-" + ss.getLocalPort());
        t.setDaemon(true);
        Listener l = new Listener(ss, t, o);
        listeners.add(l);
        t.start();
        LOG.log(System.Logger.Level.INFO, "{0} server listening on {1}", what, ss.getLocalSocketAddress());
        return l;
    }

    /** The port of {@link #start}, or -1 before. */
    public int port() {
        Listener l = main;
        return l == null ? -1 : l.socket().getLocalPort();
    }

    /** The port of {@link #startTls}, or -1 when there is none. */
    public int tlsPort() {
        Listener l = secure;
        return l == null ? -1 : l.socket().getLocalPort();
    }

    public Set<Association> activeAssociations() {
        return Set.copyOf(active);
    }

    /** Connections being negotiated or served. */
    public int openConnections() {
        return connections.get();
    }

    private void acceptLoop(ServerSocket ss, ConnectionOptions o) {
        while (!ss.isClosed()) {
            Socket s;
            try {
                s = ss.accept();
            } catch (IOException e) {
                if (!ss.isClosed()) {
                    LOG.log(System.Logger.Level.WARNING, "accept failed on port " + ss.getLocalPort(), e);
                }
                continue;
            }
            connections.incrementAndGet();
            try {
                executor.execute(() -> serve(s, o));
            } catch (RejectedExecutionException e) {
                connections.decrementAndGet();
                closeQuietly(s);
            }
        }
    }

    private void serve(Socket s, ConnectionOptions o) {
        String peer = s.getInetAddress().getHostAddress() + ":" + s.getPort();
        Association a = new Association(false, peer, (InetSocketAddress) s.getRemoteSocketAddress(), events,
                registry, executor);
        // whether a listener has heard how this connection turned out; if not, a failure is told as failed()
        boolean told = false;
        try {
            AssociationEstablishment est = AssociationEstablishment.accepted(s, o, a.label());
            AAssociateRq rq = est.receiveRequest();
            a.requested(rq);
            events.fire(l -> l.requested(a, rq));
            if (!AssociationEstablishment.supportsProtocolVersion(rq)) {
                told = true;
                AAssociateRj rj = AAssociateRj.protocolVersionNotSupported();
                reject(a, rj, "protocol version " + rq.protocolVersion(), () -> est.rejectByProvider(rj));
                return;
            }
            AcceptorPolicy.Decision d = decide(rq);
            if (!d.accepted()) {
                told = true;
                reject(a, d.rejection(), d.detail(), () -> est.reject(d.rejection()));
                return;
            }
            a.established(est.accept(d.acceptance(), d.acceptance().userInformation().maxPduLength(),
                    rq.userInformation().maxPduLength()), rq, d.acceptance());
            active.add(a);
            told = true;
            events.fire(l -> l.accepted(a));
            a.serve();
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            LOG.log(System.Logger.Level.INFO, m.startsWith(a.label()) ? m : a.label() + ": " + m);
            if (!told) {
                events.fire(l -> l.failed(a, e));
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, a.label() + ": association failed", e);
            if (!told) {
                IOException cause = new IOException(a.label() + ": association failed: " + e, e);
                events.fire(l -> l.failed(a, cause));
            }
        } finally {
            active.remove(a);
            closeQuietly(s);
            connections.decrementAndGet();
        }
    }

    /** Shutting down, the association limit, then the policy. */
    private AcceptorPolicy.Decision decide(AAssociateRq rq) {
        String why = refusing;
        if (why != null) {
            return new AcceptorPolicy.Decision(null, AAssociateRj.temporaryCongestion(), why);
        }
        int running = active.size();
        if (running >= maxAssociations) {
            return new AcceptorPolicy.Decision(null, AAssociateRj.localLimitExceeded(),
                    running + " associations running, the most allowed");
        }
        return policy.negotiate(rq);
    }

    /** Sends the rejection; the listeners hear of it also when sending it failed (the peer may have gone). */
    private void reject(Association a, AAssociateRj rj, String detail, RejectionSender sender) throws IOException {
        LOG.log(System.Logger.Level.INFO, "{0}: rejecting {1}: {2}{3}", a.label(), a.request(), rj.describe(),
                detail == null ? "" : " (" + detail + ")");
        a.rejecting(detail);
        try {
            sender.send();
        } finally {
            events.fire(l -> l.rejected(a, rj));
        }
    }

    @FunctionalInterface
    private interface RejectionSender {
        void send() throws IOException;
    }

    /**
     * Stops accepting and aborts the associations still running: each gets its A-ABORT and its transport is closed
     * within half a second, also when the peer stalls in the middle of a message. The executor stays the owner's to
     * shut down.
     */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Listener l : listeners) {
            try {
                l.socket().close();
            } catch (IOException e) {
                failure = e;
            }
        }
        String why = refusing;
        for (Association a : active) {
            a.abort("the server is closing" + (why == null ? "" : " (" + why + ")"), SHUTDOWN_LINGER_MILLIS);
        }
        for (Listener l : listeners) {
            try {
                l.thread().join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException | RuntimeException e) {
            // already broken
        }
    }

    static boolean isClosedSocket(IOException e) {
        return e instanceof SocketException;
    }
}
