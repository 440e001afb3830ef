package io.reactls.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HandshakeReassemblerTest {

    static byte[] message(HandshakeType type, int length) {
        byte[] m = new byte[4 + length];
        m[0] = (byte) type.code();
        m[1] = (byte) (length >>> 16);
        m[2] = (byte) (length >>> 8);
        m[3] = (byte) length;
        for (int i = 4; i < m.length; i++) {
            m[i] = (byte) (i * 31);
        }
        return m;
    }

    @Test
    void largestMessageInOneByteFragmentsCostsLinearWork() {
        // A peer may send a handshake message in 1-byte records. Re-copying everything buffered on every fragment
        // made a 256 KiB message cost ~34 GB of allocation and copying: a denial of service for 1.5 MB of traffic.
        byte[] m = message(HandshakeType.CERTIFICATE, HandshakeReassembler.MAX_MESSAGE);
        HandshakeReassembler r = new HandshakeReassembler();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < m.length - 1; i++) {
            r.add(Unpooled.wrappedBuffer(m, i, 1));
            assertThat(r.poll()).isNull();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(r.hasPartial()).isTrue();
        r.add(Unpooled.wrappedBuffer(m, m.length - 1, 1));
        HandshakeReassembler.Message done = r.poll();
        assertThat(done.type()).isEqualTo(HandshakeType.CERTIFICATE);
        assertThat(done.encoded()).isEqualTo(m);
        assertThat(done.body()).isEqualTo(Arrays.copyOfRange(m, 4, m.length));
        assertThat(r.hasPartial()).isFalse();
        // ~0.5 MB of buffer growth plus a small wrapper per fragment; the quadratic version allocated ~34 GB.
        assertThat(allocated).as("bytes allocated while buffering %d bytes", m.length).isLessThan(256L << 20);
    }

    @Test
    void severalMessagesInOneFragmentAndOneAcrossFragments() {
        byte[] a = message(HandshakeType.SERVER_HELLO, 70);
        byte[] b = message(HandshakeType.CERTIFICATE, 3000);
        byte[] c = message(HandshakeType.SERVER_HELLO_DONE, 0);
        byte[] all = new byte[a.length + b.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        System.arraycopy(c, 0, all, a.length + b.length, c.length);
        HandshakeReassembler r = new HandshakeReassembler();
        int cut = a.length + 100; // inside b
        r.add(Unpooled.wrappedBuffer(all, 0, cut));
        assertThat(r.poll().encoded()).isEqualTo(a);
        assertThat(r.poll()).isNull();
        assertThat(r.hasPartial()).isTrue();
        r.add(Unpooled.wrappedBuffer(all, cut, all.length - cut));
        assertThat(r.poll().encoded()).isEqualTo(b);
        assertThat(r.poll().encoded()).isEqualTo(c);
        assertThat(r.poll()).isNull();
        assertThat(r.hasPartial()).isFalse();
    }

    @Test
    void oversizedAndUnknownMessagesAreRefusedAtTheirHeader() {
        HandshakeReassembler r = new HandshakeReassembler();
        r.add(Unpooled.wrappedBuffer(new byte[] {(byte) HandshakeType.CERTIFICATE.code(), 0x7F, (byte) 0xFF, (byte) 0xFF}));
        assertThatThrownBy(r::poll).isInstanceOfSatisfying(TlsAlertException.class,
                e -> assertThat(e.alert()).isEqualTo(AlertDescription.DECODE_ERROR));
        HandshakeReassembler u = new HandshakeReassembler();
        u.add(Unpooled.wrappedBuffer(new byte[] {99, 0, 0, 1}));
        assertThatThrownBy(u::poll).isInstanceOfSatisfying(TlsAlertException.class,
                e -> assertThat(e.alert()).isEqualTo(AlertDescription.UNEXPECTED_MESSAGE));
    }
}
