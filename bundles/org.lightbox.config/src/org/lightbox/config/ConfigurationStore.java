package org.lightbox.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads and writes the device configuration as {@code <data folder>/config/device.xml}. The file carries a format
 * version; older files are migrated forward step by step when read, and a file written by a newer Lightbox is
 * refused rather than half understood. Writes go to a temporary file that atomically replaces the old one, so a
 * crash never leaves a truncated configuration.
 */
public final class ConfigurationStore {

    /** The format version this code writes. */
    public static final int CURRENT_VERSION = 1;

    private static final String ROOT = "lightbox-configuration";

    private final Path file;
    /** Step {@code i} turns a version {@code i + 1} document into version {@code i + 2}. */
    private final List<UnaryOperator<Document>> migrations;
    private final int currentVersion;

    public ConfigurationStore(LightboxHome home) {
        this(home.configuration().resolve("device.xml"), List.of());
    }

    ConfigurationStore(Path file, List<UnaryOperator<Document>> migrations) {
        this.file = file;
        this.migrations = List.copyOf(migrations);
        this.currentVersion = CURRENT_VERSION + migrations.size();
    }

    public Path file() {
        return file;
    }

    /** The stored configuration, or the defaults when none was saved yet. */
    public DeviceConfiguration load() throws ConfigurationException {
        Document doc;
        try (InputStream in = Files.newInputStream(file)) {
            doc = parser().parse(in);
        } catch (NoSuchFileException e) {
            return DeviceConfiguration.DEFAULTS;
        } catch (SAXParseException e) {
            throw new ConfigurationException(file + ":" + e.getLineNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new ConfigurationException(file + ": " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!ROOT.equals(root.getTagName())) {
            throw new ConfigurationException(file + ": the root element is <" + root.getTagName() + ">, not <" + ROOT
                    + ">");
        }
        int version = intAttribute(root, "version");
        if (version > currentVersion) {
            throw new ConfigurationException(file + ": written by a newer Lightbox (format " + version
                    + "; this one reads up to " + currentVersion + "); upgrade Lightbox or restore an older file");
        }
        if (version < 1) {
            throw new ConfigurationException(file + ": format version " + version + " is not valid");
        }
        for (int v = version; v < currentVersion; v++) {
            doc = migrations.get(v - 1).apply(doc);
            doc.getDocumentElement().setAttribute("version", Integer.toString(v + 1));
        }
        try {
            return DeviceXml.read(doc.getDocumentElement());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(file + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the stored configuration atomically. */
    public void save(DeviceConfiguration configuration) throws IOException {
        Document doc;
        try {
            doc = parser().newDocument();
        } catch (ConfigurationException e) {
            throw new IOException(e.getMessage(), e);
        }
        Element root = doc.createElement(ROOT);
        root.setAttribute("version", Integer.toString(currentVersion));
        doc.appendChild(root);
        DeviceXml.write(configuration, root);

        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), ".device", ".xml.tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                Transformer t = TransformerFactory.newInstance().newTransformer();
                t.setOutputProperty(OutputKeys.INDENT, "yes");
                t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
                t.transform(new DOMSource(doc), new StreamResult(out));
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (TransformerException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    // Configuration files may come from elsewhere (a site template): no DTDs, no external entities.
    private static DocumentBuilder parser() throws ConfigurationException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b;
        } catch (ParserConfigurationException e) {
            throw new ConfigurationException("no usable XML parser: " + e.getMessage(), e);
        }
    }

    static int intAttribute(Element e, String name) {
        String value = e.getAttribute(name).strip();
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException x) {
            throw new IllegalArgumentException("<" + e.getTagName() + " " + name + "=\"" + value
                    + "\">: not a whole number");
        }
    }

    static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                result.add(e);
            }
        }
        return result;
    }
}
