package io.reactls.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import org.junit.jupiter.api.Test;

class PlaintextProtectionTest {

    @Test
    void writesHeaderAndBytesUnchanged() {
        ByteBuf plain = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
        ByteBuf out = Unpooled.buffer();
        new PlaintextProtection(0x0301).seal(ContentType.HANDSHAKE, plain, out);
        assertThat(ByteBufUtil.getBytes(out)).containsExactly(22, 3, 1, 0, 3, 1, 2, 3);
        assertThat(plain.readableBytes()).isEqualTo(3);
        out.release();
        plain.release();
    }

    @Test
    void openHandsTheFragmentOver() {
        ByteBuf fragment = Unpooled.wrappedBuffer(new byte[] {9});
        PlainRecord rec = new PlaintextProtection().open(new OpaqueRecord(ContentType.ALERT, 0x0303, fragment));
        assertThat(rec.type()).isEqualTo(ContentType.ALERT);
        assertThat(rec.fragment()).isSameAs(fragment);
        rec.fragment().release();
        assertThat(fragment.refCnt()).isZero();
    }

    @Test
    void openRefusesMoreThan2To14AndReleases() {
        ByteBuf fragment = Unpooled.buffer().writeZero(RecordProtection.MAX_PLAINTEXT + 1);
        assertThatThrownBy(() -> new PlaintextProtection().open(new OpaqueRecord(ContentType.HANDSHAKE, 0x0303, fragment)))
                .isInstanceOfSatisfying(TlsAlertException.class, e -> assertThat(e.alert()).isEqualTo(AlertDescription.RECORD_OVERFLOW));
        assertThat(fragment.refCnt()).isZero();
    }

    @Test
    void exactly2To14IsAllowed() {
        ByteBuf fragment = Unpooled.buffer().writeZero(RecordProtection.MAX_PLAINTEXT);
        PlainRecord rec = new PlaintextProtection().open(new OpaqueRecord(ContentType.HANDSHAKE, 0x0303, fragment));
        assertThat(rec.fragment().readableBytes()).isEqualTo(RecordProtection.MAX_PLAINTEXT);
        rec.fragment().release();
    }

    @Test
    void refusesNonTlsVersions() {
        assertThatThrownBy(() -> new PlaintextProtection(0x0200)).isInstanceOf(IllegalArgumentException.class);
    }
}
