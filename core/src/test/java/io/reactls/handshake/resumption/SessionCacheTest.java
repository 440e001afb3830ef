package io.reactls.handshake.resumption;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.CipherSuite;
import io.reactls.SessionCache;
import io.reactls.TlsVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionCacheTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static ClientTicket ticket(int id, Instant received, Duration lifetime) {
        return new ClientTicket(TlsVersion.TLS_1_3, CipherSuite.TLS_AES_128_GCM_SHA256, new byte[] {(byte) id}, new byte[32],
                7, received, lifetime, "example.com", null, List.of());
    }

    @Test
    void newestTicketFirstAndEachTakenOnce() {
        SessionCache cache = SessionCache.bounded(4);
        cache.put("example.com", ticket(1, T0, Duration.ofHours(1)));
        cache.put("example.com", ticket(2, T0, Duration.ofHours(1)));
        assertThat(((ClientTicket) cache.take("example.com", T0)).ticket()).containsExactly(2);
        assertThat(((ClientTicket) cache.take("example.com", T0)).ticket()).containsExactly(1);
        assertThat(cache.take("example.com", T0)).isNull();
    }

    @Test
    void expiredTicketsAreNotHandedOut() {
        SessionCache cache = SessionCache.bounded(4);
        cache.put("example.com", ticket(1, T0, Duration.ofMinutes(5)));
        assertThat(cache.take("example.com", T0.plus(Duration.ofMinutes(5)))).isNull();
        assertThat(cache.size("example.com")).isZero();
    }

    @Test
    void boundedInPeersAndTicketsPerPeer() {
        SessionCache cache = SessionCache.bounded(2);
        for (int i = 0; i < 10; i++) {
            cache.put("a", ticket(i, T0, Duration.ofHours(1)));
        }
        assertThat(cache.size("a")).isEqualTo(SessionCache.TICKETS_PER_PEER);
        cache.put("b", ticket(1, T0, Duration.ofHours(1)));
        cache.put("c", ticket(1, T0, Duration.ofHours(1))); // evicts "a", the least recently used
        assertThat(cache.size("a")).isZero();
        assertThat(cache.size("b")).isEqualTo(1);
        assertThat(cache.size("c")).isEqualTo(1);
    }

    @Test
    void obfuscatedAgeAddsTheServersOffsetModulo2To32() {
        ClientTicket t = new ClientTicket(TlsVersion.TLS_1_3, CipherSuite.TLS_AES_128_GCM_SHA256, new byte[1], new byte[32],
                0xFFFFFFF0L, T0, Duration.ofHours(1), "example.com", null, List.of());
        assertThat(t.obfuscatedAge(T0.plusMillis(0x20))).isEqualTo(0x10);
        assertThat(SessionCache.key("example.com", 443)).isEqualTo("example.com:443");
        assertThat(SessionCache.key("example.com", 0)).isEqualTo("example.com");
    }
}
