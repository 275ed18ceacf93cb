package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's quick start compiles (as {@link QuickStart}), runs, and says what it shows. */
@Timeout(60)
class QuickStartTest {

    /** The examples module's folder: surefire sets {@code basedir}; an IDE usually runs tests there. */
    private static final Path MODULE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));

    private static final Path QUICK_START = MODULE.resolve("src/main/java/dev/sluice/examples/QuickStart.java");
    private static final Path README = MODULE.resolve("../README.md").normalize();

    @Test
    void quickStartPrintsEveryMessageInOrder() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            QuickStart.main(new String[0]);
        } finally {
            System.setOut(original);
        }

        assertThat(captured.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("message 1", "message 2", "message 3");
    }

    @Test
    void readmeQuickStartIsTheCodeOfQuickStart() throws IOException {
        String tagged =
                between(Files.readAllLines(QUICK_START), "// tag::quickstart[]", "// end::quickstart[]", QUICK_START);
        String readme = readmeQuickStartBlock(Files.readAllLines(README));

        assertThat(readme)
                .as(
                        "the ```java block under '## Quick start' in %s must equal the tagged region of %s",
                        README, QUICK_START)
                .isEqualTo(tagged);
    }

    /** The lines strictly between the two marker lines, with their common indentation removed. */
    private static String between(List<String> lines, String begin, String end, Path file) {
        int from = indexOf(lines, begin, 0, file);
        int to = indexOf(lines, end, from + 1, file);
        return String.join("\n", lines.subList(from + 1, to)).stripIndent();
    }

    private static int indexOf(List<String> lines, String marker, int from, Path file) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError("no line '" + marker + "' in " + file);
    }

    /** The first {@code ```java} fenced block after the "## Quick start" heading. */
    private static String readmeQuickStartBlock(List<String> lines) {
        int heading = -1;
        for (int i = 0; i < lines.size() && heading < 0; i++) {
            if (lines.get(i).strip().equalsIgnoreCase("## Quick start")) {
                heading = i;
            }
        }
        assertThat(heading).as("a '## Quick start' heading in %s", README).isNotNegative();
        int fence = indexOf(lines, "```java", heading + 1, README);
        int close = indexOf(lines, "```", fence + 1, README);
        return String.join("\n", lines.subList(fence + 1, close)).stripIndent();
    }
}
