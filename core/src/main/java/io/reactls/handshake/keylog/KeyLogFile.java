package io.reactls.handshake.keylog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link KeyLog} appending NSS key log lines to a file, as {@code SSLKEYLOGFILE} does in curl, Firefox and OpenSSL.
 * One instance per file per process ({@link #open} returns the same one for the same path), so the lines of every
 * connection and config land whole, one per line, in the order they were logged; other processes may append to the
 * same file (each line is one append).
 *
 * <p>{@link #log} never blocks: it queues the line for one writer thread per process, which appends each line to the
 * file with its own write, so a reader (tshark, Wireshark) sees it as soon as it is written. {@link #flush} waits for
 * the lines logged so far. A file that cannot be written is reported once (WARNING on the {@code io.reactls.keylog}
 * {@link System.Logger}) and its lines are dropped; the connections go on.
 */
public final class KeyLogFile implements KeyLog {

    private static final Map<Path, KeyLogFile> OPEN = new ConcurrentHashMap<>();

    private final Path path;
    private final FileChannel channel;
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicBoolean failureReported = new AtomicBoolean();

    private KeyLogFile(Path path) {
        this.path = path;
        this.channel = openForAppend(path);
        Writer.start();
    }

    /**
     * The sink for {@code file}, created (owner read/write only, where the file system has POSIX permissions) or
     * appended to. Opens the file on the calling thread: call it where blocking I/O is allowed, e.g. while building a
     * config.
     *
     * @throws UncheckedIOException when the file cannot be opened for appending
     */
    public static KeyLogFile open(Path file) {
        return OPEN.computeIfAbsent(file.toAbsolutePath().normalize(), KeyLogFile::new);
    }

    public Path path() {
        return path;
    }

    @Override
    public void log(String label, byte[] clientRandom, byte[] secret) {
        byte[] line = (KeyLog.line(label, clientRandom, secret) + '\n').getBytes(StandardCharsets.US_ASCII);
        queued.incrementAndGet();
        Writer.INSTANCE.enqueue(this, line);
    }

    /** Waits until every line logged before this call is in the file (or failed); false if {@code timeout} passed first. */
    public boolean flush(Duration timeout) {
        long target = queued.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (written) {
            while (written.get() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    written.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "key log file " + path;
    }

    /** On the writer thread: one append per line, so the line is whole in the file when it returns. */
    private void append(byte[] line) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException | RuntimeException e) {
            if (failureReported.compareAndSet(false, true)) {
                System.getLogger("io.reactls.keylog").log(System.Logger.Level.WARNING,
                        "cannot write the TLS key log " + path + "; its lines are dropped", e);
            }
        } finally {
            synchronized (written) {
                written.incrementAndGet();
                written.notifyAll();
            }
        }
    }

    private static FileChannel openForAppend(Path path) {
        try {
            createPrivate(path);
            return FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the TLS key log " + path + " for appending", e);
        }
    }

    /** Secrets: a new file is readable by its owner only (an existing one keeps its permissions). */
    private static void createPrivate(Path path) throws IOException {
        if (Files.exists(path)) {
            return;
        }
        try {
            if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(path);
            }
        } catch (FileAlreadyExistsException raced) {
            // Another process created it in between: append to theirs.
        }
    }

    /** The process's one key-log writer: a daemon thread draining a lock-free queue, so loggers never wait. */
    private static final class Writer implements Runnable {

        static final Writer INSTANCE = new Writer();

        private record Entry(KeyLogFile file, byte[] line) {
        }

        private final ConcurrentLinkedQueue<Entry> pending = new ConcurrentLinkedQueue<>();
        private final Thread thread;

        private Writer() {
            thread = new Thread(this, "reactls-keylog-writer");
            thread.setDaemon(true);
            thread.start();
            // A process that exits right after a handshake (a CLI client) still gets its lines out.
            Runtime.getRuntime().addShutdownHook(new Thread(
                    () -> OPEN.values().forEach(f -> f.flush(Duration.ofSeconds(2))), "reactls-keylog-flush"));
        }

        /** Starts the writer with the first file, on the thread that opens it (not on a connection's event loop). */
        static void start() {
            // Class initialisation of INSTANCE does the work.
        }

        void enqueue(KeyLogFile file, byte[] line) {
            pending.add(new Entry(file, line));
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            for (;;) {
                Entry e = pending.poll();
                if (e == null) {
                    LockSupport.park(this);
                } else {
                    e.file.append(e.line);
                }
            }
        }
    }
}
