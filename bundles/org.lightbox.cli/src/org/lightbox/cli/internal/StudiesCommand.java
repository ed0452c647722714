package org.lightbox.cli.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.lightbox.catalog.AutoDeleteReport;
import org.lightbox.catalog.Catalog;
import org.lightbox.catalog.CatalogCursor;
import org.lightbox.catalog.DeletedStudy;
import org.lightbox.catalog.DeletionEvent;
import org.lightbox.catalog.FindQuery;
import org.lightbox.catalog.InformationModel;
import org.lightbox.catalog.InvalidQueryException;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.catalog.SeriesRecord;
import org.lightbox.catalog.StudyInUseException;
import org.lightbox.catalog.StudyRecord;
import org.lightbox.cli.Command;
import org.lightbox.cli.UsageException;
import org.lightbox.config.AutoDeleteRules;
import org.lightbox.config.ConfigurationStore;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.LightboxHome;
import org.lightbox.query.FindRequest;
import org.lightbox.storage.NodeStorage;
import org.osgi.service.component.annotations.Component;

/**
 * {@code lightbox studies ...}: what the Local Studies browser does, headless, on the local catalog and store: list
 * (matching as the node answers a C-FIND, names ignoring case), the series of a study, protect, unprotect and
 * delete studies, run the auto-delete rules now, and show the deletion log. Like {@code import}, it opens the
 * catalog itself: with the embedded database, the node and the workbench must not be running on the data folder.
 */
@Component(service = Command.class)
public final class StudiesCommand implements Command {

    private static final List<String> VERBS = List.of("list", "series", "protect", "unprotect", "delete",
            "auto-delete", "deletions");

    @Override
    public String name() {
        return "studies";
    }

    @Override
    public String summary() {
        return "list, protect, unprotect or delete local studies; run auto-delete; the deletion log";
    }

    @Override
    public String usage() {
        return "usage: lightbox studies [--home DIR] [list] [-m KEY=VALUE]... [--limit N] [--json]\n"
                + "       lightbox studies [--home DIR] series STUDY_UID [--json]\n"
                + "       lightbox studies [--home DIR] protect|unprotect|delete STUDY_UID...\n"
                + "       lightbox studies [--home DIR] auto-delete\n"
                + "       lightbox studies [--home DIR] deletions [--days N] [--json]\n"
                + "  list         the local studies, newest first; -m matches study-level keys as a C-FIND does\n"
                + "               (wildcards * ?, ranges A-B; person names ignoring case), e.g.\n"
                + "               -m PatientName=MUELLER* -m StudyDate=20250101- -m ModalitiesInStudy=CT\n"
                + "  series       the series of one study\n"
                + "  protect      keep studies whatever the auto-delete rules say; unprotect undoes it\n"
                + "  delete       remove studies' files and catalog entries (protected ones are refused)\n"
                + "  auto-delete  apply the configured auto-delete rules once, now\n"
                + "  deletions    the deletion log of the last N days (default 30)\n"
                + "  The node and the workbench must not be running on the data folder: they hold its store (also\n"
                + "  when the catalog is shared through a database server).";
    }

    /** What was asked on the command line. */
    private static final class Request {
        String home;
        String verb = "list";
        final List<String> uids = new ArrayList<>();
        final List<String[]> matching = new ArrayList<>();
        int limit;
        int days = 30;
        boolean json;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Request r = parse(args);
        LightboxHome h = r.home == null ? LightboxHome.current() : NodeCommand.homeAt(r.home);
        DeviceConfiguration config = new ConfigurationStore(h).load();
        FindQuery query = r.verb.equals("list") ? query(r) : null; // a bad key is a usage error, before opening
        NodeStorage.derbyLogIn(h);
        try (NodeStorage storage = NodeStorage.open(h, config.storage(),
                NodeStorage.loadDriver(NodeStorage.catalogLocation(h, config.storage())))) {
            return switch (r.verb) {
                case "list" -> list(storage.catalog(), query, r.limit, r.json, out);
                case "series" -> series(storage.catalog(), r.uids.get(0), r.json, out, err);
                case "protect", "unprotect" -> protect(storage.catalog(), r.uids, r.verb.equals("protect"), out, err);
                case "delete" -> delete(storage, r.uids, out, err);
                case "auto-delete" -> autoDelete(storage, config.storage().autoDelete(), out);
                default -> deletions(storage.catalog(), r.days, r.json, out);
            };
        }
    }

    private static Request parse(List<String> args) throws UsageException {
        Request r = new Request();
        boolean verbGiven = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--home" -> r.home = NodeCommand.value(args, ++i, a);
                case "--json" -> r.json = true;
                case "-m" -> {
                    String kv = NodeCommand.value(args, ++i, a);
                    int eq = kv.indexOf('=');
                    if (eq < 1) {
                        throw new UsageException("-m needs KEY=VALUE, not '" + kv + "'");
                    }
                    r.matching.add(new String[] { kv.substring(0, eq), kv.substring(eq + 1) });
                }
                case "--limit" -> r.limit = positive(NodeCommand.value(args, ++i, a), a);
                case "--days" -> r.days = positive(NodeCommand.value(args, ++i, a), a);
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option " + a);
                    } else if (!verbGiven && r.uids.isEmpty() && VERBS.contains(a)) {
                        r.verb = a;
                        verbGiven = true;
                    } else {
                        r.uids.add(a);
                    }
                }
            }
        }
        boolean takesUids = List.of("series", "protect", "unprotect", "delete").contains(r.verb);
        if (takesUids && r.uids.isEmpty()) {
            throw new UsageException(r.verb + " needs a Study Instance UID");
        }
        if (!takesUids && !r.uids.isEmpty()) {
            throw new UsageException(verbGiven ? "unexpected argument " + r.uids.get(0)
                    : "unknown action " + r.uids.get(0) + " (one of " + String.join(", ", VERBS) + ")");
        }
        if (r.verb.equals("series") && r.uids.size() > 1) {
            throw new UsageException("series takes one Study Instance UID");
        }
        if (!r.matching.isEmpty() && !r.verb.equals("list")) {
            throw new UsageException("-m is for list");
        }
        return r;
    }

    private static int positive(String s, String option) throws UsageException {
        try {
            int n = Integer.parseInt(s);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " needs a number of at least 1, not '" + s + "'");
    }

    /** The study-level identifier the catalog answers, as for a peer's C-FIND; person names ignore case. */
    private static FindQuery query(Request r) throws UsageException {
        FindRequest rq = FindRequest.bare(InformationModel.STUDY_ROOT, QueryLevel.STUDY);
        try {
            for (String[] kv : r.matching) {
                rq.match(QueryOptions.tag(kv[0]), kv[1].isEmpty() ? new String[0] : kv[1].split("\\\\", -1));
            }
            // no limit here: the catalog's rows come in no useful order, --limit keeps the newest after sorting
            return new FindQuery(InformationModel.STUDY_ROOT, QueryLevel.STUDY, rq.identifier(),
                    org.lightbox.catalog.QueryOptions.DEFAULT.withCaseInsensitivePersonNames(true));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static int list(Catalog catalog, FindQuery query, int limit, boolean json, PrintStream out)
            throws Exception {
        List<StudyRecord> studies = new ArrayList<>();
        try (CatalogCursor<StudyRecord> c = catalog.studies(query)) {
            for (StudyRecord s = c.next(); s != null; s = c.next()) {
                studies.add(s);
            }
        } catch (InvalidQueryException e) {
            throw new UsageException(e.getMessage());
        }
        // newest first, as the browser shows them: date, then time (both sortable as text), then UID
        studies.sort(Comparator.comparing((StudyRecord s) -> text(s.studyDate()))
                .thenComparing(s -> text(s.studyTime())).reversed().thenComparing(StudyRecord::studyUid));
        boolean cut = limit > 0 && studies.size() > limit;
        if (cut) {
            studies = new ArrayList<>(studies.subList(0, limit));
        }
        TablePrinter t = json
                ? new TablePrinter(List.of("StudyInstanceUID", "StudyDate", "StudyTime", "PatientName", "PatientID",
                        "IssuerOfPatientID", "PatientBirthDate", "PatientSex", "AccessionNumber", "StudyID",
                        "StudyDescription", "ModalitiesInStudy", "NumberOfStudyRelatedSeries",
                        "NumberOfStudyRelatedInstances", "SizeBytes", "State", "Protected", "Received",
                        "LastAccess"), true, out)
                : new TablePrinter(List.of("StudyDate", "PatientName", "PatientID", "BirthDate", "Description",
                        "Modalities", "Series", "Images", "MB", "State", "StudyInstanceUID"), false, out);
        long bytes = 0;
        int images = 0;
        for (StudyRecord s : studies) {
            bytes += s.sizeOnDisk();
            images += s.numberOfInstances();
            if (json) {
                t.add(s.studyUid(), s.studyDate(), s.studyTime(), s.patientName(), s.patientId(),
                        s.issuerOfPatientId(), s.patientBirthDate(), s.patientSex(), s.accessionNumber(), s.studyId(),
                        s.description(), s.modalities() == null ? null : List.of(s.modalities().split("\\\\")),
                        s.numberOfSeries(), s.numberOfInstances(), s.sizeOnDisk(), s.state().name(),
                        s.isProtected(), text(s.received()), text(s.lastAccess()));
            } else {
                t.add(s.studyDate(), s.patientName(), s.patientId(), s.patientBirthDate(), s.description(),
                        s.modalities(), s.numberOfSeries(), s.numberOfInstances(), megabytes(s.sizeOnDisk()),
                        s.state().name().toLowerCase(Locale.ROOT) + (s.isProtected() ? ", protected" : ""),
                        s.studyUid());
            }
        }
        t.finish();
        if (!json) {
            out.println(studies.size() + " study(ies), " + images + " image(s), " + megabytes(bytes) + " MB"
                    + (cut ? " (the newest " + limit + "; --limit)" : ""));
        }
        return 0;
    }

    private static int series(Catalog catalog, String studyUid, boolean json, PrintStream out, PrintStream err)
            throws Exception {
        if (catalog.study(studyUid).isEmpty()) {
            err.println("no study " + studyUid + " in the catalog");
            return 1;
        }
        List<SeriesRecord> series = catalog.series(studyUid);
        TablePrinter t = new TablePrinter(json
                ? List.of("SeriesInstanceUID", "SeriesNumber", "Modality", "SeriesDescription", "BodyPartExamined",
                        "NumberOfSeriesRelatedInstances")
                : List.of("Number", "Modality", "Description", "BodyPart", "Images", "SeriesInstanceUID"), json, out);
        for (SeriesRecord s : series) {
            if (json) {
                t.add(s.seriesUid(), s.seriesNumber(), s.modality(), s.description(), s.bodyPart(),
                        s.numberOfInstances());
            } else {
                t.add(s.seriesNumber(), s.modality(), s.description(), s.bodyPart(), s.numberOfInstances(),
                        s.seriesUid());
            }
        }
        t.finish();
        return 0;
    }

    private static int protect(Catalog catalog, List<String> uids, boolean protect, PrintStream out,
            PrintStream err) throws Exception {
        int missing = 0;
        for (String uid : uids) {
            if (catalog.setProtected(uid, protect)) {
                out.println((protect ? "protected " : "unprotected ") + uid);
            } else {
                err.println("no study " + uid + " in the catalog");
                missing++;
            }
        }
        return missing == 0 ? 0 : 1;
    }

    private static int delete(NodeStorage storage, List<String> uids, PrintStream out, PrintStream err)
            throws Exception {
        int failed = 0;
        for (String uid : uids) {
            try {
                DeletedStudy d = storage.fileStore().deleteStudy(uid, "deleted with 'lightbox studies delete'");
                if (d.instances() == 0 && !d.studyRemoved()) {
                    err.println(storage.catalog().study(uid).isPresent()
                            ? "study " + uid + " has no files in this data folder's store: another workstation "
                                    + "sharing the catalog holds them; delete it there"
                            : "no study " + uid + " in the catalog");
                    failed++;
                } else {
                    out.println("deleted " + uid + ": " + d.instances() + " image(s), " + megabytes(d.bytes())
                            + " MB");
                }
            } catch (StudyInUseException e) {
                err.println("not deleted: " + e.getMessage()
                        + (e.getMessage().endsWith("protected") ? " (unprotect it first)" : ""));
                failed++;
            }
        }
        return failed == 0 ? 0 : 1;
    }

    private static int autoDelete(NodeStorage storage, AutoDeleteRules rules, PrintStream out) throws Exception {
        if (!rules.isActive()) {
            out.println("no auto-delete rule is set (Preferences > Auto-delete, or <auto-delete> in "
                    + "config/device.xml): nothing deleted");
            return 0;
        }
        AutoDeleteReport report = storage.autoDelete(rules);
        long freed = 0;
        for (DeletedStudy d : report.deleted()) {
            freed += d.bytes();
            out.println("deleted " + d.studyUid() + ": " + d.instances() + " image(s), " + megabytes(d.bytes())
                    + " MB; " + d.reason());
        }
        for (String uid : report.skipped()) {
            out.println("kept " + uid + ": in use");
        }
        out.println("deleted " + report.deleted().size() + " study(ies), " + megabytes(freed) + " MB; the store holds "
                + megabytes(report.usedBytesAfter()) + " MB, " + megabytes(report.freeBytesAfter()) + " MB free");
        return 0;
    }

    private static int deletions(Catalog catalog, int days, boolean json, PrintStream out) throws Exception {
        Instant now = Instant.now();
        // beyond a century, from the epoch: the databases' timestamps end long before Duration's limits
        Instant from = days > 36_500 ? Instant.EPOCH : now.minus(Duration.ofDays(days));
        List<DeletionEvent> events = catalog.activityLog().deletions(from, now, 10_000);
        TablePrinter t = new TablePrinter(json
                ? List.of("Time", "StudyInstanceUID", "PatientID", "PatientName", "StudyDate", "Instances",
                        "Bytes", "Reason")
                : List.of("Time", "PatientName", "PatientID", "StudyDate", "Images", "MB", "Reason",
                        "StudyInstanceUID"), json, out);
        for (DeletionEvent e : events) {
            if (json) {
                t.add(e.time().toString(), e.studyUid(), e.patientId(), e.patientName(), e.studyDate(),
                        e.instances(), e.bytes(), e.reason());
            } else {
                t.add(e.time().toString(), e.patientName(), e.patientId(), e.studyDate(), e.instances(),
                        megabytes(e.bytes()), e.reason(), e.studyUid());
            }
        }
        t.finish();
        if (!json) {
            out.println(events.size() + " deletion(s) in the last " + days + " day(s)");
        }
        return 0;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }
}
