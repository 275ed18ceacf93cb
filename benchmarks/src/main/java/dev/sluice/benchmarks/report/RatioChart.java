package dev.sluice.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Draws the report's chart: one horizontal bar per target (or per case, when no target was measured)
 * showing how many times better Sluice is, on a log scale centred on 1×.
 *
 * <p><b>Reading it.</b> A bar starts at the 1× line and goes right when Sluice is ahead, left when it
 * is behind. Green bars meet their target, red ones do not, blue ones have no target (context). A
 * short black mark on a bar is the ratio the target requires. For a target that is an absolute figure
 * (crossbeam's, Go's) the bar is Sluice's rate divided by that figure, so the mark sits at 1×.
 *
 * <p>Drawn by JFreeChart (a horizontal bar chart on a base-2 log axis, bars based at 1×, a shape series
 * for the required ratios) into a {@link BufferedImage} written with {@link ImageIO}; what is ours is
 * which bars to show and their colours. It needs no display, as long as the JVM runs headless ({@link
 * #draw} asks for that unless the caller already decided).
 */
public final class RatioChart {

    /** One bar: a ratio (times better), the ratio required ({@code NaN} for none) and its colour. */
    public record Bar(String label, double ratio, double required, Kind kind) {}

    public enum Kind {
        MET(new Color(46, 160, 67)),
        NOT_MET(new Color(214, 39, 40)),
        CONTEXT(new Color(31, 119, 180));

        final Color color;

        Kind(Color color) {
            this.color = color;
        }
    }

    static final int WIDTH = 1200;
    static final int MIN_HEIGHT = 700;

    private static final int ROW = 34;
    private static final int MAX_CONTEXT_BARS = 40;

    private RatioChart() {}

    /**
     * The bars for a report: one per measured target outcome that is a ratio, or, when there is none,
     * the best Sluice method against each anchor in every case.
     */
    public static List<Bar> bars(List<Outcome> outcomes, List<FamilyTable> tables, boolean nameJdk) {
        List<Bar> bars = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (Double.isNaN(outcome.chartValue())) {
                continue;
            }
            String label = outcome.target().name().replace("`", "");
            if (outcome.target() instanceof Target.Rate rate) {
                label += " (÷ " + Format.plain(rate.msgsPerMicro()) + " msgs/µs)";
            }
            if (outcome.readings().size() > 1) {
                label += " (worst: " + outcome.readings().get(0).source().describe() + ")";
            }
            if (nameJdk) {
                label += ", JDK " + outcome.jdk().label();
            }
            Kind kind = outcome.status() == Outcome.Status.MET ? Kind.MET : Kind.NOT_MET;
            bars.add(new Bar(label, outcome.chartValue(), outcome.chartRequired(), kind));
        }
        if (!bars.isEmpty()) {
            return bars;
        }
        for (FamilyTable table : tables) {
            for (Case c : table.cases()) {
                for (String anchor : c.anchorColumns()) {
                    c.best(List.of(), anchor).ifPresent(best -> {
                        String label = c.describe() + ": " + best + " vs " + anchor
                                + (nameJdk ? ", JDK " + c.jdk().label() : "");
                        bars.add(new Bar(label, c.ratio(best, anchor), Double.NaN, Kind.CONTEXT));
                    });
                }
            }
        }
        return bars.size() > MAX_CONTEXT_BARS ? bars.subList(0, MAX_CONTEXT_BARS) : bars;
    }

    /** Draws {@code bars} under {@code title} into a PNG file. */
    public static void write(String title, List<Bar> bars, Path file) throws IOException {
        BufferedImage image = draw(title, bars);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JDK");
        }
    }

    static BufferedImage draw(String title, List<Bar> allBars) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        List<Bar> bars = allBars.stream()
                .filter(b -> b.ratio() > 0 && Double.isFinite(b.ratio()))
                .toList();
        DefaultCategoryDataset ratios = new DefaultCategoryDataset();
        DefaultCategoryDataset required = new DefaultCategoryDataset();
        double low = 0.5, high = 2; // the axis always shows 1/2 .. 2
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            Row row = new Row(i, bar.label());
            ratios.addValue(bar.ratio(), "ratio", row);
            boolean hasTarget = Double.isFinite(bar.required()) && bar.required() > 0;
            required.addValue(hasTarget ? bar.required() : null, "required", row);
            low = Math.min(low, hasTarget ? Math.min(bar.ratio(), bar.required()) : bar.ratio());
            high = Math.max(high, hasTarget ? Math.max(bar.ratio(), bar.required()) : bar.ratio());
        }

        LogAxis axis =
                new LogAxis("times better: Sluice ÷ anchor (throughput), anchor ÷ Sluice (time per op); log scale");
        axis.setBase(2);
        axis.setNumberFormatOverride(new RatioFormat());
        // one more power of two on the right: room for the largest bar's label
        axis.setRange(Math.pow(2, Math.floor(log2(low))), Math.pow(2, Math.ceil(log2(high)) + 1));
        CategoryAxis labels = new CategoryAxis();
        labels.setMaximumCategoryLabelWidthRatio(0.45f);
        labels.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));

        // the bars grow from 1x: right when Sluice is ahead, left when behind
        BarRenderer bodies = new BarRenderer() {
            @Override
            public Paint getItemPaint(int series, int column) {
                return bars.get(column).kind().color;
            }
        };
        bodies.setBase(1);
        bodies.setBarPainter(new StandardBarPainter());
        bodies.setShadowVisible(false);
        bodies.setMaximumBarWidth(0.7);
        bodies.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new RatioFormat()));
        bodies.setDefaultItemLabelsVisible(true);
        bodies.setDefaultPositiveItemLabelPosition(
                new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        bodies.setDefaultNegativeItemLabelPosition(
                new ItemLabelPosition(ItemLabelAnchor.OUTSIDE9, TextAnchor.CENTER_RIGHT));

        // the ratio a target requires: a short black mark across its bar
        LineAndShapeRenderer marks = new LineAndShapeRenderer(false, true);
        marks.setSeriesShape(0, new Rectangle2D.Double(-1.5, -10, 3, 20));
        marks.setSeriesPaint(0, Color.BLACK);

        CategoryPlot plot = new CategoryPlot(ratios, labels, axis, bodies);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        plot.setDataset(1, required);
        plot.setRenderer(1, marks);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(200, 200, 200));
        plot.addRangeMarker(new ValueMarker(1, Color.BLACK, new BasicStroke(2)));
        if (bars.isEmpty()) {
            plot.setNoDataMessage("no ratio measured");
        }

        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 20), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle(
                "green: target met   red: target not met   blue: no target   black mark: the ratio required",
                new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        int height = Math.max(MIN_HEIGHT, 150 + bars.size() * ROW);
        return chart.createBufferedImage(WIDTH, height);
    }

    private static double log2(double value) {
        return Math.log(value) / Math.log(2);
    }

    /** A bar's category: its position keeps two bars with the same label apart. */
    private record Row(int index, String label) implements Comparable<Row> {
        @Override
        public int compareTo(Row other) {
            return Integer.compare(index, other.index);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Ratios as the report writes them ({@code 1.5×}, {@code 0.25×}). */
    private static final class RatioFormat extends NumberFormat {
        @Override
        public StringBuffer format(double number, StringBuffer out, FieldPosition pos) {
            return out.append(Format.ratio(number));
        }

        @Override
        public StringBuffer format(long number, StringBuffer out, FieldPosition pos) {
            return out.append(Format.ratio(number));
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException("ratios are only written");
        }
    }
}
