package dev.sluice.benchmarks.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns JMH's JSON output into {@code docs/benchmarks.md} and the chart {@code docs/benchmarks.png}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.report.BenchmarkReport \
 *     --json results.json [--json more.json ...] \
 *     --markdown docs/benchmarks.md --chart docs/benchmarks.png \
 *     --command "java -jar benchmarks/target/benchmarks.jar -rf json -rff results.json" \
 *     [--date "2026-11-23"] [--machine "2 vCPU cloud VM"]
 * </pre>
 *
 * <p>Several {@code --json} files are merged (see {@link JmhResults}): results of different JDKs sit
 * side by side, each row marked with its JDK; a later file of the same JDK only adds the secondary
 * metrics (such as a {@code -prof gc} run's allocation figures) the earlier one lacks. {@code
 * --command} may be given once per command that produced the JSON. The date defaults to the newest
 * JSON file's modification time; the machine note to this machine's processor count and OS.
 *
 * <p>Needs nothing beyond the JDK; it runs headless, so it works on a build server without a display.
 */
public final class BenchmarkReport {

    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./=:,@+-]+");

    private BenchmarkReport() {}

    /** The command line, parsed. */
    record Options(List<Path> json, Path markdown, Path chart, List<String> commands, String date, String machine) {

        static Options parse(String... args) {
            List<Path> json = new ArrayList<>();
            List<String> commands = new ArrayList<>();
            Path markdown = Path.of("docs", "benchmarks.md");
            Path chart = Path.of("docs", "benchmarks.png");
            String date = null;
            String machine = null;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("--help") || option.equals("-h")) {
                    throw new UsageException(null);
                }
                if (i + 1 >= args.length) {
                    throw new UsageException(option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--json" -> json.add(Path.of(value));
                    case "--markdown" -> markdown = Path.of(value);
                    case "--chart" -> chart = Path.of(value);
                    case "--command" -> commands.add(value);
                    case "--date" -> date = value;
                    case "--machine" -> machine = value;
                    default -> throw new UsageException("unknown option " + option);
                }
            }
            if (json.isEmpty()) {
                throw new UsageException("give at least one --json file");
            }
            return new Options(List.copyOf(json), markdown, chart, List.copyOf(commands), date, machine);
        }
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        try {
            Options options = Options.parse(args);
            System.out.println(run(options, args));
        } catch (UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("BenchmarkReport: " + e.getMessage());
            }
            usage(e.getMessage() == null ? System.out : System.err);
            System.exit(e.getMessage() == null ? 0 : 2);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("BenchmarkReport: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Writes the markdown and the chart; answers a one-line summary. */
    static String run(Options options, String... args) throws IOException {
        List<Measurement> measurements = JmhResults.read(options.json());
        List<FamilyTable> tables = FamilyTable.build(measurements);
        List<Jdk> jdks = measurements.stream().map(Measurement::jdk).distinct().toList();
        List<Outcome> outcomes = Targets.evaluate(Targets.PERFORMANCE, jdks, FamilyTable.allCases(tables));

        String date = options.date() != null ? options.date() : newestModification(options.json());
        String jdkTitle = jdks.isEmpty()
                ? "no results"
                : "JDK " + jdks.stream().map(Jdk::label).collect(Collectors.joining(" and "));
        String title = "Sluice vs anchors: how many times better (" + jdkTitle + ", " + date + ")";
        RatioChart.write(title, RatioChart.bars(outcomes, tables, jdks.size() > 1), options.chart());

        Path markdownDir = options.markdown().toAbsolutePath().getParent();
        String chartLink = markdownDir
                .relativize(options.chart().toAbsolutePath())
                .toString()
                .replace('\\', '/');
        MarkdownReport.Header header = new MarkdownReport.Header(
                date,
                options.commands(),
                options.machine() != null ? options.machine() : thisMachine(),
                chartLink,
                reportCommand(args));
        Files.createDirectories(markdownDir);
        Files.writeString(
                options.markdown(),
                MarkdownReport.render(header, measurements, tables, outcomes),
                StandardCharsets.UTF_8);

        long met =
                outcomes.stream().filter(o -> o.status() == Outcome.Status.MET).count();
        long measured = outcomes.stream()
                .filter(o -> o.status() != Outcome.Status.NOT_MEASURED)
                .count();
        return String.format(
                Locale.ROOT,
                "wrote %s and %s: %d results in %d famil%s; %d of %d measured targets met",
                options.markdown(),
                options.chart(),
                measurements.size(),
                tables.size(),
                tables.size() == 1 ? "y" : "ies",
                met,
                measured);
    }

    private static String newestModification(List<Path> files) throws IOException {
        FileTime newest = null;
        for (Path file : files) {
            FileTime time = Files.getLastModifiedTime(file);
            if (newest == null || time.compareTo(newest) > 0) {
                newest = time;
            }
        }
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                .format(newest.toInstant().atOffset(ZoneOffset.UTC));
    }

    private static String thisMachine() {
        return Runtime.getRuntime().availableProcessors() + " processors available to the JVM (`nproc`), "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + " (where the report was made)";
    }

    /** The command that made the report, quoted for a POSIX shell. */
    static String reportCommand(String... args) {
        List<String> words = new ArrayList<>(
                List.of("java", "-cp", "benchmarks/target/benchmarks.jar", BenchmarkReport.class.getName()));
        words.addAll(List.of(args));
        return words.stream().map(BenchmarkReport::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String word) {
        if (PLAIN_WORD.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static void usage(PrintStream out) {
        out.println("usage: java -cp benchmarks/target/benchmarks.jar " + BenchmarkReport.class.getName());
        out.println("         --json results.json [--json more.json ...]   JMH output (-rf json); first file wins");
        out.println("         [--markdown docs/benchmarks.md] [--chart docs/benchmarks.png]");
        out.println("         [--command \"<the exact command that produced the JSON>\" ...]");
        out.println("         [--date \"2026-11-23\"]   default: the newest JSON file's modification time");
        out.println("         [--machine \"<note>\"]    default: this machine's processor count and OS");
    }
}
