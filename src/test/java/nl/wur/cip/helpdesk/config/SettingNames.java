package nl.wur.cip.helpdesk.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The HELPDESK_ settings the code reads, found in its sources, for the tests that hold documents to them. */
final class SettingNames {
    private static final Pattern SETTING = Pattern.compile("\"(HELPDESK_[A-Z0-9_]+)\"");

    private SettingNames() {}

    static Set<String> readByTheCode() throws IOException {
        TreeSet<String> read = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = SETTING.matcher(Files.readString(source));
                while (m.find()) {
                    read.add(m.group(1));
                }
            }
        }
        return read;
    }
}
