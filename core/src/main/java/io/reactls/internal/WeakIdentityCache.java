package io.reactls.internal;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One value per key instance, made once and kept as long as the key is reachable: keys compare by identity (two equal
 * keys get two values), are held weakly, and their entries are dropped on a later access once the key was collected.
 * Reads take no lock; the first {@link #get} of a key makes its value once even when threads race. A value must not
 * hold its key strongly, or the entry never goes.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class WeakIdentityCache<K, V> {

    private final ConcurrentHashMap<Object, V> values = new ConcurrentHashMap<>();
    private final ReferenceQueue<K> collected = new ReferenceQueue<>();

    /**
     * The value of {@code key}, made by {@code make} on the first call for this instance.
     *
     * @param key the key instance
     * @param make makes the value (under the map's lock for this key: it must not use this cache)
     * @return the value
     */
    V get(K key, Function<? super K, ? extends V> make) {
        V value = values.get(new Probe(key));
        if (value != null) {
            return value;
        }
        expunge();
        return values.computeIfAbsent(new Entry<>(key, collected), e -> make.apply(key));
    }

    /**
     * The value of {@code key} if it was made already.
     *
     * @param key the key instance
     * @return its value, or null
     */
    V getIfPresent(K key) {
        return values.get(new Probe(key));
    }

    /**
     * Sets the value of {@code key}, unless it has one already.
     *
     * @param key the key instance
     * @param value its value
     * @return the value {@code key} has now
     */
    V putIfAbsent(K key, V value) {
        expunge();
        V earlier = values.putIfAbsent(new Entry<>(key, collected), Objects.requireNonNull(value));
        return earlier != null ? earlier : value;
    }

    /** The number of entries, those of collected keys not yet dropped included. */
    int size() {
        expunge();
        return values.size();
    }

    private void expunge() {
        for (Object gone; (gone = collected.poll()) != null; ) {
            values.remove(gone);
        }
    }

    /** A stored key: weak, hashed and compared by the identity of the instance it had. */
    private static final class Entry<K> extends WeakReference<K> {
        private final int hash;

        Entry(K key, ReferenceQueue<K> queue) {
            super(Objects.requireNonNull(key), queue);
            this.hash = System.identityHashCode(key);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            // A collected key equals only its own entry, which is how expunge() finds it.
            if (o == this) {
                return true;
            }
            Object key = get();
            return key != null && (o instanceof Entry<?> e ? e.get() == key : o instanceof Probe p && p.key == key);
        }
    }

    /** A key being looked up (no weak reference needed for that): equal to the entry of the same instance. */
    private static final class Probe {
        private final Object key;

        Probe(Object key) {
            this.key = key;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(key);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry<?> e && e.get() == key;
        }
    }
}
