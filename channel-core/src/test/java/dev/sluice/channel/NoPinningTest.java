package dev.sluice.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * S7: no {@code synchronized} and no {@code Object.wait} anywhere in the library, so a virtual
 * thread waiting in a channel never pins its carrier. Reads the sources (Surefire runs in the
 * module's folder), ignoring comments.
 */
class NoPinningTest {
    private static final Pattern FORBIDDEN = Pattern.compile("\\bsynchronized\\b|\\.wait\\s*\\(|\\bwait\\s*\\(\\s*\\)");

    @Test
    void theLibraryNeverUsesMonitors() throws IOException {
        Path sources = Path.of("src", "main", "java");
        assertThat(sources).isDirectory();
        List<String> offending;
        try (Stream<Path> files = Files.walk(sources)) {
            offending = files.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(NoPinningTest::codeLinesUsingMonitors)
                    .collect(Collectors.toList());
        }
        assertThat(offending).isEmpty();
    }

    private static Stream<String> codeLinesUsingMonitors(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            Stream.Builder<String> hits = Stream.builder();
            boolean inComment = false;
            for (int i = 0; i < lines.size(); i++) {
                String code = lines.get(i);
                if (inComment) {
                    int end = code.indexOf("*/");
                    if (end < 0) {
                        continue;
                    }
                    code = code.substring(end + 2);
                    inComment = false;
                }
                int start = code.indexOf("/*");
                if (start >= 0) {
                    inComment = !code.substring(start).contains("*/");
                    code = code.substring(0, start);
                }
                int line = code.indexOf("//");
                if (line >= 0) {
                    code = code.substring(0, line);
                }
                if (FORBIDDEN.matcher(code).find()) {
                    hits.add(file + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
            return hits.build();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
