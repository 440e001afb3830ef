package io.reactls.examples.cli;

import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.TlsVersion;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.ArrayList;
import java.util.Arrays;

/** Command-line names: IANA (or OpenSSL) cipher suite names, RFC group names (or P-256/P-384), versions as 1.2. */
final class NameConverters {

    private NameConverters() {
    }

    static final class Suite implements ITypeConverter<CipherSuite> {
        @Override
        public CipherSuite convert(String value) {
            try {
                return CipherSuite.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Group implements ITypeConverter<NamedGroup> {
        @Override
        public NamedGroup convert(String value) {
            return NamedGroup.fromName(value);
        }
    }

    static final class Version implements ITypeConverter<TlsVersion> {
        @Override
        public TlsVersion convert(String value) {
            return TlsVersion.parse(value);
        }
    }

    /** For --help: the suites by IANA name. */
    static final class SuiteNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        SuiteNames() {
            super(Arrays.stream(CipherSuite.values()).map(Enum::name).toList());
        }
    }

    static final class GroupNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        GroupNames() {
            super(Arrays.stream(NamedGroup.values()).map(NamedGroup::rfcName).toList());
        }
    }
}
