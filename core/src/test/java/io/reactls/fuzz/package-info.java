/**
 * Coverage-guided fuzz targets (Jazzer, through jazzer-junit's {@code @FuzzTest}) for everything that reads peer
 * input: the server and client engines during the handshake, an established TLS 1.3 / TLS 1.2 connection, and the
 * decoders, PEM parsing and ticket opening alone.
 *
 * <p>In a normal build ({@code mvn -o -pl core verify}) every target replays only its inputs from
 * {@code src/test/resources/io/reactls/fuzz/<Class>Inputs/<method>/}: the seeds written by {@link
 * io.reactls.fuzz.SeedCorpus} and every crash found so far, kept as a regression test. To fuzz one target (Jazzer
 * fuzzes one method per JVM) for its {@link io.reactls.fuzz.FuzzBudget}:
 * <pre>
 * JAZZER_FUZZ=1 mvn -o -pl core test -Dtest='ServerEngineFuzzTest#patchedRealClientHello' -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * The targets run in surefire's execution {@code fuzz-targets} (tag {@code jazzer}), a JVM of their own, so that
 * Jazzer's agent does not instrument the classes of the other tests. Add {@code -Dtest.argLine='-Dfuzz.trace=true
 * -XX:+AllowRedefinitionToAddDeleteMethods'} to print the alert every input ends in.
 * A crash is written as {@code crash-<sha1>} into that method's inputs directory; fix the bug, keep the file (renamed
 * to say what it found) and commit both. The growing corpus goes to {@code core/.cifuzz-corpus} (not committed).
 * Jazzer's agent and BlockHound's coexist in that JVM ({@link io.reactls.fuzz.FuzzJvmTest}); Netty's paranoid leak
 * detector stays on, and
 * {@link io.reactls.fuzz.TrackingAllocator} adds a deterministic per-input leak check.
 */
package io.reactls.fuzz;
