package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A README example and the program that holds its code: the first {@code ```java} block under a
 * README heading must equal the program's region between {@code // tag::name[]} and {@code //
 * end::name[]}, and the program prints what the README says.
 */
final class ReadmeExample {
    /** The examples module's folder: surefire sets {@code basedir}; an IDE usually runs tests there. */
    private static final Path MODULE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));

    private static final Path README = MODULE.resolve("../README.md").normalize();

    private ReadmeExample() {}

    /** What {@code main} printed, line by line. */
    static List<String> output(ThrowingMain main) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.run(new String[0]);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    interface ThrowingMain {
        void run(String[] args) throws Exception;
    }

    /** Checks that the block under {@code heading} is the {@code tag} region of {@code program}'s source. */
    static void assertReadmeShows(String heading, Class<?> program, String tag) throws IOException {
        Path source = MODULE.resolve("src/main/java/" + program.getName().replace('.', '/') + ".java");
        List<String> code = Files.readAllLines(source);
        int from = indexOf(code, "// tag::" + tag + "[]", 0, source);
        int to = indexOf(code, "// end::" + tag + "[]", from + 1, source);
        String tagged = String.join("\n", code.subList(from + 1, to)).stripIndent();

        List<String> readme = Files.readAllLines(README);
        int at = -1;
        for (int i = 0; i < readme.size() && at < 0; i++) {
            if (readme.get(i).strip().equalsIgnoreCase(heading)) {
                at = i;
            }
        }
        assertThat(at).as("a '%s' heading in %s", heading, README).isNotNegative();
        int fence = indexOf(readme, "```java", at + 1, README);
        int close = indexOf(readme, "```", fence + 1, README);
        String block = String.join("\n", readme.subList(fence + 1, close)).stripIndent();

        assertThat(block)
                .as(
                        "the first ```java block under '%s' in %s must equal the tagged region of %s",
                        heading, README, source)
                .isEqualTo(tagged);
    }

    private static int indexOf(List<String> lines, String marker, int from, Path file) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError("no line '" + marker + "' in " + file);
    }
}
