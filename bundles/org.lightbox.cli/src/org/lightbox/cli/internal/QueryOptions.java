package org.lightbox.cli.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.lightbox.catalog.InformationModel;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.cli.UsageException;
import org.lightbox.config.ConfigurationStore;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.LightboxHome;
import org.lightbox.config.RemoteAe;
import org.lightbox.config.TlsSettings;
import org.lightbox.dicom.core.dict.DataDictionary;
import org.lightbox.dicom.core.dict.DictionaryEntry;
import org.lightbox.query.FindRequest;
import org.lightbox.query.QueryRetrieveScu;

/**
 * The options of {@code find}, {@code move} and {@code get}, in dcmtk's spirit: {@code -m Key=Value} matching keys,
 * {@code -r Key} returned keys (keyword or {@code gggg,eeee}), {@code --level}, {@code --model}, {@code --home};
 * the peer as {@code AET@host:port} or the name of a remote AE in the configuration; the network options of
 * {@link NetworkOptions}. Our calling AE title defaults to the node's.
 */
final class QueryOptions {
    static final String USAGE = "  -m KEY=VALUE           matching key (keyword or gggg,eeee); wildcards * ?, ranges A-B;\n"
            + "                         repeat for several keys; KEY= (empty) only asks for it\n"
            + "  -r KEY                 return this key too\n"
            + "  --level LEVEL          PATIENT, STUDY (default), SERIES or IMAGE\n"
            + "  --model MODEL          study (default), patient or patient-study\n"
            + "  --home DIR             the data folder with the remote AE table and the node's AE title\n"
            + "  REMOTE                 AET@host:port, or the AE title of a configured remote AE\n"
            + NetworkOptions.USAGE;

    /** NetworkOptions' options that take a value (so the value is not taken for the remote's name). */
    private static final List<String> NETWORK_VALUED = List.of("--calling-aet", "--max-pdu", "--keystore",
            "--keystore-pass", "--truststore", "--truststore-pass");

    final Map<Integer, String> matching = new LinkedHashMap<>();
    final List<Integer> returned = new ArrayList<>();
    QueryLevel level = QueryLevel.STUDY;
    InformationModel model = InformationModel.STUDY_ROOT;
    String home;
    NetworkOptions network;
    RemoteAe remote;
    DeviceConfiguration config;
    /** Options the command itself handles, with their values, in order. */
    final List<String> rest = new ArrayList<>();

    /**
     * Parses the shared options; {@code own} lists the command's own options that take a value (they are left in
     * {@link #rest} with their value).
     */
    static QueryOptions parse(List<String> args, List<String> own) throws Exception {
        QueryOptions o = new QueryOptions();
        List<String> net = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-m" -> o.match(NodeCommand.value(args, ++i, a));
                case "-r" -> o.returned.add(tag(NodeCommand.value(args, ++i, a)));
                case "--level" -> o.level = level(NodeCommand.value(args, ++i, a));
                case "--model" -> o.model = model(NodeCommand.value(args, ++i, a));
                case "--home" -> o.home = NodeCommand.value(args, ++i, a);
                default -> {
                    if (own.contains(a)) {
                        o.rest.add(a);
                        o.rest.add(NodeCommand.value(args, ++i, a));
                    } else if (NETWORK_VALUED.contains(a)) {
                        net.add(a);
                        net.add(NodeCommand.value(args, ++i, a));
                    } else if (a.startsWith("-") && !a.equals("--tls")) {
                        o.rest.add(a);
                    } else {
                        net.add(a);
                    }
                }
            }
        }
        if (!o.model.has(o.level)) {
            throw new UsageException("the " + modelName(o.model) + " model has no " + o.level + " level");
        }
        LightboxHome h = o.home == null ? LightboxHome.current() : NodeCommand.homeAt(o.home);
        o.config = new ConfigurationStore(h).load();
        o.resolveRemote(net);
        return o;
    }

    private void resolveRemote(List<String> net) throws Exception {
        RemoteAe configured = null;
        boolean hasTarget = false;
        for (int i = 0; i < net.size(); i++) {
            String a = net.get(i);
            if (NETWORK_VALUED.contains(a)) {
                i++;
            } else if (!a.startsWith("-") && a.contains("@")) {
                hasTarget = true;
            } else if (!a.startsWith("-") && configured == null) {
                configured = config.remoteAe(a).orElseThrow(() -> new UsageException("'" + a
                        + "' is neither AET@host:port nor a configured remote AE (known: "
                        + config.remoteAes().stream().map(RemoteAe::aeTitle).toList() + ")"));
                net.set(i, configured.aeTitle() + "@" + configured.host() + ":" + configured.port());
                if (configured.tls() && !net.contains("--tls")) {
                    net.add("--tls");
                    if (config.tls().configured() && !net.contains("--keystore")) {
                        // the configuration's stores, unless the command line names others
                        TlsSettings t = config.tls();
                        net.addAll(List.of("--keystore", t.keyStore(), "--truststore", t.trustStore()));
                        if (!t.keyStorePassword().isEmpty()) {
                            net.addAll(List.of("--keystore-pass", t.keyStorePassword()));
                        }
                        if (!t.trustStorePassword().isEmpty()) {
                            net.addAll(List.of("--truststore-pass", t.trustStorePassword()));
                        }
                    }
                }
            }
        }
        if (!hasTarget && configured == null) {
            throw new UsageException("no remote given: AET@host:port or a configured remote AE title");
        }
        if (!net.contains("--calling-aet")) {
            net.add("--calling-aet");
            net.add(config.node().aeTitle());
        }
        network = NetworkOptions.parse(net);
        if (!network.rest.isEmpty()) {
            throw new UsageException("unexpected argument " + network.rest.get(0));
        }
        try {
            remote = configured != null ? configured
                    : config.remoteAe(network.calledAet).filter(r -> r.host().equals(network.host)
                            && r.port() == network.port).orElse(new RemoteAe(network.calledAet, network.host,
                                    network.port, network.tls, ""));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    QueryRetrieveScu scu() throws Exception {
        try {
            return new QueryRetrieveScu(network.callingAet, network.connectionOptions());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The matching keys (and returned ones) as a query or retrieve identifier at {@link #level}. */
    FindRequest request(boolean withDefaults) throws UsageException {
        FindRequest r = withDefaults && returned.isEmpty() ? FindRequest.of(model, level)
                : FindRequest.bare(model, level);
        try {
            for (Map.Entry<Integer, String> e : matching.entrySet()) {
                r.match(e.getKey(), e.getValue().isEmpty() ? new String[0] : e.getValue().split("\\\\", -1));
            }
            r.returnKeys(returned);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return r;
    }

    private void match(String kv) throws UsageException {
        int eq = kv.indexOf('=');
        if (eq < 1) {
            throw new UsageException("-m needs KEY=VALUE, not '" + kv + "'");
        }
        matching.put(tag(kv.substring(0, eq)), kv.substring(eq + 1));
    }

    /** A keyword ({@code PatientName}) or a tag ({@code 0010,0010}, with or without parentheses). */
    static int tag(String key) throws UsageException {
        String k = key.strip();
        if (k.startsWith("(") && k.endsWith(")")) {
            k = k.substring(1, k.length() - 1);
        }
        if (k.matches("[0-9A-Fa-f]{4},[0-9A-Fa-f]{4}")) {
            return (Integer.parseInt(k.substring(0, 4), 16) << 16) | Integer.parseInt(k.substring(5), 16);
        }
        return DataDictionary.standard().entry(k).map(DictionaryEntry::tag).orElseThrow(() -> new UsageException(
                "unknown key '" + key + "': give a dictionary keyword (PatientName) or gggg,eeee"));
    }

    static QueryLevel level(String s) throws UsageException {
        QueryLevel l = QueryLevel.of(s.toUpperCase(Locale.ROOT));
        if (l == null) {
            throw new UsageException("--level must be PATIENT, STUDY, SERIES or IMAGE, not '" + s + "'");
        }
        return l;
    }

    static InformationModel model(String s) throws UsageException {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "patient":
                return InformationModel.PATIENT_ROOT;
            case "study":
                return InformationModel.STUDY_ROOT;
            case "patient-study":
                return InformationModel.PATIENT_STUDY_ONLY;
            default:
                throw new UsageException("--model must be patient, study or patient-study, not '" + s + "'");
        }
    }

    static String modelName(InformationModel m) {
        return m == InformationModel.PATIENT_ROOT ? "patient" : m == InformationModel.STUDY_ROOT ? "study"
                : "patient-study";
    }
}
