package io.reactls.engine;

/** Reaches into a {@link TlsEngine} where a test plays a misbehaving peer, for tests outside this package. */
public final class EngineTestAccess {

    private EngineTestAccess() {
    }

    /** Makes {@code engine} ignore the negotiated record_size_limit, as a broken peer would. */
    public static void recordSizeLimits(TlsEngine engine, int sendContent, int receiveContent) {
        engine.recordSizeLimits(sendContent, receiveContent);
    }
}
