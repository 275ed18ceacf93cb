package dev.sluice.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkReportTest {

    private static final String RUN = "java -jar benchmarks/target/benchmarks.jar -rf json -rff jmh-result.json";
    private static final String GC_RUN =
            "java -jar benchmarks/target/benchmarks.jar 'AllocationBenchmark|BoundedBenchmark' -p capacity=1024 -prof gc";

    @TempDir
    Path dir;

    @Test
    void writesTheMarkdownAndAChartFromAMainRunAndAGcRun() throws IOException {
        String[] args = {
            "--json",
            Resources.path(Resources.FAMILIES_JDK21).toString(),
            "--json",
            Resources.path(Resources.BOUNDED_GC_JDK21).toString(),
            "--markdown",
            dir.resolve("docs/benchmarks.md").toString(),
            "--chart",
            dir.resolve("docs/benchmarks.png").toString(),
            "--command",
            RUN,
            "--command",
            GC_RUN,
            "--date",
            "2026-11-23",
            "--machine",
            "2 vCPU test machine"
        };

        String summary = BenchmarkReport.run(BenchmarkReport.Options.parse(args), args);

        assertThat(summary).contains("146 results in 8 families").contains("26 of 27 measured targets met");
        String md = Files.readString(dir.resolve("docs/benchmarks.md"), StandardCharsets.UTF_8);
        assertThat(md)
                .startsWith("# Sluice benchmarks\n")
                .contains("- **Date:** 2026-11-23\n")
                .contains("- **JDK:** JDK 21.0.5 (OpenJDK 64-Bit Server VM, 21.0.5+11-LTS)\n")
                .contains("- **Machine:** 2 vCPU test machine\n")
                .contains("  " + RUN + "\n", "  " + GC_RUN + "\n")
                .contains("| `bounded(1024)` 1 producer 1 consumer vs `ArrayBlockingQueue` | 3.08× | ≥ 3× | met |")
                .contains(
                        "| blocking → `Flux.from(rx).publishOn`, 4 producers, vs RxJava `Flowable.create(BUFFER)` | 0.866× | ≥ 1× | **not met** |")
                .contains(
                        "| blocking → fused `ChannelFlux.from(rx).publishOn`, 1 and 4 producers, vs `Flux.from(rx).publishOn`"
                                + " (unfused) | — | ≥ 1.3× | not measured |")
                .contains("![How many times better Sluice is than each target's anchor](benchmarks.png)")
                .contains("### Bounded\n", "### PingPong\n", "### Rendezvous\n", "### BlockingToReactive\n")
                .contains("### ReactiveToBlocking\n", "### Unbounded\n", "### SpscThroughput\n", "### Allocation\n")
                // the gc run's allocation joins the main run's row; the main run's score stays
                .contains("| 1024 | spsc | 40.0 ± 1.6 [0.0100 B/op] | 60.0 ± 2.4 [0 B/op] | 13.0 ± 0.5 [0.0200 B/op] |")
                .contains("| 1024 | spsc | `sluiceSpecialised` | 4.62× | 0.545× |")
                .contains("Time per operation in ns/op: lower is better.")
                .contains("| 450 ± 23 | 900 ± 45 | 1400 ± 70 |")
                .contains("| `sluice` | 2.00× | 3.11× |")
                .contains("| 1024 | bounded | 38.0 ± 0.5 (recv) | 12.0 ± 0.5 (timedOffer) |")
                .contains("## How to reproduce")
                .contains("--date 2026-11-23");
        assertThat(md.indexOf("## Targets")).isLessThan(md.indexOf("## Chart"));
        assertThat(md.indexOf("## Chart")).isLessThan(md.indexOf("## Results by family"));
        assertThat(md.indexOf("## Results by family")).isLessThan(md.indexOf("## How to reproduce"));
        assertThat(md).doesNotContain("| JDK |");

        BufferedImage chart = ImageIO.read(dir.resolve("docs/benchmarks.png").toFile());
        assertThat(chart).isNotNull();
        assertThat(chart.getWidth()).isEqualTo(1200);
        assertThat(chart.getHeight()).isGreaterThanOrEqualTo(700);
    }

    @Test
    void marksEachRowWithItsJdkWhenRunsOfTwoJdksAreMerged() throws IOException {
        String[] args = {
            "--json", Resources.path(Resources.FAMILIES_JDK17).toString(),
            "--json", Resources.path(Resources.FAMILIES_JDK21).toString(),
            "--markdown", dir.resolve("out/report.md").toString(),
            "--chart", dir.resolve("charts/chart.png").toString(),
            "--date", "2026-11-23"
        };

        BenchmarkReport.run(BenchmarkReport.Options.parse(args), args);

        String md = Files.readString(dir.resolve("out/report.md"), StandardCharsets.UTF_8);
        assertThat(md)
                .contains("JDK 17.0.15 (OpenJDK 64-Bit Server VM, 17.0.15+6-Debian-1deb12u1); JDK 21.0.5")
                .contains("| target | JDK | measured | required | status |")
                .contains(
                        "| `bounded(1024)` 1 producer 1 consumer vs `ArrayBlockingQueue` | 17.0.15 | 3.08× | ≥ 3× | met |")
                .contains("| vs jox channels, every case | 17.0.15 | — | ≥ 1× | not measured |")
                .contains("| JDK | capacity | shape | `sluice` |")
                .contains("| 17.0.15 | 1 | seq | 12.0 ± 0.5 |")
                .contains("| 21.0.5 | 1 | seq | 12.0 ± 0.5 |")
                .contains("](../charts/chart.png)")
                .contains("# not recorded (pass --command to BenchmarkReport)");
        assertThat(md.indexOf("| 17.0.15 | 1 | seq |")).isLessThan(md.indexOf("| 21.0.5 | 1 | seq |"));
        assertThat(ImageIO.read(dir.resolve("charts/chart.png").toFile())).isNotNull();
    }

    @Test
    void readsRealJmhOutputEndToEnd() throws IOException {
        Path json = Resources.path(Resources.REAL_GC);
        String[] args = {
            "--json", json.toString(),
            "--markdown", dir.resolve("b.md").toString(),
            "--chart", dir.resolve("b.png").toString()
        };

        String summary = BenchmarkReport.run(BenchmarkReport.Options.parse(args), args);

        assertThat(summary).contains("3 results in 2 families").contains("1 of 1 measured targets met");
        String md = Files.readString(dir.resolve("b.md"), StandardCharsets.UTF_8);
        assertThat(md)
                .containsPattern("- \\*\\*Date:\\*\\* \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\n")
                .contains("| 1024 | bounded | `channelSendRecv` | 0.477× |")
                .contains("| 1024 | bounded | 2.75 (recv) [0.901 B/op] |");
        assertThat(ImageIO.read(dir.resolve("b.png").toFile())).isNotNull();
    }

    @Test
    void theCommandLineIsCheckedAndTheReportCommandQuoted() {
        assertThatThrownBy(() -> BenchmarkReport.Options.parse("--markdown", "x.md"))
                .hasMessageContaining("--json");
        assertThatThrownBy(() -> BenchmarkReport.Options.parse("--json")).hasMessageContaining("--json needs a value");
        assertThatThrownBy(() -> BenchmarkReport.Options.parse("--jsn", "a.json"))
                .hasMessageContaining("--jsn");

        BenchmarkReport.Options options =
                BenchmarkReport.Options.parse("--json", "a.json", "--json", "b.json", "--command", "run 'it'");
        assertThat(options.json()).containsExactly(Path.of("a.json"), Path.of("b.json"));
        assertThat(options.markdown()).isEqualTo(Path.of("docs/benchmarks.md"));
        assertThat(options.chart()).isEqualTo(Path.of("docs/benchmarks.png"));
        assertThat(BenchmarkReport.reportCommand("--json", "a.json", "--command", "run 'it'"))
                .isEqualTo("java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.report.BenchmarkReport"
                        + " --json a.json --command 'run '\\''it'\\'''");
    }
}
