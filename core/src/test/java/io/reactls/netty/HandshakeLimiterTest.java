package io.reactls.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandshakeLimiterTest {

    @Test
    void aWaitingHandshakeGetsThePermitOfOneThatEnds() {
        HandshakeLimiter limiter = HandshakeLimiter.of(2);
        List<String> granted = new ArrayList<>();
        limiter.acquire(() -> granted.add("a"));
        limiter.acquire(() -> granted.add("b"));
        limiter.acquire(() -> granted.add("c"));
        assertThat(granted).containsExactly("a", "b");
        assertThat(limiter.inFlight()).isEqualTo(2);
        limiter.release();
        assertThat(granted).containsExactly("a", "b", "c");
        assertThat(limiter.inFlight()).isEqualTo(2);
        limiter.release();
        limiter.release();
        assertThat(limiter.inFlight()).isZero();
    }
}
