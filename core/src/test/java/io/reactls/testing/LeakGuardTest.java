package io.reactls.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeakGuardTest {

    private final LeakRecorder recorder = LeakRecorder.install();

    @Test
    void detectsABufferThatWasNeverReleased() {
        leakOneBuffer();

        List<LeakRecorder.LeakReport> leaks = recorder.detect(Duration.ofSeconds(10));

        assertThat(leaks).isNotEmpty();
        assertThat(leaks.get(0).resourceType()).isEqualTo("ByteBuf");
        // The records point at the line that allocated the buffer, which is what makes a report actionable.
        assertThat(leaks.get(0).records()).contains("LeakGuardTest.leakOneBuffer");
    }

    @Test
    void reportsNothingWhenEveryBufferIsReleased() {
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer(64);
        buf.writeLong(42);
        buf.release();

        assertThat(recorder.detect(Duration.ofMillis(200))).isEmpty();
    }

    @Test
    void guardFailsWithTheLeakInItsMessage() {
        LeakRecorder.LeakReport report = new LeakRecorder.LeakReport("ByteBuf", "\n#1: at Somewhere.allocate");

        assertThatThrownBy(() -> LeakGuard.assertNoLeaks(List.of(report), "in someTest()"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 Netty buffer leak(s) detected in someTest()")
                .hasMessageContaining("Somewhere.allocate");
    }

    // A separate frame so the buffer is unreachable once it returns.
    private static void leakOneBuffer() {
        ByteBuf leaked = ByteBufAllocator.DEFAULT.buffer(16);
        leaked.writeInt(0xC0FFEE);
    }
}
