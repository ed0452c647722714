package org.lightbox.dicom.net.internal;

import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Decides which thread reads an association's input, one message per turn. A caller blocked on its own
 * synchronous request reads its response itself: the response then costs one thread wake-up (the caller's) rather
 * than two (a reading thread's, then the caller's), which is most of the per-message overhead on a busy machine.
 * The association's background reader reads whenever no caller does: at once when work is unattended (an
 * asynchronous request, a release or abort under way, or always on an acceptor without callers), otherwise after
 * {@link #GRACE_NANOS} without synchronous activity, so that a caller sending message after message never finds
 * the background reader blocked on the input, yet an idle association still notices what its peer does.
 */
final class ReadingRole {
    /** How long the background reader stays away after a synchronous caller came or went. */
    static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a turn ends: waiting callers look whether their response came or the turn is theirs. */
    private final Condition turnEnded = lock.newCondition();
    /** Signalled only when the background reader is needed at once, so synchronous traffic does not wake it. */
    private final Condition backgroundNeeded = lock.newCondition();
    private final BooleanSupplier unattendedWork;
    private Thread reader;
    /** Callers waiting to read their own response. */
    private int awaiting;
    private long lastSynchronousActivity;
    private boolean ended;

    /**
     * @param unattendedWork true when something needs reading that no synchronous caller will read for
     * @param graceFromStart an association opened by a caller starts in the grace period, so the first request is
     *        read by its caller too
     */
    ReadingRole(BooleanSupplier unattendedWork, boolean graceFromStart) {
        this.unattendedWork = unattendedWork;
        this.lastSynchronousActivity = graceFromStart ? System.nanoTime() : System.nanoTime() - GRACE_NANOS;
    }

    /** A synchronous operation is about to send its request, or has its response: the grace period restarts. */
    void synchronousActivity() {
        lock.lock();
        try {
            lastSynchronousActivity = System.nanoTime();
        } finally {
            lock.unlock();
        }
    }

    /** Work no caller will read for has appeared (an asynchronous request, a release, an abort). */
    void wake() {
        lock.lock();
        try {
            backgroundNeeded.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The background reader's wait for its next turn: returns true holding the turn, false once the association
     * has ended. Interrupts do not stop the reader (the association's end does); the flag is restored on return.
     */
    boolean awaitBackgroundTurn() {
        boolean interrupted = false;
        lock.lock();
        try {
            while (!ended) {
                long wait = GRACE_NANOS;
                if (reader == null && awaiting == 0) {
                    wait = unattendedWork.getAsBoolean() ? 0 : lastSynchronousActivity + GRACE_NANOS - System.nanoTime();
                    if (wait <= 0) {
                        reader = Thread.currentThread();
                        return true;
                    }
                }
                try {
                    // timed: the grace period runs out, or a caller's turn ends, without anyone signalling
                    backgroundNeeded.awaitNanos(wait);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return false;
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A caller starts waiting for its response; from now on the background reader leaves it the turns. */
    void awaitingBegins() {
        lock.lock();
        try {
            awaiting++;
        } finally {
            lock.unlock();
        }
    }

    void awaitingEnds() {
        lock.lock();
        try {
            awaiting--;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A waiting caller's turn: true when it now holds the turn and should read one message; false after waiting
     * while another thread read (the caller then checks whether its response came). Returns false at once when
     * the association has ended or {@code done} holds.
     *
     * @throws IllegalStateException see {@link #refuseNestedWait}
     */
    boolean takeTurnOrWait(BooleanSupplier done, String association) throws InterruptedIOException {
        lock.lock();
        try {
            refuseNestedWait(association);
            if (ended || done.getAsBoolean()) {
                return false;
            }
            if (reader == null) {
                reader = Thread.currentThread();
                return true;
            }
            while (reader != null && !ended && !done.getAsBoolean()) {
                turnEnded.await();
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(association + ": interrupted waiting for a response");
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses a blocking call from the thread holding the turn: it is serving a message of this very association
     * (a C-STORE service, a pending-response callback), and no one else would read the response it waits for.
     */
    void refuseNestedWait(String association) {
        if (reader == Thread.currentThread()) {
            throw new IllegalStateException(association + ": a blocking call from a service or callback running on the "
                    + "association's reading turn would wait forever; use the asynchronous call");
        }
    }

    /** Ends the current holder's turn (after one message, or when the association ended). */
    void endTurn() {
        lock.lock();
        try {
            reader = null;
            turnEnded.signalAll();
            if (awaiting == 0 && unattendedWork.getAsBoolean()) {
                backgroundNeeded.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The association has ended: nobody reads any more. */
    void end() {
        lock.lock();
        try {
            ended = true;
            turnEnded.signalAll();
            backgroundNeeded.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isEnded() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }
}
