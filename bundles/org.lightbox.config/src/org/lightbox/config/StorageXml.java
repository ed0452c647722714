package org.lightbox.config;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The {@code <storage>} element of the device (with its {@code <auto-delete>} child). Absent elements and
 * attributes take the defaults, so files written before the element existed read unchanged.
 */
final class StorageXml {

    private StorageXml() {
    }

    static StorageSettings read(Element device) {
        List<Element> found = ConfigurationStore.children(device, "storage");
        if (found.isEmpty()) {
            return StorageSettings.DEFAULTS;
        }
        if (found.size() > 1) {
            throw new IllegalArgumentException("expected at most one <storage>, found " + found.size());
        }
        Element s = found.get(0);
        StorageSettings d = StorageSettings.DEFAULTS;
        try {
            List<Element> rules = ConfigurationStore.children(s, "auto-delete");
            return new StorageSettings(attribute(s, "store-folder", d.storeFolder()),
                    attribute(s, "catalog-url", d.catalogUrl()),
                    s.hasAttribute("duplicates") ? StorageSettings.parse(StorageSettings.Duplicates.class,
                            "duplicates", s.getAttribute("duplicates")) : d.duplicates(),
                    s.hasAttribute("fsync") ? StorageSettings.parse(StorageSettings.Fsync.class, "fsync",
                            s.getAttribute("fsync")) : d.fsync(),
                    DeviceXml.bool(s, "case-insensitive-names", d.caseInsensitiveNames()),
                    rules.isEmpty() ? d.autoDelete() : readRules(rules.get(0)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("<storage>: " + e.getMessage(), e);
        }
    }

    private static AutoDeleteRules readRules(Element r) {
        AutoDeleteRules d = AutoDeleteRules.NONE;
        try {
            Set<AutoDeleteRules.StudyState> states = EnumSet.noneOf(AutoDeleteRules.StudyState.class);
            for (String word : r.getAttribute("only-states").split("[,\\s]+")) {
                if (!word.isBlank()) {
                    states.add(StorageSettings.parse(AutoDeleteRules.StudyState.class, "only-states", word));
                }
            }
            return new AutoDeleteRules(DeviceXml.integer(r, "max-age-days", d.maxAgeDays()),
                    r.hasAttribute("age-basis") ? StorageSettings.parse(AutoDeleteRules.AgeBasis.class, "age-basis",
                            r.getAttribute("age-basis")) : d.ageBasis(),
                    longValue(r, "min-free-mb", d.minFreeMegabytes()),
                    longValue(r, "max-store-mb", d.maxStoreMegabytes()), states,
                    DeviceXml.integer(r, "interval-minutes", d.intervalMinutes()),
                    DeviceXml.bool(r, "delete-once-committed", d.deleteOnceCommitted()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("<auto-delete>: " + e.getMessage(), e);
        }
    }

    static void write(StorageSettings s, Element device) {
        Document doc = device.getOwnerDocument();
        Element e = doc.createElement("storage");
        e.setAttribute("store-folder", s.storeFolder());
        e.setAttribute("catalog-url", s.catalogUrl());
        e.setAttribute("duplicates", StorageSettings.spelling(s.duplicates()));
        e.setAttribute("fsync", StorageSettings.spelling(s.fsync()));
        e.setAttribute("case-insensitive-names", Boolean.toString(s.caseInsensitiveNames()));
        AutoDeleteRules r = s.autoDelete();
        Element rules = doc.createElement("auto-delete");
        rules.setAttribute("max-age-days", Integer.toString(r.maxAgeDays()));
        rules.setAttribute("age-basis", StorageSettings.spelling(r.ageBasis()));
        rules.setAttribute("min-free-mb", Long.toString(r.minFreeMegabytes()));
        rules.setAttribute("max-store-mb", Long.toString(r.maxStoreMegabytes()));
        StringBuilder states = new StringBuilder();
        for (AutoDeleteRules.StudyState st : AutoDeleteRules.StudyState.values()) {
            if (r.onlyStates().contains(st)) {
                states.append(states.length() == 0 ? "" : ",").append(StorageSettings.spelling(st));
            }
        }
        rules.setAttribute("only-states", states.toString());
        rules.setAttribute("interval-minutes", Integer.toString(r.intervalMinutes()));
        rules.setAttribute("delete-once-committed", Boolean.toString(r.deleteOnceCommitted()));
        e.appendChild(rules);
        device.appendChild(e);
    }

    private static String attribute(Element e, String name, String fallback) {
        return e.hasAttribute(name) ? e.getAttribute(name) : fallback;
    }

    private static long longValue(Element e, String name, long fallback) {
        if (!e.hasAttribute(name)) {
            return fallback;
        }
        String v = e.getAttribute(name).strip();
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException x) {
            throw new IllegalArgumentException(name + "=\"" + v + "\": not a whole number");
        }
    }
}
