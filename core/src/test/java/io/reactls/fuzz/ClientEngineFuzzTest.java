package io.reactls.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * A client engine that has sent its ClientHello, fed a fuzzed server flight. Input byte 0 picks the
 * {@link FuzzConfigs#client client configuration} (0: TLS 1.3 + 1.2 with a certificate, 1: TLS 1.2, 2: TLS 1.3
 * expecting a HelloRetryRequest). The seeds are real flights of the matching server variant (see {@link Captured}),
 * which replay because the configurations are deterministic: in TLS 1.3 everything after ServerHello is encrypted,
 * so the fuzzer gets at ServerHello and HelloRetryRequest, and in TLS 1.2 at the whole plaintext flight
 * (ServerHello, Certificate, ServerKeyExchange, CertificateRequest, ServerHelloDone).
 */
class ClientEngineFuzzTest {

    private static final byte[][] REAL_FLIGHTS = new byte[FuzzConfigs.CLIENT_VARIANTS][];

    static {
        for (int v = 0; v < REAL_FLIGHTS.length; v++) {
            REAL_FLIGHTS[v] = Captured.serverFlight(v);
        }
    }

    /** [config][split][ciphertext...]: anything, in chunks the input decides. */
    @FuzzTest(maxDuration = FuzzBudget.ENGINE)
    void serverFlight(byte[] data) {
        if (data.length < 2) {
            return;
        }
        try (FuzzedEngine client = started(data[0])) {
            Records.feedInChunks(client, data, 2, data[1] & 0xFF);
        }
    }

    /**
     * [config | 0x80 to append][handshake messages...]: fuzzed handshake messages (headers included) framed in
     * well-formed handshake records. With bit 0x80, the rest of the real flight that is not plaintext handshake
     * (TLS 1.3: change_cipher_spec and the encrypted records) follows, so an intact ServerHello leads on into
     * EncryptedExtensions, Certificate, CertificateVerify and Finished.
     */
    @FuzzTest(maxDuration = FuzzBudget.ENGINE)
    void framedServerHandshake(byte[] data) {
        if (data.length < 1) {
            return;
        }
        int variant = Math.floorMod(data[0] & 0x7F, FuzzConfigs.CLIENT_VARIANTS);
        byte[] messages = Arrays.copyOfRange(data, 1, data.length);
        try (FuzzedEngine client = started(variant)) {
            if (client.receive(Records.records(Records.HANDSHAKE, 0x0303, messages)) && (data[0] & 0x80) != 0) {
                client.receive(Records.nonHandshake(REAL_FLIGHTS[variant]));
            }
        }
    }

    /**
     * [config][flags][split][edits...]: the real server flight with {@link Patch} edits; flag bit 0 fixes the first
     * record's and message's lengths (the ServerHello's).
     */
    @FuzzTest(maxDuration = FuzzBudget.ENGINE)
    void patchedRealFlight(byte[] data) {
        if (data.length < 3) {
            return;
        }
        int variant = Math.floorMod(data[0], FuzzConfigs.CLIENT_VARIANTS);
        byte[] flight = Patch.apply(REAL_FLIGHTS[variant], data, 3, false);
        if ((data[1] & 1) != 0) {
            Patch.fixFirstRecord(flight);
        }
        try (FuzzedEngine client = started(variant)) {
            Records.feedInChunks(client, flight, 0, data[2] & 0xFF);
        }
    }

    private static FuzzedEngine started(int variant) {
        FuzzedEngine client = FuzzedEngine.client(FuzzConfigs.client(variant));
        client.begin();
        client.takeSent(); // the ClientHello; the fuzzer answers it
        return client;
    }
}
