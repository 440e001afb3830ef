package io.reactls.examples.bench;

import io.reactls.benchmarks.HandshakeKind;
import io.reactls.benchmarks.Stacks;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/**
 * The charts of a run, as PNG and SVG (JFreeChart draws, JFreeSVG writes the SVG): for cipher and record,
 * throughput by payload size with one line per stack (log-log, one chart per suite, buffer kind and JDK); for
 * handshakes, handshakes/s per kind with one bar per stack (one chart per JDK).
 */
public final class BenchCharts {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 580;
    /** Colour per stack, the same in every chart; reactls in the strong blue. */
    private static final Map<String, Color> COLOURS = Map.of(
            Stacks.REACTLS, new Color(0x1f, 0x5f, 0xbf), Stacks.REACTLS_JCE, new Color(0x1f, 0x5f, 0xbf),
            Stacks.REACTLS_NATIVE, new Color(0x7b, 0x3f, 0xbf),
            Stacks.REACTLS_BC, new Color(0x6f, 0xa8, 0xdc), Stacks.RAW_JCE, new Color(0xd9, 0x82, 0x1e),
            Stacks.JDK, new Color(0xd9, 0x82, 0x1e), Stacks.BCJSSE, new Color(0x3a, 0x9a, 0x4a),
            Stacks.BORINGSSL, new Color(0xb0, 0x3a, 0x2e));

    private BenchCharts() {
    }

    /** Writes every chart of {@code results} under {@code dir}; returns the files (PNG and SVG). */
    public static List<Path> write(Path dir, List<BenchResult> results, List<JdkInfo> jdks) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (JdkInfo jdk : jdks) {
            List<BenchResult> mine = results.stream().filter(r -> r.jdk().equals(jdk.label()) && r.ok()).toList();
            for (BenchMode mode : List.of(BenchMode.CIPHER, BenchMode.RECORD)) {
                Map<String, List<BenchResult>> byChart = new LinkedHashMap<>();
                for (BenchResult r : mine) {
                    if (r.job().mode() == mode) {
                        String key = r.job().subject() + (r.job().variant().isEmpty() ? "" : "-" + r.job().variant());
                        byChart.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
                    }
                }
                for (Map.Entry<String, List<BenchResult>> c : byChart.entrySet()) {
                    BenchJob first = c.getValue().get(0).job();
                    String title = mode.id() + ": " + first.subject() + (first.variant().isEmpty() ? "" : ", " + first.variant() + " buffers");
                    JFreeChart chart = throughputChart(title, jdk.label(), c.getValue());
                    files.addAll(save(chart, dir, mode.id() + "-" + c.getKey() + "-jdk" + jdk.feature()));
                }
            }
            List<BenchResult> handshakes = mine.stream().filter(r -> r.job().mode() == BenchMode.HANDSHAKE).toList();
            if (!handshakes.isEmpty()) {
                files.addAll(save(handshakeChart(jdk.label(), handshakes), dir, "handshake-jdk" + jdk.feature()));
            }
        }
        return files;
    }

    static JFreeChart throughputChart(String title, String jdk, List<BenchResult> results) {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (BenchResult r : results) {
            series.computeIfAbsent(r.job().stack(), s -> new XYSeries(Stacks.label(s)))
                    .add(r.job().size(), r.megabytesPerSec());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        LogAxis x = new LogAxis("payload per operation (bytes, log scale)");
        x.setBase(2);
        x.setTickUnit(new NumberTickUnit(2));
        x.setNumberFormatOverride(new BytesFormat());
        x.setSmallestValue(16);
        LogAxis y = new LogAxis("throughput (MB/s, log scale)");
        y.setBase(10);
        y.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
        y.setSmallestValue(0.01);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        List<String> stacks = new ArrayList<>(series.keySet());
        for (int i = 0; i < stacks.size(); i++) {
            renderer.setSeriesPaint(i, COLOURS.getOrDefault(stacks.get(i), Color.GRAY));
            renderer.setSeriesStroke(i, new BasicStroke(stacks.get(i).startsWith(Stacks.REACTLS) ? 3f : 2f));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        style(plot);
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, true);
        chart.addSubtitle(new TextTitle(jdk + ": higher is better", new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    static JFreeChart handshakeChart(String jdk, List<BenchResult> results) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Set<String> stacks = new LinkedHashSet<>();
        results.forEach(r -> stacks.add(r.job().stack()));
        for (BenchResult r : results) {
            String category = HandshakeKind.valueOf(r.job().subject()).label() + " " + r.job().variant();
            data.addValue(r.opsPerSec(), Stacks.label(r.job().stack()), category);
        }
        CategoryAxis x = new CategoryAxis("handshake (client and server, chain and host name verified)");
        x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        NumberAxis y = new NumberAxis("handshakes/s");
        y.setNumberFormatOverride(new DecimalFormat("#,##0"));
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("#,##0")));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        int i = 0;
        for (String s : stacks) {
            renderer.setSeriesPaint(i++, COLOURS.getOrDefault(s, Color.GRAY));
        }
        CategoryPlot plot = new CategoryPlot(data, x, y, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("handshakes/s per stack", new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, true);
        chart.addSubtitle(new TextTitle(jdk + ": higher is better", new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static void style(XYPlot plot) {
        if (plot != null) {
            plot.setBackgroundPaint(Color.WHITE);
            plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
            plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
    }

    private static List<Path> save(JFreeChart chart, Path dir, String name) throws IOException {
        String safe = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        Path png = dir.resolve(safe + ".png");
        Path svg = dir.resolve(safe + ".svg");
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
        SVGUtils.writeToSVG(svg.toFile(), g.getSVGElement());
        return List.of(png, svg);
    }

    /** Axis labels as 64 B, 1 KiB, 16 KiB. */
    private static final class BytesFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
            long n = Math.round(number);
            return to.append(n >= 1024 && n % 1024 == 0 ? n / 1024 + " KiB" : n + " B");
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
            return format((double) number, to, pos);
        }

        /** Axis labels are only drawn, never read back, so there is nothing to parse. */
        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException("axis label formats are write-only");
        }
    }
}
