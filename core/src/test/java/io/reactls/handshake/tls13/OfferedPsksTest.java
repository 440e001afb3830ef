package io.reactls.handshake.tls13;

import static io.reactls.testing.Rfc8448Trace.bytes;
import static io.reactls.testing.Rfc8448Trace.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.reactls.TlsAlertException;
import io.reactls.crypto.HashAlgorithm;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.Transcript;
import io.reactls.wire.TlsReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pre_shared_key extension and the partial ClientHello its binder covers, against RFC 8448 §4. */
class OfferedPsksTest {

    /** RFC 8448 §4 "{client} send handshake record" payload: the resumption ClientHello, 512 octets. */
    private static final String RESUMED_CLIENT_HELLO =
            "010001fc03031bc3ceb6bbe39cff938355b5a50adb6db21b7a6af649d7b4bc419d7876487d9500000613011303130201"
            + "0001cd0000000b0009000006736572766572ff01000100000a00140012001d0017001800190100010101020103010400"
            + "3300260024001d0020e4ffb68ac05f8d96c99da26698346c6be16482badddafe051a66b4f18d668f0b002a0000002b00"
            + "03020304000d0020001e040305030603020308040805080604010501060102010402050206020202002d00020101001c"
            + "000240010015005700000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "2900dd00b800b22c035d829359ee5ff7af4ec900000000262a6494dc486d2c8a34cb33fa90bf1b0070ad3c498883c936"
            + "7c09a2be785abc55cd226097a3a982117283f82a03a143efd3ff5dd36d64e861be7fd61d2827db279cce145077d454a3"
            + "664d4e6da4d29ee03725a6a4dafcd0fc67d2aea70529513e3da2677fa5906c5b3f7d8f92f228bda40dda721470f9fbf2"
            + "97b5aea617646fac5c03272e970727c621a79141ef5f7de6505e5bfbc388e93343694093934ae4d357fad6aacb002120"
            + "3add4fb2d8fdf822a0ca3cf7678ef5e88dae990141c5924d57bb6fa31b9e5f9d";
    /** §4 "{client} calculate PSK binder": "binder hash" and "finished". */
    private static final String BINDER_HASH = "63224b2e4573f2d3454ca84b9d009a04f6be9e05711a8396473aefa01e924a14";
    private static final String BINDER = "3add4fb2d8fdf822a0ca3cf7678ef5e88dae990141c5924d57bb6fa31b9e5f9d";

    private static ClientHello decode(byte[] message) {
        return ClientHello.decode(TlsReader.of(Unpooled.wrappedBuffer(message, 4, message.length - 4), "ClientHello"));
    }

    @Test
    void binderCoversTheClientHelloUpToTheBinders() {
        byte[] message = bytes(RESUMED_CLIENT_HELLO);
        ClientHello hello = decode(message);
        OfferedPsks psks = hello.extensions().parse(ExtensionType.PRE_SHARED_KEY, "pre_shared_key", OfferedPsks::decode);
        assertThat(psks.identities()).hasSize(1);
        assertThat(psks.identities().get(0).obfuscatedTicketAge()).isEqualTo(0xfad6aacbL);
        assertThat(hex(psks.binders().get(0))).isEqualTo(BINDER);
        assertThat(psks.bindersLength()).isEqualTo(2 + 1 + 32);
        assertThat(psks.encode()).isEqualTo(hello.extensions().get(ExtensionType.PRE_SHARED_KEY));

        // Server side: the received hello is in the transcript; client side: it is not sent yet.
        Transcript received = new Transcript();
        received.add(message);
        assertThat(hex(received.hashWithoutTail(HashAlgorithm.SHA256, psks.bindersLength()))).isEqualTo(BINDER_HASH);
        assertThat(hex(new Transcript().hashWith(HashAlgorithm.SHA256, message, message.length - psks.bindersLength())))
                .isEqualTo(BINDER_HASH);
    }

    @Test
    void identitiesAndBindersMustPair() {
        OfferedPsks two = new OfferedPsks(List.of(new OfferedPsks.Identity(new byte[] {1}, 0), new OfferedPsks.Identity(new byte[] {2}, 0)),
                List.of(new byte[32]));
        byte[] body = two.encode();
        assertThatThrownBy(() -> OfferedPsks.decode(TlsReader.of(Unpooled.wrappedBuffer(body), "pre_shared_key")))
                .isInstanceOf(TlsAlertException.class).hasMessageContaining("2 identities but 1 binders");
    }
}
