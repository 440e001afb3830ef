package io.reactls.fuzz;

import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.ClientAuthMode;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.SessionCache;
import io.reactls.TicketKeys;
import io.reactls.testing.MutableClock;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The engine configurations the fuzz targets pick from by an input byte. Built fresh for every input (caches and
 * randomness carry state), from a seeded SHA1PRNG and a fixed clock, so one input always takes one path: a crash
 * reproduces, and a seed captured from a real handshake replays (same client random and key shares).
 */
final class FuzzConfigs {

    static final List<String> ALPN = List.of("h2", "http/1.1");

    static final int SERVER_VARIANTS = 4;
    static final int CLIENT_VARIANTS = 3;

    private FuzzConfigs() {
    }

    /** A SecureRandom whose output depends only on {@code seed}: SHA1PRNG seeded before its first use. */
    static SecureRandom random(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG", "SUN");
            r.setSeed(seed);
            return r;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static MutableClock clock() {
        return new MutableClock(FuzzPki.NOW);
    }

    /**
     * 0: ECDSA, TLS 1.3 + 1.2, client auth optional, tickets and session ids on, ALPN.
     * 1: RSA, TLS 1.2 only with RSA key exchange and CBC suites besides ECDHE, client auth required.
     * 2: ECDSA, TLS 1.3 only, HelloRetryRequest for X25519 when the client shared another group, a small record_size_limit.
     * 3: RSA, TLS 1.3 + 1.2 with ffdhe and X25519MLKEM768 groups, defaults otherwise.
     */
    static TlsConfig server(int variant) {
        SecureRandom random = random(0x5E4FE4L + variant);
        TicketKeys tickets = TicketKeys.fromSecret(filled(32, (byte) 0x7C), TicketKeys.DEFAULT_ROTATION, 1, random);
        TlsConfig.Builder b = switch (Math.floorMod(variant, SERVER_VARIANTS)) {
            case 0 -> TlsConfig.server(FuzzPki.Keys.ECDSA_SERVER)
                    .clientAuth(ClientAuthMode.OPTIONAL).trustAnchors(FuzzPki.Keys.TRUST)
                    .sessionIdCache(16, Duration.ofHours(1)).alpn(ALPN);
            case 1 -> TlsConfig.server(FuzzPki.Keys.RSA_SERVER)
                    .versions(List.of(TlsVersion.TLS_1_2))
                    .cipherSuites(List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256,
                            CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA))
                    .clientAuth(ClientAuthMode.REQUIRE).trustAnchors(FuzzPki.Keys.TRUST)
                    .sessionIdCache(16, Duration.ofHours(1));
            case 2 -> TlsConfig.server(FuzzPki.Keys.ECDSA_SERVER)
                    .versions(List.of(TlsVersion.TLS_1_3))
                    .groups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1))
                    .retryForPreferredGroup(true).recordSizeLimit(512)
                    .clientAuth(ClientAuthMode.OPTIONAL).trustAnchors(FuzzPki.Keys.TRUST);
            default -> TlsConfig.server(FuzzPki.Keys.RSA_SERVER)
                    .groups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.FFDHE2048, NamedGroup.X25519MLKEM768));
        };
        return b.random(random).clock(clock()).ticketKeys(tickets).sessionTickets(2).build();
    }

    /**
     * 0: TLS 1.3 + 1.2 with a client certificate, session cache and ALPN.
     * 1: TLS 1.2 only, ECDHE and RSA key exchange, GCM and CBC.
     * 2: TLS 1.3 only, sharing a P-256 key first (server variant 2 answers with HelloRetryRequest).
     */
    static TlsConfig client(int variant) {
        SecureRandom random = random(0xC11E47L + variant);
        TlsConfig.Builder b = switch (Math.floorMod(variant, CLIENT_VARIANTS)) {
            case 0 -> TlsConfig.client().keyMaterial(FuzzPki.Keys.ECDSA_CLIENT)
                    .sessionCache(SessionCache.bounded(4)).alpn(ALPN);
            case 1 -> TlsConfig.client()
                    .versions(List.of(TlsVersion.TLS_1_2))
                    .cipherSuites(List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
                            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256,
                            CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA))
                    .keyMaterial(FuzzPki.Keys.ECDSA_CLIENT);
            default -> TlsConfig.client()
                    .versions(List.of(TlsVersion.TLS_1_3))
                    .groups(List.of(NamedGroup.SECP256R1, NamedGroup.X25519));
        };
        return b.trustAnchors(FuzzPki.Keys.TRUST).random(random).clock(clock()).build();
    }

    static byte[] filled(int length, byte value) {
        byte[] b = new byte[length];
        Arrays.fill(b, value);
        return b;
    }
}
