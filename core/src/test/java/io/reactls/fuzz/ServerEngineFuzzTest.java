package io.reactls.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * A server engine fed fuzzed ciphertext. Run with {@code JAZZER_FUZZ=1} to fuzz; otherwise each target replays its
 * inputs from {@code src/test/resources/io/reactls/fuzz/ServerEngineFuzzTestInputs/<method>/}.
 * Input byte 0 picks the {@link FuzzConfigs#server server configuration}.
 */
class ServerEngineFuzzTest {

    private static final byte[][] REAL_HELLOS = new byte[FuzzConfigs.CLIENT_VARIANTS][];

    static {
        for (int v = 0; v < REAL_HELLOS.length; v++) {
            REAL_HELLOS[v] = Captured.clientHello(v);
        }
    }

    /** [config][split][ciphertext...]: anything, in chunks the input decides (see {@link Records#feedInChunks}). */
    @FuzzTest(maxDuration = FuzzBudget.ENGINE)
    void rawCiphertext(byte[] data) {
        if (data.length < 2) {
            return;
        }
        try (FuzzedEngine server = FuzzedEngine.server(FuzzConfigs.server(data[0]))) {
            server.begin();
            Records.feedInChunks(server, data, 2, data[1] & 0xFF);
        }
    }

    /** [config][ClientHello body...]: the body framed as a handshake message in well-formed records. */
    @FuzzTest(maxDuration = FuzzBudget.ENGINE)
    void framedClientHello(byte[] data) {
        if (data.length < 1) {
            return;
        }
        byte[] body = java.util.Arrays.copyOfRange(data, 1, data.length);
        try (FuzzedEngine server = FuzzedEngine.server(FuzzConfigs.server(data[0]))) {
            server.begin();
            server.receive(Records.records(Records.HANDSHAKE, 0x0301, Records.handshake(1, body)));
        }
    }

    /**
     * [server config][client config][flags][split][edits...]: a real ClientHello from our client engine, changed by
     * four-byte edits (u16 offset, op, value: set, insert, delete, xor). Flag bit 0 fixes the record and handshake
     * lengths afterwards, so the edits reach the fields inside rather than the outer length checks.
     */
    @FuzzTest(maxDuration = FuzzBudget.ENGINE)
    void patchedRealClientHello(byte[] data) {
        if (data.length < 4) {
            return;
        }
        byte[] hello = Patch.apply(REAL_HELLOS[Math.floorMod(data[1], REAL_HELLOS.length)], data, 4, (data[2] & 1) != 0);
        try (FuzzedEngine server = FuzzedEngine.server(FuzzConfigs.server(data[0]))) {
            server.begin();
            Records.feedInChunks(server, hello, 0, data[3] & 0xFF);
        }
    }
}
