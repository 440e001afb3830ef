package io.reactls.fuzz;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * The fuzz targets' JVM (surefire execution fuzz-targets, tag "jazzer") keeps the guarantees of every other test
 * JVM, and the per-input leak check can fail.
 */
@Tag("jazzer")
class FuzzJvmTest {

    @Test
    void blockHoundIsActiveBesideJazzer() {
        Mono<Boolean> blocking = Mono.fromCallable(() -> new CountDownLatch(1).await(10, TimeUnit.SECONDS))
                .subscribeOn(Schedulers.parallel());
        StepVerifier.create(blocking).expectError(BlockingOperationError.class).verify(Duration.ofSeconds(10));
    }

    @Test
    void trackingAllocatorReportsABufferStillReferenced() {
        TrackingAllocator alloc = new TrackingAllocator();
        ByteBuf kept = alloc.heapBuffer(16);
        ByteBuf parent = alloc.heapBuffer(8);
        ByteBuf slice = parent.retainedSlice(); // the slice alone now holds its parent
        parent.release();
        alloc.heapBuffer(4).release();
        try {
            assertThatThrownBy(() -> alloc.assertAllReleased("in the test"))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("2 of 3 buffers leaked");
        } finally {
            kept.release();
            slice.release();
        }
    }
}
