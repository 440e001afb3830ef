package io.reactls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The in-memory 0-RTT record (RFC 8446 §8.2): each ClientHello once, and fail closed when full. */
class StrikeRegisterTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(20);

    @Test
    void aKeyIsAcceptedOnceUntilItExpires() {
        StrikeRegister register = new StrikeRegister(10);
        assertThat(register.firstUse(new byte[] {1}, TTL, T0)).isTrue();
        assertThat(register.firstUse(new byte[] {1}, TTL, T0.plusSeconds(19))).as("a replay").isFalse();
        assertThat(register.firstUse(new byte[] {2}, TTL, T0.plusSeconds(19))).as("another hello").isTrue();
        assertThat(register.firstUse(new byte[] {1}, TTL, T0.plusSeconds(20))).as("expired: forgotten").isTrue();
    }

    @Test
    void aFullRegisterRefusesRatherThanForgets() {
        StrikeRegister register = new StrikeRegister(2);
        assertThat(register.firstUse(new byte[] {1}, TTL, T0)).isTrue();
        assertThat(register.firstUse(new byte[] {2}, TTL, T0)).isTrue();
        assertThat(register.firstUse(new byte[] {3}, TTL, T0)).as("full").isFalse();
        assertThat(register.size()).isEqualTo(2);
        assertThat(register.firstUse(new byte[] {3}, TTL, T0.plus(TTL))).as("room again once the others expired").isTrue();
        assertThat(register.size()).isEqualTo(1);
        assertThatThrownBy(() -> new StrikeRegister(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theInMemoryAntiReplayStoreIsOne() {
        AntiReplayStore store = AntiReplayStore.inMemory(1);
        StepVerifier.create(store.firstUse(new byte[] {7}, TTL)).expectNext(true).verifyComplete();
        StepVerifier.create(store.firstUse(new byte[] {7}, TTL)).expectNext(false).verifyComplete();
        StepVerifier.create(store.firstUse(new byte[] {8}, TTL)).as("full").expectNext(false).verifyComplete();
    }
}
