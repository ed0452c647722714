package org.lightbox.dicom.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.lightbox.dicom.net.internal.AssociationStateMachine.Action;
import org.lightbox.dicom.net.internal.AssociationStateMachine.Event;
import org.lightbox.dicom.net.internal.AssociationStateMachine.State;

/** Checks every (state, event) cell against PS3.8 Table 9-10, typed here independently of the implementation. */
class AssociationStateMachineTest {

    /** Table 9-10: one row per event, columns Sta1..Sta13; "-" is an empty cell. */
    private static final String[] TABLE_9_10 = {
        /* Evt1  */ "AE-1 - - - - - - - - - - - -",
        /* Evt2  */ "- - - AE-2 - - - - - - - - -",
        /* Evt3  */ "- AA-1 AA-8 - AE-3 AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-6",
        /* Evt4  */ "- AA-1 AA-8 - AE-4 AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-6",
        /* Evt5  */ "AE-5 - - - - - - - - - - - -",
        /* Evt6  */ "- AE-6 AA-8 - AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-7",
        /* Evt7  */ "- - AE-7 - - - - - - - - - -",
        /* Evt8  */ "- - AE-8 - - - - - - - - - -",
        /* Evt9  */ "- - - - - DT-1 - AR-7 - - - - -",
        /* Evt10 */ "- AA-1 AA-8 - AA-8 DT-2 AR-6 AA-8 AA-8 AA-8 AA-8 AA-8 AA-6",
        /* Evt11 */ "- - - - - AR-1 - - - - - - -",
        /* Evt12 */ "- AA-1 AA-8 - AA-8 AR-2 AR-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-6",
        /* Evt13 */ "- AA-1 AA-8 - AA-8 AA-8 AR-3 AA-8 AA-8 AR-10 AR-3 AA-8 AA-6",
        /* Evt14 */ "- - - - - - - AR-4 AR-9 - - AR-4 -",
        /* Evt15 */ "- - AA-1 AA-2 AA-1 AA-1 AA-1 AA-1 AA-1 AA-1 AA-1 AA-1 -",
        /* Evt16 */ "- AA-2 AA-3 - AA-3 AA-3 AA-3 AA-3 AA-3 AA-3 AA-3 AA-3 AA-2",
        /* Evt17 */ "- AA-5 AA-4 AA-4 AA-4 AA-4 AA-4 AA-4 AA-4 AA-4 AA-4 AA-4 AR-5",
        /* Evt18 */ "- AA-2 - - - - - - - - - - AA-2",
        /* Evt19 */ "- AA-1 AA-8 - AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-7",
    };

    /** Next states from the action tables 9-6 to 9-9 (AR-8 depends on the side). */
    private static final Map<String, Integer> NEXT = new HashMap<>();

    static {
        String[] pairs = { "AE-1 4", "AE-2 5", "AE-3 6", "AE-4 1", "AE-5 2", "AE-6 3", "AE-7 6", "AE-8 13", "DT-1 6",
            "DT-2 6", "AR-1 7", "AR-2 8", "AR-3 1", "AR-4 13", "AR-5 1", "AR-6 7", "AR-7 8", "AR-9 11", "AR-10 12",
            "AA-1 13", "AA-2 1", "AA-3 1", "AA-4 1", "AA-5 1", "AA-6 13", "AA-7 13", "AA-8 13" };
        for (String p : pairs) {
            String[] kv = p.split(" ");
            NEXT.put(kv[0], Integer.parseInt(kv[1]));
        }
    }

    private static State sta(int n) {
        return State.values()[n - 1];
    }

    /** Drives a fresh machine into {@code target} through a legal event path (PS3.8 Figure 9-1 flows). */
    private static AssociationStateMachine machineIn(State target, boolean requestor) {
        AssociationStateMachine m = new AssociationStateMachine(requestor);
        Event[] path;
        switch (target) {
            case STA1: path = new Event[0]; break;
            case STA2: path = new Event[] { Event.EVT5 }; break;
            case STA3: path = new Event[] { Event.EVT5, Event.EVT6 }; break;
            case STA4: path = new Event[] { Event.EVT1 }; break;
            case STA5: path = new Event[] { Event.EVT1, Event.EVT2 }; break;
            case STA6: path = requestor ? new Event[] { Event.EVT1, Event.EVT2, Event.EVT3 }
                    : new Event[] { Event.EVT5, Event.EVT6, Event.EVT7 }; break;
            case STA7: path = append(machinePath(requestor), Event.EVT11); break;
            case STA8: path = append(machinePath(requestor), Event.EVT12); break;
            case STA9: path = append(machinePath(true), Event.EVT11, Event.EVT12); requestor = true; break;
            case STA10: path = append(machinePath(false), Event.EVT11, Event.EVT12); requestor = false; break;
            case STA11: path = append(machinePath(true), Event.EVT11, Event.EVT12, Event.EVT14); requestor = true; break;
            case STA12: path = append(machinePath(false), Event.EVT11, Event.EVT12, Event.EVT13); requestor = false; break;
            case STA13: path = new Event[] { Event.EVT5, Event.EVT6, Event.EVT8 }; break;
            default: throw new AssertionError(target);
        }
        m = new AssociationStateMachine(requestor);
        for (Event e : path) {
            m.fire(e);
        }
        assertEquals(target, m.state(), "setup path for " + target.label());
        return m;
    }

    private static Event[] machinePath(boolean requestor) {
        return requestor ? new Event[] { Event.EVT1, Event.EVT2, Event.EVT3 }
                : new Event[] { Event.EVT5, Event.EVT6, Event.EVT7 };
    }

    private static Event[] append(Event[] a, Event... more) {
        Event[] r = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, r, a.length, more.length);
        return r;
    }

    @TestFactory
    List<DynamicTest> everyCellOfTable9_10() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int e = 1; e <= 19; e++) {
            String[] cells = TABLE_9_10[e - 1].split(" ");
            assertEquals(13, cells.length, "row Evt" + e);
            for (int s = 1; s <= 13; s++) {
                Event event = Event.values()[e - 1];
                State state = sta(s);
                String expected = cells[s - 1];
                tests.add(DynamicTest.dynamicTest(state.label() + " + " + event.label() + " -> " + expected, () -> {
                    for (boolean requestor : new boolean[] { true, false }) {
                        AssociationStateMachine m = machineIn(state, requestor);
                        boolean side = m.isRequestor();
                        if (expected.equals("-")) {
                            assertNull(AssociationStateMachine.actionFor(state, event));
                            assertThrows(AssociationStateMachine.IllegalTransitionException.class, () -> m.fire(event));
                            assertEquals(state, m.state(), "an illegal event leaves the state alone");
                        } else {
                            Action a = m.fire(event);
                            assertEquals(expected, a.label());
                            int next = expected.equals("AR-8") ? (side ? 9 : 10) : NEXT.get(expected);
                            assertEquals(sta(next), m.state(), "next state after " + expected);
                        }
                    }
                }));
            }
        }
        return tests;
    }

    @Test
    void releaseCollisionRequestorSide() {
        AssociationStateMachine m = machineIn(State.STA6, true);
        assertEquals(Action.AR_1, m.fire(Event.EVT11));
        assertEquals(Action.AR_8, m.fire(Event.EVT12));
        assertEquals(State.STA9, m.state());
        assertEquals(Action.AR_9, m.fire(Event.EVT14));
        assertEquals(State.STA11, m.state());
        assertEquals(Action.AR_3, m.fire(Event.EVT13));
        assertEquals(State.STA1, m.state());
    }

    @Test
    void releaseCollisionAcceptorSide() {
        AssociationStateMachine m = machineIn(State.STA6, false);
        m.fire(Event.EVT11);
        assertEquals(Action.AR_8, m.fire(Event.EVT12));
        assertEquals(State.STA10, m.state());
        assertEquals(Action.AR_10, m.fire(Event.EVT13));
        assertEquals(State.STA12, m.state());
        assertEquals(Action.AR_4, m.fire(Event.EVT14));
        assertEquals(State.STA13, m.state());
        assertEquals(Action.AR_5, m.fire(Event.EVT17));
        assertEquals(State.STA1, m.state());
    }

    @Test
    void providerRejectionOfAe6GoesToSta13() {
        AssociationStateMachine m = machineIn(State.STA3, false);
        m.rejectedByProvider();
        assertEquals(State.STA13, m.state());
        assertThrows(IllegalStateException.class, m::rejectedByProvider);
    }
}
