package io.reactls.jsse;

import io.reactls.NamedGroup;
import io.reactls.SignatureScheme;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLParameters;

/**
 * {@code SSLParameters.getNamedGroups/setNamedGroups} (JDK 20) and {@code getSignatureSchemes/setSignatureSchemes}
 * (JDK 19), reached by reflection so reactls builds for JDK 17 and honours them where they exist. Names we do not
 * implement are skipped, as SunJSSE skips names it does not know.
 */
final class NewerSslParameters {

    private static final Method GET_GROUPS = method("getNamedGroups");
    private static final Method SET_GROUPS = method("setNamedGroups", String[].class);
    private static final Method GET_SCHEMES = method("getSignatureSchemes");
    private static final Method SET_SCHEMES = method("setSignatureSchemes", String[].class);

    private NewerSslParameters() {
    }

    /** The groups set on {@code p}, or null when the JDK has no such parameter or none were set. */
    static List<NamedGroup> namedGroups(SSLParameters p) {
        String[] names = (String[]) call(GET_GROUPS, p);
        if (names == null) {
            return null;
        }
        List<NamedGroup> out = new ArrayList<>();
        for (String n : names) {
            try {
                out.add(NamedGroup.fromName(n));
            } catch (IllegalArgumentException unknown) {
                // a group reactls does not implement
            }
        }
        return out;
    }

    static List<SignatureScheme> signatureSchemes(SSLParameters p) {
        String[] names = (String[]) call(GET_SCHEMES, p);
        if (names == null) {
            return null;
        }
        List<SignatureScheme> out = new ArrayList<>();
        for (String n : names) {
            for (SignatureScheme s : SignatureScheme.values()) {
                if (s.rfcName().equalsIgnoreCase(n)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    static void setNamedGroups(SSLParameters p, List<NamedGroup> groups) {
        call(SET_GROUPS, p, (Object) groups.stream().map(NamedGroup::rfcName).toArray(String[]::new));
    }

    static void setSignatureSchemes(SSLParameters p, List<SignatureScheme> schemes) {
        call(SET_SCHEMES, p, (Object) schemes.stream().map(SignatureScheme::rfcName).toArray(String[]::new));
    }

    private static Object call(Method m, SSLParameters p, Object... args) {
        if (m == null) {
            return null;
        }
        try {
            return m.invoke(p, args);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static Method method(String name, Class<?>... types) {
        try {
            return SSLParameters.class.getMethod(name, types);
        } catch (NoSuchMethodException e) {
            return null; // an older JDK
        }
    }
}
