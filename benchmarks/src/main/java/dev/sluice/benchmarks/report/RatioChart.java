package dev.sluice.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws the report's chart: one horizontal bar per target (or per case, when no target was measured)
 * showing how many times better Sluice is, on a log scale centred on 1×.
 *
 * <p><b>Reading it.</b> A bar starts at the 1× line and goes right when Sluice is ahead, left when it
 * is behind. Green bars meet their target, red ones do not, blue ones have no target (context). A
 * short black mark on a bar is the ratio the target requires. For a target that is an absolute figure
 * (crossbeam's, Go's) the bar is Sluice's rate divided by that figure, so the mark sits at 1×.
 *
 * <p>Drawn with {@code java.awt} into a {@link BufferedImage} and written with {@link ImageIO}; it
 * needs no display, as long as the JVM runs headless ({@link #write} asks for that unless the caller
 * already decided).
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

    private static final int MIN_ROW = 28;
    private static final int MAX_ROW = 52;
    private static final int TOP = 96;
    private static final int BOTTOM = 64;
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
        // few bars spread over the minimum height, many bars make the image taller
        int rows = Math.max(1, bars.size());
        int row = Math.max(MIN_ROW, Math.min(MAX_ROW, (MIN_HEIGHT - TOP - BOTTOM - 20) / rows));
        int thickness = row * 2 / 3;
        int height = Math.max(MIN_HEIGHT, TOP + BOTTOM + rows * row + 20);
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);

            Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 20);
            Font textFont = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
            Font smallFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

            g.setColor(Color.BLACK);
            g.setFont(titleFont);
            g.drawString(title, 20, 32);
            legend(g, smallFont, 20, 58);

            g.setFont(textFont);
            FontMetrics metrics = g.getFontMetrics();
            int labelWidth = Math.min(
                    WIDTH / 2,
                    bars.stream()
                            .mapToInt(b -> metrics.stringWidth(b.label()))
                            .max()
                            .orElse(100));
            int left = 20 + labelWidth + 16;
            int right = WIDTH - 90;
            int top = TOP;
            int bottom = top + rows * row;

            // the log2 scale: whole powers of two, always including 1/2 .. 2
            double low = 0.5;
            double high = 2;
            for (Bar bar : bars) {
                low = Math.min(low, bar.ratio());
                high = Math.max(high, bar.ratio());
                if (Double.isFinite(bar.required()) && bar.required() > 0) {
                    low = Math.min(low, bar.required());
                    high = Math.max(high, bar.required());
                }
            }
            int minPower = Math.max(-12, (int) Math.floor(log2(low)));
            int maxPower = Math.min(12, (int) Math.ceil(log2(high)));
            Scale x = new Scale(minPower, maxPower, left, right);

            // grid and tick labels
            int step = maxPower - minPower > 12 ? 2 : 1;
            g.setFont(smallFont);
            for (int p = minPower; p <= maxPower; p += step) {
                int px = x.at(Math.pow(2, p));
                g.setColor(new Color(225, 225, 225));
                g.drawLine(px, top - 6, px, bottom);
                g.setColor(Color.DARK_GRAY);
                String tick = Format.plain(Math.pow(2, p)) + "×";
                g.drawString(tick, px - g.getFontMetrics().stringWidth(tick) / 2, bottom + 18);
            }

            // bars
            int one = x.at(1);
            for (int i = 0; i < bars.size(); i++) {
                Bar shown = bars.get(i);
                int rowTop = top + i * row + (row - thickness) / 2;
                int baseline = rowTop + thickness / 2 + 5;
                int end = x.at(shown.ratio());
                g.setColor(shown.kind().color);
                g.fillRect(Math.min(one, end), rowTop, Math.max(1, Math.abs(end - one)), thickness);

                g.setFont(textFont);
                g.setColor(Color.BLACK);
                String label = fit(shown.label(), metrics, labelWidth);
                g.drawString(label, left - 16 - metrics.stringWidth(label), baseline);

                int textAt = Math.max(end, one);
                if (Double.isFinite(shown.required()) && shown.required() > 0) {
                    int req = x.at(shown.required());
                    g.setStroke(new BasicStroke(3));
                    g.drawLine(req, rowTop - 3, req, rowTop + thickness + 3);
                    g.setStroke(new BasicStroke(1));
                    textAt = Math.max(textAt, req);
                }
                g.drawString(Format.ratio(shown.ratio()), textAt + 6, baseline);
            }
            if (bars.isEmpty()) {
                g.setFont(textFont);
                g.drawString("no ratio measured", left + 10, top + row / 2 + 5);
            }

            // the 1× line and the axes
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(2));
            g.drawLine(one, top - 8, one, bottom + 2);
            g.setStroke(new BasicStroke(1));
            g.drawLine(left, bottom + 2, right, bottom + 2);
            g.setFont(textFont);
            String axis = "times better: Sluice ÷ anchor (throughput), anchor ÷ Sluice (time per op); log scale";
            g.drawString(axis, left + (right - left - metrics.stringWidth(axis)) / 2, bottom + 42);
            return image;
        } finally {
            g.dispose();
        }
    }

    private static void legend(Graphics2D g, Font font, int x, int y) {
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        int at = x;
        for (Kind kind : Kind.values()) {
            String text =
                    switch (kind) {
                        case MET -> "target met";
                        case NOT_MET -> "target not met";
                        case CONTEXT -> "no target";
                    };
            g.setColor(kind.color);
            g.fillRect(at, y - 11, 14, 12);
            g.setColor(Color.BLACK);
            g.drawString(text, at + 20, y);
            at += 20 + metrics.stringWidth(text) + 24;
        }
        g.setStroke(new BasicStroke(3));
        g.drawLine(at + 6, y - 13, at + 6, y + 2);
        g.setStroke(new BasicStroke(1));
        g.drawString("ratio required;  bars start at 1× (right: Sluice ahead, left: behind)", at + 18, y);
    }

    /** {@code text}, cut with an ellipsis to fit {@code width} pixels. */
    private static String fit(String text, FontMetrics metrics, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && metrics.stringWidth(cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }

    private static double log2(double value) {
        return Math.log(value) / Math.log(2);
    }

    /** Maps a ratio to a pixel column on the log2 axis from 2^min to 2^max. */
    private record Scale(int minPower, int maxPower, int left, int right) {
        int at(double ratio) {
            double p = Math.max(minPower, Math.min(maxPower, log2(ratio)));
            return (int) Math.round(left + (p - minPower) / (maxPower - minPower) * (right - left));
        }
    }
}
