package io.reactls.handshake.keylog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file sink: NSS lines appended whole, from many threads, to a new private file or after what is there. */
class KeyLogFileTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void appendsOneNssLinePerSecretAfterWhatTheFileHolds() throws Exception {
        Path file = dir.resolve("keys.log");
        Files.writeString(file, "# written by someone else\n");
        KeyLogFile log = KeyLogFile.open(file);
        log.log(KeyLog.CLIENT_RANDOM, new byte[] {0x01, (byte) 0xab}, new byte[] {(byte) 0xff, 0x00, 0x10});
        log.log(KeyLog.EXPORTER_SECRET, new byte[] {0x02}, new byte[] {0x03});
        assertThat(log.flush(TIMEOUT)).isTrue();
        assertThat(Files.readAllLines(file)).containsExactly("# written by someone else",
                "CLIENT_RANDOM 01ab ff0010", "EXPORTER_SECRET 02 03");
    }

    @Test
    void aNewFileIsReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("new.log");
        KeyLogFile.open(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void onePathIsOneSink() {
        Path file = dir.resolve("same.log");
        assertThat(KeyLogFile.open(file)).isSameAs(KeyLogFile.open(dir.resolve("x/../same.log")));
    }

    @Test
    void linesFromManyThreadsStayWhole() throws Exception {
        Path file = dir.resolve("threads.log");
        KeyLogFile log = KeyLogFile.open(file);
        int threads = 8;
        int perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (int t = 0; t < threads; t++) {
                byte[] random = new byte[32];
                random[0] = (byte) t;
                pool.execute(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        byte[] secret = new byte[48];
                        secret[0] = (byte) i;
                        secret[1] = (byte) (i >> 8);
                        log.log(KeyLog.CLIENT_RANDOM, random, secret);
                    }
                });
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(log.flush(TIMEOUT)).isTrue();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(threads * perThread).allMatch(l -> l.matches("CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}"));
        Set<String> distinct = new HashSet<>(lines);
        assertThat(distinct).hasSize(threads * perThread);
    }

    @Test
    void aFileThatCannotBeOpenedFailsWhenTheSinkIsMade() {
        assertThatThrownBy(() -> KeyLogFile.open(dir.resolve("no/such/dir/keys.log")))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("no/such/dir/keys.log");
    }
}
