package io.reactls.crypto;

import java.lang.reflect.Method;
import java.security.Provider;
import java.util.Optional;

/**
 * The optional native backend: Amazon Corretto Crypto Provider (AWS-LC), found by reflection so reactls never needs
 * it at compile or run time. It is used only when its class is on the class path, its native library loaded, its
 * self-tests pass ({@code assertHealthy()}), and {@value #SWITCH} is not {@code false}. Nothing is registered with
 * {@link java.security.Security}: reactls asks the provider object directly, so the rest of the JVM is unaffected.
 * On JDK 24+ the native library load warns unless the JVM runs with {@code --enable-native-access=ALL-UNNAMED}
 * (or the ACCP module's name when it is on the module path).
 */
public final class NativeCrypto {

    /** System property: {@code false} keeps every primitive on the JDK / Bouncy Castle even when ACCP is present. */
    public static final String SWITCH = "io.reactls.crypto.native";

    private static final String ACCP = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";
    private static final System.Logger LOG = System.getLogger(NativeCrypto.class.getName());

    private NativeCrypto() {
    }

    private static final class Holder {
        static final Optional<Provider> PROVIDER = load();
    }

    /** ACCP when present, healthy and not switched off by {@value #SWITCH}; loaded once per JVM. */
    public static Optional<Provider> provider() {
        if ("false".equalsIgnoreCase(System.getProperty(SWITCH, "true"))) {
            return Optional.empty();
        }
        return Holder.PROVIDER;
    }

    private static Optional<Provider> load() {
        Class<?> type;
        try {
            type = Class.forName(ACCP, true, NativeCrypto.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            return Optional.empty(); // the normal case without the optional dependency: nothing to say
        }
        try {
            Provider provider = (Provider) type.getField("INSTANCE").get(null);
            Object loadingError = type.getMethod("getLoadingError").invoke(provider);
            if (loadingError != null) {
                LOG.log(System.Logger.Level.WARNING, "Amazon Corretto Crypto Provider is on the class path but did not load; "
                        + "reactls uses the JDK's providers", (Throwable) loadingError);
                return Optional.empty();
            }
            Method assertHealthy = type.getMethod("assertHealthy");
            assertHealthy.invoke(provider); // runs (or waits for) the self-tests; throws if any failed
            return Optional.of(provider);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
            LOG.log(System.Logger.Level.WARNING, "Amazon Corretto Crypto Provider failed its health check; reactls uses the JDK's "
                    + "providers", cause);
            return Optional.empty();
        }
    }
}
