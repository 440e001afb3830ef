package io.reactls.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Everything a subprocess wrote to one stream, read by a daemon thread; waiters are woken on every chunk. */
public final class CapturedOutput {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final String name;
    private boolean ended;
    private IOException failure;

    CapturedOutput(String name, InputStream in) {
        this.name = name;
        Thread pump = new Thread(() -> pump(in), "capture-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    private void pump(InputStream in) {
        byte[] chunk = new byte[16384];
        try (in) {
            for (int n; (n = in.read(chunk)) >= 0; ) {
                synchronized (this) {
                    bytes.write(chunk, 0, n);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                failure = e;
            }
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    public synchronized byte[] bytes() {
        return bytes.toByteArray();
    }

    public synchronized int size() {
        return bytes.size();
    }

    public synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Waits until at least {@code count} bytes arrived; throws with what arrived so far if they did not. */
    public byte[] awaitBytes(int count, Duration timeout) {
        await(b -> b.size() >= count, timeout, "at least " + count + " bytes");
        return bytes();
    }

    /** Waits for {@code count} bytes after the first {@code marker} and returns exactly those bytes. */
    public byte[] awaitBytesAfter(String marker, int count, Duration timeout) {
        byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        await(b -> {
            int at = indexOf(b.toByteArray(), needle);
            return at >= 0 && b.size() >= at + needle.length + count;
        }, timeout, count + " bytes after '" + marker.strip() + "'");
        byte[] all = bytes();
        int from = indexOf(all, needle) + needle.length;
        return java.util.Arrays.copyOfRange(all, from, from + count);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Waits until the text contains {@code needle}. */
    public String awaitText(String needle, Duration timeout) {
        await(b -> b.toString(StandardCharsets.UTF_8).contains(needle), timeout, "'" + needle + "'");
        return text();
    }

    /** Waits until the process closed the stream (normally: exited). */
    public byte[] awaitEnd(Duration timeout) {
        await(b -> ended, timeout, "end of stream");
        return bytes();
    }

    private synchronized void await(Predicate<ByteArrayOutputStream> condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!condition.test(bytes)) {
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    throw new AssertionError("waited for " + what + " on " + name
                            + (ended ? " but the stream ended" : " for " + timeout)
                            + (failure != null ? " (read failed: " + failure + ")" : "")
                            + "; got " + bytes.size() + " bytes:\n" + preview());
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what + " on " + name, e);
        }
    }

    private String preview() {
        String text = bytes.toString(StandardCharsets.UTF_8);
        return text.length() <= 4000 ? text : text.substring(0, 2000) + "\n[...]\n" + text.substring(text.length() - 2000);
    }
}
