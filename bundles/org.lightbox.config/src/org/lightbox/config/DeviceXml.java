package org.lightbox.config;

import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The mapping between {@link DeviceConfiguration} and the elements of the current file format. */
final class DeviceXml {

    private DeviceXml() {
    }

    static DeviceConfiguration read(Element root) {
        List<Element> devices = ConfigurationStore.children(root, "device");
        if (devices.size() != 1) {
            throw new IllegalArgumentException("expected one <device>, found " + devices.size());
        }
        Element device = devices.get(0);
        List<Element> nodes = ConfigurationStore.children(device, "node");
        NodeSettings node = nodes.isEmpty() ? NodeSettings.DEFAULTS : readNode(nodes.get(0));
        List<RemoteAe> remotes = new ArrayList<>();
        for (Element r : ConfigurationStore.children(device, "remote-ae")) {
            try {
                remotes.add(new RemoteAe(r.getAttribute("ae-title"), r.getAttribute("host"),
                        ConfigurationStore.intAttribute(r, "port"), bool(r, "tls", false),
                        r.getAttribute("description"), r.hasAttribute("retrieve")
                                ? RetrieveMethod.parse(r.getAttribute("retrieve")) : RetrieveMethod.MOVE));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("<remote-ae ae-title=\"" + r.getAttribute("ae-title") + "\">: "
                        + e.getMessage(), e);
            }
        }
        return new DeviceConfiguration(device.getAttribute("name"), node, remotes, StorageXml.read(device),
                readTls(device));
    }

    private static TlsSettings readTls(Element device) {
        List<Element> tls = ConfigurationStore.children(device, "tls");
        if (tls.isEmpty()) {
            return TlsSettings.NONE;
        }
        Element t = tls.get(0);
        try {
            return new TlsSettings(t.getAttribute("key-store"), t.getAttribute("key-store-password"),
                    t.getAttribute("trust-store"), t.getAttribute("trust-store-password"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("<tls>: " + e.getMessage(), e);
        }
    }

    private static NodeSettings readNode(Element n) {
        NodeSettings d = NodeSettings.DEFAULTS;
        try {
            return new NodeSettings(text(n, "ae-title", d.aeTitle()), text(n, "bind-address", d.bindAddress()),
                    integer(n, "port", d.port()), integer(n, "max-pdu-receive", d.maxPduReceive()),
                    integer(n, "max-associations", d.maxAssociations()),
                    bool(n, "accept-unknown-callers", d.acceptUnknownCallers()),
                    bool(n, "serialise-per-caller", d.serialisePerCaller()), integer(n, "tls-port", 0),
                    clientAuth(n));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("<node>: " + e.getMessage(), e);
        }
    }

    /** {@code tls-client-auth="required|none"}; required when absent (PS3.15 B.1 authenticates both ends). */
    private static boolean clientAuth(Element n) {
        if (!n.hasAttribute("tls-client-auth")) {
            return true;
        }
        String v = n.getAttribute("tls-client-auth").strip();
        if (v.equalsIgnoreCase("required")) {
            return true;
        }
        if (v.equalsIgnoreCase("none")) {
            return false;
        }
        throw new IllegalArgumentException("tls-client-auth=\"" + v + "\" is neither required nor none");
    }

    static void write(DeviceConfiguration c, Element root) {
        Document doc = root.getOwnerDocument();
        Element device = doc.createElement("device");
        device.setAttribute("name", c.deviceName());
        root.appendChild(device);
        NodeSettings s = c.node();
        Element node = doc.createElement("node");
        node.setAttribute("ae-title", s.aeTitle());
        node.setAttribute("bind-address", s.bindAddress());
        node.setAttribute("port", Integer.toString(s.port()));
        node.setAttribute("max-pdu-receive", Integer.toString(s.maxPduReceive()));
        node.setAttribute("max-associations", Integer.toString(s.maxAssociations()));
        node.setAttribute("accept-unknown-callers", Boolean.toString(s.acceptUnknownCallers()));
        node.setAttribute("serialise-per-caller", Boolean.toString(s.serialisePerCaller()));
        if (s.tlsEnabled()) { // without a TLS port the file stays as earlier versions wrote it
            node.setAttribute("tls-port", Integer.toString(s.tlsPort()));
            node.setAttribute("tls-client-auth", s.tlsClientAuth() ? "required" : "none");
        }
        device.appendChild(node);
        for (RemoteAe r : c.remoteAes()) {
            Element e = doc.createElement("remote-ae");
            e.setAttribute("ae-title", r.aeTitle());
            e.setAttribute("host", r.host());
            e.setAttribute("port", Integer.toString(r.port()));
            e.setAttribute("tls", Boolean.toString(r.tls()));
            if (!r.description().isEmpty()) {
                e.setAttribute("description", r.description());
            }
            e.setAttribute("retrieve", r.retrieve().name());
            device.appendChild(e);
        }
        StorageXml.write(c.storage(), device);
        TlsSettings t = c.tls();
        if (t.configured()) {
            Element e = doc.createElement("tls");
            e.setAttribute("key-store", t.keyStore());
            e.setAttribute("trust-store", t.trustStore());
            if (!t.keyStorePassword().isEmpty()) {
                e.setAttribute("key-store-password", t.keyStorePassword());
            }
            if (!t.trustStorePassword().isEmpty()) {
                e.setAttribute("trust-store-password", t.trustStorePassword());
            }
            device.appendChild(e);
        }
    }

    private static String text(Element e, String name, String fallback) {
        return e.hasAttribute(name) ? e.getAttribute(name) : fallback;
    }

    static int integer(Element e, String name, int fallback) {
        return e.hasAttribute(name) ? ConfigurationStore.intAttribute(e, name) : fallback;
    }

    static boolean bool(Element e, String name, boolean fallback) {
        if (!e.hasAttribute(name)) {
            return fallback;
        }
        String v = e.getAttribute(name).strip();
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException(name + "=\"" + v + "\" is neither true nor false");
    }
}
