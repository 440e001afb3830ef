package io.reactls.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordFragmenterTest {

    @Test
    void splitsInto2To14ChunksAndConsumesTheInput() {
        byte[] data = Tls12AeadProtectionTest.bytes(40_000, 5);
        ByteBuf in = Unpooled.buffer().writeBytes(data);
        ByteBuf out = Unpooled.buffer();
        RecordFragmenter.write(new PlaintextProtection(), ContentType.APPLICATION_DATA, in, out);
        assertThat(in.isReadable()).isFalse();
        assertThat(in.refCnt()).as("not released").isEqualTo(1);
        in.release();

        List<Integer> lengths = new ArrayList<>();
        ByteBuf joined = Unpooled.buffer();
        while (out.isReadable()) {
            assertThat((int) out.readUnsignedByte()).isEqualTo(23);
            assertThat(out.readUnsignedShort()).isEqualTo(0x0303);
            int len = out.readUnsignedShort();
            lengths.add(len);
            joined.writeBytes(out, len);
        }
        assertThat(lengths).containsExactly(16384, 16384, 7232);
        assertThat(ByteBufUtil.getBytes(joined)).isEqualTo(data);
        out.release();
        joined.release();
    }

    @Test
    void emptyInputWritesNoRecord() {
        ByteBuf in = Unpooled.buffer();
        ByteBuf out = Unpooled.buffer();
        RecordFragmenter.write(new PlaintextProtection(), ContentType.APPLICATION_DATA, in, out);
        assertThat(out.readableBytes()).isZero();
        in.release();
        out.release();
    }
}
