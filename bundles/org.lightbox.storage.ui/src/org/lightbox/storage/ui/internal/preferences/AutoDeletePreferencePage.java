package org.lightbox.storage.ui.internal.preferences;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.lightbox.config.AutoDeleteRules;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.storage.LocalNode;

/**
 * "Auto-delete": the node's retention rules (by age, by free disk space and store quota, limited to studies in
 * some states), with what is never deleted spelled out: protected studies, and studies being viewed or sent.
 */
public final class AutoDeletePreferencePage extends ConfigurationPage {

    public static final String ID = "org.lightbox.storage.ui.preferences.autoDelete";

    private static final String[] BASIS = { "since it was received", "since it was last accessed" };
    private static final Map<AutoDeleteRules.StudyState, String> STATES = new EnumMap<>(Map.of(
            AutoDeleteRules.StudyState.RECEIVED, "&received (not yet sent on)",
            AutoDeleteRules.StudyState.SENT, "s&ent to another AE",
            AutoDeleteRules.StudyState.COMMITTED, "storage &committed by another AE"));

    private Spinner maxAge;
    private Combo basis;
    private Spinner minFree;
    private Spinner maxStore;
    private final Map<AutoDeleteRules.StudyState, Button> states = new EnumMap<>(AutoDeleteRules.StudyState.class);
    private Spinner interval;
    private Label summary;

    public AutoDeletePreferencePage() {
        setDescription("Delete old studies automatically to keep the disk from filling up. Nothing is deleted "
                + "while every rule is 0.");
    }

    AutoDeletePreferencePage(LocalNode node) {
        super(node);
    }

    @Override
    protected String settingsName() {
        return "auto-delete";
    }

    @Override
    protected Control createForm(Composite parent, DeviceConfiguration config) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        Form f = new Form(c, this::changed);
        AutoDeleteRules r = config.storage().autoDelete();

        maxAge = f.spinner("Delete studies older than (&days, 0: never):", 0, 36500, r.maxAgeDays(),
                "Age rule; 0 turns it off");
        f.label("  counting the age:");
        basis = new Combo(c, SWT.READ_ONLY | SWT.DROP_DOWN);
        basis.setItems(BASIS);
        basis.select(r.ageBasis().ordinal());
        basis.addListener(SWT.Selection, e -> changed());
        minFree = f.spinner("Keep at least this much disk &free (MB, 0: no rule):", 0, Integer.MAX_VALUE,
                clamp(r.minFreeMegabytes()), "Oldest studies are deleted until the disk has this much free");
        maxStore = f.spinner("Keep the store &under (MB, 0: no quota):", 0, Integer.MAX_VALUE,
                clamp(r.maxStoreMegabytes()), "Oldest studies are deleted until the store is this small");
        f.label("Delete only studies that are:");
        Composite boxes = new Composite(c, SWT.NONE);
        boxes.setLayout(new GridLayout(1, false));
        for (AutoDeleteRules.StudyState s : AutoDeleteRules.StudyState.values()) {
            Button b = new Button(boxes, SWT.CHECK);
            b.setText(STATES.get(s));
            b.setSelection(r.onlyStates().contains(s));
            b.addListener(SWT.Selection, e -> changed());
            states.put(s, b);
        }
        f.note("With no box ticked, studies in any state may be deleted. With boxes ticked, only studies in one of "
                + "those states are (e.g. tick 'sent' to delete only what was forwarded).");
        interval = f.spinner("Check &every (minutes):", 1, 7 * 24 * 60, r.intervalMinutes(),
                "The rules also run when the node starts and after receptions");
        f.note("Protected studies are never deleted automatically: mark a study Protected in the Local Studies "
                + "browser to keep it whatever the rules say. Studies being viewed or sent are skipped too. "
                + "Candidates are deleted oldest first; every deletion is written to the catalog's deletion log.");
        summary = f.note("");
        changed();
        return c;
    }

    private static int clamp(long mb) {
        return (int) Math.min(Integer.MAX_VALUE, mb);
    }

    private void changed() {
        if (summary != null) {
            AutoDeleteRules r;
            try {
                r = rules();
                summary.setText(r.isActive() ? "" : "No rule is active: nothing will be deleted automatically.");
            } catch (IllegalArgumentException e) {
                summary.setText("");
            }
            summary.getParent().layout(true);
        }
        validate();
    }

    private AutoDeleteRules rules() {
        Set<AutoDeleteRules.StudyState> only = EnumSet.noneOf(AutoDeleteRules.StudyState.class);
        states.forEach((s, b) -> {
            if (b.getSelection()) {
                only.add(s);
            }
        });
        return new AutoDeleteRules(maxAge.getSelection(), AutoDeleteRules.AgeBasis.values()[basis.getSelectionIndex()],
                minFree.getSelection(), maxStore.getSelection(), only, interval.getSelection());
    }

    @Override
    protected UnaryOperator<DeviceConfiguration> edit() {
        AutoDeleteRules rules = rules();
        return current -> current.withStorage(current.storage().withAutoDelete(rules));
    }

    @Override
    protected void performDefaults() {
        if (maxAge == null) {
            return;
        }
        AutoDeleteRules d = AutoDeleteRules.NONE;
        maxAge.setSelection(d.maxAgeDays());
        basis.select(d.ageBasis().ordinal());
        minFree.setSelection(clamp(d.minFreeMegabytes()));
        maxStore.setSelection(clamp(d.maxStoreMegabytes()));
        states.forEach((s, b) -> b.setSelection(d.onlyStates().contains(s)));
        interval.setSelection(d.intervalMinutes());
        changed();
        super.performDefaults();
    }

    // for tests

    Spinner maxAgeSpinner() {
        return maxAge;
    }

    Button stateBox(AutoDeleteRules.StudyState s) {
        return states.get(s);
    }

    String summaryText() {
        return summary.getText();
    }
}
