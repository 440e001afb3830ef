package io.reactls.testing;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A SecureRandom that hands out exactly the byte strings it was given, in order, one per request, and fails loudly
 * when a request does not match the script (other length, or nothing left): a replay must know every random draw.
 */
public final class ScriptedRandom extends SecureRandom {

    private final ArrayDeque<byte[]> script = new ArrayDeque<>();

    public ScriptedRandom(byte[]... draws) {
        super(null, null); // no provider behind it: every draw is answered by nextBytes below
        for (byte[] d : draws) {
            script.add(d.clone());
        }
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        byte[] next = script.poll();
        if (next == null) {
            throw new AssertionError("unscripted random draw of " + bytes.length + " bytes");
        }
        if (next.length != bytes.length) {
            throw new AssertionError("random draw of " + bytes.length + " bytes, but the script has "
                    + next.length + ": " + HexFormat.of().formatHex(next));
        }
        System.arraycopy(next, 0, bytes, 0, bytes.length);
    }

    @Override
    public int nextInt() {
        throw new AssertionError("unscripted nextInt()");
    }

    @Override
    public byte[] generateSeed(int numBytes) {
        throw new AssertionError("unscripted generateSeed(" + numBytes + ")");
    }

    @Override
    public synchronized void setSeed(byte[] seed) {
        // SecureRandom's constructor seeds itself; a script takes no seed.
    }

    @Override
    public void setSeed(long seed) {
        // Called by java.util.Random's constructor before the script exists.
    }

    public boolean exhausted() {
        return script.isEmpty();
    }

    @Override
    public String toString() {
        return "ScriptedRandom" + Arrays.toString(script.stream().map(b -> b.length).toArray());
    }
}
