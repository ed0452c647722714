package org.lightbox.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.lightbox.catalog.internal.index.InstanceRemoval;
import org.lightbox.catalog.internal.index.InstanceValues;
import org.lightbox.catalog.internal.store.Durability;
import org.lightbox.catalog.internal.store.StorePaths;
import org.lightbox.config.LightboxHome;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;

/**
 * The node's files: one file per instance, exactly the bytes received (file meta information and data set in the
 * transfer syntax received: private and unknown elements kept, compressed data stays compressed), at
 * {@code <root>/<study>/<series>/<sop instance>.dcm}, and their rows in the {@link Catalog}.
 *
 * <h2>The storage contract ("nothing acknowledged is lost")</h2>
 * The storage service receives an instance like this:
 * <pre>{@code
 * try (IncomingFile in = store.create(sopClassUid, sopInstanceUid, transferSyntaxUid, callingAet)) {
 *     copy the received data set bytes to in.output();
 *     StoredInstance s = in.commit();   // may throw: answer a failure status
 *     answer success                    // only now
 * }                                     // closing without a commit removes the partial file
 * }</pre>
 * {@code commit()} writes in this order: the temporary file (in {@code <root>/incoming}), forced to disk per the
 * {@link FsyncPolicy}; an atomic rename to its final name (never over an existing file), then the directory
 * forced; then the catalog rows in one transaction. If indexing fails the file is removed. A success status sent
 * after {@code commit()} returns therefore always refers to a file that is on disk and catalogued. A crash at any
 * point leaves either a temporary file (removed at start-up), or a file without rows (indexed again at start-up),
 * never rows without a file, except after a power loss under {@link FsyncPolicy#BATCH} or {@link FsyncPolicy#NEVER}
 * (the recovery scan removes such rows and logs it).
 *
 * <h2>Deletion order</h2>
 * Files are deleted first, then their rows. A crash in between leaves rows without files, which the recovery scan
 * removes (and logs). The other order would leave files without rows, which the recovery scan cannot tell from an
 * unindexed reception and would index again, bringing back a study that a user or a rule deleted.
 * <p>
 * One process owns a store at a time (a lock file enforces it). Thread-safe.
 */
public final class FileStore implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FileStore.class.getName());
    private static final String STORE_ID_FILE = "store-id";
    private static final String LOCK_FILE = ".lock";
    private static final String CLEAN_MARKER = "clean-shutdown";
    private static final int MAX_COPIES = 10_000;
    /** Enough for as many receptions at once as a node takes associations: at most 8 MB kept. */
    private static final int WRITE_BUFFERS = 128;
    private static final int WRITE_BUFFER_SIZE = 64 * 1024;

    private final Path root;
    private final Catalog catalog;
    private final StoreSettings settings;
    private final String storeId;
    /** Temporary names: unique to this opening of the store (one process owns it), then a counter. */
    private final String tempPrefix = UUID.randomUUID().toString().substring(0, 8) + "-";
    private final AtomicLong tempCounter = new AtomicLong();
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final boolean cleanShutdown;
    private final Durability durability = new Durability();
    private final BackgroundIndexer indexer;
    /** Guards names and directories: choosing a free name and renaming, creating and removing directories. */
    private final ReentrantLock layout = new ReentrantLock();
    /** Commits hold it shared, {@link #close()} exclusively: the clean-shutdown marker never precedes a commit. */
    private final ReentrantReadWriteLock life = new ReentrantReadWriteLock();
    private volatile boolean closed;
    /** Write buffers of finished receptions, lent to the next: direct memory is dear to allocate per instance. */
    private final BlockingQueue<ByteBuffer> writeBuffers = new ArrayBlockingQueue<>(WRITE_BUFFERS);

    private FileStore(Path root, Catalog catalog, StoreSettings settings, String storeId, FileChannel lockChannel,
            FileLock lock, boolean cleanShutdown) {
        this.root = root;
        this.catalog = catalog;
        this.settings = settings;
        this.storeId = storeId;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.cleanShutdown = cleanShutdown;
        this.indexer = new BackgroundIndexer(this, catalog);
    }

    /** The default store folder: {@code <data folder>/store}. */
    public static Path defaultRoot(LightboxHome home) {
        return home.root().resolve("store");
    }

    /**
     * Opens (creating if needed) the store at {@code root}. Call {@link #recover()} before receiving.
     *
     * @throws IOException when another process has the store open, or the folder is not usable
     */
    public static FileStore open(Path root, Catalog catalog, StoreSettings settings) throws IOException {
        Path r = root.toAbsolutePath().normalize();
        Files.createDirectories(r.resolve(StorePaths.INCOMING));
        Files.createDirectories(r.resolve(StorePaths.QUARANTINE));
        FileChannel ch = FileChannel.open(r.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new IOException("the file store " + r + " is in use by another Lightbox (process or instance)");
        }
        try {
            String id = storeId(r);
            Path marker = r.resolve(CLEAN_MARKER);
            boolean clean = Files.deleteIfExists(marker);
            Durability d = new Durability();
            d.forceDirectory(r); // the marker is gone for good before anything changes
            return new FileStore(r, catalog, settings, id, ch, lock, clean);
        } catch (IOException | RuntimeException e) {
            lock.release();
            ch.close();
            throw e;
        }
    }

    private static String storeId(Path root) throws IOException {
        Path f = root.resolve(STORE_ID_FILE);
        if (Files.exists(f)) {
            String id = Files.readString(f, StandardCharsets.US_ASCII).strip();
            if (!id.isEmpty() && id.length() <= 64) {
                return id;
            }
            throw new IOException("the store id in " + f + " is malformed");
        }
        String id = UUID.randomUUID().toString();
        Path tmp = root.resolve(StorePaths.INCOMING).resolve(STORE_ID_FILE + StorePaths.TEMP_EXTENSION);
        Files.writeString(tmp, id + "\n", StandardCharsets.US_ASCII);
        new Durability().forceFile(tmp);
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE);
        return id;
    }

    public Path root() {
        return root;
    }

    /** This store's identity in the catalog (several stores may share one catalog). */
    public String storeId() {
        return storeId;
    }

    public Catalog catalog() {
        return catalog;
    }

    public StoreSettings settings() {
        return settings;
    }

    /** True when the store was closed cleanly last time (so {@link #recover()} only removes temporary files). */
    public boolean wasShutDownCleanly() {
        return cleanShutdown;
    }

    // ------------------------------------------------------------------ receiving

    /** A reception whose bytes (preamble, file meta information, data set) the caller writes entirely. */
    public IncomingFile create() throws IOException {
        checkOpen();
        // no random UUID per file: SecureRandom showed in the receive path's profile
        Path temp = root.resolve(StorePaths.INCOMING).resolve(tempPrefix + tempCounter.incrementAndGet()
                + StorePaths.TEMP_EXTENSION);
        return new IncomingFile(this, temp, settings.checksums());
    }

    ByteBuffer takeWriteBuffer() {
        ByteBuffer b = writeBuffers.poll();
        return b != null ? b.clear() : ByteBuffer.allocateDirect(WRITE_BUFFER_SIZE);
    }

    /** Keeps a buffer for the next reception; beyond {@value #WRITE_BUFFERS} the collector frees it. */
    void returnWriteBuffer(ByteBuffer b) {
        writeBuffers.offer(b);
    }

    /**
     * A reception of a network data set: the preamble and file meta information (with Source AE Title
     * (0002,0016) when {@code sourceAet} is given) are written; the caller writes the data set bytes as received,
     * having checked their structure as it copied them (the store then parses only the header, and its messages
     * give offsets in the data set as sent).
     */
    public IncomingFile create(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, String sourceAet)
            throws IOException {
        IncomingFile in = create();
        try {
            Attributes meta = org.lightbox.dicom.core.io.FileMetaInformation.create(sopClassUid, sopInstanceUid,
                    transferSyntaxUid);
            if (sourceAet != null && !sourceAet.isEmpty()) {
                meta.setString(Tag.SourceApplicationEntityTitle, org.lightbox.dicom.core.VR.AE, sourceAet);
            }
            org.lightbox.dicom.core.io.DicomWriter w = new org.lightbox.dicom.core.io.DicomWriter(in.output(), 1024);
            w.writeFileMetaInformation(meta);
            w.flush();
            in.receivingDataSet(org.lightbox.dicom.core.TransferSyntax.of(transferSyntaxUid).deflated());
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Stores a copy of a Part 10 file (import): the bytes are copied unchanged. A file whose elements run past its
     * end (cut short), or that the catalog cannot take, is refused and nothing is stored.
     *
     * @throws InvalidInstanceException the file is not a whole, readable Part 10 file, or a UID is missing or too long
     */
    public StoredInstance importFile(Path file) throws IOException, CatalogException {
        try (IncomingFile in = create(); InputStream src = Files.newInputStream(file)) {
            in.describeAs(String.valueOf(file.getFileName()));
            in.skipIfIdenticalStored();
            src.transferTo(in.output());
            return in.commit();
        }
    }

    StoredInstance commit(IncomingFile in) throws IOException, CatalogException {
        life.readLock().lock();
        try {
            checkOpen();
            return storeLocked(in);
        } finally {
            life.readLock().unlock();
        }
    }

    private StoredInstance storeLocked(IncomingFile in) throws IOException, CatalogException {
        Placed p = place(in);
        IndexedInstance indexed;
        try {
            indexed = catalog.index(p.header.dataset(), p.file);
        } catch (CatalogException | RuntimeException e) {
            deleteQuietly(p.path);
            throw e;
        }
        rememberForBatch(p);
        deleteReplaced(indexed);
        return new StoredInstance(indexed, p.file, p.path);
    }

    /**
     * What is wrong with a file of this store before it is read or sent, or null: missing, or not of the size
     * catalogued when it was stored (cut short by a disk fault or by hand). A damaged file must fail what uses it,
     * not go out as a complete instance. Short enough for an Error Comment; says nothing of where the file is.
     */
    public String damage(StoredFile file) {
        long size;
        try {
            size = Files.size(resolve(file));
        } catch (java.nio.file.NoSuchFileException e) {
            return "stored file missing";
        } catch (IOException e) {
            return "stored file unreadable: " + e.getMessage();
        }
        return size == file.size() ? null : "stored file damaged: " + size + " of " + file.size() + " bytes";
    }

    /** Deletes the files of the copies a REPLACE duplicate policy took out of the catalog. */
    void deleteReplaced(IndexedInstance indexed) {
        for (StoredFile old : indexed.replaced()) {
            if (old.storeId().equals(storeId)) { // another workstation's file is not ours to delete
                deleteQuietly(resolve(old));
            }
        }
    }

    /**
     * As {@link #commit(IncomingFile)}, but returns once the file is durable under its final name, and catalogues it
     * on the store's indexing thread. A REJECT duplicate policy needs the catalog's answer before success may be
     * sent, so then it is catalogued at once (and {@code listener} told before this returns).
     */
    StoredFile commitThenIndex(IncomingFile in, IndexingListener listener) throws IOException, CatalogException {
        if (catalog.settings().duplicatePolicy() == DuplicatePolicy.REJECT) {
            StoredInstance s = commit(in);
            listener.indexed(s);
            return s.file();
        }
        life.readLock().lock();
        try {
            checkOpen();
            Placed p = place(in);
            rememberForBatch(p);
            try {
                indexer.submit(new BackgroundIndexer.Task(p.header.dataset(), p.file, p.path, listener));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                deleteQuietly(p.path); // the sender is told it failed: no file may stay behind without rows
                throw new IOException("interrupted before " + p.path + " was queued for the catalog; not stored");
            }
            return p.file;
        } finally {
            life.readLock().unlock();
        }
    }

    /**
     * Waits until every file committed before this call is in the catalog: a query, retrieve or commitment
     * answered after it sees every instance acknowledged before it.
     */
    public void awaitIndexing() {
        indexer.await();
    }

    /** A file made durable under its final name, not yet catalogued. */
    private record Placed(FileHeader header, StoredFile file, Path path, List<Path> newDirectories) {
    }

    /**
     * Finishes the file (forced per the policy), reads its header, checks that the catalog can take it and renames
     * it into its series folder. Whatever would make cataloguing fail for good is refused here, before the sender
     * can be told "success": a file acknowledged must never end up in quarantine.
     */
    private Placed place(IncomingFile in) throws IOException, CatalogException {
        String checksum = in.finishWriting(settings.fsync() == FsyncPolicy.ALWAYS);
        Path temp = in.temporaryPath();
        long size = in.size();
        FileHeader h = FileHeader.of(in, size);
        InstanceValues.Identity id = InstanceValues.check(h.dataset());
        if (in.skipsIdenticalStored()) {
            Path same = identicalCopy(id.sopInstanceUid(), temp, size);
            if (same != null) {
                throw DuplicateInstanceException.identical(id.sopInstanceUid());
            }
        }
        List<Path> newDirectories = new ArrayList<>();
        Path placed = place(temp, id, newDirectories);
        String relative = root.relativize(placed).toString().replace('\\', '/');
        StoredFile file = new StoredFile(storeId, relative, size, h.transferSyntaxUid(), checksum);
        if (settings.fsync() == FsyncPolicy.ALWAYS) {
            durability.forceDirectory(placed.getParent());
            for (Path d : newDirectories) {
                durability.forceDirectory(d.getParent());
            }
        }
        return new Placed(h, file, placed, newDirectories);
    }

    /**
     * A stored copy of the instance with exactly these bytes, or null: importing a folder twice must not add a
     * second copy of every file, whatever the duplicate policy says about copies that differ.
     */
    private Path identicalCopy(String sopInstanceUid, Path candidate, long size) throws IOException, CatalogException {
        for (InstanceFile f : catalog.instances(List.of(sopInstanceUid))) {
            if (f.file().storeId().equals(storeId) && f.file().size() == size) {
                Path stored = resolve(f.file());
                if (Files.isRegularFile(stored) && Files.mismatch(candidate, stored) == -1) {
                    return stored;
                }
            }
        }
        return null;
    }

    /** Under the BATCH policy, forces files and their folders in groups. */
    private void rememberForBatch(Placed p) throws IOException {
        if (settings.fsync() == FsyncPolicy.BATCH) {
            List<Path> dirs = new ArrayList<>();
            dirs.add(p.path.getParent());
            for (Path d : p.newDirectories) {
                dirs.add(d.getParent());
            }
            if (durability.remember(p.path, dirs) >= settings.batchSize()) {
                durability.forcePending();
            }
        }
    }

    /** Renames {@code temp} to a free name in its series folder; records the folders it had to create. */
    private Path place(Path temp, InstanceValues.Identity id, List<Path> newDirectories) throws IOException {
        String study = id.studyUid();
        String series = id.seriesUid();
        String sop = id.sopInstanceUid();
        Path dir = root.resolve(StorePaths.seriesDirectory(study, series));
        layout.lock();
        try {
            try {
                return moveToFreeName(temp, dir, sop);
            } catch (NoSuchFileException e) {
                if (Files.isDirectory(dir)) {
                    throw e; // the temporary file is gone, not the folder
                }
            }
            // the series' first instance (or its folder was deleted meanwhile): only now look at the folders
            for (Path d : new Path[] { dir.getParent(), dir }) {
                if (!Files.isDirectory(d)) {
                    Files.createDirectories(d);
                    newDirectories.add(d);
                }
            }
            return moveToFreeName(temp, dir, sop);
        } finally {
            layout.unlock();
        }
    }

    private static Path moveToFreeName(Path temp, Path dir, String sop) throws IOException {
        for (int copy = 0; copy < MAX_COPIES; copy++) {
            Path target = dir.resolve(StorePaths.fileName(sop, copy));
            if (!taken(target)) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                return target;
            }
        }
        throw new IOException("more than " + MAX_COPIES + " files for SOP Instance " + sop + " in " + dir);
    }

    /**
     * Whether a name is in use. java.io.File's check answers with a flag; Files.exists builds an exception for every
     * free name, and nearly every name asked about here is free. (The store holds no links.)
     */
    private static boolean taken(Path target) {
        return target.toFile().exists();
    }

    /**
     * Forces files received since the last sync to disk ({@link FsyncPolicy#BATCH}); the storage service calls
     * this when an association ends. Harmless under the other policies.
     */
    public void sync() throws IOException {
        durability.forcePending();
    }

    // ------------------------------------------------------------------ reading and deleting

    /** The absolute path of a file of this store. */
    public Path resolve(StoredFile file) {
        if (!file.storeId().equals(storeId)) {
            throw new IllegalArgumentException("the file " + file.path() + " belongs to store " + file.storeId()
                    + ", not to this store " + storeId + " at " + root);
        }
        Path p = root.resolve(file.path()).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("the path " + file.path() + " leaves the store " + root);
        }
        return p;
    }

    /**
     * Deletes a study's files in this store, then their rows, and logs the deletion with {@code reason}. Refused
     * while the study is pinned or protected.
     *
     * @throws StudyInUseException when pinned, protected or already being deleted
     * @throws IOException         when some files could not be deleted; their rows are kept
     */
    @SuppressWarnings("try") // the claim is held for the block, not used in it
    public DeletedStudy deleteStudy(String studyUid, String reason) throws CatalogException, IOException {
        indexer.await(); // an instance of the study still queued would otherwise bring it back
        checkOpen();
        try (var deleting = catalog.pins().claimForDeletion(studyUid)) {
            Optional<StudyRecord> study = catalog.study(studyUid);
            if (study.isEmpty()) {
                return new DeletedStudy(studyUid, 0, 0, false, reason);
            }
            if (study.get().isProtected()) {
                throw new StudyInUseException(studyUid, "is protected");
            }
            List<FileRow> rows = catalog.filesOfStudy(studyUid, storeId);
            List<Long> gone = new ArrayList<>();
            IOException failure = null;
            for (FileRow row : rows) {
                try {
                    Files.deleteIfExists(root.resolve(row.path()));
                    gone.add(row.instanceKey());
                } catch (IOException e) {
                    failure = failure == null ? e : failure;
                }
            }
            InstanceRemoval.Result r = catalog.remove(gone, reason);
            removeEmptyDirectories(rows);
            if (failure != null) {
                throw new IOException("deleting study " + studyUid + ": " + (rows.size() - gone.size())
                        + " file(s) could not be deleted and stay catalogued", failure);
            }
            int instances = 0;
            long bytes = 0;
            boolean removed = false;
            for (InstanceRemoval.StudyRemoval s : r.studies()) {
                instances += s.instances();
                bytes += s.bytes();
                removed |= s.studyDeleted();
            }
            LOG.log(System.Logger.Level.INFO, "deleted study {0}: {1} instance(s), {2} bytes ({3})", studyUid,
                    instances, bytes, reason);
            return new DeletedStudy(studyUid, instances, bytes, removed, reason);
        }
    }

    /** Removes series and study folders left empty. */
    void removeEmptyDirectories(List<FileRow> rows) {
        Set<Path> series = new LinkedHashSet<>();
        for (FileRow row : rows) {
            Path p = root.resolve(row.path()).getParent();
            if (p != null && !p.equals(root)) {
                series.add(p);
            }
        }
        layout.lock();
        try {
            for (Path s : series) {
                deleteIfEmpty(s);
                Path study = s.getParent();
                if (study != null && !study.equals(root)) {
                    deleteIfEmpty(study);
                }
            }
        } finally {
            layout.unlock();
        }
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
            // still in use
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot remove the empty folder {0}: {1}", dir, e.getMessage());
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete " + file + "; the recovery scan will deal with it: "
                    + e.getMessage());
        }
    }

    /** Bytes of this store's files, as catalogued. */
    public long usedBytes() throws CatalogException {
        return catalog.storeSize(storeId);
    }

    /** Bytes free for this store on its file system. */
    public long usableSpace() throws IOException {
        return Files.getFileStore(root).getUsableSpace();
    }

    // ------------------------------------------------------------------ recovery and life cycle

    /**
     * The start-up recovery scan; run it before receiving. After a clean shutdown only temporary files are
     * removed; otherwise catalog and files are compared both ways (see {@link #recoverFully()}).
     */
    public RecoveryReport recover() throws IOException, CatalogException {
        return new StoreRecovery(this, layout).run(!cleanShutdown);
    }

    /**
     * The full scan: temporary files deleted; rows whose file is missing or has another size removed (and
     * logged); files without rows indexed again, quarantined when unreadable, deleted when they are a leftover
     * copy of a refused or replaced duplicate.
     */
    public RecoveryReport recoverFully() throws IOException, CatalogException {
        return new StoreRecovery(this, layout).run(true);
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("the file store " + root + " is closed");
        }
    }

    /** Forces pending files, marks the shutdown as clean and releases the store. Does not close the catalog. */
    @Override
    public void close() throws IOException {
        life.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true; // no commit runs now, and none starts
        } finally {
            life.writeLock().unlock();
        }
        indexer.close(); // what was acknowledged goes into the catalog before the marker says "clean"
        markCleanAndRelease(!indexer.hadFailures());
    }

    private void markCleanAndRelease(boolean clean) throws IOException {
        try {
            durability.forcePending();
            if (!clean) {
                LOG.log(System.Logger.Level.WARNING, "some files of " + root + " could not be catalogued: the next"
                        + " start runs the full recovery scan");
                return;
            }
            Path marker = root.resolve(CLEAN_MARKER);
            try (OutputStream out = Files.newOutputStream(marker)) {
                out.write('\n');
            }
            durability.forceFile(marker);
            durability.forceDirectory(root);
        } finally {
            try {
                lock.release();
            } finally {
                lockChannel.close();
            }
        }
    }

    @Override
    public String toString() {
        return "file store " + root + " (" + storeId + ")";
    }
}
