package org.lightbox.dicom.net.internal;

import java.util.EnumMap;
import java.util.Map;

/**
 * The DICOM upper layer protocol machine of PS3.8 9.2: states Sta1..Sta13, events Evt1..Evt19 and the state
 * transition table (Table 9-10). It only decides: {@link #fire} answers which action to perform and moves to
 * the next state; performing the action (sending PDUs, closing sockets) is the caller's business. Not
 * thread-safe; the association serialises access.
 */
public final class AssociationStateMachine {

    public enum State {
        STA1("Idle"),
        STA2("Transport connection open (awaiting A-ASSOCIATE-RQ PDU)"),
        STA3("Awaiting local A-ASSOCIATE response primitive"),
        STA4("Awaiting transport connection opening to complete"),
        STA5("Awaiting A-ASSOCIATE-AC or A-ASSOCIATE-RJ PDU"),
        STA6("Association established and ready for data transfer"),
        STA7("Awaiting A-RELEASE-RP PDU"),
        STA8("Awaiting local A-RELEASE response primitive"),
        STA9("Release collision requestor side; awaiting A-RELEASE response primitive"),
        STA10("Release collision acceptor side; awaiting A-RELEASE-RP PDU"),
        STA11("Release collision requestor side; awaiting A-RELEASE-RP PDU"),
        STA12("Release collision acceptor side; awaiting A-RELEASE response primitive"),
        STA13("Awaiting Transport Connection Close Indication");

        public final String description;

        State(String d) {
            this.description = d;
        }

        public String label() {
            return "Sta" + (ordinal() + 1);
        }
    }

    public enum Event {
        EVT1("A-ASSOCIATE request (local user)"),
        EVT2("Transport connect confirmation"),
        EVT3("A-ASSOCIATE-AC PDU received"),
        EVT4("A-ASSOCIATE-RJ PDU received"),
        EVT5("Transport connection indication"),
        EVT6("A-ASSOCIATE-RQ PDU received"),
        EVT7("A-ASSOCIATE response primitive (accept)"),
        EVT8("A-ASSOCIATE response primitive (reject)"),
        EVT9("P-DATA request primitive"),
        EVT10("P-DATA-TF PDU received"),
        EVT11("A-RELEASE request primitive"),
        EVT12("A-RELEASE-RQ PDU received"),
        EVT13("A-RELEASE-RP PDU received"),
        EVT14("A-RELEASE response primitive"),
        EVT15("A-ABORT request primitive"),
        EVT16("A-ABORT PDU received"),
        EVT17("Transport connection closed indication"),
        EVT18("ARTIM timer expired"),
        EVT19("Unrecognized or invalid PDU received");

        public final String description;

        Event(String d) {
            this.description = d;
        }

        public String label() {
            return "Evt" + (ordinal() + 1);
        }
    }

    /** Actions of PS3.8 Table 9-6..9-9 with their next state (AR-8 depends on the side, see {@link #fire}). */
    public enum Action {
        AE_1("Issue TRANSPORT CONNECT request primitive", State.STA4),
        AE_2("Send A-ASSOCIATE-RQ PDU", State.STA5),
        AE_3("Issue A-ASSOCIATE confirmation (accept) primitive", State.STA6),
        AE_4("Issue A-ASSOCIATE confirmation (reject) primitive and close transport connection", State.STA1),
        AE_5("Issue transport connection response primitive; start ARTIM timer", State.STA2),
        AE_6("Stop ARTIM timer; issue A-ASSOCIATE indication, or send A-ASSOCIATE-RJ PDU and start ARTIM timer",
                State.STA3),
        AE_7("Send A-ASSOCIATE-AC PDU", State.STA6),
        AE_8("Send A-ASSOCIATE-RJ PDU and start ARTIM timer", State.STA13),
        DT_1("Send P-DATA-TF PDU", State.STA6),
        DT_2("Send P-DATA indication primitive", State.STA6),
        AR_1("Send A-RELEASE-RQ PDU", State.STA7),
        AR_2("Issue A-RELEASE indication primitive", State.STA8),
        AR_3("Issue A-RELEASE confirmation primitive and close transport connection", State.STA1),
        AR_4("Issue A-RELEASE-RP PDU and start ARTIM timer", State.STA13),
        AR_5("Stop ARTIM timer", State.STA1),
        AR_6("Issue P-DATA indication", State.STA7),
        AR_7("Issue P-DATA-TF PDU", State.STA8),
        AR_8("Issue A-RELEASE indication (release collision)", null),
        AR_9("Send A-RELEASE-RP PDU", State.STA11),
        AR_10("Issue A-RELEASE confirmation primitive", State.STA12),
        AA_1("Send A-ABORT PDU (service-user source) and start (or restart) ARTIM timer", State.STA13),
        AA_2("Stop ARTIM timer if running; close transport connection", State.STA1),
        AA_3("Issue A-ABORT (or A-P-ABORT) indication and close transport connection", State.STA1),
        AA_4("Issue A-P-ABORT indication primitive", State.STA1),
        AA_5("Stop ARTIM timer", State.STA1),
        AA_6("Ignore PDU", State.STA13),
        AA_7("Send A-ABORT PDU", State.STA13),
        AA_8("Send A-ABORT PDU (service-provider source), issue A-P-ABORT indication, start ARTIM timer", State.STA13);

        public final String description;
        private final State next;

        Action(String d, State next) {
            this.description = d;
            this.next = next;
        }

        public String label() {
            return name().replace('_', '-');
        }
    }

    /** Thrown for a (state, event) pair the table leaves empty: a local programming or usage error. */
    public static final class IllegalTransitionException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        IllegalTransitionException(State s, Event e) {
            super(e.label() + " (" + e.description + ") is not allowed in " + s.label() + " (" + s.description + ")");
        }
    }

    private static final Map<State, Map<Event, Action>> TABLE = new EnumMap<>(State.class);

    private static void row(Event e, Object... stateActionPairs) {
        for (int i = 0; i < stateActionPairs.length; i += 2) {
            TABLE.computeIfAbsent((State) stateActionPairs[i], k -> new EnumMap<>(Event.class))
                    .put(e, (Action) stateActionPairs[i + 1]);
        }
    }

    /** Every state that has a live transport connection and is past Sta2/Sta4: where unexpected PDUs abort. */
    private static final State[] STA3_TO_STA12_BUT_4 = { State.STA3, State.STA5, State.STA6, State.STA7, State.STA8,
            State.STA9, State.STA10, State.STA11, State.STA12 };

    private static void rowAll(Event e, Action a, State... states) {
        for (State s : states) {
            row(e, s, a);
        }
    }

    static {
        // PS3.8 Table 9-10, read row by row (event) across the states
        row(Event.EVT1, State.STA1, Action.AE_1);
        row(Event.EVT2, State.STA4, Action.AE_2);
        row(Event.EVT3, State.STA2, Action.AA_1, State.STA13, Action.AA_6);
        rowAll(Event.EVT3, Action.AA_8, STA3_TO_STA12_BUT_4);
        row(Event.EVT3, State.STA5, Action.AE_3);
        row(Event.EVT4, State.STA2, Action.AA_1, State.STA13, Action.AA_6);
        rowAll(Event.EVT4, Action.AA_8, STA3_TO_STA12_BUT_4);
        row(Event.EVT4, State.STA5, Action.AE_4);
        row(Event.EVT5, State.STA1, Action.AE_5);
        row(Event.EVT6, State.STA2, Action.AE_6, State.STA13, Action.AA_7);
        rowAll(Event.EVT6, Action.AA_8, STA3_TO_STA12_BUT_4);
        row(Event.EVT7, State.STA3, Action.AE_7);
        row(Event.EVT8, State.STA3, Action.AE_8);
        row(Event.EVT9, State.STA6, Action.DT_1, State.STA8, Action.AR_7);
        row(Event.EVT10, State.STA2, Action.AA_1, State.STA13, Action.AA_6);
        rowAll(Event.EVT10, Action.AA_8, STA3_TO_STA12_BUT_4);
        row(Event.EVT10, State.STA6, Action.DT_2, State.STA7, Action.AR_6);
        row(Event.EVT11, State.STA6, Action.AR_1);
        row(Event.EVT12, State.STA2, Action.AA_1, State.STA13, Action.AA_6);
        rowAll(Event.EVT12, Action.AA_8, STA3_TO_STA12_BUT_4);
        row(Event.EVT12, State.STA6, Action.AR_2, State.STA7, Action.AR_8);
        row(Event.EVT13, State.STA2, Action.AA_1, State.STA13, Action.AA_6);
        rowAll(Event.EVT13, Action.AA_8, STA3_TO_STA12_BUT_4);
        row(Event.EVT13, State.STA7, Action.AR_3, State.STA10, Action.AR_10, State.STA11, Action.AR_3);
        row(Event.EVT14, State.STA8, Action.AR_4, State.STA9, Action.AR_9, State.STA12, Action.AR_4);
        rowAll(Event.EVT15, Action.AA_1, STA3_TO_STA12_BUT_4);
        row(Event.EVT15, State.STA4, Action.AA_2);
        row(Event.EVT16, State.STA2, Action.AA_2, State.STA13, Action.AA_2);
        rowAll(Event.EVT16, Action.AA_3, STA3_TO_STA12_BUT_4);
        row(Event.EVT17, State.STA2, Action.AA_5, State.STA4, Action.AA_4, State.STA13, Action.AR_5);
        rowAll(Event.EVT17, Action.AA_4, STA3_TO_STA12_BUT_4);
        row(Event.EVT18, State.STA2, Action.AA_2, State.STA13, Action.AA_2);
        row(Event.EVT19, State.STA2, Action.AA_1, State.STA13, Action.AA_7);
        rowAll(Event.EVT19, Action.AA_8, STA3_TO_STA12_BUT_4);
    }

    /** The action for {@code event} in {@code state}, or {@code null} where Table 9-10 has no entry. */
    public static Action actionFor(State state, Event event) {
        Map<Event, Action> r = TABLE.get(state);
        return r == null ? null : r.get(event);
    }

    /** The state after {@code action}; AR-8 leads to Sta9 on the requestor side and to Sta10 on the acceptor side. */
    public static State nextState(Action action, boolean requestor) {
        if (action == Action.AR_8) {
            return requestor ? State.STA9 : State.STA10;
        }
        return action.next;
    }

    private final boolean requestor;
    private State state = State.STA1;

    public AssociationStateMachine(boolean requestor) {
        this.requestor = requestor;
    }

    public State state() {
        return state;
    }

    public boolean isRequestor() {
        return requestor;
    }

    /**
     * Applies {@code event}: returns the action to perform and moves to its next state. AE-6 lands in Sta3;
     * when the service provider itself rejects the request the caller follows with {@link #rejectedByProvider()}.
     *
     * @throws IllegalTransitionException when the table has no entry for the pair
     */
    public Action fire(Event event) {
        Action a = actionFor(state, event);
        if (a == null) {
            throw new IllegalTransitionException(state, event);
        }
        state = nextState(a, requestor);
        return a;
    }

    /** The "otherwise" branch of AE-6: the provider sent A-ASSOCIATE-RJ itself and waits for the close. */
    public void rejectedByProvider() {
        if (state != State.STA3) {
            throw new IllegalStateException("provider rejection only follows AE-6, not in " + state.label());
        }
        state = State.STA13;
    }

    /** True in the states where P-DATA may be sent: Sta6 and Sta8 (Evt9). */
    public boolean canSendData() {
        return state == State.STA6 || state == State.STA8;
    }
}
