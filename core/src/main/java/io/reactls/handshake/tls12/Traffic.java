package io.reactls.handshake.tls12;

/** Step ⑧: the handshake is over; the engine carries application data and refuses renegotiation. */
public final class Traffic implements Tls12State {

    static final Traffic INSTANCE = new Traffic();

    private Traffic() {
    }

    @Override
    public boolean isTraffic() {
        return true;
    }

    @Override
    public String describe() {
        return "exchanging application data";
    }
}
