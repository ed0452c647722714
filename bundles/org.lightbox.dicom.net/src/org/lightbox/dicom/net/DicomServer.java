package org.lightbox.dicom.net;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    private volatile ServerSocket serverSocket;
    private Thread acceptThread;

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

    /** Binds (port 0 picks a free one, see {@link #port()}) and starts accepting. */
    public synchronized DicomServer start(InetAddress bindAddress, int port) throws IOException {
        if (serverSocket != null) {
            throw new IllegalStateException("already started on port " + serverSocket.getLocalPort());
        }
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(new InetSocketAddress(bindAddress, port), 50);
        serverSocket = ss;
        acceptThread = new Thread(this::acceptLoop, "dicom-acceptor-" + ss.getLocalPort());
        acceptThread.setDaemon(true);
        acceptThread.start();
        LOG.log(System.Logger.Level.INFO, "DICOM server listening on {0}", ss.getLocalSocketAddress());
        return this;
    }

    public int port() {
        ServerSocket ss = serverSocket;
        return ss == null ? -1 : ss.getLocalPort();
    }

    public Set<Association> activeAssociations() {
        return Set.copyOf(active);
    }

    /** Connections being negotiated or served. */
    public int openConnections() {
        return connections.get();
    }

    private void acceptLoop() {
        ServerSocket ss = serverSocket;
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
                executor.execute(() -> serve(s));
            } catch (RejectedExecutionException e) {
                connections.decrementAndGet();
                closeQuietly(s);
            }
        }
    }

    private void serve(Socket s) {
        String peer = s.getInetAddress().getHostAddress() + ":" + s.getPort();
        Association a = new Association(false, peer, (InetSocketAddress) s.getRemoteSocketAddress(), events,
                registry, executor);
        try {
            AssociationEstablishment est = AssociationEstablishment.accepted(s, options, a.label());
            AAssociateRq rq = est.receiveRequest();
            events.fire(l -> l.requested(a, rq));
            AcceptorPolicy.Decision d;
            if (active.size() >= maxAssociations) {
                d = new AcceptorPolicy.Decision(null, AAssociateRj.localLimitExceeded());
            } else {
                d = policy.negotiate(rq);
            }
            if (!d.accepted()) {
                LOG.log(System.Logger.Level.INFO, "{0}: rejecting {1}: {2}", a.label(), rq, d.rejection().describe());
                est.reject(d.rejection());
                events.fire(l -> l.rejected(a, d.rejection()));
                return;
            }
            a.established(est.accept(d.acceptance(), d.acceptance().userInformation().maxPduLength(),
                    rq.userInformation().maxPduLength()), rq, d.acceptance());
            active.add(a);
            events.fire(l -> l.accepted(a));
            a.serve();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.INFO, "{0}: {1}", a.label(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, a.label() + ": association failed", e);
        } finally {
            active.remove(a);
            closeQuietly(s);
            connections.decrementAndGet();
        }
    }

    /** Stops accepting and aborts the associations still running. The executor stays the owner's to shut down. */
    @Override
    public void close() throws IOException {
        ServerSocket ss;
        synchronized (this) {
            ss = serverSocket;
        }
        if (ss != null) {
            ss.close();
        }
        for (Association a : active) {
            a.abort();
        }
        if (acceptThread != null) {
            try {
                acceptThread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
