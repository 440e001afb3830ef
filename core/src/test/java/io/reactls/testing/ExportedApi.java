package io.reactls.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a reactls module's exported packages show users (and javadoc): every public or protected member of a public type
 * there, with the types it takes, returns, throws, extends or implements. A reactls type counts as internal when its own
 * module does not export its package to everyone.
 */
public final class ExportedApi {

    private static final Map<Path, Set<String>> EXPORTS = new ConcurrentHashMap<>();

    private ExportedApi() {
    }

    /**
     * The module descriptor compiled into {@code classes}.
     *
     * @param classes a module's {@code target/classes}
     * @return its descriptor
     */
    public static ModuleDescriptor descriptor(Path classes) {
        return ModuleFinder.of(classes).findAll().iterator().next().descriptor();
    }

    /**
     * The packages {@code module} exports to everyone.
     *
     * @param module a module descriptor
     * @return the unqualified exports
     */
    public static Set<String> exported(ModuleDescriptor module) {
        return module.exports().stream().filter(e -> !e.isQualified()).map(Exports::source).collect(Collectors.toSet());
    }

    /**
     * Every internal type the exported API of the module in {@code classes} mentions.
     *
     * @param classes a module's {@code target/classes}
     * @return "Type#member internal.Type" per mention, sorted
     */
    public static Set<String> leaks(Path classes) {
        Set<String> leaks = new TreeSet<>();
        for (String pkg : exported(descriptor(classes))) {
            for (Class<?> type : publicTypes(classes, pkg)) {
                leaks.addAll(leaksOf(type));
            }
        }
        return leaks;
    }

    /**
     * The members behind {@code leaks}.
     *
     * @param leaks what {@link #leaks} found
     * @return "Type#member" per leaking member, sorted
     */
    public static Set<String> members(Set<String> leaks) {
        return leaks.stream().map(l -> l.substring(0, l.indexOf(' '))).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The internal types the public and protected parts of {@code type} mention.
     *
     * @param type a public type
     * @return "Type#member internal.Type" per mention
     */
    public static List<String> leaksOf(Class<?> type) {
        List<String> leaks = new ArrayList<>();
        List<Type> header = new ArrayList<>(List.of(type.getGenericInterfaces()));
        if (type.getGenericSuperclass() != null) {
            header.add(type.getGenericSuperclass());
        }
        report(type.getName() + "#<type>", header, leaks);
        for (Field f : type.getDeclaredFields()) {
            if (visible(f)) {
                report(type.getName() + "#" + f.getName(), List.of(f.getGenericType()), leaks);
            }
        }
        for (Executable e : Stream.concat(Stream.of(type.getDeclaredMethods()), Stream.of(type.getDeclaredConstructors())).toList()) {
            if (!visible(e) || (e instanceof Method m && m.isBridge())) {
                continue;
            }
            List<Type> mentioned = new ArrayList<>(List.of(e.getGenericParameterTypes()));
            mentioned.addAll(List.of(e.getGenericExceptionTypes()));
            if (e instanceof Method m) {
                mentioned.add(m.getGenericReturnType());
            }
            report(type.getName() + "#" + (e instanceof Method ? e.getName() : "<init>"), mentioned, leaks);
        }
        return leaks;
    }

    private static boolean visible(Member m) {
        return !m.isSynthetic() && (Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers()));
    }

    private static void report(String where, List<Type> types, List<String> leaks) {
        Set<Class<?>> classes = new HashSet<>();
        types.forEach(t -> collect(t, classes, new HashSet<>()));
        for (Class<?> c : classes) {
            if (isInternal(c)) {
                leaks.add(where + " " + c.getName());
            }
        }
    }

    private static boolean isInternal(Class<?> c) {
        if (!c.getPackageName().startsWith("io.reactls")) {
            return false;
        }
        return !EXPORTS.computeIfAbsent(location(c), l -> exported(descriptor(l))).contains(c.getPackageName());
    }

    private static Path location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(Type t, Set<Class<?>> out, Set<Type> seen) {
        if (!seen.add(t)) {
            return;
        }
        if (t instanceof Class<?> c) {
            out.add(c.isArray() ? c.getComponentType() : c);
        } else if (t instanceof ParameterizedType p) {
            collect(p.getRawType(), out, seen);
            for (Type a : p.getActualTypeArguments()) {
                collect(a, out, seen);
            }
        } else if (t instanceof WildcardType w) {
            Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds())).forEach(b -> collect(b, out, seen));
        } else if (t instanceof GenericArrayType a) {
            collect(a.getGenericComponentType(), out, seen);
        } else if (t instanceof TypeVariable<?> v) {
            for (Type b : v.getBounds()) {
                collect(b, out, seen);
            }
        }
    }

    /** The public top-level and nested types of {@code pkg} (its own directory, not subpackages). */
    private static List<Class<?>> publicTypes(Path classes, String pkg) {
        try (Stream<Path> files = Files.list(classes.resolve(pkg.replace('.', '/')))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class"))
                    .<Class<?>>map(n -> load(pkg + "." + n.substring(0, n.length() - ".class".length())))
                    .filter(ExportedApi::reachable).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean reachable(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ExportedApi.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
