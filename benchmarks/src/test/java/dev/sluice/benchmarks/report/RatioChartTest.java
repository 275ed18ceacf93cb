package dev.sluice.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatioChartTest {

    @TempDir
    Path dir;

    @Test
    void writesADecodablePngWithABarOfEachColour() throws IOException {
        Path file = dir.resolve("sub/chart.png");
        List<RatioChart.Bar> bars = List.of(
                new RatioChart.Bar("met", 3.1, 3, RatioChart.Kind.MET),
                new RatioChart.Bar("not met", 0.4, 0.5, RatioChart.Kind.NOT_MET),
                new RatioChart.Bar("context", 1.5, Double.NaN, RatioChart.Kind.CONTEXT));

        RatioChart.write("Sluice vs anchors (JDK 17.0.15)", bars, file);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(RatioChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(RatioChart.MIN_HEIGHT);
        // the legend has a swatch of each colour too, so count enough pixels for a bar
        assertThat(pixels(image, RatioChart.Kind.MET)).isGreaterThan(2000);
        assertThat(pixels(image, RatioChart.Kind.NOT_MET)).isGreaterThan(2000);
        assertThat(pixels(image, RatioChart.Kind.CONTEXT)).isGreaterThan(2000);
    }

    @Test
    void manyBarsMakeATallerImageAndUnusableRatiosAreSkipped() {
        List<RatioChart.Bar> bars = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            bars.add(new RatioChart.Bar("case " + i, 1 + i / 10.0, 2, RatioChart.Kind.MET));
        }
        bars.add(new RatioChart.Bar("broken", Double.NaN, 2, RatioChart.Kind.NOT_MET));
        bars.add(new RatioChart.Bar("zero", 0, 2, RatioChart.Kind.NOT_MET));

        BufferedImage image = RatioChart.draw("many", bars);

        assertThat(image.getHeight()).isGreaterThan(RatioChart.MIN_HEIGHT);
        assertThat(pixels(image, RatioChart.Kind.NOT_MET)).isLessThan(400); // the legend swatch only
    }

    @Test
    void withoutMeasuredTargetsTheChartShowsEachCaseAgainstEachAnchor() {
        List<Measurement> results = JmhRows.on("17")
                .thrpt("UnboundedBenchmark.linkedBlockingQueue", 5, "shape", "spsc")
                .thrpt("UnboundedBenchmark.sluice", 20, "shape", "spsc")
                .measurements();
        List<FamilyTable> tables = FamilyTable.build(results);
        List<Outcome> outcomes =
                Targets.evaluate(Targets.PERFORMANCE, List.of(results.get(0).jdk()), FamilyTable.allCases(tables));

        List<RatioChart.Bar> bars = RatioChart.bars(outcomes, tables, false);

        assertThat(bars)
                .containsExactly(new RatioChart.Bar(
                        "Unbounded shape=spsc: sluice vs linkedBlockingQueue",
                        4.0,
                        Double.NaN,
                        RatioChart.Kind.CONTEXT));
    }

    @Test
    void measuredTargetsBecomeBarsColouredByStatus() {
        List<Measurement> results = JmhRows.on("17")
                .thrpt("BoundedBenchmark.arrayBlockingQueue", 10, "capacity", "1024", "shape", "spsc")
                .thrpt("BoundedBenchmark.sluice", 25, "capacity", "1024", "shape", "spsc")
                .thrpt("BoundedBenchmark.arrayBlockingQueue", 10, "capacity", "1024", "shape", "mpmc")
                .thrpt("BoundedBenchmark.sluice", 25, "capacity", "1024", "shape", "mpmc")
                .measurements();
        List<FamilyTable> tables = FamilyTable.build(results);
        List<Outcome> outcomes =
                Targets.evaluate(Targets.PERFORMANCE, List.of(results.get(0).jdk()), FamilyTable.allCases(tables));

        List<RatioChart.Bar> bars = RatioChart.bars(outcomes, tables, true);

        assertThat(bars)
                .extracting(RatioChart.Bar::label, RatioChart.Bar::ratio, RatioChart.Bar::kind)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(
                                "bounded(1024) 1 producer 1 consumer vs ArrayBlockingQueue, JDK 17",
                                2.5,
                                RatioChart.Kind.NOT_MET),
                        org.assertj.core.groups.Tuple.tuple(
                                "MPMC 4×4 vs ArrayBlockingQueue, JDK 17", 2.5, RatioChart.Kind.MET));
        assertThat(bars).extracting(RatioChart.Bar::label).anyMatch(l -> l.startsWith("crossbeam bounded(1024), spsc"));
    }

    private static int pixels(BufferedImage image, RatioChart.Kind kind) {
        int rgb = kind.color.getRGB();
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }
}
