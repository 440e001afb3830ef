package io.reactls.examples.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JMH trial: a benchmark with one value per parameter, run in its own fork.
 *
 * @param mode       which benchmark
 * @param stack      the implementation measured
 * @param subject    the suite (cipher, record) or handshake kind
 * @param size       payload bytes per operation (0 for handshakes)
 * @param variant    "heap"/"direct" (record), "full"/"resumed" (handshake), "" (cipher)
 */
public record BenchJob(BenchMode mode, String stack, String subject, int size, String variant) {

    /** The JMH {@code @Param} values of this trial. */
    public Map<String, String> params() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("stack", stack);
        switch (mode) {
            case CIPHER -> {
                p.put("suite", subject);
                p.put("size", Integer.toString(size));
            }
            case RECORD -> {
                p.put("suite", subject);
                p.put("size", Integer.toString(size));
                p.put("buffer", variant);
            }
            case HANDSHAKE -> {
                p.put("kind", subject);
                p.put("resumption", variant);
            }
        }
        return p;
    }

    /** One line for progress and logs, e.g. "record boringssl TLS_AES_128_GCM_SHA256 1024 B heap". */
    public String describe() {
        return mode.id() + " " + stack + " " + subject + (size > 0 ? " " + size + " B" : "")
                + (variant.isEmpty() ? "" : " " + variant);
    }
}
