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

/** The README's Reactor example compiles (as {@link ReactorQuickStart}), runs, and prints its result. */
@Timeout(60)
class ReactorQuickStartTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    private static final Path SOURCE = MODULE.resolve("src/main/java/dev/sluice/examples/ReactorQuickStart.java");
    private static final Path README = MODULE.resolve("../README.md").normalize();

    @Test
    void itPrintsTheProducedLinesTransformed() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ReactorQuickStart.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8).lines()).containsExactly("[LINE 1, LINE 2, LINE 3]");
    }

    @Test
    void theReadmeShowsExactlyThisCode() throws IOException {
        List<String> source = Files.readAllLines(SOURCE);
        int from = indexOf(source, "// tag::reactor[]", 0);
        int to = indexOf(source, "// end::reactor[]", from + 1);
        String tagged = String.join("\n", source.subList(from + 1, to)).stripIndent();

        List<String> readme = Files.readAllLines(README);
        int heading = indexOf(readme, "## Reactor", 0);
        int fence = indexOf(readme, "```java", heading + 1);
        int close = indexOf(readme, "```", fence + 1);
        String block = String.join("\n", readme.subList(fence + 1, close)).stripIndent();

        assertThat(block)
                .as(
                        "the first ```java block under '## Reactor' in %s must equal the tagged region of %s",
                        README, SOURCE)
                .isEqualTo(tagged);
    }

    private static int indexOf(List<String> lines, String marker, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError("no line '" + marker + "'");
    }
}
